import type { Conversation, Pattern } from '../../engine/model';
import type { CallAnalysisRecord } from '../../engine/store';
import type { EvidenceCall, EvidenceTurn, PatternRow } from '../../shared/viewModels';

/** Engine objects → the shared view models the webviews render. */

export function patternRow(p: Pattern): PatternRow {
  const significant = p.liftPValue < 0.05;
  return {
    id: p.id,
    intent: p.intent,
    trigger: p.trigger,
    strategy: p.strategy,
    template: p.template,
    support: p.support,
    successes: p.successes,
    successRate: p.successRate,
    ciLow: p.confidence.low,
    ciHigh: p.confidence.high,
    lift: p.lift,
    liftPValue: p.liftPValue,
    effect: significant ? (p.lift > 0 ? 'success' : 'failure') : 'inconclusive',
    exampleCallIds: p.exampleCallIds,
  };
}

/** A stored (redacted) call as evidence: its turns and tool results, with the analyzer's signals marked. */
export function evidenceCall(c: Conversation, analysis: CallAnalysisRecord | undefined): EvidenceCall {
  const signalAt = new Map<number, 'success' | 'failure'>();
  for (const s of analysis?.signals ?? []) if (!signalAt.has(s.turnIndex)) signalAt.set(s.turnIndex, s.polarity);
  const turns: EvidenceTurn[] = [];
  let turnIndex = 0;
  for (const e of c.events) {
    if (e.type === 'turn') {
      const signal = signalAt.get(turnIndex);
      turns.push({ index: turns.length, role: e.role, text: e.text, ...(signal ? { signal } : {}) });
      turnIndex++;
    } else if (e.type === 'tool.result') {
      turns.push({ index: turns.length, role: 'tool', text: `${e.name ?? e.toolCallId} → ${e.ok ? 'ok' : `error: ${e.error ?? ''}`}` });
    }
  }
  return { callId: c.callId, outcome: analysis?.outcome.label ?? 'unknown', intent: analysis?.intent, turns };
}
