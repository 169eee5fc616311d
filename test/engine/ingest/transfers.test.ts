import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../../../src/engine/ingest';
import type { ImportOptions } from '../../../src/engine/ingest';
import { callMetricsOf } from '../../../src/engine/model';
import { createComplianceValidator, createRedactor, withCompliance } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';

// Shapes from docs.retellai.com/features/webhook-overview ("full call data plus transfer_destination and
// transfer_option") and Vapi's ServerMessageTransferUpdate (destination, toAssistant, timestamp, call).
describe('ingest: transfer webhooks become transfers on their call', () => {
  let dir: string;
  let store: LearningStore;
  let opts: () => ImportOptions;
  const ports = createNodePorts();
  const file = (name: string, lines: unknown[]) => {
    const p = path.join(dir, name);
    writeFileSync(p, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return p;
  };
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-transfers-'));
    const raw = await openSqlStore({ ports });
    store = withCompliance(raw, createComplianceValidator({ mode: 'residual' }), { ports });
    const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(7), hashing: ports.hashing });
    opts = () => ({ ports, store, redactor });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Retell transfer_started/bridged/ended, before or after call_ended, add their statuses and times; the number is redacted', async () => {
    const start = 1_790_000_100_000;
    const call = {
      call_id: 'rt-1',
      agent_id: 'ag',
      start_timestamp: start,
      transcript_object: [
        { role: 'user', content: 'I want a person', words: [{ start: 0.5, end: 1.5 }] },
        { role: 'agent', content: 'Transferring you now', words: [{ start: 2, end: 3.25 }] },
      ],
    };
    const webhooks = [
      { event: 'transfer_started', call, transfer_destination: '+14155550123', transfer_option: { type: 'warm_transfer' } },
      { event: 'transfer_bridged', call: { ...call, transfer_destination: '+14155550123' } },
      { event: 'call_ended', call: { ...call, end_timestamp: start + 60_000, disconnection_reason: 'transfer_bridged', transfer_destination: '+14155550123' } },
      { event: 'transfer_ended', call: { ...call, transfer_end_timestamp: start + 90_000 } },
    ];
    const r = await importFile(file('retell.jsonl', webhooks), opts());
    assert.equal(r.rejected, 0, JSON.stringify(r.rejections));
    assert.equal(r.skipped ?? 0, 0, 'no transfer webhook is skipped');
    const stored = await store.getConversation('rt-1');
    assert.ok(stored);
    const transfers = callMetricsOf(stored.events)?.transfers ?? [];
    assert.deepEqual(
      transfers.map((t) => [t.status, t.at, t.mode]),
      [
        ['bridged', start + 3250, undefined], // the call_ended summary, timed by the bridged webhook
        ['started', start + 3250, 'warm_transfer'],
        ['ended', start + 90_000, undefined],
      ],
    );
    const markers = stored.events.filter((e) => e.type === 'turn' && e.role === 'system').map((e) => (e.type === 'turn' ? e.text : ''));
    assert.equal(markers.length, 3);
    for (const text of markers) assert.doesNotMatch(text, /4155550123/, 'the destination number is redacted like any number');
    assert.ok(markers.some((t) => /^\[transfer started to \[PHONE/.test(t)), markers.join(' | '));
    assert.equal(stored.events.filter((e) => e.type === 'turn' && e.role !== 'system').length, 2, 'the transcript is stored once (from call_ended)');
  });

  it('Vapi transfer-update adds a transfer to the call its end-of-call report describes', async () => {
    const ts = Date.parse('2026-09-30T12:00:40.000Z');
    const lines = [
      { message: { type: 'transfer-update', timestamp: ts, destination: { type: 'assistant', assistantName: 'Billing Specialist' }, call: { id: 'vp-1', assistantId: 'as-1' } } },
      {
        message: {
          type: 'end-of-call-report',
          endedReason: 'assistant-forwarded-call',
          startedAt: '2026-09-30T12:00:00.000Z',
          endedAt: '2026-09-30T12:01:30.000Z',
          call: { id: 'vp-1', assistantId: 'as-1' },
          artifact: { messages: [{ role: 'user', message: 'billing question', time: ts - 30_000 }, { role: 'bot', message: 'Let me transfer you', time: ts - 20_000 }] },
        },
      },
    ];
    const r = await importFile(file('vapi.jsonl', lines), opts());
    assert.equal(r.rejected, 0, JSON.stringify(r.rejections));
    const stored = await store.getConversation('vp-1');
    const transfers = callMetricsOf(stored!.events)?.transfers ?? [];
    assert.deepEqual(transfers, [{ status: 'transferred', mode: 'assistant', at: ts }]);
    assert.ok(stored!.events.some((e) => e.type === 'turn' && e.text === '[transfer transferred to Billing Specialist]'));
  });
});
