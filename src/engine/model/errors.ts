import { z } from 'zod';

/** A recurring error, identified by its normalised shape rather than its exact text. */
export const ErrorFingerprintSchema = z.object({
  fingerprint: z.string().min(1),
  /** The message with variable parts replaced by slots. */
  template: z.string(),
  code: z.string().optional(),
  tool: z.string().optional(),
  stage: z.string().optional(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  count: z.number().int().nonnegative(),
  exampleCallIds: z.array(z.string()).default([]),
});
export type ErrorFingerprint = z.output<typeof ErrorFingerprintSchema>;

/**
 * A micro-correction sent to a live call; the field names are the agent protocol's
 * (docs/agent-protocol.md). `basedOnEventId` names the event that triggered it: when that is a
 * `tool.called`, the agent may hold the tool call until the correction (or the ack covering it) arrives.
 */
export const CorrectionSchema = z.object({
  correctionId: z.string().min(1).max(256),
  callId: z.string().min(1).max(256),
  basedOnEventId: z.string().min(1).max(256),
  text: z.string().min(1),
  ruleId: z.string().optional(),
  fingerprint: z.string().optional(),
  /** `silent` adds context without a reply; `respond` makes the agent speak now. */
  mode: z.enum(['silent', 'respond']),
});
export type Correction = z.output<typeof CorrectionSchema>;
