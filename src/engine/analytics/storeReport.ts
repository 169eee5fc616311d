import type { TreeNode } from '../knowledge';
import type { LearningStore, OutcomeLabel } from '../store';
import { errorTrends } from './errorTrends';
import { computeKpis } from './kpis';
import { patternEffects, patternReuse } from './patternEffect';
import type { RunReportInput } from './report';
import { loadCallFacts } from './storeFacts';

export interface StoreReportOptions {
  title: string;
  generatedAt: number;
  /** Patterns shown in the table and chart (default 12), best lift first among the significant ones. */
  topPatterns?: number;
  /** A pattern is shown when its lift p-value is below this (default 0.05). */
  alpha?: number;
}

/**
 * The report of what a store holds: its calls (files, events), outcome labels, intents with success
 * rates, the significant patterns, every decision tree and recurring errors. It only
 * reads: nothing is analysed here (KPIs per prompt version, month and agent come from the stored calls and the analyzer's labels) (run `kaizen analyze` first for labels, patterns and trees).
 */
export async function buildStoreReport(store: LearningStore, options: StoreReportOptions): Promise<RunReportInput> {
  const files = new Set<string>();
  let events = 0;
  const intents = new Map<string, { calls: number; successes: number }>();
  const outcomes: Record<OutcomeLabel, number> = { success: 0, failure: 0, unknown: 0 };
  let analysed = 0;
  const calls = await store.listCalls();
  for (const c of calls) {
    if (c.source?.file) files.add(c.source.file);
    events += c.eventCount;
    if (c.outcomeLabel) {
      analysed++;
      outcomes[c.outcomeLabel]++;
    }
    if (c.intent) {
      const i = intents.get(c.intent) ?? { calls: 0, successes: 0 };
      i.calls++;
      if (c.outcomeLabel === 'success') i.successes++;
      intents.set(c.intent, i);
    }
  }
  const alpha = options.alpha ?? 0.05;
  const patterns = (await store.listPatterns({ sortBy: 'lift' })).filter((p) => p.liftPValue < alpha).slice(0, options.topPatterns ?? 12);
  const trees = (await store.listArtifacts({ kind: 'decision-tree' }))
    .flatMap((a) => {
      if (a.payload.kind !== 'decision-tree') return [];
      const tree = a.payload.tree as { root?: TreeNode; mermaid?: string };
      return [{ intent: a.payload.intent, mermaid: tree.mermaid ?? '', ...(tree.root ? { root: tree.root } : {}) }];
    })
    .sort((a, b) => (b.root?.n ?? 0) - (a.root?.n ?? 0) || a.intent.localeCompare(b.intent));
  const facts = await loadCallFacts(store);
  const kpis = facts.length
    ? {
        byVersion: computeKpis(facts, 'prompt-version'),
        byMonth: computeKpis(facts, 'month'),
        byAgent: computeKpis(facts, 'agent'),
        errorTrends: errorTrends(facts),
        ...(patterns.length ? { patternEffects: patternEffects(patterns, facts), reuse: patternReuse(patterns, facts) } : {}),
      }
    : undefined;
  const errors = (await store.listErrorFingerprints()).sort((a, b) => b.count - a.count).slice(0, 10);
  return {
    title: options.title,
    generatedAt: options.generatedAt,
    import: { files: [...files].sort(), calls: calls.length, events },
    ...(analysed > 0 ? { outcomes } : {}),
    intents: [...intents].map(([intent, v]) => ({ intent, calls: v.calls, successRate: v.calls ? v.successes / v.calls : 0 })).sort((a, b) => b.calls - a.calls),
    topPatterns: patterns,
    decisionTrees: trees,
    errors: errors.map((e) => ({ fingerprint: e.fingerprint, template: e.template, count: e.count })),
    ...(kpis ? { kpis } : {}),
  };
}
