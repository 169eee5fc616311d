import { z } from 'zod';
import { CORE_TO_HOST, CORE_TO_WEBVIEW } from './protocol';
import type { WebviewProtocol } from './protocol';

/**
 * The Publishing webview's protocol: the core messages (protocol.ts) plus its own. Approved artifact →
 * gates → target → publish → live version, history, rollback.
 */
export const PublishTargetKindSchema = z.enum(['kaizen', 'vapi', 'retell']);

export const PublishTargetFormSchema = z.object({
  kind: PublishTargetKindSchema,
  url: z.string().url(),
  assistantId: z.string().optional(),
  agentId: z.string().optional(),
  llmId: z.string().optional(),
  phoneNumber: z.string().optional(),
});
export type PublishTargetForm = z.output<typeof PublishTargetFormSchema>;

/** The collective hub as the Publishing view shows it: per artifact, its signers against the quorum and the agents that applied it. */
export const HubViewSchema = z.object({
  url: z.string(),
  reachable: z.boolean(),
  message: z.string().optional(),
  quorum: z.number().int().nullable(),
  artifacts: z.array(
    z.object({
      artifactId: z.string(),
      version: z.number().int(),
      hash: z.string(),
      status: z.enum(['not-submitted', 'pending', 'adopted', 'rolled-back']),
      signers: z.array(z.string()),
      applied: z.array(z.string()),
    }),
  ),
});
export type HubView = z.output<typeof HubViewSchema>;

export const PublishingViewSchema = z.object({
  artifacts: z.array(
    z.object({
      artifactId: z.string(),
      version: z.number().int(),
      status: z.string(),
      kind: z.string(),
      title: z.string(),
      text: z.string(),
      gates: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
    }),
  ),
  history: z.array(
    z.object({ artifactId: z.string(), artifactVersion: z.number(), target: PublishTargetKindSchema, liveVersion: z.string(), action: z.enum(['published', 'rolled-back']), ts: z.number() }),
  ),
  /** The last target used, so the form is filled in. */
  target: PublishTargetFormSchema.partial().optional(),
  /** The hub this workspace watches (kaizen serve --hub), when one was set. */
  hub: HubViewSchema.optional(),
});
export type PublishingView = z.output<typeof PublishingViewSchema>;

export const PublishingToHostSchema = z.discriminatedUnion('type', [
  ...CORE_TO_HOST,
  z.object({ type: z.literal('approveArtifact'), artifactId: z.string().min(1) }),
  z.object({ type: z.literal('publishArtifact'), artifactId: z.string().min(1), target: PublishTargetFormSchema }),
  z.object({ type: z.literal('rollbackArtifact'), artifactId: z.string().min(1), target: PublishTargetFormSchema }),
  /** Watch this hub (its http URL); empty stops watching. */
  z.object({ type: z.literal('setHub'), url: z.string().max(2000) }),
  /** Sign the artifact's latest version with this workspace's key and submit it to the watched hub (or add the signature). */
  z.object({ type: z.literal('signForHub'), artifactId: z.string().min(1) }),
]);
export type PublishingToHost = z.output<typeof PublishingToHostSchema>;

export const HostToPublishingSchema = z.discriminatedUnion('type', [
  ...CORE_TO_WEBVIEW,
  z.object({ type: z.literal('publishing'), data: PublishingViewSchema }),
  z.object({ type: z.literal('published'), artifactId: z.string(), liveVersion: z.string(), action: z.enum(['published', 'rolled-back', 'refused', 'approved']), message: z.string() }),
]);
export type HostToPublishing = z.output<typeof HostToPublishingSchema>;

export const publishingProtocol = {
  app: 'publishing',
  toHost: PublishingToHostSchema,
  toWebview: HostToPublishingSchema,
} satisfies WebviewProtocol<PublishingToHost, z.input<typeof PublishingToHostSchema>, HostToPublishing, z.input<typeof HostToPublishingSchema>>;
export type PublishingProtocol = typeof publishingProtocol;
