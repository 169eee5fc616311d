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

/** A micro-correction sent to a live call. */
export const CorrectionSchema = z.object({
  id: z.string().min(1),
  callId: z.string(),
  agentId: z.string(),
  kind: z.enum(['add-context', 'say', 'update-instructions']),
  content: z.string(),
  reason: z.string(),
  ruleArtifactId: z.string().optional(),
  createdAt: z.number(),
  acknowledgedAt: z.number().optional(),
});
export type Correction = z.output<typeof CorrectionSchema>;
