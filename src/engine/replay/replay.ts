import { analyzeEvents } from '../analysis/callAnalyzer';
import type { CallAnalysis, CallError } from '../analysis/schema';
import type { Conversation } from '../model';
import type { Clock } from '../ports';
import { systemClock } from '../ports';
import type { Redactor } from '../privacy/types';
import { ErrorDetector, extractOccurrences, fingerprintError, recordedToolCalls } from '../errors';
import type { AvoidanceRule, FingerprintRule } from '../errors';
import type { ConversationEvent } from '../model';
import type { Expectation, Fixture, FixtureCall, FixtureProblem } from './fixture';

/**
 * Replays recorded calls through the engine exactly as an import does — redact, then analyze — and
 * checks each call's expectations. Used by VS Code's Test Explorer and by `kaizen test`.
 */
export interface ReplayDeps {
  redactor: Redactor;
  /** Defaults to the engine's analyzer; the host passes one configured with a trained model. */
  analyze?: (events: CallAnalysisInput) => CallAnalysis;
  /** Fingerprints already known, e.g. from the learning store: mined ids (`fp_…`) or `code|stage|tool`. */
  knownFingerprints?: readonly string[];
  /** Hashes a fingerprint key (the engine's sha-256): without it only `code|stage|tool` fingerprints are checked. */
  hash?: (text: string) => string;
  /** User fingerprint rules (`.kaizen/fingerprints.json`), as the analysis applies them. */
  fingerprintRules?: readonly FingerprintRule[];
  /** The store's avoidance rules; a fixture's own rules stand in for fingerprints these do not cover. */
  avoidanceRules?: readonly AvoidanceRule[];
  clock?: Clock;
}
type CallAnalysisInput = FixtureCall['conversation']['events'];

export interface CheckResult {
  name: keyof Expectation;
  ok: boolean;
  expected: string;
  actual: string;
  message: string;
}

export type CallStatus = 'passed' | 'failed' | 'skipped' | 'errored';

export interface CallResult {
  file: string;
  callId: string;
  line: number;
  status: CallStatus;
  checks: CheckResult[];
  durationMs: number;
  error?: string;
  summary?: { intent: string; outcome: string; errors: string[]; strategies: string[] };
}

export interface FixtureResult {
  file: string;
  calls: CallResult[];
  problems: FixtureProblem[];
}

/** `code|stage|tool`: the identity of an error that survives different wording of its message. */
export function errorFingerprint(e: Pick<CallError, 'code' | 'stage' | 'tool'>): string {
  return `${e.code}|${e.stage}|${e.tool ?? ''}`;
}

function matchesError(pattern: string, e: CallError): boolean {
  return pattern.includes('|') ? pattern === errorFingerprint(e) : pattern === e.code;
}

/** Every string in a value with its path, so a PII hit names where it is. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
}

/** Identifiers are keys, not text; scanning them would flag e.g. a call id made of digits. */
const NOT_TEXT = new Set(['callId', 'agentId', 'source']);

function piiFindings(analysis: CallAnalysis, redactor: Redactor): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(analysis)) {
    if (NOT_TEXT.has(key)) continue;
    for (const [path, text] of strings(value, key)) {
      for (const entity of redactor.redactText(text).entities) {
        const raw = text.slice(entity.start, entity.end);
        const masked = raw.length <= 2 ? '**' : `${raw[0]}${'*'.repeat(Math.min(8, raw.length - 2))}${raw[raw.length - 1]}`;
        found.push(`${path}: ${entity.type} "${masked}"`);
      }
    }
  }
  return found;
}

function check(name: keyof Expectation, ok: boolean, expected: string, actual: string, message: string): CheckResult {
  return { name, ok, expected, actual, message };
}

/** Whether `want` occurs in `seq` in order (other items may come between). */
function isSubsequence(want: readonly string[], seq: readonly string[]): boolean {
  let i = 0;
  for (const x of seq) if (i < want.length && x === want[i]) i++;
  return i === want.length;
}

export function evaluateExpectations(
  expect: Expectation,
  analysis: CallAnalysis,
  deps: Pick<ReplayDeps, 'redactor' | 'knownFingerprints' | 'hash' | 'fingerprintRules' | 'avoidanceRules'> & { fixtureRules?: readonly AvoidanceRule[] },
  /** The redacted call, for the tool-order, end-reason and transcript checks. */
  conversation?: Conversation,
): CheckResult[] {
  const checks: CheckResult[] = [];
  const events = conversation?.events ?? [];
  if (expect.toolOrder !== undefined) {
    const called = events.flatMap((e) => (e.type === 'tool.called' ? [e.name] : []));
    const ok = isSubsequence(expect.toolOrder, called);
    checks.push(check('toolOrder', ok, expect.toolOrder.join(' → '), called.join(' → ') || '(no tool calls)', ok ? 'tools called in the expected order' : `tool order: expected ${expect.toolOrder.join(' → ')}, called ${called.join(' → ') || 'none'}`));
  }
  if (expect.endReason !== undefined) {
    const actual = conversation?.outcome?.endReason ?? 'unknown';
    checks.push(check('endReason', actual === expect.endReason, expect.endReason, actual, `end reason: expected ${expect.endReason}, got ${actual}${conversation?.outcome?.endReasonRaw ? ` (${conversation.outcome.endReasonRaw})` : ''}`));
  }
  if (expect.transcriptContains !== undefined || expect.transcriptNotContains !== undefined) {
    const transcript = events.flatMap((e) => (e.type === 'turn' ? [`${e.role}: ${e.text}`] : [])).join('\n');
    const lower = transcript.toLowerCase();
    if (expect.transcriptContains) {
      const missing = expect.transcriptContains.filter((t) => !lower.includes(t.toLowerCase()));
      checks.push(check('transcriptContains', missing.length === 0, expect.transcriptContains.join('\n'), transcript, missing.length === 0 ? 'the transcript says what it should' : `transcript lacks: ${missing.map((m) => JSON.stringify(m)).join(', ')}`));
    }
    if (expect.transcriptNotContains) {
      const found = expect.transcriptNotContains.filter((t) => lower.includes(t.toLowerCase()));
      checks.push(check('transcriptNotContains', found.length === 0, `(none of: ${expect.transcriptNotContains.join(', ')})`, transcript, found.length === 0 ? 'the transcript avoids what it should' : `transcript contains: ${found.map((m) => JSON.stringify(m)).join(', ')}`));
    }
  }
  const errors = analysis.errors.map(errorFingerprint);
  // The catalog's ids of the call's errors (as the store has them), next to the `code|stage|tool` form.
  const mined = deps.hash ? minedFingerprints(events, deps.hash, deps.fingerprintRules) : [];
  if (expect.outcome !== undefined) {
    const actual = analysis.outcome.label;
    checks.push(check('outcome', actual === expect.outcome, expect.outcome, actual, `outcome: expected ${expect.outcome}, got ${actual} (p(success) = ${analysis.outcome.probability.toFixed(2)})`));
  }
  if (expect.intent !== undefined) {
    checks.push(
      check('intent', analysis.intent === expect.intent, expect.intent, analysis.intent, `intent: expected ${expect.intent}, got ${analysis.intent} (confidence ${analysis.intentConfidence.toFixed(2)})`),
    );
  }
  if (expect.noErrors) {
    checks.push(check('noErrors', errors.length === 0, '(no errors)', errors.join('\n') || '(no errors)', errors.length === 0 ? 'no errors' : `expected no errors, found ${errors.length}: ${errors.join(', ')}`));
  }
  if (expect.noKnownErrorFingerprint) {
    const known = new Set(deps.knownFingerprints ?? []);
    const hits = [...new Set([...errors, ...mined.map((m) => m.fingerprint)])].filter((f) => known.has(f));
    checks.push(
      check('noKnownErrorFingerprint', hits.length === 0, '(no known error fingerprint)', hits.join('\n') || '(no known error fingerprint)', hits.length === 0 ? 'no known error fingerprint recurs' : `known error fingerprint recurs: ${hits.join(', ')}`),
    );
  }
  if (expect.forbiddenErrors) {
    const hits = [
      ...analysis.errors.filter((e) => expect.forbiddenErrors!.some((p) => matchesError(p, e))).map(errorFingerprint),
      ...new Set(mined.map((m) => m.fingerprint).filter((f) => expect.forbiddenErrors!.includes(f))),
    ];
    checks.push(check('forbiddenErrors', hits.length === 0, '(none of the forbidden errors)', hits.join('\n') || '(none of the forbidden errors)', hits.length === 0 ? 'no forbidden error' : `forbidden error(s): ${hits.join(', ')}`));
  }
  if (expect.noPiiInAnalysis) {
    const found = piiFindings(analysis, deps.redactor);
    checks.push(check('noPiiInAnalysis', found.length === 0, '(no PII)', found.join('\n') || '(no PII)', found.length === 0 ? 'no PII in the analysis output' : `PII in the analysis output: ${found.join('; ')}`));
  }
  if (expect.strategies) {
    const used = new Set(analysis.strategies.map((s) => s.name));
    const missing = expect.strategies.filter((s) => !used.has(s));
    checks.push(
      check('strategies', missing.length === 0, [...expect.strategies].sort().join('\n'), [...used].sort().join('\n'), missing.length === 0 ? 'all expected strategies used' : `strategies not used: ${missing.join(', ')} (used: ${[...used].join(', ') || 'none'})`),
    );
  }
  if (expect.caughtBeforeError) checks.push(caughtBeforeError(expect.caughtBeforeError, events, mined, deps));
  return checks;
}

interface MinedError {
  fingerprint: string;
  toolCallId?: string;
}

function minedFingerprints(events: readonly ConversationEvent[], hash: (text: string) => string, rules: readonly FingerprintRule[] = []): MinedError[] {
  return extractOccurrences(events).map((o) => ({
    fingerprint: fingerprintError(o, hash, rules).fingerprint,
    ...(o.kind === 'tool-result' && o.toolCallId !== undefined ? { toolCallId: o.toolCallId } : {}),
  }));
}

/** Every failing tool call of the wanted fingerprints must have been warned about before its result. */
function caughtBeforeError(
  wanted: readonly string[],
  events: readonly ConversationEvent[],
  mined: readonly MinedError[],
  deps: Pick<ReplayDeps, 'hash' | 'avoidanceRules'> & { fixtureRules?: readonly AvoidanceRule[] },
): CheckResult {
  const expected = wanted.map((f) => `${f}: warned before the error`).join('\n');
  if (!deps.hash) return check('caughtBeforeError', false, expected, '(not checked)', 'caughtBeforeError needs the engine hash to fingerprint errors (the host gives it)');
  const covered = new Set((deps.avoidanceRules ?? []).map((r) => r.fingerprint));
  const rules = [...(deps.avoidanceRules ?? []), ...(deps.fixtureRules ?? []).filter((r) => !covered.has(r.fingerprint))];
  const detector = new ErrorDetector(rules);
  const byToolCall = new Map(mined.flatMap((m) => (m.toolCallId !== undefined ? [[m.toolCallId, m.fingerprint] as const] : [])));
  const lines: string[] = [];
  const missed: string[] = [];
  for (const f of wanted) {
    const failing = recordedToolCalls(events).filter((t) => byToolCall.get(t.toolCallId) === f);
    if (failing.length === 0) {
      lines.push(`${f}: no such error in the call`);
      missed.push(`${f} does not occur in the call any more (its message, tool or code changed?)`);
      continue;
    }
    for (const t of failing) {
      const warned = detector.warnContext(t.context).some((w) => w.fingerprint === f);
      lines.push(`${f}: ${warned ? 'warned' : 'NOT warned'} before ${t.pending.name} (${t.toolCallId})`);
      if (!warned) missed.push(`${f} at ${t.pending.name} (${t.toolCallId}): no rule warned before the error${rules.some((r) => r.fingerprint === f) ? '' : ' (no avoidance rule for it any more)'}`);
    }
  }
  return check('caughtBeforeError', missed.length === 0, expected, lines.join('\n'), missed.length === 0 ? 'every error was caught before it happened' : `not caught before the error: ${missed.join('; ')}`);
}

export function replayCall(file: string, call: FixtureCall, deps: ReplayDeps & { fixtureRules?: readonly AvoidanceRule[] }): CallResult {
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const base = { file, callId: call.callId, line: call.line };
  try {
    // Exactly the import path: nothing raw reaches the analyzer.
    const redacted = deps.redactor.redactConversation(call.conversation);
    const analysis = (deps.analyze ?? ((events) => analyzeEvents(events)))(redacted.events);
    const checks = evaluateExpectations(call.expect, analysis, deps, redacted);
    const status: CallStatus = checks.length === 0 ? 'skipped' : checks.every((c) => c.ok) ? 'passed' : 'failed';
    return {
      ...base,
      status,
      checks,
      durationMs: clock.now() - started,
      summary: {
        intent: analysis.intent,
        outcome: analysis.outcome.label,
        errors: analysis.errors.map(errorFingerprint),
        strategies: [...new Set(analysis.strategies.map((s) => s.name))],
      },
    };
  } catch (err) {
    return { ...base, status: 'errored', checks: [], durationMs: clock.now() - started, error: (err as Error).stack ?? String(err) };
  }
}

export function replayFixture(fixture: Fixture, deps: ReplayDeps, options: { callIds?: ReadonlySet<string>; signal?: AbortSignal } = {}): FixtureResult {
  const known = [...(deps.knownFingerprints ?? []), ...fixture.knownFingerprints];
  const calls: CallResult[] = [];
  for (const call of fixture.calls) {
    if (options.signal?.aborted) break;
    if (options.callIds && !options.callIds.has(call.callId)) continue;
    calls.push(replayCall(fixture.path, call, { ...deps, knownFingerprints: known, fixtureRules: fixture.avoidanceRules }));
  }
  return { file: fixture.path, calls, problems: fixture.problems };
}
