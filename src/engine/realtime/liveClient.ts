import type { Conversation, ConversationEvent, Correction } from '../model';
import type { Clock, Logger } from '../ports';
import { silentLogger } from '../ports';
import type { Redactor } from '../privacy/types';
import { PrivacyViolationError } from '../privacy/compliance';
import type { JournalEntryInput, LearningStore, PutConversationsResult } from '../store/learningStore';
import { AckTracker } from './ackTracker';
import type { BackoffOptions } from './backoff';
import { DEFAULT_BACKOFF, backoffDelay } from './backoff';
import { CallOrderer } from './callOrderer';
import type { CorrectionDecider } from './decider';
import { LatencyRecorder } from './latency';
import type { LiveCallBatch } from './liveRedaction';
import { LiveCallHistory } from './liveRedaction';
import type { LiveConnection, LiveTransport, RandomSource, TimerHandle, Timers } from './ports';
import { PROTOCOL_VERSION, ServerFrameSchema, WireEventSchema, describeIssue, wireToModel } from './protocol';

export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'stopped';

export interface LiveClientOptions {
  /** `ws://…/v1/stream` or `http://…/v1/events` (the transport decides how to reach it). */
  url: string;
  transport: LiveTransport;
  timers: Timers;
  random: RandomSource;
  clock: Clock;
  store: LearningStore;
  /** Every event passes through it before it is stored, as on import (whole-call context). */
  redactor: Redactor;
  /**
   * Redacts live batches elsewhere (a Node host passes a worker thread built with the same key and policy
   * that keeps each open call's history, `src/node/liveRedaction.ts`), so redaction never holds up the
   * frames a correction waits on. Without it, `redactor` redacts here (`LiveCallHistory`), a few ms at a time.
   */
  redactLive?: (batches: LiveCallBatch[]) => Promise<Conversation[]>;
  decider?: CorrectionDecider;
  logger?: Logger;
  /** Stop after the server's `end` once everything is stored and acked (a finite replay). */
  untilEnd?: boolean;
  /** Resume after this stream id (e.g. the cursor of an earlier run). */
  resumeFrom?: string | null;
  /** Events received but not yet stored before the socket is paused (backpressure). Default 2,000. */
  maxPending?: number;
  /**
   * How long to gather events into one store write (corrections never wait for it; acks do). Default
   * 200 ms: every write of a call re-encodes its stored transcript, so writing each event of a busy
   * stream at once costs the CPU that frames need (measured in `npm run bench live`).
   */
  flushDelayMs?: number;
  /** The same while a `tool.called` waits for storage (an agent may hold the tool call until its ack). Default 20 ms. */
  toolFlushDelayMs?: number;
  backoff?: BackoffOptions;
  /** After the events are done, how long to wait for outstanding correction acks. Default 2 s. */
  correctionAckWaitMs?: number;
  onStatus?(status: LiveStatus): void;
  /** An event was stored (redacted), for live views. */
  onStored?(event: ConversationEvent): void;
  onCorrection?(correction: Correction, status: 'sent' | 'applied' | 'rejected' | 'expired', roundTripMs?: number): void;
  /** A call's `call.ended` was stored (e.g. to relearn rules). */
  onCallEnded?(callId: string): void;
}

export interface LiveSummary {
  received: number;
  stored: number;
  duplicatesDropped: number;
  rejected: number;
  reconnects: number;
  corrections: { sent: number; acked: number; applied: number; rejected: number; expired: number; throttled: number };
  decisionMs: { p50: number; p99: number };
  roundTripMs: { p50: number; p99: number };
  malformedFrames: number;
  serverErrors: number;
  /** Events released out of order at the end because an earlier `seq` never came. */
  gapsReleased: number;
  /** Times the socket was paused because `maxPending` events waited for storage (backpressure). */
  pauses: number;
  /**
   * Calls already stored with different content (e.g. imported with fields the wire does not carry): the
   * store keeps its copy as it was and reports the conflict, never overwriting it silently.
   */
  conflicts: number;
  lastEventId: string | null;
}

interface Tag {
  streamId: string;
}

interface SentCorrection {
  correction: Correction;
  sentAt: number;
  frame: string;
}

const SEEN_CAP = 200_000;
/** Calls per store write in a flush. */
const STORE_CHUNK = 8;
/** Work on this thread between yields to the socket, in ms. */
const SLICE_MS = 4;

/**
 * The live part of ingest: connect, resume, dedupe, reorder, decide, redact, store, ack, reconnect.
 * Frames are handled synchronously on arrival (so a correction for a `tool.called` is sent before any
 * later ack can cover it); storage is batched and asynchronous, and the ack follows storage.
 */
export class LiveClient {
  private readonly o: Required<Pick<LiveClientOptions, 'maxPending' | 'flushDelayMs' | 'toolFlushDelayMs' | 'correctionAckWaitMs'>> & LiveClientOptions;
  private readonly logger: Logger;
  private readonly acks: AckTracker;
  private readonly orderer = new CallOrderer<Tag>();
  private readonly seen = new Set<string>();
  private readonly endedCalls = new Set<string>();
  private readonly conflictedCalls = new Set<string>();
  /** Raw events of open calls (when redacting here): the redactor sees the whole call so far, as on import. */
  private readonly history: LiveCallHistory;
  private pending: { event: ConversationEvent; tag: Tag }[] = [];
  /** Correction journal entries waiting for the next store write. */
  private journalQueue: JournalEntryInput[] = [];
  /** The journal writes in order; each failure is logged inside, so the chain never rejects. */
  private journalWrite: Promise<void> = Promise.resolve();
  /** The one finish in progress: an ack and the ack-wait timer may both ask to finish. */
  private finishing?: Promise<void>;
  private readonly unackedCorrections = new Map<string, SentCorrection>();
  private readonly decision = new LatencyRecorder();
  private readonly roundTrip = new LatencyRecorder();
  private readonly counts = {
    received: 0,
    stored: 0,
    duplicatesDropped: 0,
    rejected: 0,
    reconnects: 0,
    malformedFrames: 0,
    serverErrors: 0,
    gapsReleased: 0,
    pauses: 0,
    conflicts: 0,
    sent: 0,
    acked: 0,
    applied: 0,
    rejectedCorrections: 0,
    expired: 0,
  };
  private conn: LiveConnection | undefined;
  private connected = false;
  private paused = false;
  private attempt = 0;
  private flushTimer: TimerHandle | undefined;
  /** When the scheduled flush runs (monotonic ms). */
  private flushDue = 0;
  /** A `tool.called` waits in `pending` (the next flush comes sooner). */
  private toolPending = false;
  private reconnectTimer: TimerHandle | undefined;
  private flushing: Promise<void> | undefined;
  private lastAckSent: string | null;
  private endSeen = false;
  private finished = false;
  private finishWaiter: TimerHandle | undefined;
  private resolveRun: ((summary: LiveSummary) => void) | undefined;
  private rejectRun: ((err: unknown) => void) | undefined;
  private status: LiveStatus = 'connecting';

  constructor(options: LiveClientOptions) {
    this.o = { maxPending: 2000, flushDelayMs: 200, toolFlushDelayMs: 20, correctionAckWaitMs: 2000, ...options };
    this.logger = options.logger ?? silentLogger;
    this.history = new LiveCallHistory(options.redactor);
    this.acks = new AckTracker(options.resumeFrom ?? null);
    this.lastAckSent = options.resumeFrom ?? null;
  }

  /** Runs until stopped (or, with `untilEnd`, until the replay is fully stored); resolves with the summary. */
  run(): Promise<LiveSummary> {
    // The redactor builds its word tables on first use (hundreds of ms): pay that before the first
    // event, not while a call waits for a correction.
    // (A host that redacts in a worker pays it there.)
    if (!this.o.redactLive) this.o.redactor.redactText('Warm-up: call Ada Lovelace at 555-0100 about order 12345.');
    return new Promise((resolve, reject) => {
      this.resolveRun = resolve;
      this.rejectRun = reject;
      this.connect();
    });
  }

  /** Stops: stores what was received, sends the last ack, closes. */
  async stop(): Promise<LiveSummary> {
    if (!this.finished) await this.finish('stopped');
    return this.summary();
  }

  get currentStatus(): LiveStatus {
    return this.status;
  }

  summary(): LiveSummary {
    const c = this.counts;
    return {
      received: c.received,
      stored: c.stored,
      duplicatesDropped: c.duplicatesDropped,
      rejected: c.rejected,
      reconnects: c.reconnects,
      corrections: {
        sent: c.sent,
        acked: c.acked,
        applied: c.applied,
        rejected: c.rejectedCorrections,
        expired: c.expired,
        throttled: this.o.decider?.throttled ?? 0,
      },
      decisionMs: this.decision.summary(),
      roundTripMs: this.roundTrip.summary(),
      malformedFrames: c.malformedFrames,
      serverErrors: c.serverErrors,
      gapsReleased: c.gapsReleased,
      pauses: c.pauses,
      conflicts: c.conflicts,
      lastEventId: this.acks.acked,
    };
  }

  private setStatus(status: LiveStatus): void {
    this.status = status;
    this.o.onStatus?.(status);
  }

  private connect(): void {
    if (this.finished) return;
    this.setStatus(this.counts.reconnects > 0 ? 'reconnecting' : 'connecting');
    const resumeFrom = this.acks.acked;
    this.conn = this.o.transport.connect(this.o.url, resumeFrom, {
      onOpen: () => this.opened(resumeFrom),
      onFrame: (text) => this.frame(text),
      onClose: (reason) => this.closed(reason),
    });
  }

  private opened(resumeFrom: string | null): void {
    if (this.finished) return;
    this.connected = true;
    this.attempt = 0;
    this.setStatus('connected');
    this.conn!.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, lastEventId: resumeFrom }));
    this.lastAckSent = resumeFrom;
    // Corrections not yet acked are sent again (agents dedupe by correctionId), before any ack.
    for (const c of this.unackedCorrections.values()) this.conn!.send(c.frame);
    this.sendAck();
    if (this.paused) this.conn!.pause();
    this.maybeFinish();
  }

  private closed(reason: string): void {
    this.connected = false;
    this.conn = undefined;
    if (this.finished) return;
    this.counts.reconnects++;
    const delay = backoffDelay(this.attempt++, this.o.random, this.o.backoff ?? DEFAULT_BACKOFF);
    this.logger.info('live: connection closed; reconnecting', { reason, delayMs: delay, attempt: this.attempt });
    this.setStatus('reconnecting');
    this.reconnectTimer = this.o.timers.setTimeout(() => this.connect(), delay);
  }

  private frame(text: string): void {
    if (this.finished) return;
    const t0 = this.o.timers.monotonicNow();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.malformed('not JSON');
      return;
    }
    const parsed = ServerFrameSchema.safeParse(json);
    if (!parsed.success) {
      const { field, reason } = describeIssue(parsed.error);
      this.malformed(`${field}: ${reason}`);
      return;
    }
    const f = parsed.data;
    switch (f.type) {
      case 'event':
        this.event(f.id, f.event, t0);
        break;
      case 'end':
        this.endSeen = true;
        for (const h of this.orderer.drain()) {
          this.counts.gapsReleased++;
          this.release(h.event, h.tag, t0);
        }
        this.scheduleFlush();
        this.maybeFinish();
        break;
      case 'correction.ack':
        this.correctionAck(f.correctionId, f.status);
        break;
      case 'error':
        this.counts.serverErrors++;
        this.logger.warn('live: the agent refused a frame', { field: f.field, reason: f.reason });
        break;
    }
  }

  private malformed(reason: string): void {
    this.counts.malformedFrames++;
    this.counts.rejected++;
    this.logger.warn('live: malformed frame skipped', { reason });
  }

  private event(streamId: string, raw: unknown, t0: number): void {
    this.counts.received++;
    const freshId = this.acks.received(streamId);
    const parsed = WireEventSchema.safeParse(raw);
    if (!parsed.success) {
      const { field, reason } = describeIssue(parsed.error);
      this.counts.rejected++;
      this.logger.warn('live: event rejected', { streamId, field: `event.${field}`, reason });
      if (freshId) this.acks.done(streamId);
      this.scheduleFlush();
      return;
    }
    const wire = parsed.data;
    if (this.seen.has(wire.eventId)) {
      this.counts.duplicatesDropped++;
      if (freshId) this.acks.done(streamId);
      this.scheduleFlush();
      return;
    }
    this.remember(wire.eventId);
    const event = wireToModel(wire);
    const tag = { streamId };
    if (this.endedCalls.has(event.callId)) {
      // A late event of a finished call: the store decides whether it is new.
      this.pending.push({ event, tag });
    } else {
      for (const h of this.orderer.push(event, tag)) this.release(h.event, h.tag, t0);
    }
    if (!this.paused && this.pending.length + this.orderer.heldCount >= this.o.maxPending) {
      this.paused = true;
      this.counts.pauses++;
      this.conn?.pause();
    }
    this.scheduleFlush();
  }

  private remember(eventId: string): void {
    this.seen.add(eventId);
    if (this.seen.size > SEEN_CAP) {
      // Oldest first (Set keeps insertion order); the store still refuses a second copy of anything.
      let n = this.seen.size - SEEN_CAP;
      for (const id of this.seen) {
        if (n-- <= 0) break;
        this.seen.delete(id);
      }
    }
  }

  /** An event now in its call's order: decide (and send any correction at once), then queue it for storage. */
  private release(event: ConversationEvent, tag: Tag, t0: number): void {
    const decider = this.o.decider;
    if (decider) {
      // From the frame's arrival to the decision (and the correction on the wire): parse + dedupe + decide.
      const d = decider.decide(event);
      if (d) this.sendCorrection(d.correction);
      this.decision.record(this.o.timers.monotonicNow() - t0);
    }
    if (event.type === 'tool.called') this.toolPending = true;
    this.pending.push({ event, tag });
  }

  private sendCorrection(correction: Correction): void {
    const frame = JSON.stringify({ type: 'correction', correction });
    const sent: SentCorrection = { correction, sentAt: this.o.timers.monotonicNow(), frame };
    this.unackedCorrections.set(correction.correctionId, sent);
    this.counts.sent++;
    if (this.connected) this.conn!.send(frame);
    this.o.onCorrection?.(correction, 'sent');
    // Journaled with the next store write, not here: the gate's PII scan and the insert would hold up the
    // frames behind this one (the largest cost on this thread in a profile of `npm run bench live`).
    this.journalQueue.push({ stream: 'live.corrections', kind: 'sent', ts: this.o.clock.now(), payload: correction });
  }

  private correctionAck(correctionId: string, status: 'applied' | 'rejected' | 'expired'): void {
    const sent = this.unackedCorrections.get(correctionId);
    if (!sent) return; // a second ack after a resend
    this.unackedCorrections.delete(correctionId);
    const rtt = this.o.timers.monotonicNow() - sent.sentAt;
    this.roundTrip.record(rtt);
    this.counts.acked++;
    if (status === 'applied') this.counts.applied++;
    else if (status === 'rejected') this.counts.rejectedCorrections++;
    else this.counts.expired++;
    this.o.onCorrection?.(sent.correction, status, rtt);
    this.journalQueue.push({ stream: 'live.corrections', kind: status, ts: this.o.clock.now(), payload: { correctionId, roundTripMs: rtt } });
    this.scheduleFlush();
    this.maybeFinish();
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    const delay = this.toolPending ? this.o.toolFlushDelayMs : this.o.flushDelayMs;
    const due = this.o.timers.monotonicNow() + delay;
    if (this.flushTimer) {
      if (due >= this.flushDue) return;
      this.flushTimer.cancel(); // a tool call came: store sooner
    }
    this.flushDue = due;
    this.flushTimer = this.o.timers.setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, delay);
  }

  private flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.storePending()
      .catch((err: unknown) => {
        this.logger.error('live: storing events failed; stopping', { error: String(err) });
        void this.finish('stopped', err);
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.pending.length > 0) this.scheduleFlush();
        this.maybeFinish();
      });
    return this.flushing;
  }

  /**
   * Writes the queued correction journal entries, one append each (the gate scans each), yielding to
   * frames every few ms like the store writes, so a busy second's corrections never become one long block.
   */
  private writeJournal(): Promise<void> {
    // Chained: a caller (the finish) waits for entries another write already took, not just its own.
    this.journalWrite = this.journalWrite.then(() => this.writeJournalEntries());
    return this.journalWrite;
  }

  private async writeJournalEntries(): Promise<void> {
    const entries = this.journalQueue;
    if (entries.length === 0) return;
    this.journalQueue = [];
    let sliceStart = this.o.timers.monotonicNow();
    for (const entry of entries) {
      if (!this.finished && this.o.timers.monotonicNow() - sliceStart > SLICE_MS) {
        await this.yieldToFrames();
        sliceStart = this.o.timers.monotonicNow();
      }
      try {
        await this.o.store.appendJournal([entry]);
      } catch (err) {
        // The gate may read an agent's identifier in the text (a tool call id) as PII: the entry is kept
        // without the text (ids, rule and fingerprint still say what was sent), never dropped.
        const payload = entry.payload as { text?: string };
        const withheld = err instanceof PrivacyViolationError && payload.text !== undefined ? { ...entry, payload: { ...payload, text: undefined, textWithheld: 'privacy gate' } } : undefined;
        await (withheld ? this.o.store.appendJournal([withheld]) : Promise.reject(err)).catch((e: unknown) =>
          this.logger.warn('live: could not journal a correction', { error: String(e) }),
        );
      }
    }
  }

  private async storePending(): Promise<void> {
    await this.writeJournal();
    const batch = this.pending;
    this.pending = [];
    this.toolPending = false;
    if (batch.length > 0) {
      const byCall = new Map<string, { event: ConversationEvent; tag: Tag }[]>();
      for (const item of batch) {
        const list = byCall.get(item.event.callId) ?? [];
        list.push(item);
        byCall.set(item.event.callId, list);
      }
      const ended: string[] = [];
      const batches: LiveCallBatch[] = [];
      for (const [callId, items] of byCall) {
        const isEnd = items.some((i) => i.event.type === 'call.ended');
        // A late event of a finished call has no history to keep.
        batches.push({ callId, events: items.map((i) => i.event), ended: isEnd || this.endedCalls.has(callId) });
        if (isEnd) ended.push(callId);
      }
      const conversations = await this.redactBatches(batches);
      // The store writes on this thread (sql.js): a few calls per write, yielding between, so frames and
      // the corrections they trigger are handled between writes instead of after the whole batch.
      let sliceStart = this.o.timers.monotonicNow();
      for (let i = 0; i < conversations.length; i += STORE_CHUNK) {
        if (i > 0 && this.o.timers.monotonicNow() - sliceStart > SLICE_MS) {
          await this.yieldToFrames();
          sliceStart = this.o.timers.monotonicNow();
        }
        await this.putGuarded(conversations.slice(i, i + STORE_CHUNK));
      }
      for (const conv of conversations) for (const e of conv.events) this.o.onStored?.(e);
      for (const item of batch) this.acks.done(item.tag.streamId);
      for (const callId of ended) {
        this.orderer.forget(callId);
        this.endedCalls.add(callId);
        if (this.endedCalls.size > SEEN_CAP) this.endedCalls.delete(this.endedCalls.values().next().value!);
        this.o.onCallEnded?.(callId);
      }
    }
    this.sendAck();
    if (this.paused && this.pending.length + this.orderer.heldCount < this.o.maxPending / 2) {
      this.paused = false;
      this.conn?.resume();
    }
  }

  /** Redacts off this thread when the host gave a worker, else here, yielding to frames every few ms. */
  private async redactBatches(batches: LiveCallBatch[]): Promise<Conversation[]> {
    if (this.o.redactLive) return this.o.redactLive(batches);
    const out: Conversation[] = [];
    let sliceStart = this.o.timers.monotonicNow();
    for (const b of batches) {
      if (this.o.timers.monotonicNow() - sliceStart > SLICE_MS) {
        await this.yieldToFrames();
        sliceStart = this.o.timers.monotonicNow();
      }
      out.push(this.history.redact(b));
    }
    return out;
  }

  /** Stores redacted calls; a call the privacy gate refuses is counted as rejected, the others still stored. */
  private async putGuarded(conversations: Conversation[]): Promise<void> {
    try {
      this.counted(conversations, await this.o.store.putConversations(conversations));
    } catch (err) {
      if (!(err instanceof PrivacyViolationError)) throw err;
      for (const conv of conversations) {
        try {
          this.counted([conv], await this.o.store.putConversations([conv]));
        } catch (one) {
          if (!(one instanceof PrivacyViolationError)) throw one;
          this.counts.rejected += conv.events.length;
          this.logger.warn('live: the privacy gate refused events of a call', { callId: conv.callId, reason: one.message });
        }
      }
    }
  }

  private counted(conversations: readonly Conversation[], r: PutConversationsResult): void {
    this.counts.stored += r.eventsInserted;
    this.counts.duplicatesDropped += r.eventsDuplicate;
    for (const conflict of r.conflicts ?? []) {
      // Once per call: its later batches conflict the same way.
      if (this.conflictedCalls.has(conflict.callId)) continue;
      this.conflictedCalls.add(conflict.callId);
      this.counts.conflicts++;
      if (this.conflictedCalls.size > SEEN_CAP) this.conflictedCalls.delete(this.conflictedCalls.values().next().value!);
      this.logger.warn('live: a stored call differs; kept as it was', { callId: conflict.callId, eventId: conflict.eventId, field: conflict.field, reason: conflict.reason });
    }
  }

  private waitAtMost(p: Promise<void>, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = this.o.timers.setTimeout(resolve, ms);
      p.catch(() => undefined).finally(() => {
        timer.cancel();
        resolve();
      });
    });
  }

  private yieldToFrames(): Promise<void> {
    return new Promise((resolve) => this.o.timers.setTimeout(resolve, 0));
  }

  private sendAck(): void {
    this.acks.advance();
    const acked = this.acks.acked;
    if (!this.connected || acked === null || acked === this.lastAckSent) return;
    this.conn!.send(JSON.stringify({ type: 'ack', lastEventId: acked }));
    this.lastAckSent = acked;
  }

  private eventsDone(): boolean {
    return this.pending.length === 0 && this.orderer.heldCount === 0 && !this.flushing && !this.flushTimer && this.acks.outstanding === 0;
  }

  private maybeFinish(): void {
    if (!this.o.untilEnd || !this.endSeen || this.finished || !this.eventsDone()) return;
    // The final ack must reach the agent: wait for a connection if there is none.
    if (!this.connected || this.lastAckSent !== this.acks.acked) return;
    if (this.unackedCorrections.size === 0) {
      void this.finish('ended');
      return;
    }
    this.finishWaiter ??= this.o.timers.setTimeout(() => void this.finish('ended'), this.o.correctionAckWaitMs);
  }

  private finish(status: 'ended' | 'stopped', error?: unknown): Promise<void> {
    this.finishing ??= this.finishOnce(status, error);
    return this.finishing;
  }

  private async finishOnce(status: 'ended' | 'stopped', error?: unknown): Promise<void> {
    if (this.finished) return;
    this.flushTimer?.cancel();
    this.flushTimer = undefined;
    if (!error) {
      if (this.flushing) await this.flushing;
      if (status === 'stopped') for (const h of this.orderer.drain()) this.pending.push(h);
      if (this.pending.length > 0) await this.storePending();
    }
    await this.writeJournal();
    this.finished = true;
    this.reconnectTimer?.cancel();
    this.finishWaiter?.cancel();
    this.connected = false;
    // The final ack must reach the agent before the run ends (a CLI exits right after); bounded like the correction acks.
    if (this.conn?.drain && !error) await this.waitAtMost(this.conn.drain(), this.o.correctionAckWaitMs);
    this.conn?.close();
    this.conn = undefined;
    await this.o.store
      .appendJournal([{ stream: 'live.cursor', kind: 'cursor', ts: this.o.clock.now(), payload: { url: this.o.url, lastEventId: this.acks.acked } }])
      .catch(() => undefined);
    this.setStatus(status);
    if (error) this.rejectRun?.(error);
    else this.resolveRun?.(this.summary());
  }
}
