/**
 * Error occurrences and their repeats, computed from stored events: a failed tool result
 * (`tool.result` with `ok: false`) or an `agent.error`. Two occurrences are "the same error" when they
 * come from the same tool and their messages match once the variable parts are masked. This is a small,
 * replaceable stand-in for the errors stage's fingerprints: `errorKeyOf` is the only place that decides
 * identity.
 */
import type { ConversationEvent } from '../model';

export interface ErrorOccurrence {
  /** Tool name, or `agent:<stage>` for an agent error not tied to a tool. */
  tool: string;
  /** The message with ids, numbers and e-mails masked. */
  masked: string;
  /** tool + masked message: what "seen before" compares. */
  key: string;
  ts: number;
}

/** Masks what varies between two reports of one error, so they compare equal. */
export function maskErrorMessage(message: string): string {
  return message
    .toLowerCase()
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '<email>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>')
    .replace(/\b(?=[a-z_-]*\d)[a-z0-9_-]{6,}\b/g, '<id>')
    .replace(/\d+(?:\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The error occurrences of one call's events, in event order. One failure is often reported twice (a
 * failed `tool.result` and an `agent.error` naming the same tool): such a pair counts once, as the
 * first of the two.
 */
export function errorOccurrencesOf(events: readonly ConversationEvent[]): ErrorOccurrence[] {
  const toolNames = new Map<string, string>();
  const unpaired = { result: new Map<string, number>(), agent: new Map<string, number>() };
  const pairs = (kind: 'result' | 'agent', tool: string): boolean => {
    const other = kind === 'result' ? unpaired.agent : unpaired.result;
    const n = other.get(tool) ?? 0;
    if (n > 0) {
      other.set(tool, n - 1);
      return true;
    }
    unpaired[kind].set(tool, (unpaired[kind].get(tool) ?? 0) + 1);
    return false;
  };
  const out: ErrorOccurrence[] = [];
  for (const e of events) {
    if (e.type === 'tool.called') toolNames.set(e.toolCallId, e.name);
    let tool: string | undefined;
    let message = '';
    if (e.type === 'tool.result' && !e.ok) {
      tool = e.name ?? toolNames.get(e.toolCallId) ?? 'unknown-tool';
      message = e.error ?? e.result ?? '';
      if (pairs('result', tool)) continue;
    } else if (e.type === 'agent.error') {
      tool = e.toolName ?? `agent:${e.stage}`;
      message = `${e.code} ${e.message}`;
      if (e.toolName !== undefined && pairs('agent', e.toolName)) continue;
    }
    if (tool === undefined) continue;
    const masked = maskErrorMessage(message);
    out.push({ tool, masked, key: `${tool}\u0000${masked}`, ts: e.ts });
  }
  return out;
}

/**
 * Marks each occurrence as a repeat when its key was seen earlier. Calls must be given in start-time
 * order (ties keep their order); within a call, occurrences keep event order.
 */
export function markRepeats(perCall: readonly (readonly ErrorOccurrence[])[]): { errors: number; repeats: number }[] {
  const seen = new Set<string>();
  return perCall.map((occurrences) => {
    let repeats = 0;
    for (const o of occurrences) {
      if (seen.has(o.key)) repeats++;
      else seen.add(o.key);
    }
    return { errors: occurrences.length, repeats };
  });
}
