import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../../../src/engine/ingest';
import type { ImportOptions } from '../../../src/engine/ingest';
import type { EnginePorts } from '../../../src/engine/ports';
import { createComplianceValidator, createRedactor, withCompliance } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';

const tau = (taskId: number, reward: number, user: string) => ({
  task_id: taskId,
  trial: 0,
  reward,
  traj: [
    { role: 'system', content: 'You are an airline agent.' },
    { role: 'user', content: user },
    { role: 'assistant', content: 'Done.' },
  ],
});

const events = (callId: string, text: string, extra: Record<string, unknown> = {}) =>
  [
    { eventId: `${callId}:0`, callId, agentId: 'a', ts: 1_790_000_000_000, type: 'call.started' },
    { eventId: `${callId}:1`, callId, agentId: 'a', ts: 1_790_000_000_001, type: 'turn', role: 'user', text, ...extra },
    { eventId: `${callId}:2`, callId, agentId: 'a', ts: 1_790_000_000_002, type: 'call.ended', outcome: { endReason: 'completed', resolved: true } },
  ]
    .map((e) => JSON.stringify(e))
    .join('\n');

describe('ingest: call identity and merges (nothing stored is changed silently)', () => {
  let dir: string;
  let ports: EnginePorts;
  let store: LearningStore;
  let opts: (extra?: Partial<ImportOptions>) => ImportOptions;
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-identity-'));
    ports = createNodePorts();
    store = await openSqlStore({ ports });
    const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(7), hashing: ports.hashing });
    opts = (extra = {}) => ({ ports, store, redactor, ...extra });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two τ-bench files sharing their first record keep every call intact', async () => {
    const shared = tau(1, 1, 'I want to cancel.');
    const f1 = file('f1.json', JSON.stringify([shared, tau(2, 1, 'Change my seat please.')]));
    const f2 = file('f2.json', JSON.stringify([shared, tau(3, 0, 'Where is my bag?')]));
    const r1 = await importFile(f1, opts());
    const r2 = await importFile(f2, opts());
    assert.equal(r1.callsInserted, 2);
    // The shared run is the same call (a duplicate); the other run of f2 is a new call, not a merge.
    assert.deepEqual([r2.callsInserted, r2.callsMerged, r2.callsUnchanged, r2.conflicted], [1, 0, 1, 0]);
    const calls = await store.listCalls();
    assert.equal(calls.length, 3);
    const bySeat = calls.find((c) => c.source?.externalId === '2')!;
    assert.equal(bySeat.outcome?.resolved, true, 'the earlier call keeps its outcome');
    assert.equal(bySeat.eventCount, 4);
    assert.equal(calls.find((c) => c.source?.externalId === '3')!.outcome?.resolved, false);
  });

  it('a repeated run inside one file stays two calls; a re-import of either file is all duplicates', async () => {
    const run = tau(5, 1, 'Hello.');
    const f = file('twice.json', JSON.stringify([run, run]));
    const first = await importFile(f, opts());
    assert.equal(first.callsInserted, 2);
    const again = await importFile(f, opts());
    assert.deepEqual([again.callsInserted, again.callsUnchanged, again.conflicted], [0, 2, 0]);
  });

  it('USS and message-log ids do not depend on the first record either', async () => {
    const a = file('a.jsonl', [{ messages: [{ role: 'user', content: 'one' }] }, { messages: [{ role: 'user', content: 'two' }] }].map((x) => JSON.stringify(x)).join('\n'));
    const b = file('b.jsonl', [{ messages: [{ role: 'user', content: 'one' }] }, { messages: [{ role: 'user', content: 'three' }] }].map((x) => JSON.stringify(x)).join('\n'));
    await importFile(a, opts());
    await importFile(b, opts());
    assert.equal(await store.countCalls(), 3);
    const u1 = file('u1.txt', 'USER\thi\t\t3\nSYSTEM\thello\t\t\n\nUSER\tbye\t\t2\nSYSTEM\tok\t\t\n');
    const u2 = file('u2.txt', 'USER\thi\t\t3\nSYSTEM\thello\t\t\n\nUSER\tnope\t\t1\nSYSTEM\tsorry\t\t\n');
    await importFile(u1, opts());
    await importFile(u2, opts());
    assert.equal(await store.countCalls(), 6);
  });

  it('a conflicting re-import (same ids, different content) is reported per file with the field, and never applied', async () => {
    await importFile(file('v1.jsonl', events('c1', 'my order is late')), opts());
    const before = await store.getConversation('c1');
    const r = await importFile(file('v2.jsonl', events('c1', 'my order never came')), opts());
    assert.equal(r.conflicted, 1);
    assert.equal(r.calls, 0);
    assert.deepEqual(
      r.conflicts.map((c) => [c.file.endsWith('v2.jsonl'), c.callId, c.eventId, c.field]),
      [[true, 'c1', 'c1:1', 'turn.text']],
    );
    assert.deepEqual(await store.getConversation('c1'), before, 'the stored call is unchanged');
  });

  it('a merge adds what a platform sends later: the analysed outcome wins whichever arrives first', async () => {
    const call = { call_id: 'rc-1', agent_id: 'ag', start_timestamp: 1_790_000_100_000, end_timestamp: 1_790_000_160_000, disconnection_reason: 'user_hangup', transcript_object: [{ role: 'user', content: 'refund please' }, { role: 'agent', content: 'done' }] };
    const ended = file('ended.json', JSON.stringify({ event: 'call_ended', call }));
    const analyzed = file('analyzed.json', JSON.stringify({ event: 'call_analyzed', call: { ...call, call_analysis: { call_successful: true } } }));
    const a = await importFile(analyzed, opts());
    const e = await importFile(ended, opts());
    assert.equal(a.callsInserted, 1);
    assert.deepEqual([e.callsMerged, e.conflicted], [1, 0]);
    const stored = await store.getConversation('rc-1');
    assert.equal(stored!.outcome?.resolved, true, 'a late call_ended does not undo the analysis');
  });

  it('counts what the privacy gate let through: a refused call is a rejection, not an import', async () => {
    const gated = withCompliance(store, createComplianceValidator({ mode: 'residual' }), { ports });
    const text = [events('ok', 'hello'), events('leak', 'hello', { annotations: { note: 'write to jane.roe@example.org' } })].join('\n');
    const r = await importFile(file('gate.jsonl', text), opts({ store: gated }));
    assert.equal(r.calls, await store.countCalls());
    assert.equal(r.calls + r.rejected, 2);
    assert.equal(r.callsInserted, r.calls);
  });

  it('a failed save reports 0 stored and the error', async () => {
    const failing: EnginePorts = {
      ...ports,
      fs: {
        ...ports.fs,
        // The disk is full when the store file itself is written (the lock file was written before).
        writeFileAtomic: (p, data) =>
          p.endsWith('full.db') ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })) : ports.fs.writeFileAtomic(p, data),
      },
    };
    await (await openSqlStore({ path: path.join(dir, 'full.db'), ports })).close();
    const onDisk = await openSqlStore({ path: path.join(dir, 'full.db'), ports: failing });
    try {
      const r = await importFile(file('c.jsonl', events('c9', 'hello')), opts({ ports: failing, store: onDisk }));
      assert.equal(r.calls, 0);
      assert.equal(r.callsInserted, 0);
      assert.match(r.saveError ?? '', /ENOSPC/);
    } finally {
      await onDisk.close().catch(() => undefined);
    }
  });
});
