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
}

/**
 * Kaizen's own wire format: one ConversationEvent per line. Events of several calls may interleave;
 * a call is emitted at its `call.ended` or at the end of the file. `source.index` is the call's
 * position among the calls of the file in order of first appearance (not a line number: a call
 * spans many lines, and the first-appearance order is stable however the lines interleave).
 */
class KaizenJsonlAdapter implements FormatAdapter {
  private readonly open = new Map<string, OpenCall>();
  private nextIndex = 0;

  constructor(private readonly ctx: AdapterContext) {}

  push(record: SourceRecord): AdapterOutput[] {
    const parsed = ConversationEventSchema.safeParse(record.value);
    if (!parsed.success) {
      const { field, reason } = describeZodError(parsed.error, record.value);
      return [reject(this.ctx, record, field, reason)];
    }
    const event = parsed.data;
    let call = this.open.get(event.callId);
    if (!call) {
      call = { index: this.nextIndex++, events: [], ids: new Set() };
      this.open.set(event.callId, call);
    }
    if (call.ids.has(event.eventId)) return [{ kind: 'duplicate', count: 1 }];
    call.ids.add(event.eventId);
    call.events.push(event);
    if (event.type !== 'call.ended') return [];
    this.open.delete(event.callId);
    return [this.emit(call)];
  }

  end(): AdapterOutput[] {
    const rest = [...this.open.values()].sort((a, b) => a.index - b.index);
    this.open.clear();
    return rest.map((c) => this.emit(c));
  }

  /** Stamps this file as the call's source (keeping the platform id and trial an earlier export had). */
  private emit(call: OpenCall): AdapterOutput {
    const events = call.events;
    const started = events.find((e): e is CallStarted => e.type === 'call.started');
    if (started) {
      started.source = sourceOf(this.ctx, call.index, started.source?.externalId, started.source?.trial);
    } else {
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
