import type { ConversationEvent } from '../model';

export interface Held<T> {
  event: ConversationEvent;
  tag: T;
}

/**
 * Restores each call's order by `seq`: an event is released once every lower `seq` of its call has
 * been. Events without a `seq` (a peer that does not number them) pass straight through.
 */
export class CallOrderer<T> {
  private readonly next = new Map<string, number>();
  private readonly held = new Map<string, Map<number, Held<T>>>();

  /** The events now in order (possibly none, possibly several when a gap closes). */
  push(event: ConversationEvent, tag: T): Held<T>[] {
    if (event.seq === undefined) return [{ event, tag }];
    const expected = this.next.get(event.callId) ?? 0;
    if (event.seq < expected) return [{ event, tag }]; // a late copy under a new eventId: let the store decide
    let pending = this.held.get(event.callId);
    if (!pending) {
      pending = new Map();
      this.held.set(event.callId, pending);
    }
    pending.set(event.seq, { event, tag });
    const out: Held<T>[] = [];
    let n = expected;
    for (let h = pending.get(n); h; h = pending.get(n)) {
      out.push(h);
      pending.delete(n);
      n++;
    }
    this.next.set(event.callId, n);
    if (pending.size === 0) this.held.delete(event.callId);
    return out;
  }

  get heldCount(): number {
    let n = 0;
    for (const m of this.held.values()) n += m.size;
    return n;
  }

  /** Releases everything still held (a finite replay ended with gaps), each call in `seq` order. */
  drain(): Held<T>[] {
    const out: Held<T>[] = [];
    for (const [callId, pending] of this.held) {
      const seqs = [...pending.keys()].sort((a, b) => a - b);
      for (const s of seqs) out.push(pending.get(s)!);
      this.next.set(callId, (seqs[seqs.length - 1] ?? 0) + 1);
    }
    this.held.clear();
    return out;
  }

  /** Forget a finished call's counters. */
  forget(callId: string): void {
    this.next.delete(callId);
    this.held.delete(callId);
  }
}
