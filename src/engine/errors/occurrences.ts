import type { ConversationEvent } from '../model';

/** The type of each argument (never its value): what a failing call looked like without leaking it. */
export type ArgumentShape = Record<string, 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object'>;

/** One error in one call, with the context later stages learn precursors from. */
export interface ErrorOccurrence {
  callId: string;
  agentId: string;
  ts: number;
  /** Where it came from: a failed tool result, an agent error, or a call that ended in error. */
  kind: 'tool-result' | 'agent-error' | 'call-failed';
  code: string;
  stage: string;
  tool?: string;
  toolCallId?: string;
  /** The (already redacted) message. */
  message: string;
  argumentShape?: ArgumentShape;
  /** The steps before the error, oldest first: `user`, `agent`, `tool:<name>`, `tool-ok:<name>`, `tool-error:<name>`. */
  precedingSteps: string[];
  intent?: string;
}

export interface OccurrenceOptions {
  /** The call's intent, when the analysis knows it. */
  intent?: string;
  /** How many preceding steps to keep (default 8). */
  maxSteps?: number;
}

export function argumentShape(args: Record<string, unknown>): ArgumentShape {
  const shape: ArgumentShape = {};
  for (const key of Object.keys(args).sort()) {
    const v = args[key];
    shape[key] = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'number' || typeof v === 'bigint' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
  }
  return shape;
}

/**
 * Every error of one call's events: failed tool results (adapters map Retell `successful: false` and
 * OpenAI-style tool messages starting with `Error` to `ok: false`), agent errors, and a call that
 * ended with `endReason: "error"`. An `agent.error` of stage `tool` right after a failed result of the
 * same tool restates that failure: it gives the occurrence its code instead of counting twice.
 */
export function extractOccurrences(events: readonly ConversationEvent[], options: OccurrenceOptions = {}): ErrorOccurrence[] {
  const maxSteps = options.maxSteps ?? 8;
  const calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  const steps: string[] = [];
  const out: ErrorOccurrence[] = [];
  // The failed tool result an agent.error about the same tool may restate (one error, not two).
  let lastToolFailure: { index: number; tool: string; message: string } | undefined;
  // … and the agent error about a tool that its failed result, arriving right after, restates (some platforms report in that order).
  let lastToolAgentError: { index: number; tool: string } | undefined;
  const before = () => steps.slice(-maxSteps);
  const withIntent = (o: ErrorOccurrence): ErrorOccurrence => (options.intent !== undefined ? { ...o, intent: options.intent } : o);
  for (const e of events) {
    switch (e.type) {
      case 'turn':
        lastToolFailure = undefined;
        lastToolAgentError = undefined;
        if (e.role !== 'system') steps.push(e.role);
        break;
      case 'tool.called':
        lastToolFailure = undefined;
        lastToolAgentError = undefined;
        calls.set(e.toolCallId, { name: e.name, args: e.arguments });
        steps.push(`tool:${e.name}`);
        break;
      case 'tool.result': {
        const called = calls.get(e.toolCallId);
        const tool = e.name ?? called?.name ?? 'unknown_tool';
        const restates = lastToolAgentError?.tool === tool ? lastToolAgentError : undefined;
        lastToolAgentError = undefined;
        if (!e.ok && restates) {
          // One failure, reported agent error first: the result's message and context, the agent's code.
          const code = out[restates.index]!.code;
          out[restates.index] = withIntent({
            callId: e.callId, agentId: e.agentId, ts: out[restates.index]!.ts, kind: 'tool-result', code, stage: 'tool', tool,
            toolCallId: e.toolCallId, message: e.error ?? e.result ?? '', precedingSteps: out[restates.index]!.precedingSteps,
            ...(called ? { argumentShape: argumentShape(called.args) } : {}),
          });
        } else if (!e.ok) {
          lastToolFailure = { index: out.length, tool, message: e.error ?? e.result ?? '' };
          out.push(withIntent({
            callId: e.callId, agentId: e.agentId, ts: e.ts, kind: 'tool-result', code: 'tool_error', stage: 'tool', tool,
            toolCallId: e.toolCallId, message: e.error ?? e.result ?? '', precedingSteps: before(),
            ...(called ? { argumentShape: argumentShape(called.args) } : {}),
          }));
        }
        steps.push(`${e.ok ? 'tool-ok' : 'tool-error'}:${tool}`);
        break;
      }
      case 'agent.error': {
        const restated = lastToolFailure && e.stage === 'tool' && (e.toolName === undefined || e.toolName === lastToolFailure.tool) ? lastToolFailure : undefined;
        lastToolFailure = undefined;
        lastToolAgentError = !restated && e.stage === 'tool' && e.toolName !== undefined ? { index: out.length, tool: e.toolName } : undefined;
        if (restated) {
          // The platform's code names the failure better than the generic `tool_error`; the message stays the result's.
          out[restated.index] = { ...out[restated.index]!, code: e.code };
          steps.push(`error:${e.code}`);
          break;
        }
        out.push(withIntent({
          callId: e.callId, agentId: e.agentId, ts: e.ts, kind: 'agent-error', code: e.code, stage: e.stage,
          ...(e.toolName !== undefined ? { tool: e.toolName } : {}), message: e.message, precedingSteps: before(),
        }));
        steps.push(`error:${e.code}`);
        break;
      }
      case 'call.ended':
        if (e.outcome.endReason === 'error') {
          out.push(withIntent({
            callId: e.callId, agentId: e.agentId, ts: e.ts, kind: 'call-failed', code: 'call_failed', stage: 'other',
            message: e.outcome.endReasonRaw ?? 'call ended with an error', precedingSteps: before(),
          }));
        }
        break;
      default:
        break;
    }
  }
  return out;
}
