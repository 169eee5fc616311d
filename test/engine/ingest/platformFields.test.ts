import assert from 'node:assert/strict';
import { attachTurnLatencies, cents, toolOutputFailed, turnsFromTranscriptText } from '../../../src/engine/ingest/adapters/platformFields';
import type { EventDraft } from '../../../src/engine/ingest/adapters/common';
import { callOutcomeOf } from '../../../src/engine/model';
import type { ConversationEvent } from '../../../src/engine/model';

describe('ingest: platform field helpers', () => {
  it('tells a failed tool output from a good one', () => {
    for (const failed of ['{"error":"service unavailable"}', { error: { code: 503 } }, { successful: false }, { ok: false }, '{"status":"failed"}', 'Error: no seats', 'error looking up the order'])
      assert.equal(toolOutputFailed(failed), true, JSON.stringify(failed));
    for (const ok of ['{"error":null}', '{"error":""}', { error: {} }, { result: 'ok', errors: 0 }, 'No errors found', '{"status":"ok"}', '{not json', 'Your order shipped'])
      assert.equal(toolOutputFailed(ok), false, JSON.stringify(ok));
  });

  it('splits a transcript string at speaker labels; continuation lines join the turn; no labels gives no turns', () => {
    const turns = turnsFromTranscriptText('AI: Hello there.\nUser: I need help\nwith my bill.\nAgent: Sure.\n');
    assert.deepEqual(turns.map((t) => t.type === 'turn' && [t.role, t.text]), [
      ['agent', 'Hello there.'],
      ['user', 'I need help with my bill.'],
      ['agent', 'Sure.'],
    ]);
    assert.deepEqual(turnsFromTranscriptText('no speakers here'), []);
  });

  it('gives turn latencies to the replies that answer the caller, not to the greeting', () => {
    const drafts: EventDraft[] = [
      { type: 'turn', role: 'agent', text: 'hi' },
      { type: 'turn', role: 'user', text: 'a' },
      { type: 'tool.called', toolCallId: 't', name: 'x', arguments: {} },
      { type: 'turn', role: 'agent', text: 'b' },
      { type: 'turn', role: 'agent', text: 'c' },
      { type: 'turn', role: 'user', text: 'd' },
      { type: 'turn', role: 'agent', text: 'e' },
    ];
    attachTurnLatencies(drafts, [{ turnMs: 900 }, { turnMs: 1200 }]);
    assert.deepEqual(drafts.map((d) => (d.type === 'turn' ? d.latency?.turnMs : undefined)), [undefined, undefined, undefined, 900, undefined, undefined, 1200]);
  });

  it('keeps cents as sent beside the USD amount', () => {
    assert.deepEqual(cents(7.5), { usd: 0.075, raw: 7.5, rawUnit: 'cents' });
  });

  it('merges the outcomes of two reports of one call whatever their order, a later unknown end reason hiding nothing', () => {
    const base = { callId: 'c', agentId: 'a', type: 'call.ended' as const };
    const ended: ConversationEvent = { ...base, eventId: 'c:ended', ts: 10, outcome: { endReason: 'transfer', transferred: true, durationMs: 5 } };
    const analyzed: ConversationEvent = { ...base, eventId: 'c:analyzed', ts: 11, outcome: { endReason: 'unknown', resolved: true } };
    for (const events of [[ended, analyzed], [analyzed, ended]]) {
      assert.deepEqual(callOutcomeOf(events), { endReason: 'transfer', transferred: true, durationMs: 5, resolved: true });
    }
  });
});
