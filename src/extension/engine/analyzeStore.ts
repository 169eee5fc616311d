import { analyzeEvents } from '../../engine/analysis/callAnalyzer';
import { addCall, emptyPatternCounts, scorePatterns, toStoredPattern } from '../../engine/analysis/patterns';
import type { CallAnalysisRecord, LearningStore } from '../../engine/store';

export interface AnalyzeSummary {
  calls: number;
  patterns: number;
  significant: number;
  durationMs: number;
}

/**
 * Store-wide analysis from the engine's analysis stage: every stored (redacted) call through the
 * streaming call analyzer, per-call records saved, pattern counts merged and scored, the pattern set
 * replaced. Streams calls and writes analyses in batches, so memory stays bounded.
 */
export async function analyzeWholeStore(store: LearningStore, options: { now: () => number; signal?: AbortSignal; onProgress?: (calls: number) => void }): Promise<AnalyzeSummary> {
  const started = options.now();
  const counts = emptyPatternCounts();
  let batch: CallAnalysisRecord[] = [];
  let calls = 0;
  for await (const conversation of store.iterateConversations()) {
    if (options.signal?.aborted) break;
    const a = analyzeEvents(conversation.events);
    addCall(counts, a);
    batch.push({
      callId: a.callId,
      agentId: a.agentId,
      intent: a.intent,
      intentConfidence: a.intentConfidence,
      outcome: { label: a.outcome.label, probability: a.outcome.probability },
      signals: a.signals.map((s) => ({ kind: s.kind, polarity: s.polarity, turnIndex: s.turnIndex, strength: s.strength })),
      detail: { strategies: a.strategies, triggers: a.triggers, errors: a.errors, toolSequence: a.toolSequence },
      analyzedAt: options.now(),
    });
    calls++;
    if (batch.length >= 500) {
      await store.putCallAnalyses(batch);
      batch = [];
      options.onProgress?.(calls);
    }
  }
  if (batch.length > 0) await store.putCallAnalyses(batch);
  const scored = scorePatterns(counts, { now: options.now() });
  await store.replacePatterns(scored.map(toStoredPattern));
  await store.save();
  return { calls, patterns: scored.length, significant: scored.filter((p) => p.significant).length, durationMs: options.now() - started };
}
