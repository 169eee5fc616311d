import type { Conversation, ConversationEvent } from '../model';
import { assembleConversation } from '../model';
import type { Redactor } from '../privacy/types';

/** New events of one live call since its last batch (in `seq` order); `ended` once its `call.ended` is among them. */
export interface LiveCallBatch {
  callId: string;
  events: ConversationEvent[];
  ended: boolean;
}

/**
 * Live calls' raw events, kept per open call so each new batch is redacted in the context of the whole
 * call so far (a name said earlier is known), exactly as an import redacts a whole call. Only the new
 * events come back. Synchronous: the live client runs it between frames, or a worker thread runs it
 * (`src/node/liveRedactionWorker.ts`) so the history never crosses threads more than once.
 */
export class LiveCallHistory {
  private readonly raw = new Map<string, ConversationEvent[]>();

  constructor(private readonly redactor: Redactor) {}

  get openCalls(): number {
    return this.raw.size;
  }

  redact(batch: LiveCallBatch): Conversation {
    const history = this.raw.get(batch.callId) ?? [];
    history.push(...batch.events);
    if (batch.ended) this.raw.delete(batch.callId);
    else this.raw.set(batch.callId, history);
    const fresh = new Set(batch.events.map((e) => e.eventId));
    const redacted = this.redactor.redactConversation(assembleConversation(history));
    return assembleConversation(redacted.events.filter((e) => fresh.has(e.eventId)));
  }
}
