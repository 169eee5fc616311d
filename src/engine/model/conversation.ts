import { z } from 'zod';
import { IdSchema } from './common';
import { CallOutcomeSchema, ConversationEventSchema } from './events';
import type { CallOutcome, ConversationEvent } from './events';
import { CallSourceSchema } from './source';

/** A call assembled from its events, in order. Events are kept whole; the fields beside them are a digest. */
export const ConversationSchema = z.object({
  callId: IdSchema,
  agentId: IdSchema,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  source: CallSourceSchema.optional(),
  outcome: CallOutcomeSchema.optional(),
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
  let outcome: CallOutcome | undefined;
  let endedAt: number | undefined;
  for (const e of ordered) {
    if (e.type === 'call.started' && e.source) source = e.source;
    if (e.type === 'call.ended') {
      outcome = e.outcome;
      endedAt = e.ts;
    }
  }
  return {
    callId: first.callId,
    agentId: first.agentId,
    startedAt: ordered[0]!.ts,
    endedAt,
    source,
    outcome,
    events: ordered,
  };
}
