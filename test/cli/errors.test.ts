import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorHistory } from '../engine/errors/history';
import { cliSandbox } from './helpers';
import type { CliSandbox } from './helpers';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** An OpenAI-style chat log record (no reward): an order looked up as shipped, then a refund about to be called. */
function pendingRefund(id: string, verified: boolean): string {
  const messages: object[] = [
    { role: 'user', content: 'I want my money back for order ORD-555' },
    { role: 'assistant', content: '', tool_calls: [{ id: `${id}-1`, type: 'function', function: { name: 'lookup_order', arguments: '{"order_id":"ORD-555"}' } }] },
    { role: 'tool', tool_call_id: `${id}-1`, name: 'lookup_order', content: '{"status":"shipped"}' },
  ];
  if (verified) {
    messages.push({ role: 'assistant', content: '', tool_calls: [{ id: `${id}-2`, type: 'function', function: { name: 'verify_identity', arguments: '{"email":"x"}' } }] });
    messages.push({ role: 'tool', tool_call_id: `${id}-2`, name: 'verify_identity', content: '{"status":"ok"}' });
  }
  messages.push({ role: 'assistant', content: '', tool_calls: [{ id: `${id}-3`, type: 'function', function: { name: 'issue_refund', arguments: '{"order_id":"ORD-555","amount":12}' } }] });
  return JSON.stringify({ id, messages });
}

describe('cli: kaizen errors fingerprint / learn / predict / fixtures', () => {
  let box: CliSandbox;
  let cwd: string;
  beforeEach(async () => {
    box = cliSandbox('kaizen-cli-errors-');
    ({ cwd } = box);
    writeFileSync(path.join(cwd, 'history.jsonl'), errorHistory().flat().map((e) => JSON.stringify(e)).join('\n') + '\n');
    const imported = await box.run('import', 'history.jsonl', '--store', 'k.db');
    assert.equal(imported.code, 0, imported.stderr);
  });
  afterEach(() => box.dispose());

  it('learn stores the catalog and rules and prints {fingerprints, rules}', async () => {
    const r = await box.run('errors', 'learn', '--store', 'k.db', '--json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { fingerprints: Array<Record<string, unknown>>; rules: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(out), ['fingerprints', 'rules']);
    for (const f of out.fingerprints) assert.deepEqual(Object.keys(f), ['id', 'template', 'tool', 'count', 'calls']);
    for (const x of out.rules) assert.deepEqual(Object.keys(x), ['id', 'fingerprint', 'text', 'support', 'precision']);
    const refund = out.fingerprints.find((f) => f.tool === 'issue_refund')!;
    assert.equal(refund.count, 4);
    assert.deepEqual(refund.calls, ['refund-1', 'refund-3', 'refund-5', 'refund-7']);
    const rule = out.rules.find((x) => x.fingerprint === refund.id)!;
    assert.match(rule.text as string, /verify_identity has not succeeded/);
    assert.deepEqual([rule.support, rule.precision], [4, 1]);
    // Stored: the artifacts list them, and a second run changes nothing.
    const arts = await box.run('artifact', 'list', '--store', 'k.db', '--json');
    assert.match(arts.stdout, /avoidance-rule:rule_/);
    const again = await box.run('errors', 'learn', '--store', 'k.db');
    assert.match(again.stdout, /0 new or changed, \d+ unchanged, 0 retired/);
    assert.match(again.stdout, /repeat rate per week: \d{4}-\d{2}-\d{2} \d+\.\d%/);
  });

  it('fingerprint: JSONL and text lines in input order with `known`; a bad line is named, the rest processed, exit 1', async () => {
    assert.equal((await box.run('errors', 'learn', '--store', 'k.db')).code, 0);
    writeFileSync(
      path.join(cwd, 'msgs.jsonl'),
      [
        JSON.stringify({ text: 'Refund refused: identity not verified for order ORD-999', tool: 'issue_refund' }),
        JSON.stringify({ tool: 'issue_refund' }),
        'Refund refused: identity not verified for order ORD-1',
        JSON.stringify({ text: 'Something new broke at 10:42', tool: 'issue_refund' }),
      ].join('\n'),
    );
    const before = digest(path.join(cwd, 'k.db'));
    const r = await box.run('errors', 'fingerprint', 'msgs.jsonl', '--store', 'k.db');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /msgs\.jsonl:2: "text" is missing; every record needs the error message as a "text" string/);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { fingerprint: string; template: string; known: boolean });
    assert.equal(lines.length, 3);
    for (const l of lines) assert.deepEqual(Object.keys(l), ['fingerprint', 'template', 'known']);
    assert.deepEqual(lines.map((l) => l.known), [true, true, false]);
    assert.equal(lines[0]!.template, 'Refund refused: identity not verified for order <*>');
    assert.equal(lines[2]!.template, 'Something new broke at <*>');
    assert.equal(digest(path.join(cwd, 'k.db')), before, 'the store is unchanged');
  });

  it('predict warns about each record\'s pending tool call, stores nothing, and names a bad record', async () => {
    assert.equal((await box.run('errors', 'learn', '--store', 'k.db')).code, 0);
    const learned = JSON.parse((await box.run('errors', 'learn', '--store', 'k.db', '--json')).stdout) as { rules: Array<{ id: string; fingerprint: string; text: string }> };
    const refundRule = learned.rules.find((x) => /issue_refund/.test(x.text))!;
    writeFileSync(path.join(cwd, 'live.jsonl'), [pendingRefund('live-a', false), '{"messages": "nope"}', pendingRefund('live-b', true)].join('\n') + '\n');
    const before = digest(path.join(cwd, 'k.db'));
    const r = await box.run('errors', 'predict', 'live.jsonl', '--store', 'k.db');
    assert.equal(r.code, 1, 'one bad record');
    assert.match(r.stderr, /live\.jsonl:2: messages/);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { callId: string; source: { file: string; index: number }; warnings: Array<{ fingerprint: string; probability: number; rule: string }> });
    assert.equal(lines.length, 2);
    for (const l of lines) assert.deepEqual(Object.keys(l), ['callId', 'source', 'warnings']);
    assert.deepEqual(lines.map((l) => l.source), [{ file: 'live.jsonl', index: 0 }, { file: 'live.jsonl', index: 2 }]);
    assert.deepEqual(lines[0]!.warnings.map((w) => [w.fingerprint, w.rule]), [[refundRule.fingerprint, refundRule.id]]);
    assert.ok(lines[0]!.warnings[0]!.probability > 0.5 && lines[0]!.warnings[0]!.probability <= 1);
    assert.deepEqual(lines[1]!.warnings, [], 'identity verified: no warning');
    assert.equal(digest(path.join(cwd, 'k.db')), before, 'nothing stored');
  });

  it('fixtures pass `kaizen test` while the detector warns, and fail once it no longer does', async () => {
    assert.equal((await box.run('errors', 'learn', '--store', 'k.db')).code, 0);
    const r = await box.run('errors', 'fixtures', '--out', 'fx', '--store', 'k.db', '--json');
    assert.equal(r.code, 0, r.stderr);
    const { fixtures } = JSON.parse(r.stdout) as { fixtures: Array<{ file: string; fingerprint: string; calls: string[] }> };
    assert.ok(fixtures.length >= 4, `one fixture per ruled fingerprint, got ${fixtures.length}`);
    assert.ok(readdirSync(path.join(cwd, 'fx')).some((f) => f.endsWith('.expect.json')));
    const pass = await box.run('test', 'fx', '--store', 'k.db', '--reporter', 'tap');
    assert.equal(pass.code, 0, pass.stdout + pass.stderr);
    // Outside the workspace (no store) the fixtures' own rules stand in.
    assert.equal((await box.run('test', 'fx', '--store', 'none.db')).code, 0);
    assert.ok(!existsSync(path.join(cwd, 'none.db')));

    // Writing them again changes nothing; a fixture someone edited is left as it is.
    assert.equal((await box.run('errors', 'fixtures', '--out', 'fx', '--store', 'k.db')).code, 0);
    const edited = path.join(cwd, fixtures[0]!.file);
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n`);
    const kept = await box.run('errors', 'fixtures', '--out', 'fx', '--store', 'k.db');
    assert.equal(kept.code, 1);
    assert.match(kept.stderr, /exists with other content and was left as it is/);
    assert.match(readFileSync(edited, 'utf8'), /\n\n$/);

    // The rules are gone (a detector that no longer warns): the fixture fails and says why.
    const refund = fixtures.find((f) => f.calls[0]!.startsWith('refund-'))!;
    const sidecar = path.join(cwd, refund.file.replace(/\.calls\.jsonl$/, '.expect.json'));
    const spec = JSON.parse(readFileSync(sidecar, 'utf8')) as { avoidanceRules: unknown[] };
    writeFileSync(sidecar, JSON.stringify({ ...spec, avoidanceRules: [] }));
    const fail = await box.run('test', refund.file, '--store', 'none.db');
    assert.equal(fail.code, 1);
    assert.match(fail.stdout, /not caught before the error: fp_[0-9a-f]+ at issue_refund .*no rule warned before the error \(no avoidance rule for it any more\)/);
  });
});
