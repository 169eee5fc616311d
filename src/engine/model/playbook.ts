import { z } from 'zod';

/**
 * What a playbook bullet points to, so the engine (and a simulated agent) can act on it without parsing
 * its words: a move in a situation that the analysis found to help (`use`) or hurt (`avoid`), or an
 * error fingerprint to guard against. Bullets a designer writes point to nothing.
 */
export const BulletCiteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), intent: z.string(), trigger: z.string(), strategy: z.string(), use: z.boolean() }),
  z.object({ kind: z.literal('error'), fingerprint: z.string(), tool: z.string().optional() }),
]);
export type BulletCite = z.output<typeof BulletCiteSchema>;

/** Where a bullet's evidence comes from: the calls, patterns and error fingerprints behind it. */
export const BulletProvenanceSchema = z.object({
  /** Example calls (named `callIds`, not `calls`, so the privacy gate reads them as identifiers). */
  callIds: z.array(z.string()).default([]),
  patternIds: z.array(z.string()).default([]),
  fingerprints: z.array(z.string()).default([]),
});
export type BulletProvenance = z.output<typeof BulletProvenanceSchema>;

/**
 * One ACE-style playbook bullet: a stable id, the section it renders under, its text, and counters of
 * the outcomes of calls that ran it after rollout. Changed only by deltas (src/engine/improvement).
 */
export const PlaybookBulletSchema = z.object({
  id: z.string().regex(/^pb-[0-9a-z]{6,16}$/, 'bullet ids look like pb-kfjeamcbdo'),
  section: z.string().min(1),
  text: z.string().min(1),
  helpful: z.number().int().nonnegative().default(0),
  harmful: z.number().int().nonnegative().default(0),
  provenance: BulletProvenanceSchema.default({ callIds: [], patternIds: [], fingerprints: [] }),
  status: z.enum(['active', 'deprecated']).default('active'),
  /** Calls behind the bullet when it was proposed (pattern support or fingerprint count); 0 for a designer's bullet. */
  support: z.number().int().nonnegative().default(0),
  cite: BulletCiteSchema.optional(),
  /** Why it was deprecated (replaced, duplicate, evidence gone). */
  note: z.string().optional(),
});
export type PlaybookBullet = z.output<typeof PlaybookBulletSchema>;
