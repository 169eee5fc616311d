/**
 * Cumulative acks: stream ids in arrival order, each marked done once its event is stored (or known
 * to need no storing: a duplicate, a rejected event). The ack is the last id of the done prefix, so
 * an ack never covers an event that is not yet stored.
 */
export class AckTracker {
  private readonly order: { id: string; done: boolean }[] = [];
  private readonly byId = new Map<string, { id: string; done: boolean }>();
  private head = 0;
  private lastAcked: string | null;

  constructor(initial: string | null = null) {
    this.lastAcked = initial;
  }

  /** Every stream id ever received (bounded): a redelivered id is never queued twice, so the ack never moves back. */
  private readonly known = new Set<string>();

  /** False for a stream id received before (a redelivery): its entry, if still open, is left alone. */
  received(id: string): boolean {
    if (this.known.has(id)) return false;
    this.known.add(id);
    if (this.known.size > 500_000) this.known.delete(this.known.values().next().value!);
    const entry = { id, done: false };
    this.order.push(entry);
    this.byId.set(id, entry);
    return true;
  }

  done(id: string): void {
    const e = this.byId.get(id);
    if (e) e.done = true;
  }

  /** The new cumulative ack, or undefined when it has not moved. */
  advance(): string | undefined {
    let moved: string | undefined;
    while (this.head < this.order.length && this.order[this.head]!.done) {
      moved = this.order[this.head]!.id;
      this.byId.delete(moved);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
    if (moved !== undefined) this.lastAcked = moved;
    return moved;
  }

  get acked(): string | null {
    return this.lastAcked;
  }

  get outstanding(): number {
    return this.order.length - this.head;
  }
}
