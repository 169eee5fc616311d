import { z } from 'zod';

/**
 * The KPI rows of issue 18 (`kaizen analytics kpis`, the report, the dashboard webview): one schema
 * for the engine that computes them and the webview that shows them. Computed in src/engine/analytics/kpis.ts.
 */
export const KpiGroupingSchema = z.enum(['prompt-version', 'month', 'agent']);
export type KpiGrouping = z.infer<typeof KpiGroupingSchema>;

/** The key of calls that name no prompt version. */
export const UNVERSIONED = 'unversioned';

export const KpiRowSchema = z.object({
  /** The version as a string, `YYYY-MM`, or the agent id. */
  key: z.string(),
  calls: z.number().int().nonnegative(),
  /** Successes over calls with a verdict (platform or analyzer); null when none has one. */
  successRate: z.number().nullable(),
  /** Calls not transferred to a human, over all calls. */
  containment: z.number().nullable(),
  /** Calls transferred or with an unmet request for a human, over all calls. */
  escalation: z.number().nullable(),
  /** Mean duration in seconds over calls with a known duration. */
  ahtSeconds: z.number().nullable(),
  /** Over every turn's end-to-end latency of the group's calls. */
  latencyMs: z.object({ p50: z.number().nullable(), p90: z.number().nullable() }),
  /** Mean cost in USD over calls whose platform reported a cost. */
  costPerCallUsd: z.number().nullable(),
  /** Failed tool results plus agent errors. */
  errors: z.number().int().nonnegative(),
  /** Of `errors`, those whose errors-stage fingerprint (tool, code, masked template) was seen before (in any earlier call or earlier in the call). */
  repeatErrors: z.number().int().nonnegative(),
  /** Month rows: this month's success rate over the previous calendar month's, minus 1; null otherwise. */
  improvementRate: z.number().nullable(),
});
export type KpiRow = z.infer<typeof KpiRowSchema>;

export const KpiTableSchema = z.object({ by: KpiGroupingSchema, rows: z.array(KpiRowSchema) });
export type KpiTable = z.infer<typeof KpiTableSchema>;

