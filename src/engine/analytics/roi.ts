/**
 * Return on investment of prompt versions against a baseline, from a user's cost model (issue 18):
 * savedTransfers = calls_v × (containment_v − containment_b), savedMinutes = calls_v × (AHT_b − AHT_v) / 60,
 * benefit = savedTransfers × humanCallCostUsd + savedMinutes × aiCostPerMinuteUsd,
 * cost = llmSpendUsd (else the Claude spend ledger) + reviewHours × hourlyRateUsd, ROI = Σ benefit / cost.
 */
import { z } from 'zod';
import { UNVERSIONED } from './kpis';
import type { KpiTable } from './kpis';

const usd = (what: string) =>
  z.number({ error: (i) => (i.input === undefined ? `${what} is missing` : `${what} must be a number`) }).finite().nonnegative({ message: `${what} must not be negative` });

export const CostModelSchema = z.object({
  baselineVersion: z
    .union([z.string().min(1), z.number()], { error: (i) => (i.input === undefined ? 'baselineVersion is missing' : 'baselineVersion must be a version (string or number)') })
    .transform(String),
  humanCallCostUsd: usd('humanCallCostUsd'),
  aiCostPerMinuteUsd: usd('aiCostPerMinuteUsd'),
  llmSpendUsd: usd('llmSpendUsd').optional(),
  reviewHours: usd('reviewHours'),
  hourlyRateUsd: usd('hourlyRateUsd'),
});
export type CostModel = z.infer<typeof CostModelSchema>;

export const RoiRowSchema = z.object({
  key: z.string(),
  calls: z.number().int().nonnegative(),
  savedTransfers: z.number(),
  savedMinutes: z.number(),
  benefitUsd: z.number(),
});
export const RoiResultSchema = z.object({
  baseline: z.string(),
  benefitUsd: z.number(),
  costUsd: z.number(),
  /** null when the cost is 0 (no spend, no review): a ratio over nothing is not a number. */
  roi: z.number().nullable(),
  rows: z.array(RoiRowSchema),
});
export type RoiResult = z.infer<typeof RoiResultSchema>;

export class CostModelError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'CostModelError';
  }
}

/** Parses a cost model; a missing or negative field throws a `CostModelError` naming it. */
export function parseCostModel(input: unknown): CostModel {
  const r = CostModelSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.') || '(root)';
  const message = issue.message.includes(field) ? issue.message : `${field}: ${issue.message}`;
  throw new CostModelError(field, `cost model: ${message}`);
}

/**
 * ROI of each version in a `prompt-version` KPI table against `model.baselineVersion`.
 * `ledgerSpendUsd` is the LLM spend the workspace recorded, used when the model gives no `llmSpendUsd`.
 * A version without a containment or AHT figure contributes 0 for that part.
 */
export function computeRoi(kpis: KpiTable, model: CostModel, ledgerSpendUsd = 0): RoiResult {
  if (kpis.by !== 'prompt-version') throw new Error('computeRoi: needs KPIs grouped by prompt-version');
  const base = kpis.rows.find((r) => r.key === model.baselineVersion);
  if (!base) {
    const known = kpis.rows.map((r) => r.key).join(', ') || 'none';
    throw new CostModelError('baselineVersion', `cost model: baselineVersion "${model.baselineVersion}" has no calls in the store (versions: ${known})`);
  }
  const rows = kpis.rows
    // Calls that name no version are not a version to credit.
    .filter((r) => r.key !== base.key && r.key !== UNVERSIONED)
    .map((r) => {
      const savedTransfers = r.containment !== null && base.containment !== null ? r.calls * (r.containment - base.containment) : 0;
      const savedMinutes = r.ahtSeconds !== null && base.ahtSeconds !== null ? (r.calls * (base.ahtSeconds - r.ahtSeconds)) / 60 : 0;
      const benefitUsd = savedTransfers * model.humanCallCostUsd + savedMinutes * model.aiCostPerMinuteUsd;
      return { key: r.key, calls: r.calls, savedTransfers, savedMinutes, benefitUsd };
    });
  const benefitUsd = rows.reduce((s, r) => s + r.benefitUsd, 0);
  const costUsd = (model.llmSpendUsd ?? ledgerSpendUsd) + model.reviewHours * model.hourlyRateUsd;
  return { baseline: base.key, benefitUsd, costUsd, roi: costUsd > 0 ? benefitUsd / costUsd : null, rows };
}
