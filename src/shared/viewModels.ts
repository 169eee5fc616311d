import { z } from 'zod';

/**
 * What the webviews render. The extension host maps engine objects (patterns, calls, the experiments
 * view model) onto these shapes, so a webview depends on `src/shared` only and never on the engine.
 */

/** How a pattern moves its intent's success rate, judged by the lift test at the 5 % level. */
export const PatternEffectSchema = z.enum(['success', 'failure', 'inconclusive']);
export type PatternEffect = z.output<typeof PatternEffectSchema>;

export const PatternRowSchema = z.object({
  id: z.string().min(1),
  intent: z.string(),
  trigger: z.string(),
  strategy: z.string(),
  template: z.string().optional(),
  support: z.number().int().nonnegative(),
  successes: z.number().int().nonnegative(),
  successRate: z.number().min(0).max(1),
  ciLow: z.number().min(0).max(1),
  ciHigh: z.number().min(0).max(1),
  lift: z.number(),
  liftPValue: z.number().min(0).max(1),
  effect: PatternEffectSchema,
  exampleCallIds: z.array(z.string()),
});
export type PatternRow = z.output<typeof PatternRowSchema>;

export const PatternExplorerDataSchema = z.object({
  patterns: z.array(PatternRowSchema),
  totalCalls: z.number().int().nonnegative(),
  analyzedAt: z.number().optional(),
  /** Where the data came from, shown in the header (e.g. the store path). */
  source: z.string(),
});
export type PatternExplorerData = z.output<typeof PatternExplorerDataSchema>;

export const EvidenceTurnSchema = z.object({
  index: z.number().int().nonnegative(),
  role: z.enum(['user', 'agent', 'system', 'tool']),
  text: z.string(),
  /** The analyzer pointed at this turn as a success or failure signal. */
  signal: z.enum(['success', 'failure']).optional(),
});
export type EvidenceTurn = z.output<typeof EvidenceTurnSchema>;

export const EvidenceCallSchema = z.object({
  callId: z.string(),
  outcome: z.enum(['success', 'failure', 'unknown']),
  intent: z.string().optional(),
  turns: z.array(EvidenceTurnSchema),
});
export type EvidenceCall = z.output<typeof EvidenceCallSchema>;

export const PatternEvidenceSchema = z.object({
  patternId: z.string(),
  calls: z.array(EvidenceCallSchema),
});
export type PatternEvidence = z.output<typeof PatternEvidenceSchema>;

// ---- experiments --------------------------------------------------------------------------------

export const VariantStatsSchema = z.object({
  name: z.string(),
  isControl: z.boolean(),
  exposures: z.number().int().nonnegative(),
  conversions: z.number().nonnegative(),
  rate: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  /** Relative or absolute lift against control, with its interval; absent for control. */
  lift: z.number().optional(),
  liftLow: z.number().optional(),
  liftHigh: z.number().optional(),
  pValue: z.number().min(0).max(1).optional(),
});
export type VariantStats = z.output<typeof VariantStatsSchema>;

export const ExperimentViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  primaryMetric: z.string(),
  liftKind: z.enum(['absolute', 'relative']).default('absolute'),
  variants: z.array(VariantStatsSchema).min(1),
  verdict: z.object({
    kind: z.enum(['significant-win', 'significant-loss', 'not-significant', 'insufficient-data']),
    summary: z.string(),
    pValue: z.number().min(0).max(1).optional(),
    alpha: z.number().min(0).max(1).default(0.05),
  }),
  srm: z.object({
    ok: z.boolean(),
    pValue: z.number().min(0).max(1),
    expectedShares: z.array(z.number()),
    observedCounts: z.array(z.number()),
  }),
  cumulative: z.array(z.object({ ts: z.number(), lift: z.number(), low: z.number(), high: z.number() })),
  rollout: z.object({ stage: z.string(), percent: z.number().min(0).max(100) }).optional(),
  /** Guardrail checks per test variant: relative change (negative is worse) with its interval and the limit. */
  guardrails: z
    .array(z.object({ variant: z.string(), metric: z.string(), change: z.number(), ci: z.tuple([z.number(), z.number()]), threshold: z.number(), breached: z.boolean(), reason: z.string() }))
    .default([]),
  /** Decisions and transitions, oldest first, in plain words. */
  timeline: z.array(z.object({ ts: z.number(), kind: z.string(), percent: z.number().nullable(), reason: z.string() })).default([]),
});
export type ExperimentView = z.output<typeof ExperimentViewSchema>;
export type ExperimentViewInput = z.input<typeof ExperimentViewSchema>;
