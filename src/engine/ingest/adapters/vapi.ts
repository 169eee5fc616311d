import { z } from 'zod';
import type { CallCost, CallLatency, CallMetrics, CallPlatform, CostItem, EndReason, PlatformAnalysis, Transfer, TurnLatency } from '../../model';
import type { AdapterContext, AdapterOutput, FormatAdapter, FormatDefinition, SourceRecord } from '../types';
import {
  CallBuilder,
  endedOutcome,
  isRecord,
  isTransferTool,
  parseRecord,
  reject,
  parseToolArguments,
  sourceOf,
  toEpochMs,
} from './common';
import type { EventDraft } from './common';
import { attachTurnLatencies, compact, directionOf, jsonRecord, num, str, toolOutputFailed, transferMarker, turnsFromTranscriptText, usd } from './platformFields';

const VapiMessageSchema = z.object({
  role: z.string(),
  message: z.string().optional(),
  content: z.string().optional(),
  time: z.number().optional(),
  endTime: z.number().optional(),
  secondsFromStart: z.number().optional(),
  toolCalls: z
    .array(z.object({ id: z.string(), function: z.object({ name: z.string().min(1), arguments: z.unknown().optional() }) }))
    .optional(),
  toolCallId: z.string().optional(),
  name: z.string().optional(),
  result: z.unknown().optional(),
});

const LooseRecord = z.record(z.string(), z.unknown());

const ArtifactSchema = z.object({
  messages: z.array(VapiMessageSchema).optional(),
  transcript: z.string().optional(),
  recordingUrl: z.string().optional(),
  stereoRecordingUrl: z.string().optional(),
  recording: z.object({ mono: z.object({ combinedUrl: z.string().optional() }).partial().optional(), stereoUrl: z.string().optional() }).partial().optional(),
  logUrl: z.string().optional(),
  pcapUrl: z.string().optional(),
  performanceMetrics: LooseRecord.optional(),
  variableValues: LooseRecord.optional(),
  transfers: z.array(z.unknown()).optional(),
});

/** `transfer-update`: sent whenever a transfer happens (server-sdk ServerMessageTransferUpdate). */
const TransferUpdateSchema = z.object({
  type: z.literal('transfer-update'),
  call: z.object({ id: z.string().min(1), assistantId: z.string().optional() }).passthrough(),
  destination: z.object({ type: z.string().optional(), number: z.string().optional(), sipUri: z.string().optional(), assistantName: z.string().optional() }).passthrough().optional(),
  toAssistant: z.object({ name: z.string().optional() }).passthrough().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  assistantId: z.string().optional(),
});

const ReportSchema = z.object({
  type: z.literal('end-of-call-report'),
  endedReason: z.string().optional(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  call: z.object({ id: z.string().min(1), assistantId: z.string().optional(), type: z.string().optional(), metadata: LooseRecord.optional() }).passthrough(),
  assistantId: z.string().optional(),
  assistantName: z.string().optional(),
  assistantVersion: z.union([z.string(), z.number()]).optional(),
  customer: z.object({ number: z.string().optional() }).optional(),
  assistant: z
    .object({
      id: z.string().optional(),
      name: z.string().optional(),
      model: z.object({ messages: z.array(z.unknown()).optional(), provider: z.string().optional(), model: z.string().optional(), tools: z.array(z.unknown()).optional() }).optional(),
      voice: z.object({ provider: z.string().optional(), voiceId: z.string().optional() }).optional(),
      metadata: LooseRecord.optional(),
    })
    .optional(),
  assistantOverrides: z.object({ variableValues: LooseRecord.optional() }).optional(),
  cost: z.number().optional(),
  costs: z.array(LooseRecord).optional(),
  costBreakdown: LooseRecord.optional(),
  analysis: z
    .object({
      summary: z.string().optional(),
      structuredData: z.unknown().optional(),
      successEvaluation: z.union([z.string(), z.boolean(), z.number(), z.null()]).optional(),
    })
    .optional(),
  /** The older report shape: messages, transcript, summary and recording one level up, no `artifact`. */
  messages: z.array(VapiMessageSchema).optional(),
  transcript: z.string().optional(),
  summary: z.string().optional(),
  recordingUrl: z.string().optional(),
  stereoRecordingUrl: z.string().optional(),
  artifact: ArtifactSchema.optional(),
});
type Report = z.output<typeof ReportSchema>;
type VapiMessage = z.output<typeof VapiMessageSchema>;

/** Vapi `endedReason` → our EndReason (plus whether the call was handed on). */
export function mapVapiEndedReason(raw: string | undefined): { endReason: EndReason; transferred?: boolean } {
  if (!raw) return { endReason: 'unknown' };
  const r = raw.toLowerCase();
  if (r.includes('forward') || r.includes('transfer')) return { endReason: 'transfer', transferred: true };
  if (r === 'customer-ended-call') return { endReason: 'customer_hangup' };
  if (r.startsWith('assistant-ended-call') || r === 'assistant-said-end-call-phrase') return { endReason: 'agent_hangup' };
  if (r.includes('voicemail')) return { endReason: 'voicemail' };
  if (r.includes('timed-out') || r.includes('timeout') || r.includes('exceeded-max-duration')) return { endReason: 'timeout' };
  if (r.includes('error') || r.includes('failed') || r.includes('fault')) return { endReason: 'error' };
  return { endReason: 'unknown' };
}

/** `analysis.successEvaluation` is a string by default ("true"/"false"), or a rubric's pass/fail. */
function successOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'pass' || v === 'passed' || v === 'success' || v === 'successful') return true;
  if (v === 'false' || v === 'fail' || v === 'failed' || v === 'failure' || v === 'unsuccessful') return false;
  return undefined;
}

/** Names of the assistant's tools: `function.name`, else `name`, else the tool `type` (`transferCall`, `endCall`). */
function toolNamesOf(tools: readonly unknown[] | undefined): string[] | undefined {
  const names = (tools ?? [])
    .map((t) => (isRecord(t) ? (isRecord(t.function) ? str(t.function.name) : undefined) ?? str(t.name) ?? str(t.type) : undefined))
    .filter((n): n is string => n !== undefined);
  return names.length ? names : undefined;
}

function platformOf(rep: Report): CallPlatform | undefined {
  const a = rep.assistant;
  const art = rep.artifact;
  const metadata = jsonRecord({ ...(a?.metadata ?? {}), ...(rep.call.metadata ?? {}) });
  return compact<CallPlatform>({
    direction: directionOf(undefined, rep.call.type),
    callType: rep.call.type,
    agentName: a?.name ?? rep.assistantName,
    promptVersion: rep.assistantVersion !== undefined ? String(rep.assistantVersion) : undefined,
    model: compact({ provider: a?.model?.provider, name: a?.model?.model }),
    voice: compact({ provider: a?.voice?.provider, voiceId: a?.voice?.voiceId }),
    tools: toolNamesOf(a?.model?.tools),
    urls: compact({
      recording: art?.recordingUrl ?? art?.recording?.mono?.combinedUrl ?? rep.recordingUrl,
      stereoRecording: art?.stereoRecordingUrl ?? art?.recording?.stereoUrl ?? rep.stereoRecordingUrl,
      log: art?.logUrl,
      pcap: art?.pcapUrl,
    }),
    metadata,
    dynamicVariables: jsonRecord({ ...(rep.assistantOverrides?.variableValues ?? {}), ...(art?.variableValues ?? {}) }),
  });
}

/** One Vapi `costs[]` entry: `{type, cost, model:{provider, model}, minutes, characters, promptTokens…}`. */
function costItemOf(c: Record<string, unknown>): CostItem | undefined {
  const amount = num(c.cost);
  if (amount === undefined) return undefined;
  const kind = str(c.type) ?? 'other';
  const inner = isRecord(c[kind]) ? (c[kind] as Record<string, unknown>) : isRecord(c.model) ? c.model : undefined;
  return compact<CostItem>({
    kind,
    amount: usd(amount),
    provider: inner ? str(inner.provider) : undefined,
    model: inner ? (str(inner.model) ?? str(inner.voiceId)) : undefined,
    minutes: num(c.minutes),
    characters: num(c.characters),
    promptTokens: num(c.promptTokens),
    completionTokens: num(c.completionTokens),
  });
}

function turnLatencyOf(t: unknown): TurnLatency | undefined {
  if (!isRecord(t)) return undefined;
  const ms = (v: unknown) => (num(v) !== undefined && num(v)! >= 0 ? num(v) : undefined);
  return compact<TurnLatency>({
    turnMs: ms(t.turnLatency),
    modelMs: ms(t.modelLatency),
    voiceMs: ms(t.voiceLatency),
    transcriberMs: ms(t.transcriberLatency),
    endpointingMs: ms(t.endpointingLatency),
  });
}

function metricsOf(rep: Report): CallMetrics | undefined {
  const breakdown: Record<string, number> = {};
  for (const [k, v] of Object.entries(rep.costBreakdown ?? {})) if (num(v) !== undefined) breakdown[k] = v as number;
  const items = (rep.costs ?? []).map(costItemOf).filter((c): c is CostItem => c !== undefined);
  const totalRaw = rep.cost ?? breakdown.total;
  const perf = rep.artifact?.performanceMetrics ?? {};
  const turnMs = (Array.isArray(perf.turnLatencies) ? perf.turnLatencies : [])
    .map((t) => (isRecord(t) ? num(t.turnLatency) : undefined))
    .filter((x): x is number => x !== undefined);
  const averagesMs: Record<string, number> = {};
  for (const [k, v] of Object.entries(perf)) if (k.endsWith('Average') && num(v) !== undefined) averagesMs[k] = v as number;
  const structured = rep.analysis?.structuredData;
  const evaluation = rep.analysis?.successEvaluation;
  return compact<CallMetrics>({
    cost:
      totalRaw !== undefined
        ? compact<CallCost>({ total: usd(totalRaw), items: items.length ? items : undefined, breakdownUsd: Object.keys(breakdown).length ? breakdown : undefined })
        : undefined,
    latency: compact<CallLatency>({
      e2e: turnMs.length ? { values: turnMs, num: turnMs.length, min: Math.min(...turnMs), max: Math.max(...turnMs) } : undefined,
      averagesMs: Object.keys(averagesMs).length ? averagesMs : undefined,
    }),
    analysis: compact<PlatformAnalysis>({
      summary: rep.analysis?.summary ?? rep.summary,
      structuredData: jsonRecord(structured),
      successEvaluation: evaluation ?? undefined,
    }),
    transfers: (rep.artifact?.transfers ?? []).map(transferOf).filter((t): t is Transfer => t !== undefined),
  });
}

/** Vapi `artifact.transfers[]`: the destination is a number (`destination.number`) or an assistant name. */
function transferOf(t: unknown): Transfer | undefined {
  if (!isRecord(t)) return undefined;
  const dest = isRecord(t.destination) ? (str(t.destination.number) ?? str(t.destination.assistantName) ?? str(t.destination.sipUri)) : str(t.destination);
  return compact<Transfer>({ status: str(t.status), destination: dest, mode: str(t.type) ?? str(t.mode), at: toEpochMs(t.timestamp) });
}

/**
 * Vapi end-of-call report (`{message:{type:"end-of-call-report",…}}`, or the bare message), or a call
 * object from Vapi's API (one per file, one per line, or the array `GET /call` returns). The
 * transcript comes from `artifact.messages`: `bot`/`assistant` → agent, `user` → user, `system` → the
 * call's system prompt, `tool_calls` / `tool_call_result` → tool events. The older shape (messages at
 * `message.messages`, no `artifact`) and a report with only `artifact.transcript` text are read too.
 * Cost, latency, analysis, recording/log URLs, metadata, variables, model, voice and tools are kept
 * (`call.started.platform`, `call.ended.metrics`, `turn.latency`).
 * Other webhook message types (`status-update`, `transcript`…) carry no finished call and are skipped.
 */
class VapiAdapter implements FormatAdapter {
  constructor(private readonly ctx: AdapterContext) {}

  push(record: SourceRecord): AdapterOutput[] {
    const v = record.value;
    if (isVapiCallObject(v)) return this.push({ ...record, value: reportFromCall(v) });
    const message = isRecord(v) && isRecord(v.message) ? v.message : v;
    const prefix = message === v ? '' : 'message';
    if (isRecord(message) && message.type === 'transfer-update') return [this.transfer(record, message, prefix)];
    if (isRecord(message) && typeof message.type === 'string' && message.type !== 'end-of-call-report') {
      return [{ kind: 'skip', record: record.index, reason: `Vapi "${message.type}" messages carry no finished call` }];
    }
    const r = parseRecord(ReportSchema, this.ctx, { ...record, value: message }, prefix);
    if (!r.ok) return [r.output];
    const rep = r.value;
    const messages = rep.artifact?.messages ?? rep.messages;
    const transcriptText = rep.artifact?.transcript ?? rep.transcript;
    if (!messages && transcriptText === undefined) {
      return [reject(this.ctx, record, `${prefix ? `${prefix}.` : ''}artifact.messages`, 'the report has no transcript: neither artifact.messages, messages nor artifact.transcript is present')];
    }
    const ctx = this.ctx;
    const startedAt = toEpochMs(rep.startedAt);
    const endedAt = toEpochMs(rep.endedAt);
    const callId = rep.call.id;
    const agentId = rep.call.assistantId ?? rep.assistantId ?? rep.assistant?.id ?? ctx.agentId;
    const call =
      startedAt !== undefined ? new CallBuilder(callId, agentId, startedAt) : CallBuilder.synthetic(ctx, record.index, callId, agentId);
    const systemPrompt = messages?.find((m) => m.role === 'system');
    const platform = platformOf(rep);
    call.add({
      type: 'call.started',
      channel: 'voice',
      source: sourceOf(ctx, record.index, callId),
      // The raw number goes no further than the redactor, which replaces it with its keyed hash.
      ...(rep.customer?.number ? { callerKey: rep.customer.number } : {}),
      ...(rep.assistantVersion !== undefined ? { agentVersion: String(rep.assistantVersion) } : {}),
      ...(systemPrompt ? { systemPrompt: systemPrompt.message ?? systemPrompt.content ?? '' } : {}),
      ...(platform ? { platform } : {}),
      ts: startedAt,
    });
    let toolTransfer = false;
    const toolNames = new Map<string, string>();
    const body: EventDraft[] = [];
    if (!messages) {
      body.push(...turnsFromTranscriptText(transcriptText ?? ''));
      if (body.length === 0) {
        return [reject(ctx, record, `${prefix ? `${prefix}.` : ''}artifact.transcript`, 'the transcript text has no "AI:"/"User:" speaker labels, so it cannot be split into turns')];
      }
    }
    for (const m of messages ?? []) {
      if (m.role === 'system') continue;
      const ts = timeOf(m, startedAt);
      const startMs = m.secondsFromStart !== undefined ? Math.max(0, m.secondsFromStart * 1000) : undefined;
      const endMs = startMs !== undefined && m.time !== undefined && m.endTime !== undefined ? startMs + Math.max(0, m.endTime - m.time) : undefined;
      const timing = { ...(startMs !== undefined ? { startMs } : {}), ...(endMs !== undefined ? { endMs } : {}) };
      switch (m.role) {
        case 'bot':
        case 'assistant':
          body.push({ type: 'turn', role: 'agent', text: m.message ?? m.content ?? '', ts, ...timing });
          break;
        case 'user':
        case 'customer':
          body.push({ type: 'turn', role: 'user', text: m.message ?? m.content ?? '', ts, ...timing });
          break;
        case 'tool_calls':
        case 'tool_call':
          for (const tc of m.toolCalls ?? []) {
            toolNames.set(tc.id, tc.function.name);
            if (isTransferTool(tc.function.name) || tc.function.name === 'transferCall') toolTransfer = true;
            body.push({ type: 'tool.called', toolCallId: tc.id, name: tc.function.name, arguments: parseToolArguments(tc.function.arguments), ts });
          }
          break;
        case 'tool_call_result':
        case 'tool': {
          const text = typeof m.result === 'string' ? m.result : m.result === undefined ? '' : JSON.stringify(m.result);
          const ok = !toolOutputFailed(m.result ?? '');
          const name = m.name ?? toolNames.get(m.toolCallId ?? '');
          body.push({
            type: 'tool.result',
            toolCallId: m.toolCallId ?? '',
            ...(name ? { name } : {}),
            ok,
            ...(ok ? { result: text } : { error: text }),
            ts,
          });
          break;
        }
        default:
          // Unknown roles are kept as system turns rather than dropped, so nothing said is lost.
          if (m.message ?? m.content) body.push({ type: 'turn', role: 'system', text: (m.message ?? m.content)!, ts, ...timing });
      }
    }
    const perf = rep.artifact?.performanceMetrics;
    attachTurnLatencies(body, Array.isArray(perf?.turnLatencies) ? perf.turnLatencies.map(turnLatencyOf) : []);
    for (const d of body) call.add(d);
    const mapped = mapVapiEndedReason(rep.endedReason);
    const transferred = mapped.transferred || toolTransfer;
    const evaluation = rep.analysis?.successEvaluation;
    const resolved = successOf(evaluation);
    const metrics = metricsOf(rep);
    call.add({
      type: 'call.ended',
      ts: endedAt !== undefined ? Math.max(endedAt, call.lastTimestamp) : undefined,
      outcome: endedOutcome({
        endReason: mapped.endReason,
        endReasonRaw: rep.endedReason,
        transferred: transferred || undefined,
        escalated: transferred || undefined,
        resolved,
        durationMs: startedAt !== undefined && endedAt !== undefined ? Math.max(0, endedAt - startedAt) : undefined,
      }),
      ...(metrics ? { metrics } : {}),
    });
    return [call.finish(ctx, record)];
  }

  /**
   * A `transfer-update` message: the transfer only (a marker turn, see `transferMarker`); the transcript
   * comes whole in the end-of-call report. The destination is a number, a SIP URI or an assistant.
   */
  private transfer(record: SourceRecord, message: Record<string, unknown>, prefix: string): AdapterOutput {
    const r = parseRecord(TransferUpdateSchema, this.ctx, { ...record, value: message }, prefix);
    if (!r.ok) return r.output;
    const m = r.value;
    const d = m.destination;
    const destination = d?.number ?? d?.sipUri ?? d?.assistantName ?? m.toAssistant?.name;
    const ts = toEpochMs(m.timestamp);
    const agentId = m.call.assistantId ?? m.assistantId ?? this.ctx.agentId;
    const call = ts !== undefined ? new CallBuilder(m.call.id, agentId, ts) : CallBuilder.synthetic(this.ctx, record.index, m.call.id, agentId);
    call.add(transferMarker(m.call.id, { status: 'transferred', destination, mode: d?.type, ts }));
    return call.finish(this.ctx, record);
  }

  end(): AdapterOutput[] {
    return [];
  }
}

function timeOf(m: VapiMessage, startedAt: number | undefined): number | undefined {
  if (m.time !== undefined) return toEpochMs(m.time);
  if (startedAt !== undefined && m.secondsFromStart !== undefined) return startedAt + m.secondsFromStart * 1000;
  return undefined;
}

/** A call object from Vapi's API (`GET /call/:id`, or the array `GET /call` returns), not a webhook. */
function isVapiCallObject(v: unknown): v is Record<string, unknown> {
  return (
    isRecord(v) &&
    !isRecord(v.message) &&
    typeof v.id === 'string' &&
    (typeof v.orgId === 'string' || typeof v.endedReason === 'string') &&
    (isRecord(v.artifact) || Array.isArray(v.messages))
  );
}

/** The API's call object carries the same fields as the end-of-call report, one level up. */
function reportFromCall(c: Record<string, unknown>): Record<string, unknown> {
  const artifact = isRecord(c.artifact) && (Array.isArray(c.artifact.messages) || typeof c.artifact.transcript === 'string') ? c.artifact : undefined;
  return {
    type: 'end-of-call-report',
    endedReason: c.endedReason,
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    call: { id: c.id, assistantId: c.assistantId, type: c.type, metadata: c.metadata },
    customer: c.customer,
    assistant: c.assistant,
    assistantOverrides: c.assistantOverrides,
    analysis: c.analysis,
    cost: c.cost,
    costs: c.costs,
    costBreakdown: c.costBreakdown,
    messages: artifact ? undefined : c.messages,
    transcript: artifact ? undefined : c.transcript,
    summary: c.summary,
    recordingUrl: c.recordingUrl,
    stereoRecordingUrl: c.stereoRecordingUrl,
    artifact,
  };
}

export const vapiFormat: FormatDefinition = {
  format: 'vapi',
  sniff: (v) => {
    if (isVapiCallObject(v)) return true;
    const m = isRecord(v) && isRecord(v.message) ? v.message : v;
    return isRecord(m) && m.type === 'end-of-call-report' ? true : isRecord(v) && isRecord(v.message) && typeof v.message.type === 'string';
  },
  create: (ctx) => new VapiAdapter(ctx),
};
