import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Conversation } from '../../../src/engine/model';
import { importFile } from '../../../src/engine/ingest';
import type { ImportOptions } from '../../../src/engine/ingest';
import { createComplianceValidator, createRedactor, withCompliance } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';
import { createRedactionPool } from '../../../src/node/redactionPool';
import { storedText } from '../../cli/helpers';

const T0 = 1_790_000_000_000;
const jsonl = (callId: string, from: number, turns: [string, string][], end = false) =>
  [
    ...(from === 0 ? [{ eventId: `${callId}:0`, callId, agentId: 'a', ts: T0, type: 'call.started' }] : []),
    ...turns.map(([role, text], i) => ({ eventId: `${callId}:${from + i + 1}`, callId, agentId: 'a', ts: T0 + (from + i + 1) * 1000, type: 'turn', role, text })),
    ...(end ? [{ eventId: `${callId}:end`, callId, agentId: 'a', ts: T0 + 60_000, type: 'call.ended', outcome: { endReason: 'completed', resolved: true } }] : []),
  ]
    .map((e) => JSON.stringify(e))
    .join('\n');
const texts = (c: Conversation | undefined) => c!.events.flatMap((e) => (e.type === 'turn' ? [e.text] : []));

describe('ingest: a later file merging into a stored call redacts the stored events with the names it teaches (as the live path does)', function () {
  this.timeout(120_000);
  let dir: string;
  let store: LearningStore;
  let opts: (extra?: Partial<ImportOptions>) => ImportOptions;
  const ports = createNodePorts();
  const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(7), hashing: ports.hashing });
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-merge-redaction-'));
    store = withCompliance(await openSqlStore({ ports }), createComplianceValidator({ mode: 'residual' }), { ports });
    opts = (extra = {}) => ({ ports, store, redactor, ...extra });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the rest of a call in a second file: "Leave it with Mette." stored first is redacted once "My name is Mette Zorbex." arrives', async () => {
    const first = await importFile(file('part1.jsonl', jsonl('split-1', 0, [['agent', 'Who should I leave the parcel with?'], ['user', 'Leave it with Mette.']])), opts());
    assert.equal(first.callsInserted, 1);
    assert.deepEqual(texts(await store.getConversation('split-1')), ['Who should I leave the parcel with?', 'Leave it with Mette.'], 'alone, "Mette" may be a brand');
    const second = await importFile(file('part2.jsonl', jsonl('split-1', 2, [['agent', 'And your name?'], ['user', 'My name is Mette Zorbex.']], true)), opts());
    assert.deepEqual([second.callsMerged, second.conflicted, second.rejected], [1, 0, 0]);
    assert.deepEqual(texts(await store.getConversation('split-1')), [
      'Who should I leave the parcel with?',
      'Leave it with [CUSTOMER_NAME_1].',
      'And your name?',
      'My name is [CUSTOMER_NAME_1].',
    ]);
    // A third import of either part changes nothing: no conflict, nothing un-redacted.
    const again = await importFile(path.join(dir, 'part1.jsonl'), opts());
    assert.deepEqual([again.callsUnchanged, again.conflicted], [1, 0]);
    assert.deepEqual(texts(await store.getConversation('split-1')).slice(0, 2), ['Who should I leave the parcel with?', 'Leave it with [CUSTOMER_NAME_1].']);
  });

  it('numbers a name learned later after the placeholders already stored: two people never share a number', async () => {
    await importFile(file('p1.jsonl', jsonl('split-2', 0, [['user', 'Hi, this is Grace Mensah.'], ['user', 'Leave it with Mette.']])), opts());
    assert.deepEqual(texts(await store.getConversation('split-2')), ['Hi, this is [CUSTOMER_NAME_1].', 'Leave it with Mette.']);
    await importFile(file('p2.jsonl', jsonl('split-2', 2, [['user', 'Her name is Mette Zorbex.']], true)), opts());
    assert.deepEqual(texts(await store.getConversation('split-2')), ['Hi, this is [CUSTOMER_NAME_1].', 'Leave it with [CUSTOMER_NAME_2].', 'Her name is [CUSTOMER_NAME_2].']);
  });

  it('the same call twice in one file (Retell call_ended and call_analyzed with a longer transcript), either order, with and without the worker pool', async () => {
    const call = (id: string, transcript: { role: string; content: string }[]) => ({
      call_id: id,
      agent_id: 'ag',
      start_timestamp: T0,
      end_timestamp: T0 + 60_000,
      disconnection_reason: 'user_hangup',
      transcript_object: transcript,
    });
    const early = [
      { role: 'agent', content: 'Who is the booking for?' },
      { role: 'user', content: 'For Tomasz, my husband.' },
    ];
    const later = [...early, { role: 'agent', content: 'And his full name?' }, { role: 'user', content: 'Tomasz Wierzbicki.' }];
    for (const pooled of [false, true]) {
      for (const analyzedFirst of [false, true]) {
        const id = `rc-${pooled}-${analyzedFirst}`;
        const bodies = [
          { event: 'call_ended', call: call(id, early) },
          { event: 'call_analyzed', call: { ...call(id, later), call_analysis: { call_successful: true } } },
        ];
        if (analyzedFirst) bodies.reverse();
        const pool = pooled ? createRedactionPool({ hmacKey: new Uint8Array(32).fill(7), size: 1 }) : undefined;
        try {
          const r = await importFile(file(`${id}.jsonl`, bodies.map((b) => JSON.stringify(b)).join('\n')), opts(pool ? { redactBatch: (calls) => pool.redactBatch(calls) } : {}));
          assert.deepEqual([r.callsInserted, r.callsMerged, r.conflicted], [1, 1, 0], `${id}: ${JSON.stringify(r.conflicts)}`);
          const stored = await store.getConversation(id);
          assert.doesNotMatch(JSON.stringify(stored), /tomasz/i, id);
          assert.equal(stored!.outcome?.resolved, true, `${id}: the analysis is kept`);
        } finally {
          await pool?.close();
        }
      }
    }
  });

  it('a call sealed into a segment file is found and redacted again too', async () => {
    const onDisk = await openSqlStore({ path: path.join(dir, 'sealed.db'), ports, saveDebounceMs: 60_000, segment: { hotMaxCalls: 4, sealCalls: 3 } });
    try {
      const o = opts({ store: onDisk });
      await importFile(file('first.jsonl', jsonl('a-sealed', 0, [['user', 'Leave it with Mette.']])), o);
      for (let i = 0; i < 6; i++) await importFile(file(`filler-${i}.jsonl`, jsonl(`filler-${i}`, 0, [['user', 'hello']])), o);
      const segments = path.join(dir, 'sealed.db.segments');
      const sealed = await Promise.all(readdirSync(segments).filter((f) => f.endsWith('.sqlite')).map((f) => storedText(path.join(segments, f))));
      assert.ok(sealed.some((tables) => tables.get('calls')!.includes('a-sealed')), 'the first call was sealed');
      assert.deepEqual([...(await onDisk.storedCallIds(['a-sealed', 'nope']))], ['a-sealed']);
      await importFile(file('second.jsonl', jsonl('a-sealed', 1, [['user', 'My name is Mette Zorbex.']], true)), o);
      assert.deepEqual(texts(await onDisk.getConversation('a-sealed')), ['Leave it with [CUSTOMER_NAME_1].', 'My name is [CUSTOMER_NAME_1].']);
    } finally {
      await onDisk.close();
    }
  });

  it('a changed copy of a stored event is still a conflict, never applied', async () => {
    await importFile(file('v1.jsonl', jsonl('c-conf', 0, [['user', 'my order is late']])), opts());
    const r = await importFile(file('v2.jsonl', jsonl('c-conf', 0, [['user', 'my order never came'], ['user', 'My name is Mette Zorbex.']])), opts());
    assert.equal(r.conflicted, 1);
    assert.deepEqual(texts(await store.getConversation('c-conf')), ['my order is late']);
  });
});
