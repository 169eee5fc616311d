import type { CallPlatform, JsonValue, LatencyStats, Money, TurnLatency } from '../../model';
import { JsonValueSchema } from '../../model';
import type { EventDraft } from './common';
import { isRecord, looksLikeToolError } from './common';

/** Helpers the platform adapters share to keep what a platform reports beside the transcript. */

export function usd(raw: number): Money {
  return { usd: raw, raw, rawUnit: 'usd' };
}

/** Retell reports cents (`combined_cost: 7.5` is $0.075). */
export function cents(raw: number): Money {
  return { usd: raw / 100, raw, rawUnit: 'cents' };
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A JSON object kept as the model's JSON record, or nothing when it is empty or not an object. */
export function jsonRecord(v: unknown): Record<string, JsonValue> | undefined {
  if (!isRecord(v) || Object.keys(v).length === 0) return undefined;
  const parsed = JsonValueSchema.safeParse(v);
  return parsed.success && isRecord(parsed.data) ? (parsed.data as Record<string, JsonValue>) : undefined;
}

/** Drops undefined fields (and empty objects), so stored blocks hold only what the platform said. */
export function compact<T extends object>(o: T): T | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (isRecord(v) && Object.keys(v).length === 0) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return Object.keys(out).length ? (out as T) : undefined;
}

/** A latency distribution object (`{p50, p90, …, values}`) in ms. */
export function latencyStats(v: unknown): LatencyStats | undefined {
  if (!isRecord(v)) return undefined;
  const values = Array.isArray(v.values) ? v.values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)) : undefined;
  return compact<LatencyStats>({
    p50: num(v.p50),
    p90: num(v.p90),
    p95: num(v.p95),
    p99: num(v.p99),
    min: num(v.min),
    max: num(v.max),
    num: num(v.num),
    values,
  });
}

/** `inbound`/`outbound`/`web` from a platform's direction or call type. */
export function directionOf(direction: unknown, callType: unknown): CallPlatform['direction'] {
  const d = typeof direction === 'string' ? direction.toLowerCase() : '';
  if (d === 'inbound' || d === 'outbound') return d;
  const t = typeof callType === 'string' ? callType.toLowerCase() : '';
  if (t.includes('inbound')) return 'inbound';
  if (t.includes('outbound')) return 'outbound';
  if (t.includes('web')) return 'web';
  return undefined;
}

/**
 * Whether a tool output reports a failure: text starting with "Error:" (τ-bench), or a JSON object with
 * a non-empty `error`, `successful: false`, `success: false`, `ok: false` or `status: "error"|"failed"`.
 */
export function toolOutputFailed(output: unknown): boolean {
  let value = output;
  if (typeof output === 'string') {
    if (looksLikeToolError(output) || /^\s*error\b/i.test(output)) return true;
    const t = output.trim();
    if (!t.startsWith('{')) return false;
    try {
      value = JSON.parse(t);
    } catch {
      return false;
    }
  }
  if (!isRecord(value)) return false;
  const err = value.error;
  if (err !== undefined && err !== null && err !== false && err !== '' && !(isRecord(err) && Object.keys(err).length === 0)) return true;
  if (value.successful === false || value.success === false || value.ok === false) return true;
  return typeof value.status === 'string' && /^(error|failed|failure)$/i.test(value.status);
}

const SPEAKER = /^\s*(AI|Agent|Assistant|Bot|User|Customer|Caller)\s*:\s?/i;

/**
 * A transcript kept only as text ("AI: Hello\nUser: hi" from Vapi, "Agent: …\nUser: …" from Retell)
 * split into turns. Lines without a speaker label continue the previous turn. Returns no turns when
 * no line has a label: the caller then rejects the call rather than storing it empty.
 */
export function turnsFromTranscriptText(text: string): EventDraft[] {
  const turns: { role: 'agent' | 'user'; text: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = SPEAKER.exec(line);
    if (m) {
      const who = m[1]!.toLowerCase();
      turns.push({ role: who === 'user' || who === 'customer' || who === 'caller' ? 'user' : 'agent', text: line.slice(m[0].length).trim() });
    } else if (turns.length && line.trim()) {
      const last = turns[turns.length - 1]!;
      last.text = last.text ? `${last.text} ${line.trim()}` : line.trim();
    }
  }
  return turns.filter((t) => t.text !== '').map((t) => ({ type: 'turn', role: t.role, text: t.text, annotations: { fromTranscriptText: true } }));
}

/**
 * Gives the i-th latency to the i-th agent reply that answers a caller (the greeting answers no one):
 * Vapi `turnLatencies[]` and Retell `latency.e2e.values[]` are listed per exchange in call order.
 */
export function attachTurnLatencies(drafts: EventDraft[], latencies: readonly (TurnLatency | undefined)[]): void {
  let i = 0;
  let callerSpoke = false;
  for (let k = 0; k < drafts.length && i < latencies.length; k++) {
    const d = drafts[k]!;
    if (d.type !== 'turn') continue;
    if (d.role === 'user') callerSpoke = true;
    else if (d.role === 'agent' && callerSpoke) {
      const l = latencies[i++];
      if (l && Object.keys(l).length) drafts[k] = { ...d, latency: l };
      callerSpoke = false;
    }
  }
}

/**
 * A transfer reported on its own, mid-call (Retell `transfer_started|bridged|cancelled|ended` webhooks,
 * Vapi `transfer-update`): a system turn that marks it in the transcript, annotated so `callMetricsOf`
 * lists it among the call's transfers. It has its own event id (status and time), so it joins the call's
 * other records without touching their events. The destination is only in the text, where the redactor
 * treats a number like any number said in the call.
 */
export function transferMarker(callId: string, t: { status: string; destination?: string; mode?: string; ts?: number }): EventDraft {
  return {
    type: 'turn',
    role: 'system',
    eventId: `${callId}:transfer:${t.status}${t.ts !== undefined ? `:${t.ts}` : ''}`,
    text: `[transfer ${t.status}${t.destination ? ` to ${t.destination}` : ''}]`,
    ts: t.ts,
    annotations: { transfer: t.status, ...(t.mode ? { transferMode: t.mode } : {}) },
  };
}
