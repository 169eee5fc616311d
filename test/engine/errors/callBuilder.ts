import type { ConversationEvent } from '../../../src/engine/model';

/**
 * Builds a call's events step by step for the error tests: tool calls with their results, turns,
 * agent errors. Timestamps advance by one second per event.
 */
export class CallBuilder {
  readonly events: ConversationEvent[] = [];
  private n = 0;
  private toolSeq = 0;

  constructor(
    readonly callId: string,
    private ts = Date.UTC(2026, 0, 5, 9),
  ) {
    this.push({ type: 'call.started', channel: 'voice' });
  }

  private push(e: Record<string, unknown>): this {
    this.events.push({ eventId: `${this.callId}:${this.n++}`, callId: this.callId, agentId: 'agent-a', ts: (this.ts += 1000), ...e } as ConversationEvent);
    return this;
  }

  say(role: 'user' | 'agent', text: string): this {
    return this.push({ type: 'turn', role, text });
  }

  /** A tool call with its result: `ok` with a JSON result, or an error message. */
  tool(name: string, args: Record<string, unknown>, result: { ok: true; json?: unknown } | { ok: false; error: string; code?: string }): this {
    const toolCallId = `${this.callId}-t${this.toolSeq++}`;
    this.push({ type: 'tool.called', toolCallId, name, arguments: args });
    if (result.ok) return this.push({ type: 'tool.result', toolCallId, name, ok: true, result: JSON.stringify(result.json ?? { status: 'ok' }) });
    this.push({ type: 'tool.result', toolCallId, name, ok: false, error: result.error });
    if (result.code) this.push({ type: 'agent.error', code: result.code, message: result.error, stage: 'tool', toolName: name });
    return this;
  }

  /** A tool call that never got a result (withdrawn after a warning, or the call hung up). */
  pending(name: string, args: Record<string, unknown>): this {
    return this.push({ type: 'tool.called', toolCallId: `${this.callId}-t${this.toolSeq++}`, name, arguments: args });
  }

  agentError(code: string, message: string, stage = 'llm'): this {
    return this.push({ type: 'agent.error', code, message, stage });
  }

  end(endReason = 'completed', endReasonRaw?: string): ConversationEvent[] {
    this.push({ type: 'call.ended', outcome: { endReason, ...(endReasonRaw ? { endReasonRaw } : {}) } });
    return this.events;
  }
}
