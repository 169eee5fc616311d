import { z } from 'zod';
import type { Comparison } from '../stats/fixedHorizon';
import { twoProportionZTest, welchTTest } from '../stats/fixedHorizon';
import { holm } from '../stats/multipleTesting';
import { sampleRatioMismatch } from '../stats/srm';
import { SRM_ALARM } from './policy';

const count = (what: string) => z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).nonnegative(`${what} must be ≥ 0`);

export const BinaryVariantSummarySchema = z.object({
  variant: z.string().min(1, 'variant must name the variant'),
  users: count('users').positive('users must be > 0'),
  conversions: count('conversions'),
});
export const ContinuousVariantSummarySchema = z.object({
  variant: z.string().min(1, 'variant must name the variant'),
  n: count('n').min(2, 'n must be ≥ 2 (a standard deviation needs two values)'),
  mean: z.number({ error: 'mean must be a number' }),
  sd: z.number({ error: 'sd must be a number' }).nonnegative('sd must be ≥ 0'),
});

/** `kaizen experiment analyze --summary`: per-variant summary statistics from any source; the first variant is control. */
export const SummaryInputSchema = z.discriminatedUnion(
  'metric',
  [
    z.object({
      metric: z.literal('binary'),
      expectedSplit: z.array(z.number().positive('weights must be > 0')).min(2),
      variants: z.array(BinaryVariantSummarySchema).min(2, 'needs the control and at least one test variant'),
      alpha: z.number().gt(0).lt(1).default(0.05),
      direction: z.enum(['higher-is-better', 'lower-is-better']).default('higher-is-better'),
    }),
    z.object({
      metric: z.literal('continuous'),
      expectedSplit: z.array(z.number().positive('weights must be > 0')).min(2),
      variants: z.array(ContinuousVariantSummarySchema).min(2, 'needs the control and at least one test variant'),
      alpha: z.number().gt(0).lt(1).default(0.05),
      direction: z.enum(['higher-is-better', 'lower-is-better']).default('higher-is-better'),
    }),
  ],
  { error: 'metric must be "binary" or "continuous"' },
);
export type SummaryInput = z.input<typeof SummaryInputSchema>;

export const SummaryVariantResultSchema = z.object({
  variant: z.string(),
  /** Conversion rate (binary) or mean (continuous). */
  estimate: z.number(),
  /** Absolute lift against control (estimate − control estimate); 0 for the control row. */
  lift: z.number(),
  /** Two-sided 1 − alpha interval for the absolute lift; [0, 0] for the control row. */
  ci: z.tuple([z.number(), z.number()]),
  /** Relative lift (estimate / control − 1) and its delta-method interval; null for the control row or a zero control. */
  relativeLift: z.number().nullable(),
  relativeCi: z.tuple([z.number(), z.number()]).nullable(),
  /** Fixed-horizon two-sided p-value; null for the control row. */
  pValue: z.number().nullable(),
  /** Holm-adjusted across the test variants; null for the control row. */
  pValueAdjusted: z.number().nullable(),
});

export const SummaryResultSchema = z.object({
  metric: z.enum(['binary', 'continuous']),
  test: z.enum(['pooled two-proportion z-test', "Welch's t-test"]),
  alpha: z.number(),
  variants: z.array(SummaryVariantResultSchema),
  srm: z.object({ chiSquare: z.number(), df: z.number(), pValue: z.number() }),
  /** ship: a variant wins; stop: the data cannot be trusted (SRM) or every test variant loses; no-decision: nothing significant. */
  decision: z.enum(['ship', 'stop', 'no-decision']),
  winner: z.string().nullable(),
  reason: z.string(),
});
export type SummaryResult = z.output<typeof SummaryResultSchema>;

export class SummaryInputError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid summary: ${issues.join('; ')}`);
    this.name = 'SummaryInputError';
  }
}

/** Parses the input, naming each bad field by its path (e.g. `variants[1].conversions`). */
export function parseSummaryInput(raw: unknown): z.output<typeof SummaryInputSchema> {
  const r = SummaryInputSchema.safeParse(raw);
  if (!r.success) {
    throw new SummaryInputError(
      r.error.issues.map((i) => {
        const p = i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '');
        return `${p || '(top level)'}: ${i.message}`;
      }),
    );
  }
  const input = r.data;
  const issues: string[] = [];
  if (input.expectedSplit.length !== input.variants.length) {
    issues.push(`expectedSplit: has ${input.expectedSplit.length} weights for ${input.variants.length} variants; give one weight per variant, control first`);
  }
  if (input.metric === 'binary') {
    input.variants.forEach((v, i) => {
      if (v.conversions > v.users) issues.push(`variants[${i}].conversions: ${v.conversions} exceeds users (${v.users})`);
    });
  }
  const seen = new Set<string>();
  input.variants.forEach((v, i) => {
    if (seen.has(v.variant)) issues.push(`variants[${i}].variant: "${v.variant}" appears twice`);
    seen.add(v.variant);
  });
  if (issues.length > 0) throw new SummaryInputError(issues);
  return input;
}

const fmt = (x: number) => (Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(4) : x.toExponential(2));

/**
 * Fixed-horizon analysis of per-variant summaries: pooled two-proportion z-test (binary) or Welch's
 * t-test (continuous), two-sided, against the first variant; Holm across the test variants; SRM by
 * chi-square against the expected split.
 */
export function analyzeSummary(raw: unknown): SummaryResult {
  const input = parseSummaryInput(raw);
  const alpha = input.alpha;
  const control = input.variants[0]!;
  const comparisons: Comparison[] =
    input.metric === 'binary'
      ? input.variants.slice(1).map((v) => twoProportionZTest(control as z.output<typeof BinaryVariantSummarySchema>, v as z.output<typeof BinaryVariantSummarySchema>, alpha))
      : input.variants.slice(1).map((v) => welchTTest(control as z.output<typeof ContinuousVariantSummarySchema>, v as z.output<typeof ContinuousVariantSummarySchema>, alpha));
  const adjusted = holm(comparisons.map((c) => c.pValue));
  const units = input.variants.map((v) => ('users' in v ? v.users : v.n));
  const srm = sampleRatioMismatch(units, input.expectedSplit);
  const controlEstimate = comparisons[0]!.control;
  const rows = [
    { variant: control.variant, estimate: controlEstimate, lift: 0, ci: [0, 0] as [number, number], relativeLift: null, relativeCi: null, pValue: null, pValueAdjusted: null },
    ...comparisons.map((c, i) => ({
      variant: input.variants[i + 1]!.variant,
      estimate: c.treatment,
      lift: c.absoluteLift,
      ci: c.absoluteCi,
      relativeLift: Number.isFinite(c.relativeLift) ? c.relativeLift : null,
      relativeCi: Number.isFinite(c.relativeCi[0]) ? c.relativeCi : null,
      pValue: c.pValue,
      pValueAdjusted: adjusted[i]!,
    })),
  ];
  const good = input.direction === 'higher-is-better' ? 1 : -1;
  let decision: SummaryResult['decision'] = 'no-decision';
  let winner: string | null = null;
  let reason: string;
  const tests = rows.slice(1);
  const winners = tests.filter((r) => r.pValueAdjusted! < alpha && good * r.lift > 0);
  const losers = tests.filter((r) => r.pValueAdjusted! < alpha && good * r.lift < 0);
  if (srm.pValue < SRM_ALARM) {
    decision = 'stop';
    reason = `Sample-ratio mismatch: the units per variant (${units.join(', ')}) do not match the expected split ${input.expectedSplit.join(':')} (p = ${srm.pValue.toExponential(2)} < ${SRM_ALARM}). Assignment or logging is broken; do not trust these results.`;
  } else if (winners.length > 0) {
    const best = winners.reduce((a, b) => (good * b.lift > good * a.lift ? b : a));
    decision = 'ship';
    winner = best.variant;
    reason = `${best.variant} beats ${control.variant}: lift ${fmt(best.lift)} (${(1 - alpha) * 100}% CI ${fmt(best.ci[0])} to ${fmt(best.ci[1])}), Holm-adjusted p = ${fmt(best.pValueAdjusted!)} < ${alpha}.`;
  } else if (losers.length === tests.length) {
    decision = 'stop';
    reason = `Every test variant is significantly worse than ${control.variant} (Holm-adjusted p < ${alpha}); keep ${control.variant}.`;
  } else {
    const lowest = tests.reduce((a, b) => (b.pValueAdjusted! < a.pValueAdjusted! ? b : a));
    reason = `No test variant differs significantly from ${control.variant} at alpha ${alpha} after Holm adjustment (smallest adjusted p = ${fmt(lowest.pValueAdjusted!)} for ${lowest.variant}); collect more data or keep ${control.variant}.`;
  }
  return SummaryResultSchema.parse({
    metric: input.metric,
    test: input.metric === 'binary' ? 'pooled two-proportion z-test' : "Welch's t-test",
    alpha,
    variants: rows,
    srm: { chiSquare: srm.chiSquare, df: srm.df, pValue: srm.pValue },
    decision,
    winner,
    reason,
  });
}
