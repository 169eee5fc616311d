import type { AnalyzeSummary as PipelineSummary } from '../../engine/pipeline';

/** What the extension shows after an analysis (the engine workspace runs and saves it). */
export interface AnalyzeSummary {
  calls: number;
  patterns: number;
  significant: number;
  artifacts: number;
  durationMs: number;
}

export function toAnalyzeSummary(s: PipelineSummary): AnalyzeSummary {
  return { calls: s.calls, patterns: s.patterns, significant: s.significantPatterns, artifacts: s.artifacts.saved, durationMs: s.elapsedMs };
}
