/**
 * Error occurrences and their repeats, computed from stored events through the errors stage: its
 * occurrences (failed tool results, agent errors, calls ended in error) and its fingerprint identity
 * (stage, code, tool, masked template). KPIs' `repeatErrors` are repeats of errors-stage fingerprints.
 */
import { extractOccurrences, fingerprintKey, maskMessage } from '../errors';
import type { ConversationEvent } from '../model';

export interface ErrorOccurrence {
  /** Tool name, or `agent:<stage>` for an agent error not tied to a tool. */
  tool: string;
  /** The errors stage's template: the message with ids, numbers, dates and quoted values masked. */
  masked: string;
  /** The errors stage's fingerprint key (stage|code|tool|template): what "seen before" compares. */
  key: string;
  ts: number;
}

/**
 * The error occurrences of one call's events, in event order: the errors stage's occurrences (a failed
 * tool result restated by an `agent.error` counts once, with the agent's code), each keyed by what the
 * errors stage fingerprints (stage, code, tool and the masked template, without the hash), so a repeat
 * here is a repeat of an errors-stage fingerprint.
 */
export function errorOccurrencesOf(events: readonly ConversationEvent[]): ErrorOccurrence[] {
  return extractOccurrences(events).map((o) => {
    const masked = maskMessage(o.message);
    return { tool: o.tool ?? `agent:${o.stage}`, masked, key: fingerprintKey({ stage: o.stage, code: o.code, ...(o.tool !== undefined ? { tool: o.tool } : {}), template: masked }), ts: o.ts };
  });
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
