import { ConversationEventSchema } from '../../model';
import type { CallStarted, ConversationEvent } from '../../model';
import { describeZodError } from '../issues';
import type { AdapterContext, AdapterOutput, FormatAdapter, FormatDefinition, SourceRecord } from '../types';
import { isRecord, reject, sourceOf } from './common';

const EVENT_TYPES = new Set(['call.started', 'turn', 'tool.called', 'tool.result', 'agent.error', 'call.ended', 'feedback']);

interface OpenCall {
  index: number;
  events: ConversationEvent[];
  ids: Set<string>;
  /** The record that carried `call.ended`, while the call waits out its grace window. */
  endedAt?: number;
}

/**
 * Records a call stays open after its `call.ended`: post-call events (a survey's `feedback`, a late
 * `tool.result`) usually follow within a few lines and belong to the same call, not a new one.
 */
const LATE_EVENT_WINDOW = 256;
/** Calls remembered after they were emitted, so an even later event does not get a synthetic start. */
const EMITTED_MEMORY = 50_000;

/**
 * Kaizen's own wire format: one ConversationEvent per line. Events of several calls may interleave;
 * a call is emitted at its `call.ended` or at the end of the file. `source.index` is the call's
 * position among the calls of the file in order of first appearance (not a line number: a call
 * spans many lines, and the first-appearance order is stable however the lines interleave).
 */
class KaizenJsonlAdapter implements FormatAdapter {
  private readonly open = new Map<string, OpenCall>();
  /** Ended calls in the order they ended (a Map keeps insertion order), waiting out the window. */
  private readonly ending = new Map<string, OpenCall>();
  /** callId → source index of calls already emitted (bounded, oldest forgotten first). */
  private readonly emitted = new Map<string, number>();
  private nextIndex = 0;

  constructor(private readonly ctx: AdapterContext) {}

  push(record: SourceRecord): AdapterOutput[] {
    const parsed = ConversationEventSchema.safeParse(record.value);
    if (!parsed.success) {
      const { field, reason } = describeZodError(parsed.error, record.value);
      return [reject(this.ctx, record, field, reason)];
    }
    const event = parsed.data;
    const out = this.flushEnded(record.index);
    let call = this.open.get(event.callId);
    if (!call) {
      const knownIndex = this.emitted.get(event.callId);
      // A late fragment of a call emitted earlier keeps that call's index; the store merges it in.
      call = { index: knownIndex ?? this.nextIndex++, events: [], ids: new Set() };
      if (knownIndex !== undefined) call.endedAt = -1;
      this.open.set(event.callId, call);
    }
    if (call.ids.has(event.eventId)) {
      out.push({ kind: 'duplicate', count: 1 });
      return out;
    }
    call.ids.add(event.eventId);
    call.events.push(event);
    if (event.type === 'call.ended' && call.endedAt === undefined) {
      call.endedAt = record.index;
      this.ending.set(event.callId, call);
    }
    return out;
  }

  end(): AdapterOutput[] {
    const rest = [...this.open.values()].sort((a, b) => a.index - b.index);
    this.open.clear();
    this.ending.clear();
    return rest.map((c) => this.emit(c));
  }

  /** Emits the ended calls whose grace window has passed. */
  private flushEnded(recordIndex: number): AdapterOutput[] {
    const out: AdapterOutput[] = [];
    for (const [callId, call] of this.ending) {
      if (recordIndex - call.endedAt! <= LATE_EVENT_WINDOW) break;
      this.ending.delete(callId);
      this.open.delete(callId);
      out.push(this.emit(call));
    }
    return out;
  }

  /** Stamps this file as the call's source (keeping the platform id and trial an earlier export had). */
  private emit(call: OpenCall): AdapterOutput {
    const events = call.events;
    const callId = events[0]!.callId;
    const lateFragment = this.emitted.has(callId);
    this.emitted.delete(callId);
    this.emitted.set(callId, call.index);
    if (this.emitted.size > EMITTED_MEMORY) this.emitted.delete(this.emitted.keys().next().value!);
    const started = events.find((e): e is CallStarted => e.type === 'call.started');
    if (started) {
      started.source = sourceOf(this.ctx, call.index, started.source?.externalId, started.source?.trial);
    } else if (!lateFragment) {
      // Without a call.started the call would have no source; a deterministic one is added.
      const first = events.reduce((a, b) => (b.ts < a.ts ? b : a));
      const synthetic: CallStarted = {
        type: 'call.started',
        eventId: `${first.callId}:started`,
        callId: first.callId,
        agentId: first.agentId,
        ts: first.ts,
        channel: 'voice',
        source: sourceOf(this.ctx, call.index),
      };
      events.unshift(synthetic);
    }
    return { kind: 'call', events };
  }
}

export const kaizenJsonlFormat: FormatDefinition = {
  format: 'kaizen-jsonl',
  sniff: (v) => isRecord(v) && typeof v.type === 'string' && EVENT_TYPES.has(v.type) && typeof v.callId === 'string',
  create: (ctx) => new KaizenJsonlAdapter(ctx),
};
