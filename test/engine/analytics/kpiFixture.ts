/**
 * Seven hand-made calls whose KPIs are computed by hand in kpis.test.ts. Each call exercises one
 * rule of issue 18 (platform verdict over analyzer, Vapi grade, τ-bench reward, cancelled transfer,
 * per-turn vs listed latency, version from events, month by call start).
 */
import { ConversationEventSchema, assembleConversation } from '../../../src/engine/model';
import type { Conversation, ConversationEventInput } from '../../../src/engine/model';
import type { AnalyzerView } from '../../../src/engine/analytics';

const T = (iso: string): number => Date.parse(iso);

let n = 0;
function call(callId: string, agentId: string, start: number, events: Array<Record<string, unknown>>): Conversation {
  const parsed = events.map((e) =>
    ConversationEventSchema.parse({ eventId: `${callId}-${n++}`, callId, agentId, ts: start, ...e } as ConversationEventInput),
  );
  return assembleConversation(parsed);
}

const usd = (v: number) => ({ usd: v, raw: v, rawUnit: 'usd' as const });

export const KPI_CALLS: Array<{ call: Conversation; analyzer?: AnalyzerView }> = [
  {
    // Retell-like: call_successful true beats the analyzer's failure; cost 7.5 cents; e2e values listed.
    call: call('A', 'a1', T('2026-01-10T10:00:00Z'), [
      { type: 'call.started', platform: { promptVersion: '1' } },
      { type: 'tool.called', toolCallId: 't1', name: 'lookup', ts: T('2026-01-10T10:00:10Z') },
      { type: 'tool.result', toolCallId: 't1', ok: false, error: 'Order 12345 not found', ts: T('2026-01-10T10:00:11Z') },
      {
        type: 'call.ended',
        ts: T('2026-01-10T10:02:00Z'),
        outcome: { endReason: 'completed', durationMs: 120000 },
        metrics: { analysis: { successful: true }, cost: { total: { usd: 0.075, raw: 7.5, rawUnit: 'cents' } }, latency: { e2e: { values: [800, 1200, 1000] } } },
      },
    ]),
    analyzer: { outcomeLabel: 'failure', signalKinds: [] },
  },
  {
    // Kaizen outcome: not resolved, transferred; per-turn latencies only.
    call: call('B', 'a1', T('2026-01-20T09:00:00Z'), [
      { type: 'call.started', platform: { promptVersion: '1' } },
      { type: 'turn', role: 'user', text: 'hi' },
      { type: 'turn', role: 'agent', text: 'hello', latency: { turnMs: 1500 } },
      { type: 'tool.result', toolCallId: 't2', name: 'lookup', ok: false, error: 'Order 67890 not found' },
      { type: 'agent.error', code: 'E_TIMEOUT', message: 'llm timed out after 3000 ms', stage: 'llm' },
      { type: 'turn', role: 'agent', text: 'one moment', latency: { turnMs: 2500 } },
      {
        type: 'call.ended',
        ts: T('2026-01-20T09:05:00Z'),
        outcome: { resolved: false, transferred: true, endReason: 'transfer', durationMs: 300000 },
        metrics: { cost: { total: usd(0.2) } },
      },
    ]),
  },
  {
    // No platform verdict: the analyzer's success; an unmet request for a human.
    call: call('C', 'a2', T('2026-02-05T12:00:00Z'), [
      { type: 'call.started', platform: { promptVersion: '2' } },
      { type: 'agent.error', code: 'E_TIMEOUT', message: 'llm timed out after 4500 ms', stage: 'llm' },
      { type: 'call.ended', ts: T('2026-02-05T12:01:00Z'), outcome: { endReason: 'completed', durationMs: 60000 }, metrics: { latency: { e2e: { values: [600, 700] } } } },
    ]),
    analyzer: { outcomeLabel: 'success', signalKinds: ['escalation-request'] },
  },
  {
    // Vapi-like: successEvaluation "true", cost in dollars.
    call: call('D', 'a2', T('2026-02-15T08:00:00Z'), [
      { type: 'call.started', platform: { promptVersion: '2' } },
      { type: 'call.ended', ts: T('2026-02-15T08:01:30Z'), outcome: { endReason: 'completed', durationMs: 90000 }, metrics: { analysis: { successEvaluation: 'true' }, cost: { total: usd(0.1) } } },
    ]),
  },
  {
    // τ-bench reward 0; a cancelled transfer is not a transfer; ends in March but started in February; no durationMs.
    call: call('E', 'a1', T('2026-02-28T23:59:59Z'), [
      { type: 'call.started', platform: { promptVersion: '2' } },
      { type: 'call.ended', ts: T('2026-03-01T00:00:44Z'), outcome: { endReason: 'completed', reward: 0 }, metrics: { transfers: [{ status: 'cancelled' }], latency: { e2e: { values: [900] } } } },
    ]),
  },
  {
    // Version only on the events (agent protocol); a bridged transfer listed by the platform; analyzer undecided.
    call: call('F', 'a1', T('2026-03-01T00:00:00Z'), [
      { type: 'call.started' },
      { type: 'turn', role: 'agent', text: 'hi', promptVersion: '1' },
      { type: 'call.ended', ts: T('2026-03-01T00:00:30Z'), outcome: { endReason: 'unknown', durationMs: 30000 }, metrics: { transfers: [{ status: 'bridged' }] } },
    ]),
    analyzer: { outcomeLabel: 'unknown', signalKinds: [] },
  },
  {
    // Names no version.
    call: call('G', 'a3', T('2026-03-02T10:00:00Z'), [
      { type: 'call.started' },
      { type: 'call.ended', ts: T('2026-03-02T10:00:40Z'), outcome: { endReason: 'completed', resolved: true, durationMs: 40000 } },
    ]),
  },
];
