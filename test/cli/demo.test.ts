import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox } from './helpers';

const FIXTURE = path.resolve(__dirname, '../fixtures/replay/support.calls.jsonl');

describe('cli: demo never deletes what it did not create', function () {
  this.timeout(300_000);
  let box: ReturnType<typeof cliSandbox>;
  beforeEach(() => (box = cliSandbox('kaizen-cli-demo-')));
  afterEach(() => box.dispose());

  /** The user's own workspace: a store with imported calls and the HMAC key file beside it. */
  async function userWorkspace(): Promise<{ store: Buffer; key: string }> {
    copyFileSync(FIXTURE, path.join(box.cwd, 'mine.calls.jsonl'));
    const imp = await box.run('import', 'mine.calls.jsonl');
    assert.equal(imp.code, 0, imp.stderr);
    const key = '{"kaizen.hmacKey":"' + 'ab'.repeat(32) + '"}\n';
    writeFileSync(path.join(box.cwd, '.kaizen', 'secrets.json'), key);
    return { store: readFileSync(path.join(box.cwd, '.kaizen', 'learning.db')), key };
  }

  it('refuses --out .kaizen when it holds the user\'s store and key, and leaves both intact', async () => {
    const before = await userWorkspace();
    const listing = readdirSync(path.join(box.cwd, '.kaizen')).sort();
    const r = await box.run('demo', '--count', '40', '--out', '.kaizen');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--out \.kaizen already holds files the demo did not create .*nothing was changed/);
    assert.deepEqual(readdirSync(path.join(box.cwd, '.kaizen')).sort(), listing);
    assert.ok(readFileSync(path.join(box.cwd, '.kaizen', 'learning.db')).equals(before.store), 'the store is byte for byte the same');
    assert.equal(readFileSync(path.join(box.cwd, '.kaizen', 'secrets.json'), 'utf8'), before.key);
    const stats = JSON.parse((await box.run('stats', '--json')).stdout);
    assert.equal(stats.calls, 3);
  });

  it('refuses to mix generated calls into an existing store it did not create (default store)', async () => {
    const before = await userWorkspace();
    const r = await box.run('demo', '--count', '40');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the store \.kaizen[/\\]learning\.db already exists and was not created by the demo/);
    assert.ok(readFileSync(path.join(box.cwd, '.kaizen', 'learning.db')).equals(before.store));
    assert.ok(!existsSync(path.join(box.cwd, '.kaizen', 'demo')), 'no demo folder was made');
  });

  it('refuses a non-empty folder of someone else\'s files', async () => {
    mkdirSync(path.join(box.cwd, 'notes'));
    writeFileSync(path.join(box.cwd, 'notes', 'todo.txt'), 'mine');
    const r = await box.run('demo', '--count', '40', '--out', 'notes');
    assert.equal(r.code, 2);
    assert.deepEqual(readdirSync(path.join(box.cwd, 'notes')), ['todo.txt']);
  });

  it('a demo marker vouches only for the files that demo made: a hand-written or copied marker does not open someone\'s folder', async () => {
    const first = await box.run('demo', '--count', '40', '--out', 'd');
    assert.equal(first.code, 0, first.stderr);
    const marker = JSON.parse(readFileSync(path.join(box.cwd, 'd', '.kaizen-demo.json'), 'utf8')) as { files: string[] };
    assert.ok(['calls', 'report.html', 'report.md', 'learning.db'].every((f) => marker.files.includes(f)), JSON.stringify(marker.files));
    // A marker copied into someone's folder (no list of files) vouches for nothing of theirs.
    mkdirSync(path.join(box.cwd, 'work'));
    writeFileSync(path.join(box.cwd, 'work', 'report.md'), 'my own report');
    writeFileSync(path.join(box.cwd, 'work', 'budget.xlsx'), 'numbers');
    writeFileSync(path.join(box.cwd, 'work', '.kaizen-demo.json'), JSON.stringify({ createdBy: 'kaizen demo', store: 'learning.db', storeCreatedByDemo: true, runs: 1 }));
    const forged = await box.run('demo', '--count', '40', '--out', 'work');
    assert.equal(forged.code, 2);
    assert.match(forged.stderr, /budget\.xlsx/);
    assert.equal(readFileSync(path.join(box.cwd, 'work', 'report.md'), 'utf8'), 'my own report');
  });

  it('fills the default store the extension opens; a second run reuses only what the demo made', async () => {
    // Seed 3: the fixture's calls come from seed 7, the demo's default.
    const first = await box.run('demo', '--count', '60', '--seed', '3');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /store\s+\.kaizen[/\\]learning\.db \(60 calls/);
    // Two nodes learn from each other's statistics: only kaizen.stats/1 crosses, no call.
    assert.match(first.stdout, /collective two nodes shared pattern statistics only \(kaizen\.stats\/1, k=10; 0 calls exchanged\)/);
    assert.match(first.stdout, /node-b 500 calls → \d+ shared/);
    // The error catalog and its avoidance rules, learned from the demo's calls and stored.
    assert.match(first.stdout, /errors\s+\d+ errors in [1-9]\d* fingerprints; [1-9]\d* avoidance rules/);
    assert.match(first.stdout, /rule \(support \d+, precision \d+ %\): Before calling /);
    const learned = JSON.parse((await box.run('errors', 'learn', '--json')).stdout) as { fingerprints: unknown[]; rules: unknown[] };
    assert.ok(learned.fingerprints.length > 0 && learned.rules.length > 0);
    // 60 calls are too few for any pattern to clear the improvement engine's evidence gate: no proposal,
    // so no experiment (an A/A test would only hold the traffic layer).
    assert.match(first.stdout, /improve\s+0 proposal\(s\) accepted/);
    assert.match(first.stdout, /experiment .*: not run — nothing to test/);
    assert.ok(existsSync(path.join(box.cwd, '.kaizen', 'demo', 'report.html')));
    assert.ok(existsSync(path.join(box.cwd, '.kaizen', 'demo', '.kaizen-demo.json')), 'the marker proves the folder is the demo\'s');
    // The user drops a file into the demo folder and imports their own calls into the (demo-made) store.
    writeFileSync(path.join(box.cwd, '.kaizen', 'demo', 'my-notes.md'), 'keep me');
    copyFileSync(FIXTURE, path.join(box.cwd, 'mine.calls.jsonl'));
    assert.equal((await box.run('import', 'mine.calls.jsonl')).code, 0);

    const second = await box.run('demo', '--count', '60', '--seed', '3', '--json');
    assert.equal(second.code, 0, second.stderr);
    const collective = (JSON.parse(second.stdout) as { collective: { callsExchanged: number; nodes: { node: string }[] } }).collective;
    assert.deepEqual([collective.callsExchanged, collective.nodes.map((n) => n.node)], [0, ['node-a', 'node-b']]);
    assert.equal(readFileSync(path.join(box.cwd, '.kaizen', 'demo', 'my-notes.md'), 'utf8'), 'keep me');
    const stats = JSON.parse((await box.run('stats', '--json')).stdout);
    assert.equal(stats.calls, 63, 'the user\'s 3 calls stay; the same generated calls are not stored twice');
    const demo = JSON.parse(second.stdout) as { report: { experiment: { decision: string } }; improvement: { diff: string } };
    assert.equal(demo.report.experiment.decision, 'not run');
    assert.equal(demo.improvement.diff.includes('kaizen:playbook'), false, 'no bullet was proposed, so the prompt is unchanged');
  });
});
