import { z } from 'zod';
import type { EndReason } from '../../model';
import type { AdapterContext, AdapterOutput, FormatAdapter, FormatDefinition, SourceRecord } from '../types';
import {
  CallBuilder,
  endedOutcome,
  isRecord,
  isTransferTool,
  looksLikeToolError,
  parseRecord,
  parseToolArguments,
  sourceOf,
  toEpochMs,
} from './common';

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

const ReportSchema = z.object({
  type: z.literal('end-of-call-report'),
  endedReason: z.string().optional(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  call: z.object({ id: z.string().min(1), assistantId: z.string().optional() }),
  assistantId: z.string().optional(),
  customer: z.object({ number: z.string().optional() }).optional(),
  assistant: z.object({ id: z.string().optional(), model: z.object({ messages: z.array(z.unknown()).optional() }).optional() }).optional(),
  analysis: z.object({ successEvaluation: z.union([z.string(), z.boolean(), z.number(), z.null()]).optional() }).optional(),
  artifact: z.object({ messages: z.array(VapiMessageSchema) }),
});
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

/**
 * Vapi end-of-call report (`{message:{type:"end-of-call-report",…}}`, or the bare message), or a call
 * object from Vapi's API (one per file, one per line, or the array `GET /call` returns). The
 * transcript comes from `artifact.messages`: `bot`/`assistant` → agent, `user` → user, `system` → the
 * call's system prompt, `tool_calls` / `tool_call_result` → tool events. Costs are not kept.
 * Other webhook message types (`status-update`, `transcript`…) carry no finished call and are skipped.
 */
class VapiAdapter implements FormatAdapter {
  constructor(private readonly ctx: AdapterContext) {}

  push(record: SourceRecord): AdapterOutput[] {
    const v = record.value;
    if (isVapiCallObject(v)) return this.push({ ...record, value: reportFromCall(v) });
    const message = isRecord(v) && isRecord(v.message) ? v.message : v;
    const prefix = message === v ? '' : 'message';
    if (isRecord(message) && typeof message.type === 'string' && message.type !== 'end-of-call-report') {
      return [{ kind: 'skip', record: record.index, reason: `Vapi "${message.type}" messages carry no finished call` }];
    }
    const r = parseRecord(ReportSchema, this.ctx, { ...record, value: message }, prefix);
    if (!r.ok) return [r.output];
    const rep = r.value;
    const ctx = this.ctx;
    const startedAt = toEpochMs(rep.startedAt);
    const endedAt = toEpochMs(rep.endedAt);
    const callId = rep.call.id;
    const agentId = rep.call.assistantId ?? rep.assistantId ?? rep.assistant?.id ?? ctx.agentId;
    const call =
      startedAt !== undefined ? new CallBuilder(callId, agentId, startedAt) : CallBuilder.synthetic(ctx, record.index, callId, agentId);
    const systemPrompt = rep.artifact.messages.find((m) => m.role === 'system');
    call.add({
      type: 'call.started',
      channel: 'voice',
      source: sourceOf(ctx, record.index, callId),
      // The raw number goes no further than the redactor, which replaces it with its keyed hash.
      ...(rep.customer?.number ? { callerKey: rep.customer.number } : {}),
      ...(systemPrompt ? { systemPrompt: systemPrompt.message ?? systemPrompt.content ?? '' } : {}),
      ts: startedAt,
    });
    let toolTransfer = false;
    const toolNames = new Map<string, string>();
    for (const m of rep.artifact.messages) {
      if (m.role === 'system') continue;
      const ts = timeOf(m, startedAt);
      const startMs = m.secondsFromStart !== undefined ? Math.max(0, m.secondsFromStart * 1000) : undefined;
      const endMs = startMs !== undefined && m.time !== undefined && m.endTime !== undefined ? startMs + Math.max(0, m.endTime - m.time) : undefined;
      const timing = { ...(startMs !== undefined ? { startMs } : {}), ...(endMs !== undefined ? { endMs } : {}) };
      switch (m.role) {
        case 'bot':
        case 'assistant':
          call.add({ type: 'turn', role: 'agent', text: m.message ?? m.content ?? '', ts, ...timing });
          break;
        case 'user':
        case 'customer':
          call.add({ type: 'turn', role: 'user', text: m.message ?? m.content ?? '', ts, ...timing });
          break;
        case 'tool_calls':
        case 'tool_call':
          for (const tc of m.toolCalls ?? []) {
            toolNames.set(tc.id, tc.function.name);
            if (isTransferTool(tc.function.name) || tc.function.name === 'transferCall') toolTransfer = true;
            call.add({ type: 'tool.called', toolCallId: tc.id, name: tc.function.name, arguments: parseToolArguments(tc.function.arguments), ts });
          }
          break;
        case 'tool_call_result':
        case 'tool': {
          const text = typeof m.result === 'string' ? m.result : m.result === undefined ? '' : JSON.stringify(m.result);
          const ok = !looksLikeToolError(text);
          const name = m.name ?? toolNames.get(m.toolCallId ?? '');
          call.add({
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
          if (m.message ?? m.content) call.add({ type: 'turn', role: 'system', text: (m.message ?? m.content)!, ts, ...timing });
      }
    }
    const mapped = mapVapiEndedReason(rep.endedReason);
    const transferred = mapped.transferred || toolTransfer;
    const evaluation = rep.analysis?.successEvaluation;
    const resolved = successOf(evaluation);
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
      // A rubric score ("8", "B") is kept; free text is not (it can quote the caller).
      ...(resolved === undefined && (typeof evaluation === 'number' || (typeof evaluation === 'string' && /^[\w.\- /]{1,16}$/.test(evaluation)))
        ? { annotations: { successEvaluation: evaluation } }
        : {}),
    });
    return [call.finish(ctx, record)];
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
  const artifact = isRecord(c.artifact) && Array.isArray(c.artifact.messages) ? c.artifact : { messages: c.messages };
  return {
    type: 'end-of-call-report',
    endedReason: c.endedReason,
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    call: { id: c.id, assistantId: c.assistantId },
    customer: c.customer,
    assistant: c.assistant,
    analysis: c.analysis,
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
