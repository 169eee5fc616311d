import { z } from 'zod';
import { PlaybookBulletSchema } from '../model';

/** The one way a playbook changes (ACE: grow by deltas, never rewrite). */
export const PlaybookDeltaSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), bullet: PlaybookBulletSchema }),
  z.object({ op: z.literal('edit'), id: z.string(), text: z.string().min(1), support: z.number().int().nonnegative().optional(), reason: z.string() }),
  z.object({ op: z.literal('deprecate'), id: z.string(), reason: z.string() }),
  /** `drop` is deprecated as a duplicate of `keep`; its counters and provenance move to `keep`. */
  z.object({ op: z.literal('dedupe'), keep: z.string(), drop: z.string(), reason: z.string() }),
]);
export type PlaybookDelta = z.output<typeof PlaybookDeltaSchema>;

export const GateResultSchema = z.object({
  name: z.enum(['privacy', 'conflicts', 'prompt-budget', 'evidence']),
  passed: z.boolean(),
  reason: z.string(),
});
export type GateResult = z.output<typeof GateResultSchema>;

/**
 * One reviewable change to the prompt: a hypothesis, the deltas that express it, the bullets as they
 * would read, the unified diff of the prompt file and the gates it passed or failed.
 */
export const ProposalSchema = z.object({
  id: z.string().regex(/^prop-[a-p]{12}$/),
  hypothesis: z.string(),
  section: z.string(),
  deltas: z.array(PlaybookDeltaSchema),
  /** The added or edited bullets as they would read (the JSON output's `bullets`). */
  bullets: z.array(PlaybookBulletSchema),
  /** The prompt file (as the host names it) and the sha-256 of the text the patch applies to. */
  target: z.string(),
  baseHash: z.string(),
  patch: z.string(),
  gates: z.array(GateResultSchema),
  /** The playbook version the deltas apply to (0: none yet). */
  playbookVersion: z.number().int().nonnegative(),
});
export type Proposal = z.output<typeof ProposalSchema>;

/** Thresholds of the gates and of hypothesis generation. */
export interface ImprovementOptions {
  /** BH-adjusted q-value below which a pattern is significant (default 0.05, as `kaizen analyze`). */
  alpha?: number;
  /** Smallest absolute lift worth a bullet (default 0.05 = 5 points). */
  minLift?: number;
  /** Calls a bullet's evidence needs (the evidence gate; default 30). */
  minEvidenceCalls?: number;
  /** Occurrences a fingerprint needs before it becomes a hypothesis (default 5). */
  minFingerprintCount?: number;
  /** Size limit of the whole proposed prompt, in estimated tokens (4 characters each; default 6,000). */
  promptBudgetTokens?: number;
  /** Example calls kept in a bullet's provenance (default 10). */
  maxProvenanceCalls?: number;
}

export const DEFAULT_IMPROVEMENT_OPTIONS: Required<ImprovementOptions> = {
  alpha: 0.05,
  minLift: 0.05,
  minEvidenceCalls: 30,
  minFingerprintCount: 5,
  promptBudgetTokens: 6000,
  maxProvenanceCalls: 10,
};
