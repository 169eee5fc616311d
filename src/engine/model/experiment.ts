import { z } from 'zod';

export const VariantSchema = z.object({
  name: z.string().min(1),
  weight: z.number().positive(),
  /** The artifact version this variant serves to agents. */
  artifactId: z.string().optional(),
  artifactVersion: z.number().int().positive().optional(),
});
export type Variant = z.infer<typeof VariantSchema>;

export const GuardrailSchema = z.object({
  metric: z.string(),
  /** The worst relative change tolerated against control, e.g. -0.02 for "no more than 2 % worse". */
  maxRelativeDegradation: z.number(),
  direction: z.enum(['higher-is-better', 'lower-is-better']).default('higher-is-better'),
});
export type Guardrail = z.infer<typeof GuardrailSchema>;

export const ExperimentStatusSchema = z.enum(['draft', 'running', 'stopped', 'shipping', 'shipped', 'rolled-back', 'killed']);
export type ExperimentStatus = z.infer<typeof ExperimentStatusSchema>;

/** When the automatic decision may call a winner (see src/engine/experiments/policy.ts). */
export const ExperimentPolicySchema = z.object({
  /** Units per variant before any decision other than "continue". */
  minSamplePerVariant: z.number().int().positive().default(1000),
  alpha: z.number().gt(0).lt(1).default(0.05),
  /** After this many days without a significant result the experiment stops (no winner). */
  maxDurationDays: z.number().positive().default(28),
  /**
   * Mixing standard deviation τ of the mSPRT on the scale of the primary metric's difference. Absent:
   * 10 % of the control estimate at each look.
   */
  mixingSd: z.number().positive().optional(),
  /** Rollout stages in percent of traffic, ending at 100. */
  stages: z.array(z.number().gt(0).max(100)).default([1, 5, 25, 50, 100]),
  /** Units that must have seen a stage before its guardrail gate can pass. */
  minSamplePerStage: z.number().int().positive().default(200),
});
export type ExperimentPolicy = z.output<typeof ExperimentPolicySchema>;

export const RolloutStateSchema = z.object({
  /** The winning variant being rolled out. */
  variant: z.string(),
  /** Index into policy.stages of the stage now serving. */
  stageIndex: z.number().int().nonnegative(),
  percent: z.number().min(0).max(100),
  stageStartedAt: z.number(),
  /** The artifact version serving everyone else, and the one to fall back to on a breach. */
  lastGood: z.object({ artifactId: z.string(), version: z.number().int().positive() }).optional(),
});
export type RolloutState = z.output<typeof RolloutStateSchema>;

export const ExperimentSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  salt: z.string().min(1),
  unit: z.enum(['call', 'caller', 'agent']).default('call'),
  /** Experiments in one layer never share a unit. */
  layer: z.string().default('default'),
  /** The slice [start, end) of the layer's 10,000 buckets this experiment owns (set when it is created). */
  layerRange: z.tuple([z.number().int().min(0), z.number().int().max(10_000)]).optional(),
  trafficFraction: z.number().min(0).max(1).default(1),
  holdoutFraction: z.number().min(0).max(1).default(0),
  variants: z.array(VariantSchema).min(2),
  primaryMetric: z.string(),
  guardrails: z.array(GuardrailSchema).default([]),
  status: ExperimentStatusSchema.default('draft'),
  createdAt: z.number(),
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
  policy: ExperimentPolicySchema.default(ExperimentPolicySchema.parse({})),
  /** QA overrides: unit id → variant name; served regardless of hashing and excluded from analysis. */
  forcedAssignments: z.record(z.string(), z.string()).default({}),
  rollout: RolloutStateSchema.optional(),
});
export type Experiment = z.output<typeof ExperimentSchema>;
