import { z } from 'zod';
import type { Annotations, CallCost, CallLatency, CallMetrics, CallPlatform, EndReason, LatencyStats, PlatformAnalysis, TokenUsage, Transfer } from '../../model';
import type { AdapterContext, AdapterOutput, FormatAdapter, FormatDefinition, SourceRecord } from '../types';
import { CallBuilder, endedOutcome, isRecord, isTransferTool, parseRecord, parseToolArguments, reject, sourceOf } from './common';
import type { EventDraft } from './common';
import { attachTurnLatencies, cents, compact, directionOf, jsonRecord, latencyStats, str, toolOutputFailed, transferMarker, turnsFromTranscriptText } from './platformFields';

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
  agent_name: z.string().optional(),
  agent_tag: z.string().optional(),
  transcript: z.string().optional(),
  recording_url: z.string().optional(),
  recording_multi_channel_url: z.string().optional(),
  scrubbed_recording_url: z.string().optional(),
  public_log_url: z.string().optional(),
  transfer_destination: z.string().nullish(),
  transfer_end_timestamp: z.number().nullish(),
  latency: z.record(z.string(), z.unknown()).optional(),
  llm_token_usage: z.object({ values: z.array(z.number()).optional(), average: z.number().optional(), num_requests: z.number().optional() }).optional(),
  call_cost: z
    .object({
      combined_cost: z.number().optional(),
      total_duration_seconds: z.number().optional(),
      product_costs: z.array(z.object({ product: z.string(), cost: z.number(), unit_price: z.number().optional() })).optional(),
    })
    .optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  retell_llm_dynamic_variables: z.record(z.string(), z.unknown()).nullish(),
  collected_dynamic_variables: z.record(z.string(), z.unknown()).nullish(),
  transcript_object: z.array(EntrySchema).optional(),
  transcript_with_tool_calls: z.array(EntrySchema).optional(),
  call_analysis: z
    .object({
      call_successful: z.boolean().optional(),
      user_sentiment: z.string().optional(),
      in_voicemail: z.boolean().optional(),
      call_summary: z.string().optional(),
      custom_analysis_data: z.record(z.string(), z.unknown()).nullish(),
    })
    .optional(),
});

type RetellCall = z.output<typeof CallSchema>;

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
/** Retell `transfer_*` webhook → the transfer's status. */
const TRANSFER_EVENTS = new Map([
  ['transfer_started', 'started'],
  ['transfer_bridged', 'bridged'],
  ['transfer_cancelled', 'cancelled'],
  ['transfer_ended', 'ended'],
]);

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
      if (event !== undefined && TRANSFER_EVENTS.has(event)) return [this.transfer(record, v, TRANSFER_EVENTS.get(event)!)];
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
    const platform = platformOf(c);
    const call = start !== undefined ? new CallBuilder(c.call_id, agentId, start) : CallBuilder.synthetic(ctx, record.index, c.call_id, agentId);
    call.add({
      type: 'call.started',
      channel: c.call_type === 'web_call' || c.call_type === 'phone_call' || c.call_type === undefined ? 'voice' : 'chat',
      source: sourceOf(ctx, record.index, c.call_id),
      // The caller's number (raw here) is replaced by its keyed hash in the redactor, before any store.
      ...(callerNumber ? { callerKey: callerNumber } : {}),
      ...(c.agent_version !== undefined ? { agentVersion: String(c.agent_version) } : {}),
      ...(platform ? { platform } : {}),
      ts: start,
    });
    const entries = c.transcript_with_tool_calls ?? c.transcript_object ?? [];
    const drafts: EventDraft[] = [];
    if (entries.length === 0 && c.transcript !== undefined && c.transcript.trim() !== '') {
      drafts.push(...turnsFromTranscriptText(c.transcript));
      if (drafts.length === 0) {
        return [reject(ctx, record, `${prefix ? `${prefix}.` : ''}transcript`, 'the call has only a `transcript` string and it has no "Agent:"/"User:" speaker labels, so it cannot be split into turns; export transcript_object instead')];
      }
    }
    let toolTransfer = false;
    const toolNames = new Map<string, string>();
    for (const e of entries) {
      const timing = timingOf(e);
      const ts = start !== undefined && timing.startMs !== undefined ? start + timing.startMs : undefined;
      switch (e.role) {
        case 'agent':
          drafts.push({ type: 'turn', role: 'agent', text: e.content ?? '', ts, ...timing });
          break;
        case 'user':
          drafts.push({ type: 'turn', role: 'user', text: e.content ?? '', ts, ...timing });
          break;
        case 'transfer_target':
          // The human the call was transferred to: a third voice, kept as a user-side turn.
          drafts.push({ type: 'turn', role: 'user', text: e.content ?? '', ts, ...timing, annotations: { speaker: 'transfer_target' } });
          break;
        case 'tool_call_invocation': {
          const name = e.name ?? 'unknown_tool';
          toolNames.set(e.tool_call_id ?? '', name);
          if (isTransferTool(name) || name === 'transfer_call') toolTransfer = true;
          drafts.push({ type: 'tool.called', toolCallId: e.tool_call_id ?? '', name, arguments: parseToolArguments(e.arguments), ts });
          break;
        }
        case 'tool_call_result': {
          const text = e.content ?? '';
          const ok = e.successful !== false && !toolOutputFailed(text);
          const name = e.name ?? toolNames.get(e.tool_call_id ?? '');
          drafts.push({ type: 'tool.result', toolCallId: e.tool_call_id ?? '', ...(name ? { name } : {}), ok, ...(ok ? { result: text } : { error: text }), ts });
          break;
        }
        case 'dtmf':
          drafts.push({ type: 'turn', role: 'user', text: `[DTMF ${e.digit ?? ''}]`, ts, annotations: { dtmf: e.digit ?? '' } });
          break;
        case 'injected':
          drafts.push({
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
    attachTurnLatencies(drafts, (latencyStats(c.latency?.e2e)?.values ?? []).map((v) => (v >= 0 ? { turnMs: v } : undefined)));
    for (const d of drafts) call.add(d);
    const mapped = mapRetellDisconnection(c.disconnection_reason);
    const transferred = mapped.transferred || toolTransfer;
    const analysis = c.call_analysis;
    const annotations: Annotations = {};
    if (analysis?.user_sentiment) annotations.userSentiment = analysis.user_sentiment;
    if (analysis?.in_voicemail !== undefined) annotations.inVoicemail = analysis.in_voicemail;
    const analyzed = event === 'call_analyzed' || (event === undefined && analysis !== undefined);
    const end = c.end_timestamp;
    const metrics = metricsOf(c, mapped.transferred === true);
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
      ...(metrics ? { metrics } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    });
    return [call.finish(ctx, record)];
  }

  /**
   * A `transfer_*` webhook: "full call data plus transfer_destination and transfer_option". Only the
   * transfer is taken (a marker turn, see `transferMarker`); the transcript so far comes again, whole, in
   * `call_ended`, and taking a partial copy here could disagree with it event by event.
   */
  private transfer(record: SourceRecord, v: Record<string, unknown>, status: string): AdapterOutput {
    const r = parseRecord(CallSchema, this.ctx, { ...record, value: v.call }, 'call');
    if (!r.ok) return r.output;
    const c = r.value;
    const option = isRecord(v.transfer_option) ? v.transfer_option : isRecord((v.call as Record<string, unknown>).transfer_option) ? ((v.call as Record<string, unknown>).transfer_option as Record<string, unknown>) : undefined;
    const destination = str(v.transfer_destination) ?? c.transfer_destination ?? undefined;
    const entries = c.transcript_with_tool_calls ?? c.transcript_object ?? [];
    // When: the transfer leg's end, else where the transcript so far stops, else the call's start.
    const lastWordEnd = entries.length ? timingOf(entries[entries.length - 1]!).endMs : undefined;
    const ts = status === 'ended' && c.transfer_end_timestamp ? c.transfer_end_timestamp : c.start_timestamp !== undefined ? c.start_timestamp + (lastWordEnd ?? 0) : undefined;
    const agentId = c.agent_id ?? this.ctx.agentId;
    const call = ts !== undefined ? new CallBuilder(c.call_id, agentId, ts) : CallBuilder.synthetic(this.ctx, record.index, c.call_id, agentId);
    call.add(transferMarker(c.call_id, { status, destination, mode: str(option?.type), ts }));
    return call.finish(this.ctx, record);
  }

  end(): AdapterOutput[] {
    return [];
  }
}

/** Who ran the call and how (Retell reports no model or voice on the call object). */
function platformOf(c: RetellCall): CallPlatform | undefined {
  return compact<CallPlatform>({
    direction: directionOf(c.direction, c.call_type),
    callType: c.call_type,
    agentName: c.agent_name,
    agentTag: c.agent_tag,
    promptVersion: c.agent_version !== undefined ? String(c.agent_version) : undefined,
    urls: compact({
      recording: c.recording_url,
      stereoRecording: c.recording_multi_channel_url,
      scrubbedRecording: c.scrubbed_recording_url,
      log: c.public_log_url,
    }),
    metadata: jsonRecord(c.metadata),
    dynamicVariables: jsonRecord(c.retell_llm_dynamic_variables),
    collectedVariables: jsonRecord(c.collected_dynamic_variables),
  });
}

const LATENCY_STAGES = new Set(['e2e', 'llm', 'tts', 'asr', 's2s']);

/** Cost (Retell reports cents), latency per stage, token usage, the post-call analysis and the transfer. */
function metricsOf(c: RetellCall, transferred: boolean): CallMetrics | undefined {
  const cost = c.call_cost;
  const latency: CallLatency = {};
  const other: Record<string, LatencyStats> = {};
  for (const [k, v] of Object.entries(c.latency ?? {})) {
    const stats = latencyStats(v);
    if (!stats) continue;
    if (LATENCY_STAGES.has(k)) latency[k as 'e2e'] = stats;
    else other[k] = stats;
  }
  if (Object.keys(other).length) latency.other = other;
  const tokens = c.llm_token_usage;
  const a = c.call_analysis;
  return compact<CallMetrics>({
    cost:
      cost?.combined_cost !== undefined
        ? compact<CallCost>({
            total: cents(cost.combined_cost),
            items: cost.product_costs?.map((p) => ({ kind: p.product, amount: cents(p.cost) })),
            billedDurationSec: cost.total_duration_seconds,
          })
        : undefined,
    latency: compact(latency),
    tokens: tokens
      ? compact<TokenUsage>({
          requests: tokens.num_requests,
          averagePerRequest: tokens.average,
          perRequest: tokens.values,
          totalTokens: tokens.values?.reduce((x, y) => x + y, 0),
        })
      : undefined,
    analysis: a
      ? compact<PlatformAnalysis>({
          summary: a.call_summary,
          structuredData: jsonRecord(a.custom_analysis_data),
          successful: a.call_successful,
          userSentiment: a.user_sentiment,
          inVoicemail: a.in_voicemail,
        })
      : undefined,
    transfers:
      transferred || c.transfer_destination
        ? [
            compact<Transfer>({
              status: c.disconnection_reason === 'transfer_bridged' ? 'bridged' : c.disconnection_reason,
              destination: c.transfer_destination ?? undefined,
              at: c.transfer_end_timestamp ?? undefined,
            }) ?? {},
          ]
        : undefined,
  });
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
    return (
      typeof call.call_id === 'string' &&
      ('transcript_object' in call || 'transcript_with_tool_calls' in call || 'event' in v || 'event_type' in v || typeof call.transcript === 'string')
    );
  },
  create: (ctx) => new RetellAdapter(ctx),
};
