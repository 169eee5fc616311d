import { z } from 'zod';
import { CorrectionSchema, EndReasonSchema } from '../model';
import type { ConversationEvent } from '../model';

/**
 * The agent protocol's wire shapes (docs/agent-protocol.md is the contract; test/engine/realtime/
 * protocolDoc.test.ts parses every example in the doc with these schemas). Ids are strings.
 */
export const PROTOCOL_VERSION = 1;

const WireIdSchema = z.string().min(1).max(256);
const IsoTimeSchema = z.iso.datetime({ offset: true });

const wireBase = {
  eventId: WireIdSchema,
  callId: WireIdSchema,
  agentId: WireIdSchema,
  seq: z.number().int().nonnegative(),
  ts: IsoTimeSchema,
  promptVersion: z.string().optional(),
};

export const WireEventSchema = z.discriminatedUnion('type', [
  z.object({ ...wireBase, type: z.literal('call.started'), channel: z.enum(['voice', 'chat']).optional(), systemPrompt: z.string().optional() }),
  z.object({ ...wireBase, type: z.literal('turn'), role: z.enum(['user', 'agent', 'system']), text: z.string() }),
  z.object({
    ...wireBase,
    type: z.literal('tool.called'),
    toolCallId: WireIdSchema,
    name: z.string().min(1),
    args: z.record(z.string(), z.unknown()),
  }),
  z.object({ ...wireBase, type: z.literal('tool.result'), toolCallId: WireIdSchema, name: z.string().min(1), ok: z.boolean(), content: z.string() }),
  z.object({ ...wireBase, type: z.literal('agent.error'), code: z.string().min(1).optional(), message: z.string() }),
  z.object({
    ...wireBase,
    type: z.literal('call.ended'),
    resolved: z.boolean(),
    endReason: EndReasonSchema,
    durationMs: z.number().nonnegative(),
  }),
  z.object({
    ...wireBase,
    type: z.literal('feedback'),
    from: z.enum(['customer', 'reviewer', 'system']).optional(),
    rating: z.number().optional(),
    label: z.string().optional(),
    comment: z.string().optional(),
  }),
]);
export type WireEvent = z.output<typeof WireEventSchema>;

export const WireCorrectionSchema = CorrectionSchema;

export const CorrectionStatusSchema = z.enum(['applied', 'rejected', 'expired']);
export type CorrectionStatus = z.infer<typeof CorrectionStatusSchema>;

/** Frames the client (Kaizen) sends on `/v1/stream`. */
export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), protocol: z.literal(PROTOCOL_VERSION), lastEventId: WireIdSchema.nullable() }),
  z.object({ type: z.literal('ack'), lastEventId: WireIdSchema }),
  z.object({ type: z.literal('correction'), correction: WireCorrectionSchema }),
]);
export type ClientFrame = z.output<typeof ClientFrameSchema>;

/** Frames the agent side sends on `/v1/stream`. `event` is checked separately so one bad event is one rejection. */
export const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), id: WireIdSchema, event: z.unknown() }),
  z.object({ type: z.literal('end'), lastEventId: WireIdSchema.nullable() }),
  z.object({ type: z.literal('correction.ack'), correctionId: WireIdSchema, status: CorrectionStatusSchema }),
  z.object({ type: z.literal('error'), field: z.string(), reason: z.string() }),
]);
export type ServerFrame = z.output<typeof ServerFrameSchema>;

/** `POST /v1/acks` body and `POST /v1/corrections` reply (SSE transport). */
export const AckBodySchema = z.object({ lastEventId: WireIdSchema });
export const CorrectionReplySchema = z.object({ correctionId: WireIdSchema, status: CorrectionStatusSchema });

/** One line naming the first problem of a zod error: `field: reason`. */
export function describeIssue(error: z.ZodError): { field: string; reason: string } {
  const issue = error.issues[0];
  return { field: issue?.path.join('.') || '(frame)', reason: issue?.message ?? 'invalid' };
}

/** A wire event in the model's shape (the model keeps its richer field names; the mapping is 1:1). */
export function wireToModel(e: WireEvent): ConversationEvent {
  const base = { eventId: e.eventId, callId: e.callId, agentId: e.agentId, ts: Date.parse(e.ts), seq: e.seq, promptVersion: e.promptVersion };
  switch (e.type) {
    case 'call.started':
      return { ...base, type: 'call.started', channel: e.channel ?? 'voice', systemPrompt: e.systemPrompt, agentVersion: e.promptVersion };
    case 'turn':
      return { ...base, type: 'turn', role: e.role, text: e.text };
    case 'tool.called':
      return { ...base, type: 'tool.called', toolCallId: e.toolCallId, name: e.name, arguments: e.args };
    case 'tool.result':
      return e.ok
        ? { ...base, type: 'tool.result', toolCallId: e.toolCallId, name: e.name, ok: true, result: e.content }
        : { ...base, type: 'tool.result', toolCallId: e.toolCallId, name: e.name, ok: false, error: e.content };
    case 'agent.error':
      return { ...base, type: 'agent.error', code: e.code ?? 'unknown', message: e.message, stage: 'other' };
    case 'call.ended':
      return { ...base, type: 'call.ended', outcome: { resolved: e.resolved, endReason: e.endReason, durationMs: e.durationMs } };
    case 'feedback':
      return { ...base, type: 'feedback', from: e.from ?? 'customer', rating: e.rating, label: e.label, comment: e.comment };
  }
}

/** A model event on the wire (what `kaizen serve` sends for a recorded call); `seq` is its place in the call. */
export function modelToWire(e: ConversationEvent, seq: number): WireEvent {
  const base = {
    eventId: e.eventId,
    callId: e.callId,
    agentId: e.agentId,
    seq,
    ts: new Date(e.ts).toISOString(),
    ...(e.promptVersion !== undefined ? { promptVersion: e.promptVersion } : {}),
  };
  switch (e.type) {
    case 'call.started':
      return { ...base, type: 'call.started', channel: e.channel, ...(e.systemPrompt !== undefined ? { systemPrompt: e.systemPrompt } : {}) };
    case 'turn':
      return { ...base, type: 'turn', role: e.role, text: e.text };
    case 'tool.called':
      return { ...base, type: 'tool.called', toolCallId: e.toolCallId, name: e.name, args: e.arguments };
    case 'tool.result':
      return { ...base, type: 'tool.result', toolCallId: e.toolCallId, name: e.name ?? 'unknown', ok: e.ok, content: (e.ok ? e.result : (e.error ?? e.result)) ?? '' };
    case 'agent.error':
      return { ...base, type: 'agent.error', code: e.code, message: e.message };
    case 'call.ended':
      return {
        ...base,
        type: 'call.ended',
        resolved: e.outcome.resolved ?? false,
        endReason: e.outcome.endReason,
        durationMs: e.outcome.durationMs ?? 0,
      };
    case 'feedback':
      return { ...base, type: 'feedback', from: e.from, rating: e.rating, label: e.label, comment: e.comment };
  }
}
