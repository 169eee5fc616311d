import { z } from 'zod';
import { AvoidanceRuleSchema } from '../errors';
import type { AvoidanceRule } from '../errors';
import { assembleConversation, ConversationEventSchema, EndReasonSchema } from '../model';
import type { Conversation, ConversationEvent } from '../model';

/**
 * A recorded-call fixture: a Kaizen JSONL file (`*.calls.jsonl`, one `ConversationEvent` per line, or any
 * format `kaizen import` reads, see `fixtureFromCalls`)
 * plus expectations, either inline as an `expect` object on a call's `call.started` line, or in a
 * sidecar `<name>.expect.json` (`{ "defaults": {...}, "calls": { "<callId>": {...} } }`). Inline
 * wins over the sidecar's per-call entry, which wins over its defaults.
 */
export const ExpectationSchema = z
  .object({
    /** The analyzer's outcome label for the call. */
    outcome: z.enum(['success', 'failure', 'unknown']).optional(),
    intent: z.string().min(1).optional(),
    /** No agent, tool or transport error at all. */
    noErrors: z.boolean().optional(),
    /** None of the store's (or the fixture's) known error fingerprints recurs in this call. */
    noKnownErrorFingerprint: z.boolean().optional(),
    /** Fingerprints (`code|stage|tool`) or bare error codes this call must not show. */
    forbiddenErrors: z.array(z.string().min(1)).optional(),
    /** Scanning every string of the analysis output with the redactor's detector finds nothing. */
    noPiiInAnalysis: z.boolean().optional(),
    /** The agent moves the call must contain. */
    strategies: z.array(z.string().min(1)).optional(),
    /** Tools the agent must call in this order (other calls may come between them). */
    toolOrder: z.array(z.string().min(1)).optional(),
    /** Why the call ended (`customer_hangup`, `transfer`, …), as the import mapped it. */
    endReason: EndReasonSchema.optional(),
    /** Texts the redacted transcript must contain (case-insensitive); PII is already a placeholder there. */
    transcriptContains: z.array(z.string().min(1)).optional(),
    /** Texts the redacted transcript must not contain (case-insensitive). */
    transcriptNotContains: z.array(z.string().min(1)).optional(),
    /**
     * Error fingerprints (`fp_…`) the call hits, each of whose tool calls the detector must warn about
     * before its result (`kaizen errors fixtures` writes these): fails once the error is no longer caught.
     */
    caughtBeforeError: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
export type Expectation = z.output<typeof ExpectationSchema>;

export const SidecarSchema = z
  .object({
    defaults: ExpectationSchema.optional(),
    calls: z.record(z.string(), ExpectationSchema).default({}),
    /** Fingerprints treated as known for `noKnownErrorFingerprint` in addition to the store's. */
    knownFingerprints: z.array(z.string()).default([]),
    /** The avoidance rules the fixture was made with; the store's rules for the same fingerprint take their place. */
    avoidanceRules: z.array(AvoidanceRuleSchema).default([]),
  })
  .strict();
export type Sidecar = z.output<typeof SidecarSchema>;

export interface FixtureCall {
  callId: string;
  /** 0-based line of the call's first event, for editor locations. */
  line: number;
  conversation: Conversation;
  expect: Expectation;
  /** Where each expectation came from, for messages. */
  expectSource: 'inline' | 'sidecar' | 'defaults' | 'none';
}

export interface FixtureProblem {
  line: number;
  message: string;
}

export interface Fixture {
  path: string;
  calls: FixtureCall[];
  problems: FixtureProblem[];
  knownFingerprints: string[];
  avoidanceRules: AvoidanceRule[];
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
}

export function sidecarPathFor(fixturePath: string): string {
  return fixturePath.replace(/\.calls\.jsonl$/i, '') + '.expect.json';
}

/** Parses a fixture's text (and its sidecar's, if any). Bad lines become problems, not exceptions. */
export function parseFixture(path: string, text: string, sidecarText?: string): Fixture {
  const problems: FixtureProblem[] = [];
  const sidecar = parseSidecar(path, sidecarText);

  const byCall = new Map<string, { line: number; events: ConversationEvent[]; inline?: Expectation }>();
  const lines = text.split(/\r?\n/);
  lines.forEach((lineText, line) => {
    if (lineText.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(lineText);
    } catch (err) {
      problems.push({ line, message: `not JSON: ${(err as Error).message}` });
      return;
    }
    let inline: Expectation | undefined;
    if (typeof raw === 'object' && raw !== null && 'expect' in raw) {
      const { expect, ...rest } = raw as Record<string, unknown>;
      raw = rest;
      const e = ExpectationSchema.safeParse(expect);
      if (!e.success) {
        problems.push({ line, message: `expect: ${describe(e.error)}` });
        return;
      }
      inline = e.data;
    }
    const parsed = ConversationEventSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push({ line, message: describe(parsed.error) });
      return;
    }
    const ev = parsed.data;
    const entry = byCall.get(ev.callId) ?? { line, events: [] };
    entry.events.push(ev);
    if (inline) entry.inline = inline;
    byCall.set(ev.callId, entry);
  });

  return withExpectations(path, byCall, sidecar, problems);
}

/**
 * A fixture from calls read by an import adapter (a Vapi, Retell, Realtime or τ-bench file saved as
 * `*.calls.jsonl`): expectations come from the sidecar only, since those formats have no `expect` lines.
 */
export function fixtureFromCalls(path: string, calls: readonly (readonly ConversationEvent[])[], problems: FixtureProblem[], sidecarText?: string): Fixture {
  const sidecar = parseSidecar(path, sidecarText);
  const byCall = new Map<string, { line: number; events: ConversationEvent[]; inline?: Expectation }>();
  for (const events of calls) {
    const first = events[0];
    if (!first) continue;
    const entry = byCall.get(first.callId) ?? { line: 0, events: [] };
    entry.events.push(...events);
    byCall.set(first.callId, entry);
  }
  return withExpectations(path, byCall, sidecar, problems);
}

function parseSidecar(path: string, sidecarText: string | undefined): Sidecar {
  if (sidecarText === undefined) return { calls: {}, knownFingerprints: [], avoidanceRules: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(sidecarText);
  } catch (err) {
    throw new Error(`${sidecarPathFor(path)}: not valid JSON (${(err as Error).message})`);
  }
  const r = SidecarSchema.safeParse(raw);
  if (!r.success) throw new Error(`${sidecarPathFor(path)}: ${describe(r.error)}`);
  return r.data;
}

function withExpectations(
  path: string,
  byCall: Map<string, { line: number; events: ConversationEvent[]; inline?: Expectation }>,
  sidecar: Sidecar,
  problems: FixtureProblem[],
): Fixture {
  const calls: FixtureCall[] = [];
  for (const [callId, entry] of byCall) {
    const fromSidecar = sidecar.calls[callId];
    const expect: Expectation = { ...sidecar.defaults, ...fromSidecar, ...entry.inline };
    const expectSource = entry.inline ? 'inline' : fromSidecar ? 'sidecar' : sidecar.defaults ? 'defaults' : 'none';
    calls.push({ callId, line: entry.line, conversation: assembleConversation(entry.events), expect, expectSource });
  }
  for (const id of Object.keys(sidecar.calls)) {
    if (!byCall.has(id)) problems.push({ line: 0, message: `${sidecarPathFor(path)} expects call "${id}", which is not in the fixture` });
  }
  return { path, calls, problems, knownFingerprints: sidecar.knownFingerprints, avoidanceRules: sidecar.avoidanceRules };
}
