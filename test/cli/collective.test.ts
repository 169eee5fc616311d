import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Pattern } from '../../src/engine/model';
import { openSqlStore } from '../../src/engine/store';
import { createNodePorts } from '../../src/node/nodePorts';
import type { CliSandbox } from './helpers';
import { cliSandbox } from './helpers';

function pattern(trigger: string, strategy: string, support: number, successes: number): Pattern {
  return { id: `${trigger}-${strategy}`, intent: 'billing', trigger, strategy, support, successes, successRate: successes / support, confidence: { low: 0, high: 1, level: 0.95, method: 'wilson' }, lift: 0, liftPValue: 1, exampleCallIds: [], updatedAt: 0 };
}

async function seedStore(sb: CliSandbox, patterns: Pattern[]): Promise<void> {
  const store = await openSqlStore({ path: path.join(sb.cwd, '.kaizen', 'learning.db'), ports: createNodePorts() });
  await store.saveArtifact({ artifactId: 'strategy:billing', payload: { kind: 'strategy', intent: 'billing', ranking: [{ strategy: 'explain the fee', successRate: 0.8, lift: 0.2, support: 300 }] }, title: 'Billing: explain the fee first' });
  await store.replacePatterns(patterns);
  await store.close();
}

/** `kaizen serve --hub` as its own process (killed with SIGTERM at the end): resolves with its first stdout line. */
function serveHub(sb: CliSandbox, ...argv: string[]): { child: ChildProcess; first: Promise<{ hub: string; http: string; quorum: number; trusted: number }> } {
  const main = path.resolve(__dirname, '../../src/cli/main');
  const script = `require(${JSON.stringify(require.resolve('tsx/cjs'))});require(${JSON.stringify(main)}).runCli(process.argv.slice(1)).then((c)=>{process.exitCode=c;})`;
  const child = spawn(process.execPath, ['-e', script, 'serve', '--hub', ...argv], { cwd: sb.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const first = new Promise<{ hub: string; http: string; quorum: number; trusted: number }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { hub: string; http: string; quorum: number; trusted: number }));
    child.once('exit', (code) => reject(new Error(`serve --hub exited ${code}: ${stderr}`)));
  });
  return { child, first };
}

describe('kaizen keys | artifact pack/sign/submit/adopt | serve --hub | stats export/merge/fleet', function () {
  this.timeout(120_000);
  let sb: CliSandbox;
  const children: ChildProcess[] = [];
  beforeEach(() => (sb = cliSandbox('kaizen-collective-')));
  afterEach(async () => {
    for (const c of children.splice(0)) {
      const exited = new Promise<number | null>((resolve) => (c.exitCode !== null ? resolve(c.exitCode) : c.once('exit', (code) => resolve(code))));
      c.kill('SIGTERM');
      // The hub stops cleanly on SIGTERM (its store saved and closed).
      assert.equal(await exited, 0);
    }
    sb.dispose();
  });

  it('keys init writes a 0600 key once and prints {keyId, publicKey}; keys trust lists public halves only', async () => {
    const made = await sb.run('keys', 'init', '--out', 'alice');
    assert.equal(made.code, 0, made.stderr);
    const printed = JSON.parse(made.stdout) as { keyId: string; publicKey: string };
    assert.deepEqual(Object.keys(printed), ['keyId', 'publicKey']);
    assert.equal(Buffer.from(printed.publicKey, 'base64url').length, 32);
    const file = path.join(sb.cwd, 'alice', 'kaizen-signing-key.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const before = readFileSync(file, 'utf8');
    const again = await sb.run('keys', 'init', '--out', 'alice');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /never overwrites/);
    assert.equal(readFileSync(file, 'utf8'), before);
    const trust = await sb.run('keys', 'trust', 'alice');
    assert.deepEqual(JSON.parse(trust.stdout), { keys: [printed] });
  });

  it('pack → submit to a real `serve --hub` process → adopt by a second key reaches quorum 2; a tampered file is refused by field', async () => {
    await seedStore(sb, [pattern('disputed charge', 'explain the fee', 40, 30)]);
    for (const who of ['alice', 'bob', 'carol']) assert.equal((await sb.run('keys', 'init', '--out', who)).code, 0);
    writeFileSync(path.join(sb.cwd, 'trust.json'), (await sb.run('keys', 'trust', 'alice', 'bob')).stdout);
    const hub = serveHub(sb, '--quorum', '2', '--trust', 'trust.json', '--hub-store', 'hub.db');
    children.push(hub.child);
    const first = await hub.first;
    assert.match(first.hub, /^ws:\/\/127\.0\.0\.1:\d+\/v1\/hub$/);
    assert.deepEqual([first.quorum, first.trusted], [2, 2]);

    const packed = await sb.run('artifact', 'pack', '--id', 'strategy:billing', '--key', 'alice', '--out', 'env.json');
    assert.equal(packed.code, 0, packed.stderr);
    const env = JSON.parse(readFileSync(path.join(sb.cwd, 'env.json'), 'utf8')) as { hash: string; payload: { artifactId: string; version: number } };
    assert.deepEqual([env.payload.artifactId, env.payload.version], ['strategy:billing', 1]);
    const submitted = await sb.run('artifact', 'submit', 'env.json', '--hub', first.http);
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.deepEqual(JSON.parse(submitted.stdout).status, 'pending');
    const byCarol = await sb.run('artifact', 'adopt', 'env.json', '--hub', first.http, '--key', 'carol');
    assert.equal(byCarol.code, 1);
    assert.match(byCarol.stderr, /hub refused \(403\): keyId: untrusted signer/);
    // The reference agent subscribes (verifying envelopes against the same trust file) and exits once it applied one.
    const agent = sb.run('serve', '--subscribe', first.hub, '--trust', 'trust.json', '--agent-id', 'agent-7', '--count', '1', '--until-applied', '1', '--log', 'agent.jsonl');
    const byBob = await sb.run('artifact', 'adopt', 'env.json', '--hub', first.http, '--key', 'bob');
    assert.equal(byBob.code, 0, byBob.stderr);
    assert.equal((JSON.parse(byBob.stdout) as { status: string; signers: string[] }).status, 'adopted');
    // Statistics travel through the same hub: submitted signed, pulled merged.
    writeFileSync(path.join(sb.cwd, 'b.json'), JSON.stringify({ kind: 'kaizen.stats/1', k: 10, contributions: { 'node-b': { version: 1, patterns: { 'billing | disputed charge | explain the fee': { n: 30, successes: 20 } } } }, totals: {} }));
    assert.deepEqual(JSON.parse((await sb.run('stats', 'submit', 'b.json', '--hub', first.http, '--key', 'alice')).stdout), { kept: ['node-b'], ignored: [] });
    const pulled = JSON.parse((await sb.run('stats', 'pull', '--hub', first.http)).stdout) as { totals: Record<string, { n: number }> };
    assert.equal(pulled.totals['billing | disputed charge | explain the fee']!.n, 30);
    const served = await agent;
    assert.equal(served.code, 0, served.stderr);
    assert.match(served.stderr, /hub adopt: strategy:billing v1 \(live: v1\)/);
    const logged = readFileSync(path.join(sb.cwd, 'agent.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; hash?: string });
    assert.deepEqual(logged.filter((l) => l.kind === 'hub-artifact').map((l) => l.hash), [env.hash]);
    let applied: string[] = [];
    for (let i = 0; i < 300 && applied.length === 0; i++) {
      applied = (JSON.parse((await sb.run('artifact', 'status', env.hash, '--hub', first.http)).stdout) as { applied: string[] }).applied;
      if (applied.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(applied, ['agent-7']);

    // sign adds a second signature locally; a changed payload is refused before anything is sent.
    const signed = await sb.run('artifact', 'sign', 'env.json', '--key', 'bob');
    assert.equal((JSON.parse(signed.stdout) as { signatures: unknown[] }).signatures.length, 2);
    const tampered = JSON.parse(readFileSync(path.join(sb.cwd, 'env.json'), 'utf8')) as { payload: { title: string } };
    tampered.payload.title = 'something else';
    writeFileSync(path.join(sb.cwd, 'tampered.json'), JSON.stringify(tampered));
    const refused = await sb.run('artifact', 'submit', 'tampered.json', '--hub', first.http);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /tampered\.json: hash: does not match/);
  });

  it('serve --hub without --trust, or with a quorum above the trusted keys, is a usage error', async () => {
    const noTrust = await sb.run('serve', '--hub');
    assert.equal(noTrust.code, 2);
    assert.match(noTrust.stderr, /--hub needs --trust/);
    assert.equal((await sb.run('keys', 'init', '--out', 'alice')).code, 0);
    writeFileSync(path.join(sb.cwd, 'trust.json'), (await sb.run('keys', 'trust', 'alice')).stdout);
    const high = await sb.run('serve', '--hub', '--trust', 'trust.json', '--quorum', '3');
    assert.equal(high.code, 2);
    assert.match(high.stderr, /--quorum 3 is more than the 1 key/);
  });

  it('stats export (k withheld, versions rise, journaled) → merge of two nodes → fleet view; another kind is refused by name', async () => {
    await seedStore(sb, [pattern('disputed charge', 'offer refund', 100, 30), pattern('disputed charge', 'explain the fee', 4, 3)]);
    const first = await sb.run('stats', 'export', '--node', 'node-a', '--k', '10', '--out', 'a1.json');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /1 below k=10 withheld/);
    const a1 = JSON.parse(readFileSync(path.join(sb.cwd, 'a1.json'), 'utf8')) as { kind: string; k: number; contributions: Record<string, { version: number; patterns: Record<string, unknown> }> };
    assert.deepEqual([a1.kind, a1.k, Object.keys(a1.contributions['node-a']!.patterns)], ['kaizen.stats/1', 10, ['billing | disputed charge | offer refund']]);
    const second = await sb.run('stats', 'export', '--node', 'node-a', '--k', '10');
    assert.equal((JSON.parse(second.stdout) as typeof a1).contributions['node-a']!.version, 2);
    writeFileSync(path.join(sb.cwd, 'a2.json'), second.stdout);
    const b = { kind: 'kaizen.stats/1', k: 10, contributions: { 'node-b': { version: 1, patterns: { 'billing | disputed charge | offer refund': { n: 200, successes: 120 }, 'billing | disputed charge | explain the fee': { n: 300, successes: 240 } } } }, totals: {} };
    writeFileSync(path.join(sb.cwd, 'b.json'), JSON.stringify(b));
    const merged = await sb.run('stats', 'merge', 'a1.json', 'b.json', 'a2.json', '--out', 'fleet.json');
    assert.equal(merged.code, 0, merged.stderr);
    const fleet = JSON.parse(readFileSync(path.join(sb.cwd, 'fleet.json'), 'utf8')) as { contributions: Record<string, { version: number }>; totals: Record<string, { n: number; successes: number }> };
    assert.equal(fleet.contributions['node-a']!.version, 2);
    assert.deepEqual(fleet.totals['billing | disputed charge | offer refund'], { n: 300, successes: 150 });
    const view = await sb.run('stats', 'fleet', 'fleet.json', '--node', 'node-a');
    assert.equal(view.code, 0, view.stderr);
    assert.match(view.stdout, /explain the fee {2}\(own 0 calls; seen on 1 agent, 300 calls\)/);
    assert.match(view.stdout, /underperforms: billing › disputed charge › offer refund: 30% here vs 60% on 1 other node/);
    writeFileSync(path.join(sb.cwd, 'envelope.json'), JSON.stringify({ kind: 'kaizen.artifact/1', hash: 'x', payload: {}, signatures: [] }));
    const wrong = await sb.run('stats', 'merge', 'a1.json', 'envelope.json');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /envelope\.json: kind: is "kaizen\.artifact\/1", not "kaizen\.stats\/1"/);
  });
});
