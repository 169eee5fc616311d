/**
 * What analytics needs of one call, read from the model's platform fields (see model/platform.ts)
 * and, where the platform says nothing, from the analyzer. One pure function per fact, so each rule
 * of issue 18 lives in exactly one place.
 */
import type { Conversation, PlatformAnalysis } from '../model';
import type { OutcomeLabel } from '../store';
import { errorOccurrencesOf } from './errorRepeats';
import type { ErrorOccurrence } from './errorRepeats';

/** What the analyzer concluded about a call (from the store's analysis record), when it ran. */
export interface AnalyzerView {
  outcomeLabel?: OutcomeLabel;
  /** Signal kinds the analyzer found (`escalation-request`…). */
  signalKinds?: readonly string[];
  /** The call's opening situation and the agent's move there (what patterns count). */
  opening?: { intent: string; situation: string; move: string };
}

export interface CallFacts {
  callId: string;
  agentId: string;
  startedAt: number;
  /** The prompt version the call ran; undefined when nothing names one. */
  promptVersion?: string;
  /** True/false when known; undefined when neither the platform nor the analyzer decided. */
  success?: boolean;
  /** Where `success` came from. */
  successSource?: 'platform' | 'analyzer';
  transferred: boolean;
  /** Transferred, or the caller asked for a human and did not get one. */
  escalated: boolean;
  durationSeconds?: number;
  /** Every turn's end-to-end latency in ms. */
  turnLatenciesMs: number[];
  costUsd?: number;
  errors: ErrorOccurrence[];
  /** From the analyzer: the opening situation and move, for pattern effectiveness and reuse. */
  opening?: { intent: string; situation: string; move: string };
}

/** Vapi `successEvaluation` as sent: a boolean, "true"/"false", a pass/fail grade; numbers and other grades are not a verdict. */
function evaluationVerdict(value: PlatformAnalysis['successEvaluation']): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (['true', 'pass', 'passed', 'success', 'successful'].includes(v)) return true;
  if (['false', 'fail', 'failed', 'failure', 'unsuccessful'].includes(v)) return false;
  return undefined;
}

/**
 * The platform's verdict when present (Retell `call_successful`, Vapi `successEvaluation`, τ-bench
 * reward, Kaizen `call.ended.resolved`), else the analyzer's outcome (`unknown` decides nothing).
 */
export function successOf(call: Conversation, analyzer?: AnalyzerView): { success?: boolean; source?: 'platform' | 'analyzer' } {
  const analysis = call.metrics?.analysis;
  const platform =
    analysis?.successful ??
    evaluationVerdict(analysis?.successEvaluation) ??
    (call.outcome?.reward !== undefined ? call.outcome.reward >= 1 : undefined) ??
    call.outcome?.resolved;
  if (platform !== undefined) return { success: platform, source: 'platform' };
  if (analyzer?.outcomeLabel === 'success' || analyzer?.outcomeLabel === 'failure') {
    return { success: analyzer.outcomeLabel === 'success', source: 'analyzer' };
  }
  return {};
}

/** Transferred to a human: the outcome says so, the call ended by transfer, or the platform lists a transfer that was not cancelled. */
export function transferredOf(call: Conversation): boolean {
  if (call.outcome?.transferred || call.outcome?.endReason === 'transfer') return true;
  return (call.metrics?.transfers ?? []).some((t) => t.status !== 'cancelled');
}

/**
 * The prompt version: the platform's (Retell `agent_version`, Vapi `assistantVersion`…), else the
 * artifact version the call's experiment variant served (`assigned`), else the version the agent
 * stamped on its events (agent protocol), else `call.started.agentVersion`.
 */
export function promptVersionOf(call: Conversation, assigned?: string): string | undefined {
  if (call.platform?.promptVersion !== undefined) return call.platform.promptVersion;
  if (assigned !== undefined) return assigned;
  for (const e of call.events) if (e.promptVersion !== undefined) return e.promptVersion;
  for (const e of call.events) if (e.type === 'call.started' && e.agentVersion !== undefined) return e.agentVersion;
  return undefined;
}

/** Duration in seconds: the outcome's, else call.ended − first event. */
export function durationSecondsOf(call: Conversation): number | undefined {
  if (call.outcome?.durationMs !== undefined) return call.outcome.durationMs / 1000;
  if (call.endedAt !== undefined) return (call.endedAt - call.startedAt) / 1000;
  return undefined;
}

/**
 * Every turn's end-to-end latency: the platform's full list (Retell `latency.e2e.values`) when it
 * has one, else each agent turn's `latency.turnMs` (Vapi `turnLatencies[].turnLatency`). Negative
 * values (Retell's "not measured") are dropped.
 */
export function turnLatenciesOf(call: Conversation): number[] {
  const listed = call.metrics?.latency?.e2e?.values;
  if (listed && listed.length > 0) return listed.filter((v) => v >= 0);
  const out: number[] = [];
  for (const e of call.events) if (e.type === 'turn' && e.latency?.turnMs !== undefined) out.push(e.latency.turnMs);
  return out;
}

/** `assignedVersion`: the artifact version an experiment served this call (see `experimentVersions`). */
export function callFactsOf(call: Conversation, analyzer?: AnalyzerView, assignedVersion?: string): CallFacts {
  const { success, source } = successOf(call, analyzer);
  const transferred = transferredOf(call);
  const askedForHuman = call.outcome?.escalated === true || (analyzer?.signalKinds ?? []).includes('escalation-request');
  const promptVersion = promptVersionOf(call, assignedVersion);
  const durationSeconds = durationSecondsOf(call);
  const costUsd = call.metrics?.cost?.total.usd;
  return {
    callId: call.callId,
    agentId: call.agentId,
    startedAt: call.startedAt,
    ...(promptVersion !== undefined ? { promptVersion } : {}),
    ...(success !== undefined ? { success, successSource: source } : {}),
    transferred,
    escalated: transferred || askedForHuman,
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    turnLatenciesMs: turnLatenciesOf(call),
    ...(costUsd !== undefined ? { costUsd } : {}),
    errors: errorOccurrencesOf(call.events),
    ...(analyzer?.opening ? { opening: analyzer.opening } : {}),
  };
}
