import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { cliSandbox } from './helpers';

const call = (callId: string, text: string) =>
  [
    { eventId: `${callId}:0`, callId, agentId: 'a', ts: 1_790_000_000_000, type: 'call.started' },
    { eventId: `${callId}:1`, callId, agentId: 'a', ts: 1_790_000_000_001, type: 'turn', role: 'user', text },
    { eventId: `${callId}:2`, callId, agentId: 'a', ts: 1_790_000_000_002, type: 'call.ended', outcome: { endReason: 'completed', resolved: true } },
  ]
    .map((e) => JSON.stringify(e))
    .join('\n');

/** What an attacker does: edit a section, recompute its sha-256 in the manifest, zip again, keep the old comment. */
function tamper(bundle: Uint8Array, keepComment: boolean): Uint8Array {
  const files = unzipSync(bundle);
  const calls = strFromU8(files['calls.ndjson']!).replace('my parcel is late', 'my parcel is early');
  files['calls.ndjson'] = strToU8(calls);
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { sections: Record<string, { sha256: string }> };
  manifest.sections.calls!.sha256 = createHash('sha256').update(files['calls.ndjson']).digest('hex');
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  const zipped = zipSync(files, { level: 1 });
  if (!keepComment) return zipped;
  // Move the original archive comment (the signature) onto the new zip.
  const eocd = Buffer.from(bundle).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const comment = bundle.subarray(eocd + 22);
  const out = Buffer.concat([Buffer.from(zipped), Buffer.from(comment)]);
  out.writeUInt16LE(comment.length, zipped.length - 2);
  return out;
}

describe('cli: bundles are signed with the workspace key', function () {
  this.timeout(300_000);
  let box: ReturnType<typeof cliSandbox>;
  beforeEach(async () => {
    box = cliSandbox('kaizen-bundle-sig-');
    writeFileSync(path.join(box.cwd, 'calls.jsonl'), `${call('c1', 'my parcel is late')}\n${call('c2', 'cancel my plan')}\n`);
    assert.equal((await box.run('import', 'calls.jsonl', '--store', 'k.db')).code, 0);
    assert.equal((await box.run('export', '--store', 'k.db', '--out', 'b.zip')).code, 0);
  });
  afterEach(() => box.dispose());

  it('a bundle from this workspace imports as signed: known, and says so', async () => {
    const r = await box.run('import-bundle', 'b.zip', '--store', 'copy.db', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /signed: known/);
    assert.equal((JSON.parse(r.stdout) as { signed: string }).signed, 'known');
  });

  it('an edited bundle with recomputed checksums is refused whatever the flags; the store is unchanged', async () => {
    const bytes = readFileSync(path.join(box.cwd, 'b.zip'));
    writeFileSync(path.join(box.cwd, 'forged.zip'), tamper(bytes, true));
    const r = await box.run('import-bundle', 'forged.zip', '--store', 'copy.db', '--allow-unsigned', '--trust-unknown-key');
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /does not match the signature/);
    // Refused before the store is opened: no store was created (and `stats` on a missing store is an error).
    assert.equal(existsSync(path.join(box.cwd, 'copy.db')), false);
    assert.equal((await box.run('stats', '--store', 'copy.db', '--json')).code, 2);
  });

  it('an unsigned bundle (signature stripped) is refused unless --allow-unsigned, and the decision is printed', async () => {
    const bytes = readFileSync(path.join(box.cwd, 'b.zip'));
    writeFileSync(path.join(box.cwd, 'stripped.zip'), tamper(bytes, false));
    const refused = await box.run('import-bundle', 'stripped.zip', '--store', 'copy.db');
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, /signed: unsigned.*refused/);
    const allowed = await box.run('import-bundle', 'stripped.zip', '--store', 'copy.db', '--allow-unsigned');
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stderr, /signed: unsigned; accepted because --allow-unsigned/);
  });

  it('a bundle signed by another workspace is unknown: refused unless --trust-unknown-key', async () => {
    const other = cliSandbox('kaizen-bundle-other-');
    try {
      writeFileSync(path.join(other.cwd, 'b.zip'), readFileSync(path.join(box.cwd, 'b.zip')));
      const refused = await other.run('import-bundle', 'b.zip', '--store', 'k.db');
      assert.equal(refused.code, 3, refused.stderr);
      assert.match(refused.stderr, /signed: unknown \(key [0-9a-f]{16}/);
      const trusted = await other.run('import-bundle', 'b.zip', '--store', 'k.db', '--trust-unknown-key', '--json');
      assert.equal(trusted.code, 0, trusted.stderr);
      assert.equal((JSON.parse(trusted.stdout) as { signed: string; callsInserted: number }).callsInserted, 2);
    } finally {
      other.dispose();
    }
  });
});
