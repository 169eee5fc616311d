import { z } from 'zod';
import type { BackoffOptions, LiveConnection, LiveTransport, RandomSource, Timers, TimerHandle } from '../realtime';
import { DEFAULT_BACKOFF, backoffDelay } from '../realtime';
import { AgentArtifacts } from './agentArtifacts';
import type { Envelope } from './envelope';
import { EnvelopeSchema } from './envelope';
import type { ArtifactFrame } from './hubService';

export const HUB_PROTOCOL = 1;
/** How long an applied entry's ack waits, so it never delays the applies right behind it. */
const ACK_DELAY_MS = 5;
/** Frames held while waiting for a predecessor, at most. */
const MAX_WAITING = 10_000;

const ArtifactFrameSchema = z.object({
  type: z.literal('artifact'),
  id: z.string().regex(/^[1-9][0-9]*$/),
  prev: z.string().regex(/^[1-9][0-9]*$/).nullable().optional(),
  action: z.enum(['adopt', 'rollback']).default('adopt'),
  hash: z.string().optional(),
  envelope: EnvelopeSchema,
});

export interface HubSubscriberOptions {
  /** ws://host:port/v1/hub */
  url: string;
  agentId: string;
  transport: LiveTransport;
  timers: Timers;
  random: RandomSource;
  /** Resume after this event id (the last `lastEventId` this agent kept). */
  resumeFrom?: string | null;
  /** Checks an envelope before it is applied (hash, trusted signatures, privacy); throw to refuse it. */
  verify?(envelope: unknown): void;
  /** Called once per log entry, in log order, after the agent state changed; `live` is the artifact's live version now. */
  onApply?(frame: ArtifactFrame, live: Envelope | undefined): void;
  onStatus?(status: string): void;
  backoff?: BackoffOptions;
}

export interface SubscriberCounts {
  received: number;
  applied: number;
  duplicatesDropped: number;
  refused: number;
  malformedFrames: number;
  reconnects: number;
}

/**
 * An agent's subscription to a hub: hello with the last event id it kept, artifact frames applied in log
 * order (each frame names the id before it, so a reordered frame waits for its predecessor and a
 * duplicate is dropped), an ack per applied frame, and reconnects with full-jitter backoff that resume
 * after the last event applied. Nothing is applied twice and nothing after the resume point is skipped.
 */
export class HubSubscriber {
  readonly artifacts = new AgentArtifacts();
  readonly counts: SubscriberCounts = { received: 0, applied: 0, duplicatesDropped: 0, refused: 0, malformedFrames: 0, reconnects: 0 };
  /** The highest id up to which every entry was applied. */
  private watermark: number;
  /** Frames that arrived before their predecessor, by the id they follow. */
  private readonly waiting = new Map<number, ArtifactFrame>();
  private readonly recentAcks: string[] = [];
  /** Acks of entries applied since the last flush, and the connection they were applied from. */
  private unsentAcks: string[] = [];
  private ackFlush: TimerHandle | undefined;
  private connection: LiveConnection | undefined;
  private retry: TimerHandle | undefined;
  private attempt = 0;
  private stopped = true;
  private readonly idleWaiters: { until: number; resolve: () => void }[] = [];

  constructor(private readonly options: HubSubscriberOptions) {
    this.watermark = options.resumeFrom ? Number(options.resumeFrom) : 0;
  }

  get lastEventId(): string | null {
    return this.watermark > 0 ? String(this.watermark) : null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.retry?.cancel();
    this.retry = undefined;
    this.flushAcks();
    this.connection?.close();
    this.connection = undefined;
  }

  /** Resolves once every entry up to `id` was applied. */
  appliedThrough(id: number): Promise<void> {
    if (this.watermark >= id) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push({ until: id, resolve }));
  }

  private connect(): void {
    let open = false;
    const conn = this.options.transport.connect(this.options.url, this.lastEventId, {
      onOpen: () => {
        open = true;
        this.attempt = 0;
        this.options.onStatus?.('connected');
        conn.send(JSON.stringify({ type: 'hello', protocol: HUB_PROTOCOL, role: 'agent', agentId: this.options.agentId, lastEventId: this.lastEventId }));
        // Acks sent just before a cut may be lost; the hub ignores repeats.
        for (const ack of this.recentAcks) conn.send(ack);
      },
      onFrame: (text) => this.onFrame(text, conn),
      onClose: (reason) => {
        // A connection this subscriber already replaced or stopped says nothing about the current one.
        if (this.connection !== conn) return;
        this.connection = undefined;
        if (this.stopped) return;
        this.options.onStatus?.(`disconnected (${reason})`);
        this.scheduleReconnect(open ? 0 : this.attempt++);
      },
    });
    this.connection = conn;
  }

  private scheduleReconnect(attempt: number): void {
    if (this.stopped || this.retry) return;
    this.counts.reconnects++;
    const delay = backoffDelay(attempt, this.options.random, this.options.backoff ?? { ...DEFAULT_BACKOFF, capMs: 5_000 });
    this.retry = this.options.timers.setTimeout(() => {
      this.retry = undefined;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private onFrame(text: string, conn: LiveConnection): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.counts.malformedFrames++;
      return;
    }
    if ((json as { type?: unknown })?.type !== 'artifact') {
      if ((json as { type?: unknown })?.type === 'error') this.options.onStatus?.(`hub refused: ${text}`);
      return;
    }
    const parsed = ArtifactFrameSchema.safeParse(json);
    if (!parsed.success) {
      this.counts.malformedFrames++;
      return;
    }
    // The envelope's own hash names what is applied and acked (a frame's `hash` is only a convenience).
    const frame: ArtifactFrame = { ...parsed.data, prev: parsed.data.prev ?? null, hash: parsed.data.envelope.hash };
    this.counts.received++;
    const id = Number(frame.id);
    const prev = frame.prev === null ? 0 : Number(frame.prev);
    if (id <= this.watermark || this.waiting.get(prev)?.id === frame.id) {
      this.counts.duplicatesDropped++;
      return;
    }
    this.waiting.set(prev, frame);
    this.drain(conn);
    if (this.waiting.size > MAX_WAITING) {
      // A stream that never fills its gap: start over from the last entry applied.
      this.waiting.clear();
      conn.close();
      this.connection = undefined;
      this.scheduleReconnect(0);
    }
  }

  /** Applies waiting frames while the next one follows the watermark. */
  private drain(conn: LiveConnection): void {
    // A hub resuming after our watermark may start past ids this agent never saw (gaps in the log's ids).
    for (;;) {
      let next = this.waiting.get(this.watermark);
      if (!next) {
        // A frame whose predecessor is at or below the watermark follows it too (its prev was applied).
        for (const [p, f] of this.waiting) if (p <= this.watermark) {
          this.waiting.delete(p);
          if (Number(f.id) > this.watermark) next = f;
          else this.counts.duplicatesDropped++;
          if (next) break;
        }
        if (!next) break;
      } else this.waiting.delete(this.watermark);
      this.apply(next, conn);
    }
    for (let i = this.idleWaiters.length - 1; i >= 0; i--) {
      const w = this.idleWaiters[i]!;
      if (this.watermark >= w.until) {
        this.idleWaiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  private apply(frame: ArtifactFrame, conn: LiveConnection): void {
    this.watermark = Number(frame.id);
    try {
      this.options.verify?.(frame.envelope);
    } catch (err) {
      this.counts.refused++;
      this.options.onStatus?.(`refused ${frame.hash}: ${(err as Error).message}`);
      return;
    }
    const live = this.artifacts.apply(frame.action, frame.envelope);
    this.counts.applied++;
    this.options.onApply?.(frame, live);
    const ack = JSON.stringify({ type: 'artifact.ack', id: frame.id, hash: frame.hash, action: frame.action, status: 'applied' });
    this.recentAcks.push(ack);
    if (this.recentAcks.length > 32) this.recentAcks.shift();
    // The ack goes out a few ms after the apply, not from inside it: whatever else arrives meanwhile
    // (other frames, the same frame for the other agents hosted in this process, which a fan-out delivers
    // over a few ms) is applied first rather than queued behind one send per ack, and a burst of entries
    // costs one wake-up. An ack lost with the connection is re-sent after the reconnect.
    this.unsentAcks.push(ack);
    this.ackFlush ??= this.options.timers.setTimeout(() => this.flushAcks(conn), ACK_DELAY_MS);
  }

  private flushAcks(conn: LiveConnection | undefined = this.connection): void {
    this.ackFlush?.cancel();
    this.ackFlush = undefined;
    const acks = this.unsentAcks;
    this.unsentAcks = [];
    if (conn === undefined || conn !== this.connection) return;
    for (const ack of acks) conn.send(ack);
  }
}
