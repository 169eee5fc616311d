import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox } from './helpers';

const tau = (taskId: number, reward: number, user: string) => ({
  task_id: taskId,
  trial: 0,
  reward,
  traj: [
    { role: 'user', content: user },
    { role: 'assistant', content: 'Done.' },
  ],
});

const call = (callId: string, text: string) =>
  [
    { eventId: `${callId}:0`, callId, agentId: 'a', ts: 1_790_000_000_000, type: 'call.started' },
    { eventId: `${callId}:1`, callId, agentId: 'a', ts: 1_790_000_000_001, type: 'turn', role: 'user', text },
    { eventId: `${callId}:2`, callId, agentId: 'a', ts: 1_790_000_000_002, type: 'call.ended', outcome: { endReason: 'completed' } },
  ]
    .map((e) => JSON.stringify(e))
    .join('\n');

describe('cli: import never overwrites a stored call silently', () => {
  let box: ReturnType<typeof cliSandbox>;
  beforeEach(() => (box = cliSandbox('kaizen-import-trust-')));
  afterEach(() => box.dispose());

  it('kaizen import f1.json f2.json with a shared first record keeps both files’ calls intact', async () => {
    const shared = tau(1, 1, 'cancel my trip');
    writeFileSync(path.join(box.cwd, 'f1.json'), JSON.stringify([shared, tau(2, 1, 'change my seat')]));
    writeFileSync(path.join(box.cwd, 'f2.json'), JSON.stringify([shared, tau(3, 0, 'lost bag')]));
    const r = await box.run('import', 'f1.json', 'f2.json', '--store', 'k.db');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /f2\.json \[openai-messages\]: 2 calls imported \(1 new, 0 merged, 1 already stored\)/);
    const calls = (await box.run('calls', '--store', 'k.db', '--json')).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { source: { externalId: string }; outcome: { resolved: boolean } });
    assert.deepEqual(calls.map((c) => [c.source.externalId, c.outcome.resolved]).sort(), [['1', true], ['2', true], ['3', false]]);
  });

  it('a conflicting re-import is reported with file, call and field, exits 1, and leaves the store as it was', async () => {
    writeFileSync(path.join(box.cwd, 'v1.jsonl'), call('c1', 'my order is late'));
    writeFileSync(path.join(box.cwd, 'v2.jsonl'), call('c1', 'my order never came'));
    assert.equal((await box.run('import', 'v1.jsonl', '--store', 'k.db')).code, 0);
    const r = await box.run('import', 'v2.jsonl', '--store', 'k.db');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /v2\.jsonl conflict: call c1 turn\.text/);
    assert.match(r.stderr, /1 calls in conflict with the store/);
    const json = await box.run('import', 'v2.jsonl', '--store', 'k.db', '--json');
    const report = (JSON.parse(json.stdout) as { reports: { conflicted: number; conflicts: { callId: string; field: string }[] }[] }).reports[0]!;
    assert.deepEqual([report.conflicted, report.conflicts[0]!.callId, report.conflicts[0]!.field], [1, 'c1', 'turn.text']);
    const again = await box.run('import', 'v1.jsonl', '--store', 'k.db');
    assert.equal(again.code, 0, 'an identical re-import is a duplicate');
  });
});
