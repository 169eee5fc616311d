import { z } from 'zod';

/**
 * The Publishing webview's own messages (the per-app part of the host ↔ webview protocol; the core —
 * ready, refresh, error, busy — lives in protocol.ts). Approved artifact → gates → target → publish →
 * live version, history, rollback.
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
});
export type PublishingView = z.output<typeof PublishingViewSchema>;

export const PublishingToHostMessages = [
  z.object({ type: z.literal('approveArtifact'), artifactId: z.string().min(1) }),
  z.object({ type: z.literal('publishArtifact'), artifactId: z.string().min(1), target: PublishTargetFormSchema }),
  z.object({ type: z.literal('rollbackArtifact'), artifactId: z.string().min(1), target: PublishTargetFormSchema }),
] as const;

export const HostToPublishingMessages = [
  z.object({ type: z.literal('publishing'), data: PublishingViewSchema }),
  z.object({ type: z.literal('published'), artifactId: z.string(), liveVersion: z.string(), action: z.enum(['published', 'rolled-back', 'refused']), message: z.string() }),
] as const;
