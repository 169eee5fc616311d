import { z } from 'zod';
import { JsonValueSchema } from './common';
import { PlaybookBulletSchema } from './playbook';

export const ArtifactStatusSchema = z.enum(['draft', 'approved', 'testing', 'rolled-out', 'retired']);
export type ArtifactStatus = z.infer<typeof ArtifactStatusSchema>;

/** Each kind of learning artifact carries its own payload shape. */
export const ArtifactPayloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('prompt-enhancement'),
    /** The prompt section or file the change applies to. */
    target: z.string(),
    /** Unified diff against the target. */
    diff: z.string(),
    rationale: z.string(),
    hypothesis: z.string().optional(),
    /** The playbook bullets the patched prompt runs (their counters follow the calls that ran this version). */
    bullets: z.array(z.string()).optional(),
    /** sha-256 of the prompt text the diff applies to. */
    baseHash: z.string().optional(),
  }),
  z.object({
    kind: z.literal('prompt'),
    target: z.string(),
    text: z.string(),
  }),
  z.object({
    kind: z.literal('template'),
    intent: z.string(),
    steps: z.array(z.object({ role: z.enum(['user', 'agent']), template: z.string() })),
  }),
  z.object({
    kind: z.literal('decision-tree'),
    intent: z.string(),
    tree: JsonValueSchema,
  }),
  z.object({
    kind: z.literal('strategy'),
    intent: z.string(),
    ranking: z.array(z.object({ strategy: z.string(), successRate: z.number(), lift: z.number(), support: z.number() })),
  }),
  z.object({
    kind: z.literal('tool-pattern'),
    sequence: z.array(z.string()),
    lift: z.number(),
    support: z.number(),
    rule: z.string(),
  }),
  z.object({
    kind: z.literal('avoidance-rule'),
    fingerprint: z.string(),
    rule: z.string(),
    precursors: z.array(z.string()).default([]),
    /** The learned rule (errors/avoidance.ts `AvoidanceRuleSchema`: machine condition, support, precision, provenance). */
    learned: JsonValueSchema.optional(),
  }),
  z.object({
    /** A store's induced vocabulary (intents, situations, moves), kept so ids stay stable across re-analysis. */
    kind: z.literal('vocabulary'),
    intents: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), topTerms: z.array(z.string()) })),
    situations: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), topTerms: z.array(z.string()) })),
    moves: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), topTerms: z.array(z.string()) })),
  }),
  z.object({
    /** The ACE-style playbook: bullets grown by deltas, rendered into a prompt file section. */
    kind: z.literal('playbook'),
    bullets: z.array(PlaybookBulletSchema),
  }),
  z.object({
    kind: z.literal('knowledge-graph'),
    nodes: z.array(z.object({ id: z.string(), kind: z.string(), label: z.string(), weight: z.number().optional() })),
    edges: z.array(z.object({ from: z.string(), to: z.string(), kind: z.string(), weight: z.number() })),
  }),
]);
export type ArtifactPayload = z.output<typeof ArtifactPayloadSchema>;
export type ArtifactKind = ArtifactPayload['kind'];

/**
 * A versioned piece of learning. Every change is a new version pointing at its parent; the content
 * hash covers kind + payload, so two workbenches agree on identity without trusting each other.
 */
export const LearningArtifactSchema = z.object({
  artifactId: z.string().min(1),
  version: z.number().int().positive(),
  parentVersion: z.number().int().positive().nullable(),
  status: ArtifactStatusSchema,
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'contentHash must be a sha-256 hex digest'),
  payload: ArtifactPayloadSchema,
  agentId: z.string().optional(),
  title: z.string().default(''),
  note: z.string().optional(),
  createdAt: z.number(),
});
export type LearningArtifact = z.output<typeof LearningArtifactSchema>;
