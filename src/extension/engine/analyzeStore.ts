import { analyzeStore } from '../../engine/pipeline';
import type { Clock, Logger } from '../../engine/ports';
import type { LearningStore } from '../../engine/store';

export interface AnalyzeSummary {
  calls: number;
  patterns: number;
  significant: number;
  artifacts: number;
  durationMs: number;
}

/**
 * The engine's store-wide analysis (analysis stage: every stored, redacted call → per-call records,
 * patterns, knowledge artifacts), saved at once so a crash right after keeps the result.
 */
export async function analyzeWholeStore(
  store: LearningStore,
  options: { ports: { clock: Clock; logger: Logger }; signal?: AbortSignal; onProgress?: (calls: number) => void },
): Promise<AnalyzeSummary> {
  const s = await analyzeStore(store, {
    ports: options.ports,
    signal: options.signal,
    onProgress: (p) => {
      if (p.phase === 'analyze') options.onProgress?.(p.done);
    },
  });
  await store.save();
  return { calls: s.calls, patterns: s.patterns, significant: s.significantPatterns, artifacts: s.artifacts.saved, durationMs: s.elapsedMs };
}
