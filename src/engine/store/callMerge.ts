import type { CallOutcome, ConversationEvent } from '../model';
import { canonicalJson } from './codec';

/**
 * A re-import that would change what is stored: an incoming event has the id of a stored event of the
 * same call but different content. Such a call is left exactly as it was and the conflict is reported.
 */
export interface CallConflict {
  callId: string;
  eventId: string;
  /** Where the two versions first differ, e.g. `call.ended.outcome.resolved` or `turn.text`. */
  field: string;
  reason: string;
}

/**
 * A merge may only add events (a platform's later message: Retell's `call_analyzed` after `call_ended`,
 * a post-call survey), or redact a stored event further (a name learned later in the call: see
 * `redactsFurther`); a copy of a stored event that the stored version redacts further is a duplicate.
 * The first incoming event whose id is stored with other different content is a conflict.
 */
export function findMergeConflict(callId: string, stored: readonly ConversationEvent[], incoming: readonly ConversationEvent[]): CallConflict | undefined {
  const byId = new Map(stored.map((e) => [e.eventId, e]));
  for (const event of incoming) {
    const old = byId.get(event.eventId);
    if (old === undefined) continue;
    const path = firstDifference(content(old), content(event));
    // A copy the stored event already redacts further (the stored call learned a name later) is a duplicate.
    if (path === undefined || redactsFurther(old, event) || redactsFurther(event, old)) continue;
    const field = `${old.type}${path ? `.${path}` : ''}`;
    return {
      callId,
      eventId: event.eventId,
      field,
      reason:
        `event ${event.eventId} is stored with a different ${field}: a different call has the same id, or the source changed. ` +
        'The stored call was kept as it was; import the file under another agent or remove the stored call first if the new version is right.',
    };
  }
  return undefined;
}

/**
 * What must match for two versions of an event to be the same: all but provenance. `source` names the
 * file a copy came from and, without source timestamps, `ts` is the file's synthetic clock (its mtime),
 * so the same call read from a copy of a file differs only there and is a duplicate, not a conflict.
 */
function content(event: ConversationEvent): Record<string, unknown> {
  const { ts: _ts, ...rest } = event as ConversationEvent & { source?: unknown };
  if ('source' in rest) delete (rest as { source?: unknown }).source;
  return rest;
}

/** A placeholder the redactor writes: "[CUSTOMER_NAME_2]", "[AGENT_NAME]", "[DOLLAR_AMOUNT:100-500]". */
const PLACEHOLDER_G = /\[[A-Z][A-Z0-9_]*(?::[^\]\s]*)?\]/g;

/**
 * Whether `incoming` is `stored` with more of its text replaced by placeholders and nothing else
 * changed: the redactor learned a name later in the call (a later live batch) and redacts the events it
 * had already stored. Only removes information, so a merge applies it in place.
 */
export function redactsFurther(stored: ConversationEvent, incoming: ConversationEvent): boolean {
  let further = false;
  const stack: { a: unknown; b: unknown }[] = [{ a: content(stored), b: content(incoming) }];
  while (stack.length) {
    const { a, b } = stack.pop()!;
    if (a === b) continue;
    if (typeof a === 'string' && typeof b === 'string') {
      if (!textRedactsFurther(a, b)) return false;
      further = true;
      continue;
    }
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    // A key holding undefined is absent (it is how the value reads back from JSON).
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) {
      if ((ao[k] === undefined) !== (bo[k] === undefined)) return false;
      stack.push({ a: ao[k], b: bo[k] });
    }
  }
  return further;
}

/** `b` is `a` with one or more non-empty stretches replaced by placeholders (matched left to right). */
function textRedactsFurther(a: string, b: string): boolean {
  const literals = b.split(PLACEHOLDER_G);
  if (literals.length < 2) return false;
  const head = literals[0]!;
  const tail = literals[literals.length - 1]!;
  if (!a.startsWith(head) || !a.endsWith(tail)) return false;
  let at = head.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const found = a.indexOf(literals[i]!, at + 1);
    if (found < 0) return false;
    at = found + literals[i]!.length;
  }
  return a.length - tail.length >= at + 1;
}

/** The outcome of a merged call: that of its last `call.ended` in time order (a later analysis wins). */
export function mergedOutcome(ordered: readonly ConversationEvent[]): CallOutcome | undefined {
  let outcome: CallOutcome | undefined;
  for (const e of ordered) if (e.type === 'call.ended') outcome = e.outcome;
  return outcome;
}

/** Dotted path of the first difference between two JSON values; `''` when the roots differ; undefined when equal. */
export function firstDifference(a: unknown, b: unknown): string | undefined {
  if (a === b) return undefined;
  // An explicit stack (not recursion): stored values are bounded, but this must never be the thing that throws.
  const stack: { a: unknown; b: unknown; path: string }[] = [{ a, b, path: '' }];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.a === x.b) continue;
    const aObj = x.a !== null && typeof x.a === 'object';
    const bObj = x.b !== null && typeof x.b === 'object';
    if (!aObj || !bObj || Array.isArray(x.a) !== Array.isArray(x.b)) {
      if (canonicalJson(x.a) === canonicalJson(x.b)) continue;
      return x.path;
    }
    const ao = x.a as Record<string, unknown>;
    const bo = x.b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort().reverse();
    for (const k of keys) {
      const child = Array.isArray(x.a) ? `${x.path}[${k}]` : x.path ? `${x.path}.${k}` : k;
      stack.push({ a: ao[k], b: bo[k], path: child });
    }
  }
  return undefined;
}
