import { z } from 'zod';
import { CORE_TO_HOST, CORE_TO_WEBVIEW } from './protocol';
import type { WebviewProtocol } from './protocol';

/**
 * The Prompt Diff webview's protocol: the core messages (protocol.ts) plus its own. A proposal from the
 * improvement engine (hypothesis, bullets, gates, the proposed prompt) → open it in the diff editor,
 * edit, accept (a versioned prompt-enhancement artifact) or reject with a reason → a draft experiment.
 */
export const PromptDiffGateSchema = z.object({ name: z.string(), passed: z.boolean(), reason: z.string() });

export const PromptDiffProposalSchema = z.object({
  id: z.string().min(1),
  hypothesis: z.string(),
  section: z.string(),
  patch: z.string(),
  /** The whole prompt as the proposal would leave it (what the designer edits). */
  proposedText: z.string(),
  bullets: z.array(z.object({ id: z.string(), section: z.string(), text: z.string(), support: z.number().int().nonnegative() })),
  gates: z.array(PromptDiffGateSchema),
});
export type PromptDiffProposal = z.output<typeof PromptDiffProposalSchema>;

export const ArtifactRefSchema = z.object({ id: z.string(), version: z.number().int().positive(), hash: z.string(), status: z.string() });

export const PromptDiffViewSchema = z.object({
  /** The prompt file, as the workspace names it; null until one is chosen. */
  target: z.string().nullable(),
  proposals: z.array(PromptDiffProposalSchema),
  /** The last accepted proposal and its artifact (the draft experiment starts from it). */
  accepted: z.object({ proposalId: z.string(), artifact: ArtifactRefSchema, experimentId: z.string().optional() }).optional(),
  /** Why the list is empty (no store, no analysis, nothing new to propose). */
  note: z.string().optional(),
});
export type PromptDiffView = z.output<typeof PromptDiffViewSchema>;

export const PromptDiffToHostSchema = z.discriminatedUnion('type', [
  ...CORE_TO_HOST,
  z.object({ type: z.literal('choosePrompt') }),
  z.object({ type: z.literal('openDiff'), proposalId: z.string().min(1) }),
  /** `editedText`: the designer's edit of the proposed prompt; absent accepts the proposal as it is. */
  z.object({ type: z.literal('accept'), proposalId: z.string().min(1), editedText: z.string().max(1_000_000).optional() }),
  z.object({ type: z.literal('reject'), proposalId: z.string().min(1), reason: z.string().trim().min(1, 'give a reason') }),
  z.object({ type: z.literal('createExperiment'), proposalId: z.string().min(1) }),
]);
export type PromptDiffToHost = z.output<typeof PromptDiffToHostSchema>;

export const HostToPromptDiffSchema = z.discriminatedUnion('type', [
  ...CORE_TO_WEBVIEW,
  z.object({ type: z.literal('promptDiff'), data: PromptDiffViewSchema }),
  z.object({ type: z.literal('decided'), proposalId: z.string(), action: z.enum(['accepted', 'rejected', 'experiment']), message: z.string() }),
]);
export type HostToPromptDiff = z.output<typeof HostToPromptDiffSchema>;

export const promptDiffProtocol = {
  app: 'promptDiff',
  toHost: PromptDiffToHostSchema,
  toWebview: HostToPromptDiffSchema,
} satisfies WebviewProtocol<PromptDiffToHost, z.input<typeof PromptDiffToHostSchema>, HostToPromptDiff, z.input<typeof HostToPromptDiffSchema>>;
export type PromptDiffProtocol = typeof promptDiffProtocol;
