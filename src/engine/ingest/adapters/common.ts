import type { z } from 'zod';
import { ConversationEventSchema } from '../../model';
import type { CallOutcome, CallSource, ConversationEvent, ConversationEventInput } from '../../model';
import { describeZodError } from '../issues';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../limits';
import type { AdapterContext, AdapterOutput, SourceRecord } from '../types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as an adapter writes it: ids and agent are filled in by the builder; `ts` is optional. */
export type EventDraft = DistributiveOmit<ConversationEventInput, 'eventId' | 'callId' | 'agentId' | 'ts'> & {
  ts?: number;
  eventId?: string;
};

/** Milliseconds between synthetic calls; each event of a call is one synthetic ms after the last. */
const SYNTHETIC_CALL_SPACING_MS = 1000;

/**
 * Collects the events of one call. Event ids are `${callId}:${n}` in emission order, so re-reading the
 * same file yields the same ids and the store dedupes them. Without a source timestamp an event gets
 * a synthetic one: the file's base, plus the call's index, plus its position, never the wall clock.
 */
export class CallBuilder {
  private readonly drafts: EventDraft[] = [];
  private lastTs: number;

  constructor(
    readonly callId: string,
    readonly agentId: string,
    readonly clockBase: number,
  ) {
    this.lastTs = clockBase;
  }

  static synthetic(ctx: AdapterContext, index: number, callId: string, agentId = ctx.agentId): CallBuilder {
    return new CallBuilder(callId, agentId, ctx.baseTs + index * SYNTHETIC_CALL_SPACING_MS);
  }

  get size(): number {
    return this.drafts.length;
  }

  /** Adds an event; a missing or earlier-than-previous timestamp is replaced so order is kept. */
  add(draft: EventDraft): void {
    const n = this.drafts.length;
    let ts = draft.ts;
    if (ts === undefined || !Number.isFinite(ts) || ts < 0) ts = n === 0 ? this.clockBase : this.lastTs + 1;
    this.lastTs = Math.max(this.lastTs, ts);
    this.drafts.push({ ...draft, ts, eventId: draft.eventId ?? `${this.callId}:${n}` });
  }

  /** Patches the last event of a given type (e.g. mark a turn interrupted after the fact). */
  patch(predicate: (d: EventDraft) => boolean, update: (d: EventDraft) => EventDraft): boolean {
    for (let i = this.drafts.length - 1; i >= 0; i--) {
      if (predicate(this.drafts[i]!)) {
        this.drafts[i] = update(this.drafts[i]!);
        return true;
      }
    }
    return false;
  }

  get lastTimestamp(): number {
    return this.lastTs;
  }

  /** Validates every event; the first invalid one rejects the whole record (a call is all or nothing). */
  finish(ctx: AdapterContext, record: SourceRecord): AdapterOutput {
    const events: ConversationEvent[] = [];
    for (const draft of this.drafts) {
      const input = { ...draft, callId: this.callId, agentId: this.agentId };
      const parsed = ConversationEventSchema.safeParse(input);
      if (!parsed.success) {
        const { field, reason } = describeZodError(parsed.error, input, `${draft.type}:`);
        return reject(ctx, record, field, reason);
      }
      events.push(parsed.data);
    }
    return { kind: 'call', events };
  }
}

export function reject(ctx: AdapterContext, record: SourceRecord, field: string, reason: string): AdapterOutput {
  return { kind: 'reject', rejection: { file: ctx.file, line: record.line, record: record.index, field, reason } };
}

/** Parses a source record against its schema, or returns the rejection naming the field. */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  ctx: AdapterContext,
  record: SourceRecord,
  prefix = '',
): { ok: true; value: z.output<S> } | { ok: false; output: AdapterOutput } {
  const parsed = schema.safeParse(record.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const { field, reason } = describeZodError(parsed.error, record.value, prefix);
  return { ok: false, output: reject(ctx, record, field, reason) };
}

export function sourceOf(ctx: AdapterContext, index: number, externalId?: string, trial?: number): CallSource {
  const source: CallSource = { file: ctx.file, index, format: ctx.format };
  if (externalId !== undefined) source.externalId = externalId;
  if (trial !== undefined) source.trial = trial;
  return source;
}

/** Tool arguments arrive as a JSON string; the model keeps an object. Anything else is wrapped. */
export function parseToolArguments(raw: unknown): Record<string, unknown> {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  // Arguments arrive as JSON text inside the record, so the record's own depth check never saw them: nested
  // deeper than a record may be, they are kept as text (redacted like any text) rather than parsed.
  if (jsonDepthExceeds(raw, MAX_JSON_DEPTH) !== undefined) return { raw };
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    return { value };
  } catch {
    return { raw };
  }
}

/** Tool outputs that report a failure in words (τ-bench: "Error: not enough seats on flight HAT229"). */
const ERROR_TEXT = /^\s*(error|exception|failed|failure)\b\s*[:-]/i;
export function looksLikeToolError(text: string): boolean {
  return ERROR_TEXT.test(text);
}

/** Tools whose call means the customer was handed to a human. */
const TRANSFER_TOOL = /transfer.*(human|agent|operator|representative)|handoff|hand_off|escalate/i;
export function isTransferTool(name: string): boolean {
  return TRANSFER_TOOL.test(name);
}

/** Text content of an OpenAI-style message: a string, or an array of parts with `text`. */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const texts = content
      .map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : undefined))
      .filter((t): t is string => t !== undefined);
    return texts.length ? texts.join('\n') : undefined;
  }
  return undefined;
}

/** Mode of ratings; a tie goes to the lower rating (the USS data's own `sat_label` rule). */
export function ratingMode(ratings: readonly number[]): number | undefined {
  if (ratings.length === 0) return undefined;
  const counts = new Map<number, number>();
  for (const r of ratings) counts.set(r, (counts.get(r) ?? 0) + 1);
  let best: number | undefined;
  let bestCount = -1;
  for (const [r, c] of counts) {
    if (c > bestCount || (c === bestCount && r < best!)) {
      best = r;
      bestCount = c;
    }
  }
  return best;
}

export function endedOutcome(outcome: Partial<CallOutcome>): CallOutcome {
  const out: Record<string, unknown> = { endReason: 'unknown' };
  for (const [k, v] of Object.entries(outcome)) if (v !== undefined) out[k] = v;
  return out as CallOutcome;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Epoch ms from a number (ms, or seconds when it is too small to be ms) or an ISO string. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value < 1e11 ? value * 1000 : value;
  if (typeof value === 'string' && value) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}
