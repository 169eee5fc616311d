import type { Conversation, ConversationEvent } from '../model';
import { assembleConversation } from '../model';
import { redactsFurther } from '../store/callMerge';
import type { Redactor } from './types';

/** One more part of a call whose earlier part is already stored. */
export interface CallPart {
  /**
   * The whole call as best known, in any order: the new events raw, and the earlier ones raw when they are
   * still at hand (the live path keeps them) or as stored, already redacted (a later file merging into a
   * stored call: then `redactedHistory` is set, and new placeholders are numbered after those in it).
   */
  history: readonly ConversationEvent[];
  /** The new events (the same objects as in `history`): each is returned redacted. */
  fresh: ReadonlySet<ConversationEvent>;
  /** The stored, redacted version of an earlier event (by its redacted id), if any. */
  earlier: (eventId: string) => ConversationEvent | undefined;
  /** `history` holds redacted events (placeholders): new placeholders are numbered after theirs. */
  redactedHistory?: boolean;
}

/**
 * Redacts a call that arrives in parts, each in the context of the whole call so far: a name said in
 * the new part ("my name is Mette Zorbex") is learned and redacted in the earlier part too ("Leave it
 * with Mette."). Returns the new events redacted, and every earlier event that this redaction redacts
 * further than its stored version (the store replaces a stored event by such a version in place:
 * `store/callMerge.ts`, `redactsFurther`). The live path (`realtime/liveRedaction.ts`) and a file
 * merging into a stored call (`ingest/importer.ts`) both go through here.
 */
export function redactCallPart(redactor: Redactor, part: CallPart): ConversationEvent[] {
  const assembled = assembleConversation(part.history);
  const redacted = redactor.redactConversation(assembled, { continueNumbering: part.redactedHistory === true }).events;
  const out: ConversationEvent[] = [];
  // The redactor maps events one to one, in order: the raw event at i is the redacted one at i.
  for (let i = 0; i < redacted.length; i++) {
    const e = redacted[i]!;
    if (part.fresh.has(assembled.events[i]!)) {
      out.push(e);
      continue;
    }
    const before = part.earlier(e.eventId);
    if (before !== undefined && redactsFurther(before, e)) out.push(e);
  }
  return out;
}

/**
 * A later file's version of a stored call (Retell's `call_analyzed` after `call_ended`, the rest of a
 * call in a second file), redacted in the context of the stored call: its new events redacted with
 * what the stored events say, the stored events redacted further with the names the new part teaches,
 * and its copies of stored events as redacted alone (`alone`), so a copy is still a duplicate and a
 * changed copy still a conflict. The store applies the result like any merge (`store/callMerge.ts`).
 */
export function redactIntoStoredCall(redactor: Redactor, stored: Conversation, raw: Conversation, alone: Conversation): Conversation {
  const storedById = new Map(stored.events.map((e) => [e.eventId, e]));
  // Events are mapped one to one, in order, so `alone.events[i]` is `raw.events[i]` redacted (its id hashed if personal).
  const aloneIds = alone.events.map((e) => e.eventId);
  const incomingIds = new Set(aloneIds);
  const fresh = new Set(raw.events.filter((_, i) => !storedById.has(aloneIds[i]!)));
  // Nothing new (a re-import): the copies redacted alone are what was stored, or what the store accepts as such.
  if (fresh.size === 0) return alone;
  // A stored event the new part repeats is read from the new part's raw text (it holds the names).
  const history = [...stored.events.filter((e) => !incomingIds.has(e.eventId)), ...raw.events];
  const update = redactCallPart(redactor, { history, fresh, earlier: (id) => storedById.get(id), redactedHistory: true });
  const updated = new Set(update.map((e) => e.eventId));
  const copies = alone.events.filter((e) => storedById.has(e.eventId) && !updated.has(e.eventId));
  return { ...alone, ...assembleConversation([...update, ...copies]), callId: alone.callId, agentId: alone.agentId };
}
