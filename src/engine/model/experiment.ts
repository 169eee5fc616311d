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

export const ExperimentSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  salt: z.string().min(1),
  unit: z.enum(['call', 'caller', 'agent']).default('call'),
  /** Experiments in one layer never share a unit. */
  layer: z.string().default('default'),
  trafficFraction: z.number().min(0).max(1).default(1),
  holdoutFraction: z.number().min(0).max(1).default(0),
  variants: z.array(VariantSchema).min(2),
  primaryMetric: z.string(),
  guardrails: z.array(GuardrailSchema).default([]),
  status: ExperimentStatusSchema.default('draft'),
  createdAt: z.number(),
});
export type Experiment = z.output<typeof ExperimentSchema>;
