import { z } from 'zod';
import { IdSchema } from './common';
import { CallOutcomeSchema, ConversationEventSchema } from './events';
import type { CallOutcome, ConversationEvent } from './events';
import { CallMetricsSchema, CallPlatformSchema, mergeBlocks } from './platform';
import type { Transfer } from './platform';
import type { CallMetrics, CallPlatform } from './platform';
import { CallSourceSchema } from './source';

/** A call assembled from its events, in order. Events are kept whole; the fields beside them are a digest. */
export const ConversationSchema = z.object({
  callId: IdSchema,
  agentId: IdSchema,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  source: CallSourceSchema.optional(),
  outcome: CallOutcomeSchema.optional(),
  /** Merged from every `call.started` (see `callPlatformOf`). */
  platform: CallPlatformSchema.optional(),
  /** Merged from every `call.ended` (see `callMetricsOf`). */
  metrics: CallMetricsSchema.optional(),
  events: z.array(ConversationEventSchema),
});
export type Conversation = z.output<typeof ConversationSchema>;

/**
 * Assembles the events of one call into a conversation. Events are ordered by timestamp and, within a
 * timestamp, by arrival, so a recording with coarse clocks keeps its turn order.
 */
export function assembleConversation(events: readonly ConversationEvent[]): Conversation {
  const first = events[0];
  if (!first) throw new Error('assembleConversation: a conversation needs at least one event');
  const ordered = events
    .map((event, arrival) => ({ event, arrival }))
    .sort((a, b) => a.event.ts - b.event.ts || a.arrival - b.arrival)
    .map((x) => x.event);
  let source: Conversation['source'];
  let endedAt: number | undefined;
  for (const e of ordered) {
    if (e.type === 'call.started' && e.source) source = e.source;
    if (e.type === 'call.ended') endedAt = e.ts;
  }
  const conversation: Conversation = {
    callId: first.callId,
    agentId: first.agentId,
    startedAt: ordered[0]!.ts,
    endedAt,
    source,
    outcome: callOutcomeOf(ordered),
    events: ordered,
  };
  const platform = callPlatformOf(ordered);
  if (platform) conversation.platform = platform;
  const metrics = callMetricsOf(ordered);
  if (metrics) conversation.metrics = metrics;
  return conversation;
}

function byTs(events: readonly ConversationEvent[]): ConversationEvent[] {
  return events
    .map((event, arrival) => ({ event, arrival }))
    .sort((a, b) => a.event.ts - b.event.ts || a.arrival - b.arrival)
    .map((x) => x.event);
}

/**
 * The call's outcome from all its `call.ended` events, merged field by field in time order: a platform
 * that reports a call twice (Retell `call_ended`, then `call_analyzed` with `call_successful`) keeps what
 * each report knows, whichever was imported first. A later `endReason: unknown` does not hide a known one.
 */
export function callOutcomeOf(events: readonly ConversationEvent[]): CallOutcome | undefined {
  const ends = byTs(events).filter((e) => e.type === 'call.ended');
  if (ends.length === 0) return undefined;
  const merged = mergeBlocks<CallOutcome>(ends.map((e) => e.outcome))!;
  const known = ends.map((e) => e.outcome.endReason).filter((r) => r !== 'unknown');
  merged.endReason = known[known.length - 1] ?? 'unknown';
  return merged;
}

/** The `platform` blocks of the call's `call.started` events, merged in time order. */
export function callPlatformOf(events: readonly ConversationEvent[]): CallPlatform | undefined {
  return mergeBlocks(byTs(events).map((e) => (e.type === 'call.started' ? e.platform : undefined)));
}

/**
 * The `metrics` blocks of the call's `call.ended` events, merged in time order, with the transfers the
 * platform reported on their own mid-call (system turns annotated `transfer`, from Retell `transfer_*` and
 * Vapi `transfer-update` webhooks) added to `transfers`: one that the end-of-call summary already lists
 * (same status) only gives it its time.
 */
export function callMetricsOf(events: readonly ConversationEvent[]): CallMetrics | undefined {
  const ordered = byTs(events);
  const merged = mergeBlocks(ordered.map((e) => (e.type === 'call.ended' ? e.metrics : undefined)));
  const marked: Transfer[] = [];
  for (const e of ordered) {
    if (e.type !== 'turn' || e.role !== 'system' || typeof e.annotations?.transfer !== 'string') continue;
    const mode = e.annotations.transferMode;
    marked.push({ status: e.annotations.transfer, ...(typeof mode === 'string' ? { mode } : {}), at: e.ts });
  }
  if (marked.length === 0) return merged;
  const transfers = (merged?.transfers ?? []).map((t) => ({ ...t }));
  for (const m of marked) {
    const same = transfers.find((t) => t.status === m.status && (t.at === undefined || t.at === m.at));
    if (same) same.at ??= m.at;
    else transfers.push(m);
  }
  return { ...(merged ?? {}), transfers };
}
