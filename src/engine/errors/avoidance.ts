import { z } from 'zod';
import { holds, precursorKey, PrecursorSchema } from './precursors';
import type { PendingContext, Precursor } from './precursors';

/**
 * An avoidance rule: "when the agent is about to call `tool` and all of these precursors hold, the
 * call is likely to fail with `fingerprint`". Learned from history (learn.ts), checked by the
 * detector (detector.ts), stored as an `avoidance-rule` artifact.
 */
export const AvoidanceConditionSchema = z
  .object({
    tool: z.string().min(1),
    all: z.array(PrecursorSchema).min(1).max(3),
  })
  .strict();
export type AvoidanceCondition = z.output<typeof AvoidanceConditionSchema>;

export const AvoidanceRuleSchema = z
  .object({
    id: z.string().min(1),
    fingerprint: z.string().min(1),
    /** The fingerprint's template, for people. */
    template: z.string(),
    text: z.string().min(1),
    condition: AvoidanceConditionSchema,
    /** Past tool calls where the condition held and the error followed. */
    support: z.number().int().nonnegative(),
    /** Of the past tool calls where the condition held (and a result came), the share that failed with this fingerprint. */
    precision: z.number().min(0).max(1),
    /** Laplace-smoothed precision: the probability a warning states. */
    probability: z.number().min(0).max(1),
    provenance: z
      .object({
        /** Calls where the rule held and the error followed (up to 20). */
        callIds: z.array(z.string()),
        /** Tool calls with a result the rule was measured on. */
        measuredOn: z.number().int().nonnegative(),
      })
      .strict(),
  })
  .strict();
export type AvoidanceRule = z.output<typeof AvoidanceRuleSchema>;

export function conditionHolds(condition: AvoidanceCondition, context: PendingContext): boolean {
  return condition.tool === context.tool && condition.all.every((p) => holds(p, context));
}

/** A sentence a designer (and a prompt) can read. */
export function describePrecursor(p: Precursor): string {
  switch (p.kind) {
    case 'missing-step':
      return `${p.tool} has not succeeded earlier in the call`;
    case 'earlier-value':
      return `an earlier ${p.tool} returned ${p.field} = "${p.value}"`;
    case 'missing-arg':
      return `the call has no "${p.field}" argument`;
    case 'arg-shape':
      return `"${p.field}" looks like "${p.shape}"`;
    case 'same-args-retry':
      return 'it retries the same arguments that just failed';
  }
}

export function ruleText(condition: AvoidanceCondition, template: string): string {
  return `Before calling ${condition.tool}: when ${condition.all.map(describePrecursor).join(' and ')}, expect "${template}"`;
}

/** The rule's stable id: its fingerprint and condition (the same rule learned twice keeps its id). */
export function ruleId(fingerprint: string, condition: AvoidanceCondition, hash: (text: string) => string): string {
  const keys = condition.all.map(precursorKey).sort().join('&');
  return `rule_${hash(`${fingerprint}|${condition.tool}|${keys}`).slice(0, 16)}`;
}
