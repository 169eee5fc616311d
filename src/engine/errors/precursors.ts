import { z } from 'zod';
import type { ConversationEvent } from '../model';

/**
 * What is visible at a pending tool call, before its result: the facts an avoidance rule may test.
 * The learner and the detector read calls through this one module, so a rule means the same thing
 * when it is learned from history and when it warns on a live call.
 */
export const PrecursorSchema = z.discriminatedUnion('kind', [
  /** No successful call of `tool` earlier in this call (e.g. no identity check before a refund). */
  z.object({ kind: z.literal('missing-step'), tool: z.string().min(1) }).strict(),
  /** An earlier successful result of `tool` had `field` = `value` (e.g. `status` = `shipped`). */
  z.object({ kind: z.literal('earlier-value'), tool: z.string().min(1), field: z.string().min(1), value: z.string() }).strict(),
  /** The pending call's arguments lack `field`, which this tool's calls usually carry. */
  z.object({ kind: z.literal('missing-arg'), field: z.string().min(1) }).strict(),
  /** The pending call's `field` has this shape (digits as `#`, e.g. `certificate_#`). */
  z.object({ kind: z.literal('arg-shape'), field: z.string().min(1), shape: z.string() }).strict(),
  /** The same tool with the same arguments failed just before (a blind retry). */
  z.object({ kind: z.literal('same-args-retry') }).strict(),
]);
export type Precursor = z.output<typeof PrecursorSchema>;

/** A tool call about to run. */
export interface PendingToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** The facts at one pending call, as precursor keys (see `precursorKey`). */
export interface PendingContext {
  tool: string;
  /** Every precursor that holds here by its key, except `missing-step` and `missing-arg` (open-ended: `holds` checks them). */
  facts: Map<string, Precursor>;
  /** Tools that succeeded earlier in the call. */
  succeeded: Set<string>;
  /** Argument fields present in the pending call. */
  argFields: Set<string>;
}

/** Values longer than this, or carrying digits, are ids or free text, not states a rule can name. */
const MAX_STATE_VALUE = 40;

export function precursorKey(p: Precursor): string {
  switch (p.kind) {
    case 'missing-step':
      return `missing-step:${p.tool}`;
    case 'earlier-value':
      return `earlier-value:${p.tool}.${p.field}=${p.value}`;
    case 'missing-arg':
      return `missing-arg:${p.field}`;
    case 'arg-shape':
      return `arg-shape:${p.field}=${p.shape}`;
    case 'same-args-retry':
      return 'same-args-retry';
  }
}

/** Whether a precursor holds in a context. */
export function holds(p: Precursor, c: PendingContext): boolean {
  switch (p.kind) {
    case 'missing-step':
      return !c.succeeded.has(p.tool);
    case 'missing-arg':
      return !c.argFields.has(p.field);
    default:
      return c.facts.has(precursorKey(p));
  }
}

/** `certificate_7504069` → `certificate_#`; values that are all digits or too long give no shape. */
export function valueShape(value: unknown): string | undefined {
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_STATE_VALUE) return undefined;
  const shape = value.replace(/\d+/g, '#');
  return /[a-z]/i.test(shape) ? shape : undefined;
}

/**
 * Tool results repeat verbatim across calls (`{"status":"ok"}`), so their state fields are parsed once per
 * distinct text; bounded (cleared when full), and the lists are never changed by their readers.
 */
const STATE_FIELDS_MEMO = new Map<string, ReadonlyArray<readonly [string, string]>>();
const STATE_FIELDS_MEMO_MAX = 10_000;

function stateFields(result: string | undefined): ReadonlyArray<readonly [string, string]> {
  if (!result) return [];
  const known = STATE_FIELDS_MEMO.get(result);
  if (known) return known;
  const fields = parseStateFields(result);
  if (STATE_FIELDS_MEMO.size >= STATE_FIELDS_MEMO_MAX) STATE_FIELDS_MEMO.clear();
  STATE_FIELDS_MEMO.set(result, fields);
  return fields;
}

/** Scalar fields of a JSON object result (one level, plus one nested level as `a.b`) that look like states. */
function parseStateFields(result: string): Array<[string, string]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(result);
  } catch {
    return [];
  }
  const out: Array<[string, string]> = [];
  const visit = (obj: unknown, prefix: string, depth: number) => {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return;
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'boolean') {
        const s = String(v);
        if (s.length > 0 && s.length <= MAX_STATE_VALUE && !/\d/.test(s)) out.push([`${prefix}${k}`, s.toLowerCase()]);
      } else if (depth < 1) visit(v, `${prefix}${k}.`, depth + 1);
    }
  };
  visit(parsed, '', 0);
  return out;
}

function argsKey(args: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(args).sort().map((k) => [k, args[k]]));
}

/**
 * Reads a call step by step and gives the context at each tool call before its result. Feed it events
 * in order; `contextFor` is what a detector sees when the agent is about to call a tool.
 */
export class CallState {
  private readonly succeeded = new Set<string>();
  private readonly values = new Map<string, Precursor>();
  private readonly pending = new Map<string, { name: string; args: Record<string, unknown> }>();
  /** The last failure per tool: its arguments' key, cleared by a success of that tool. */
  private readonly lastFailure = new Map<string, string>();

  add(e: ConversationEvent): void {
    // The arguments' key is only needed once the call fails (a later same-args retry compares against it).
    if (e.type === 'tool.called') this.pending.set(e.toolCallId, { name: e.name, args: e.arguments });
    else if (e.type === 'tool.result') {
      const called = this.pending.get(e.toolCallId);
      const tool = e.name ?? called?.name;
      if (!tool) return;
      if (e.ok) {
        this.succeeded.add(tool);
        this.lastFailure.delete(tool);
        for (const [field, value] of stateFields(e.result)) {
          const p: Precursor = { kind: 'earlier-value', tool, field, value };
          this.values.set(precursorKey(p), p);
        }
      } else if (called) this.lastFailure.set(tool, argsKey(called.args));
    }
  }

  contextFor(call: PendingToolCall): PendingContext {
    const facts = new Map(this.values);
    const add = (p: Precursor) => facts.set(precursorKey(p), p);
    for (const [field, value] of Object.entries(call.arguments)) {
      const shape = valueShape(value);
      if (shape !== undefined) add({ kind: 'arg-shape', field, shape });
    }
    const failed = this.lastFailure.get(call.name);
    if (failed !== undefined && failed === argsKey(call.arguments)) add({ kind: 'same-args-retry' });
    return { tool: call.name, facts, succeeded: new Set(this.succeeded), argFields: new Set(Object.keys(call.arguments)) };
  }
}

/** One tool call of a recorded call: its context and how it ended (`undefined`: no result, e.g. withdrawn after a warning). */
export interface RecordedToolCall {
  callId: string;
  toolCallId: string;
  /** Index of the `tool.called` event in the call's events. */
  eventIndex: number;
  ts: number;
  pending: PendingToolCall;
  context: PendingContext;
  result?: { ok: boolean; message?: string };
}

/** Every tool call of one call, with the context before it and its result. */
export function recordedToolCalls(events: readonly ConversationEvent[]): RecordedToolCall[] {
  const state = new CallState();
  const out: RecordedToolCall[] = [];
  const byId = new Map<string, RecordedToolCall>();
  events.forEach((e, eventIndex) => {
    if (e.type === 'tool.called') {
      const pending = { name: e.name, arguments: e.arguments };
      const rec: RecordedToolCall = { callId: e.callId, toolCallId: e.toolCallId, eventIndex, ts: e.ts, pending, context: state.contextFor(pending) };
      out.push(rec);
      byId.set(e.toolCallId, rec);
    } else if (e.type === 'tool.result') {
      const rec = byId.get(e.toolCallId);
      if (rec && !rec.result) rec.result = { ok: e.ok, ...(e.ok ? {} : { message: e.error ?? e.result ?? '' }) };
    }
    state.add(e);
  });
  return out;
}
