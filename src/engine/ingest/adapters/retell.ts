import { z } from 'zod';
import type { Annotations, EndReason } from '../../model';
import type { AdapterContext, AdapterOutput, FormatAdapter, FormatDefinition, SourceRecord } from '../types';
import { CallBuilder, endedOutcome, isRecord, isTransferTool, looksLikeToolError, parseRecord, parseToolArguments, sourceOf } from './common';

const WordSchema = z.object({ start: z.number().optional(), end: z.number().optional() });

const EntrySchema = z.object({
  role: z.string(),
  content: z.string().optional(),
  words: z.array(WordSchema).optional(),
  tool_call_id: z.string().optional(),
  name: z.string().optional(),
  arguments: z.unknown().optional(),
  successful: z.boolean().optional(),
  digit: z.string().optional(),
  time_sec: z.number().optional(),
});
type Entry = z.output<typeof EntrySchema>;

const CallSchema = z.object({
  call_id: z.string().min(1),
  agent_id: z.string().optional(),
  agent_version: z.union([z.number(), z.string()]).optional(),
  call_type: z.string().optional(),
  direction: z.string().optional(),
  from_number: z.string().optional(),
  to_number: z.string().optional(),
  start_timestamp: z.number().optional(),
  end_timestamp: z.number().optional(),
  duration_ms: z.number().optional(),
  disconnection_reason: z.string().optional(),
  transcript_object: z.array(EntrySchema).optional(),
  transcript_with_tool_calls: z.array(EntrySchema).optional(),
  call_analysis: z
    .object({
      call_successful: z.boolean().optional(),
      user_sentiment: z.string().optional(),
      in_voicemail: z.boolean().optional(),
    })
    .optional(),
});

/** Retell `disconnection_reason` → our EndReason. */
export function mapRetellDisconnection(raw: string | undefined): { endReason: EndReason; transferred?: boolean } {
  if (!raw) return { endReason: 'unknown' };
  if (raw === 'call_transfer' || raw === 'transfer_bridged') return { endReason: 'transfer', transferred: true };
  if (raw === 'user_hangup') return { endReason: 'customer_hangup' };
  if (raw === 'agent_hangup') return { endReason: 'agent_hangup' };
  if (raw === 'inactivity' || raw === 'max_duration_reached') return { endReason: 'timeout' };
  if (raw === 'voicemail_reached') return { endReason: 'voicemail' };
  if (raw.startsWith('error')) return { endReason: 'error' };
  return { endReason: 'unknown' };
}

const CALL_EVENTS = new Set(['call_ended', 'call_analyzed']);

/**
 * Retell webhook bodies (`{event|event_type: "call_ended"|"call_analyzed", call:{…}}`; both keys are
 * seen in the wild) or a bare call object. `transcript_with_tool_calls` is used when present (it has the
 * tool invocations and results), else `transcript_object`. Word timings (seconds of call audio) give
 * `startMs`/`endMs`. Turn and tool event ids are the same for both webhooks of a call, so receiving
 * `call_ended` and then `call_analyzed` stores the transcript once; the end events differ (`:ended`,
 * `:analyzed`) and the analyzed one sorts last, so its outcome (with `call_successful`) is the call's.
 */
class RetellAdapter implements FormatAdapter {
  constructor(private readonly ctx: AdapterContext) {}

  push(record: SourceRecord): AdapterOutput[] {
    const v = record.value;
    let body: unknown = v;
    let prefix = '';
    let event: string | undefined;
    if (isRecord(v) && isRecord(v.call)) {
      event = typeof v.event === 'string' ? v.event : typeof v.event_type === 'string' ? v.event_type : undefined;
      if (event !== undefined && !CALL_EVENTS.has(event)) {
        return [{ kind: 'skip', record: record.index, reason: `Retell "${event}" webhooks carry no finished call` }];
      }
      body = v.call;
      prefix = 'call';
    }
    const r = parseRecord(CallSchema, this.ctx, { ...record, value: body }, prefix);
    if (!r.ok) return [r.output];
    const c = r.value;
    const ctx = this.ctx;
    const agentId = c.agent_id ?? ctx.agentId;
    const start = c.start_timestamp;
    const callerNumber = c.direction === 'outbound' ? c.to_number : c.from_number;
    const call = start !== undefined ? new CallBuilder(c.call_id, agentId, start) : CallBuilder.synthetic(ctx, record.index, c.call_id, agentId);
    call.add({
      type: 'call.started',
      channel: c.call_type === 'web_call' || c.call_type === 'phone_call' || c.call_type === undefined ? 'voice' : 'chat',
      source: sourceOf(ctx, record.index, c.call_id),
      // The caller's number (raw here) is replaced by its keyed hash in the redactor, before any store.
      ...(callerNumber ? { callerKey: callerNumber } : {}),
      ...(c.agent_version !== undefined ? { agentVersion: String(c.agent_version) } : {}),
      ts: start,
    });
    const entries = c.transcript_with_tool_calls ?? c.transcript_object ?? [];
    let toolTransfer = false;
    const toolNames = new Map<string, string>();
    for (const e of entries) {
      const timing = timingOf(e);
      const ts = start !== undefined && timing.startMs !== undefined ? start + timing.startMs : undefined;
      switch (e.role) {
        case 'agent':
          call.add({ type: 'turn', role: 'agent', text: e.content ?? '', ts, ...timing });
          break;
        case 'user':
          call.add({ type: 'turn', role: 'user', text: e.content ?? '', ts, ...timing });
          break;
        case 'transfer_target':
          // The human the call was transferred to: a third voice, kept as a user-side turn.
          call.add({ type: 'turn', role: 'user', text: e.content ?? '', ts, ...timing, annotations: { speaker: 'transfer_target' } });
          break;
        case 'tool_call_invocation': {
          const name = e.name ?? 'unknown_tool';
          toolNames.set(e.tool_call_id ?? '', name);
          if (isTransferTool(name) || name === 'transfer_call') toolTransfer = true;
          call.add({ type: 'tool.called', toolCallId: e.tool_call_id ?? '', name, arguments: parseToolArguments(e.arguments), ts });
          break;
        }
        case 'tool_call_result': {
          const text = e.content ?? '';
          const ok = e.successful ?? !looksLikeToolError(text);
          const name = e.name ?? toolNames.get(e.tool_call_id ?? '');
          call.add({ type: 'tool.result', toolCallId: e.tool_call_id ?? '', ...(name ? { name } : {}), ok, ...(ok ? { result: text } : { error: text }), ts });
          break;
        }
        case 'dtmf':
          call.add({ type: 'turn', role: 'user', text: `[DTMF ${e.digit ?? ''}]`, ts, annotations: { dtmf: e.digit ?? '' } });
          break;
        case 'injected':
          call.add({
            type: 'turn',
            role: 'system',
            text: e.content ?? '',
            ts: start !== undefined && e.time_sec !== undefined ? start + e.time_sec * 1000 : undefined,
            annotations: { injected: true },
          });
          break;
        default:
          // node_transition and future roles say nothing to the caller; they are not turns.
          break;
      }
    }
    const mapped = mapRetellDisconnection(c.disconnection_reason);
    const transferred = mapped.transferred || toolTransfer;
    const analysis = c.call_analysis;
    const annotations: Annotations = {};
    if (analysis?.user_sentiment) annotations.userSentiment = analysis.user_sentiment;
    if (analysis?.in_voicemail !== undefined) annotations.inVoicemail = analysis.in_voicemail;
    const analyzed = event === 'call_analyzed' || (event === undefined && analysis !== undefined);
    const end = c.end_timestamp;
    call.add({
      type: 'call.ended',
      eventId: `${c.call_id}:${analyzed ? 'analyzed' : 'ended'}`,
      ts: end !== undefined ? Math.max(end, call.lastTimestamp) + (analyzed ? 1 : 0) : undefined,
      outcome: endedOutcome({
        endReason: mapped.endReason,
        endReasonRaw: c.disconnection_reason,
        transferred: transferred || undefined,
        escalated: transferred || undefined,
        resolved: analysis?.call_successful,
        durationMs: c.duration_ms ?? (start !== undefined && end !== undefined ? Math.max(0, end - start) : undefined),
      }),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    });
    return [call.finish(ctx, record)];
  }

  end(): AdapterOutput[] {
    return [];
  }
}

function timingOf(e: Entry): { startMs?: number; endMs?: number } {
  const words = e.words ?? [];
  const first = words.find((w) => w.start !== undefined)?.start;
  const last = [...words].reverse().find((w) => w.end !== undefined)?.end;
  return {
    ...(first !== undefined ? { startMs: Math.max(0, Math.round(first * 1000)) } : {}),
    ...(last !== undefined ? { endMs: Math.max(0, Math.round(last * 1000)) } : {}),
  };
}

export const retellFormat: FormatDefinition = {
  format: 'retell',
  sniff: (v) => {
    if (!isRecord(v)) return false;
    const call = isRecord(v.call) ? v.call : v;
    return typeof call.call_id === 'string' && ('transcript_object' in call || 'transcript_with_tool_calls' in call || 'event' in v || 'event_type' in v);
  },
  create: (ctx) => new RetellAdapter(ctx),
};
