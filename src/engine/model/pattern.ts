import { z } from 'zod';

export const IntervalSchema = z.object({
  low: z.number(),
  high: z.number(),
  level: z.number().min(0).max(1).default(0.95),
  method: z.enum(['wilson', 'beta', 'normal', 'bootstrap']),
});
export type Interval = z.output<typeof IntervalSchema>;

/** What the analyzer found: in (intent, trigger), using a strategy, the calls succeeded this often. */
export const PatternSchema = z.object({
  id: z.string(),
  agentId: z.string().optional(),
  intent: z.string(),
  /** The customer situation, as a template on redacted text (e.g. "price objection"). */
  trigger: z.string(),
  /** The agent move that answered it (e.g. "value reframing"). */
  strategy: z.string(),
  /** A representative agent response with slots, from redacted text. */
  template: z.string().optional(),
  support: z.number().int().nonnegative(),
  successes: z.number().int().nonnegative(),
  successRate: z.number().min(0).max(1),
  confidence: IntervalSchema,
  /** successRate minus the intent's baseline success rate. */
  lift: z.number(),
  liftPValue: z.number().min(0).max(1),
  exampleCallIds: z.array(z.string()).default([]),
  updatedAt: z.number(),
});
export type Pattern = z.output<typeof PatternSchema>;
