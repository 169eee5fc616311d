import { z } from 'zod';
import { AnnotationsSchema, IdSchema, TimestampSchema } from './common';
import { CallMetricsSchema, CallPlatformSchema, TurnLatencySchema } from './platform';
import { CallSourceSchema } from './source';

const base = {
  eventId: IdSchema,
  callId: IdSchema,
  agentId: IdSchema,
  ts: TimestampSchema,
  /** Position of the event in its call (0, 1, …), as the agent protocol numbers it; recordings may lack it. */
  seq: z.number().int().nonnegative().optional(),
  /** The prompt/artifact version the agent ran when it emitted the event (agent protocol). */
  promptVersion: z.string().optional(),
};

export const RoleSchema = z.enum(['user', 'agent', 'system']);
export type Role = z.infer<typeof RoleSchema>;

export const CallStartedSchema = z.object({
  ...base,
  type: z.literal('call.started'),
  channel: z.enum(['voice', 'chat']).default('voice'),
  /** Keyed hash of the caller's identifier (never the raw number). */
  callerKey: z.string().optional(),
  agentVersion: z.string().optional(),
  source: CallSourceSchema.optional(),
  /** The system prompt or policy the agent ran with, when the recording has it. */
  systemPrompt: z.string().optional(),
  /** Who ran the call and how it was placed (model, voice, tools, direction, URLs, metadata). */
  platform: CallPlatformSchema.optional(),
});

export const TurnSchema = z.object({
  ...base,
  type: z.literal('turn'),
  role: RoleSchema,
  text: z.string(),
  /** Offsets in call audio, milliseconds from the start of the call. */
  startMs: z.number().nonnegative().optional(),
  endMs: z.number().nonnegative().optional(),
  /** The speaker was cut off (barge-in). */
  interrupted: z.boolean().optional(),
  /** How long the agent took to start this reply, as the platform measured it (agent turns). */
  latency: TurnLatencySchema.optional(),
  annotations: AnnotationsSchema.optional(),
});

export const ToolCalledSchema = z.object({
  ...base,
  type: z.literal('tool.called'),
  toolCallId: z.string(),
  name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()).default({}),
});

export const ToolResultSchema = z.object({
  ...base,
  type: z.literal('tool.result'),
  toolCallId: z.string(),
  name: z.string().optional(),
  ok: z.boolean(),
  result: z.string().optional(),
  error: z.string().optional(),
});

export const AgentErrorSchema = z.object({
  ...base,
  type: z.literal('agent.error'),
  code: z.string().min(1),
  message: z.string(),
  stage: z.enum(['asr', 'llm', 'tts', 'tool', 'policy', 'transport', 'other']).default('other'),
  toolName: z.string().optional(),
});

export const EndReasonSchema = z.enum([
  'completed',
  'customer_hangup',
  'agent_hangup',
  'transfer',
  'voicemail',
  'timeout',
  'error',
  'unknown',
]);
export type EndReason = z.infer<typeof EndReasonSchema>;

export const CallOutcomeSchema = z.object({
  resolved: z.boolean().optional(),
  escalated: z.boolean().optional(),
  transferred: z.boolean().optional(),
  abandoned: z.boolean().optional(),
  /** Customer satisfaction, 1 (worst) to 5 (best). */
  csat: z.number().min(1).max(5).optional(),
  durationMs: z.number().nonnegative().optional(),
  endReason: EndReasonSchema.default('unknown'),
  /** The platform's own wording of why the call ended. */
  endReasonRaw: z.string().optional(),
  /** A benchmark's task reward (τ-bench: 1 pass, 0 fail). */
  reward: z.number().optional(),
});
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

export const CallEndedSchema = z.object({
  ...base,
  type: z.literal('call.ended'),
  outcome: CallOutcomeSchema,
  /** Cost, latency, token usage, the platform's own analysis and transfers. */
  metrics: CallMetricsSchema.optional(),
  annotations: AnnotationsSchema.optional(),
});

export const FeedbackSchema = z.object({
  ...base,
  type: z.literal('feedback'),
  from: z.enum(['customer', 'reviewer', 'system']),
  rating: z.number().optional(),
  label: z.string().optional(),
  comment: z.string().optional(),
});

export const ConversationEventSchema = z.discriminatedUnion('type', [
  CallStartedSchema,
  TurnSchema,
  ToolCalledSchema,
  ToolResultSchema,
  AgentErrorSchema,
  CallEndedSchema,
  FeedbackSchema,
]);

export type ConversationEvent = z.output<typeof ConversationEventSchema>;
export type ConversationEventInput = z.input<typeof ConversationEventSchema>;
export type CallStarted = z.output<typeof CallStartedSchema>;
export type Turn = z.output<typeof TurnSchema>;
export type ToolCalled = z.output<typeof ToolCalledSchema>;
export type ToolResult = z.output<typeof ToolResultSchema>;
export type AgentError = z.output<typeof AgentErrorSchema>;
export type CallEnded = z.output<typeof CallEndedSchema>;
export type Feedback = z.output<typeof FeedbackSchema>;
export type EventType = ConversationEvent['type'];
export type EventOf<T extends EventType> = Extract<ConversationEvent, { type: T }>;
