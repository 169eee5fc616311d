import type { Conversation, ConversationEvent } from '../model';
import { assembleConversation } from '../model';
import { redactCallPart } from '../privacy/callParts';
import type { Redactor } from '../privacy/types';

/** New events of one live call since its last batch (in `seq` order); `ended` once its `call.ended` is among them. */
export interface LiveCallBatch {
  callId: string;
  events: ConversationEvent[];
  ended: boolean;
}

/**
 * Live calls' raw events, kept per open call so each new batch is redacted in the context of the whole
 * call so far (a name said earlier is known), exactly as an import redacts a whole call. The new events
 * come back, and any earlier event of the call that this redaction redacts further (a name learned in
 * this batch: "my name is …"); the store replaces a stored event by such a version (store/callMerge.ts).
 * A file merging into a stored call goes through the same `redactCallPart` (privacy/callParts.ts).
 * Synchronous: the live client runs it between frames, or a worker thread runs it
 * (`src/node/liveRedactionWorker.ts`) so the history never crosses threads more than once.
 */
export class LiveCallHistory {
  private readonly raw = new Map<string, ConversationEvent[]>();
  /** The redacted version of each event of an open call as last handed out. */
  private readonly stored = new Map<string, Map<string, ConversationEvent>>();

  constructor(private readonly redactor: Redactor) {}

  get openCalls(): number {
    return this.raw.size;
  }

  redact(batch: LiveCallBatch): Conversation {
    const history = this.raw.get(batch.callId) ?? [];
    history.push(...batch.events);
    const stored = this.stored.get(batch.callId) ?? new Map<string, ConversationEvent>();
    if (batch.ended) {
      this.raw.delete(batch.callId);
      this.stored.delete(batch.callId);
    } else {
      this.raw.set(batch.callId, history);
      this.stored.set(batch.callId, stored);
    }
    const send = redactCallPart(this.redactor, { history, fresh: new Set(batch.events), earlier: (id) => stored.get(id) });
    for (const e of send) stored.set(e.eventId, e);
    return assembleConversation(send);
  }
}
