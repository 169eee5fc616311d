import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Conversation, ConversationEvent, LearningArtifact, Pattern } from '../../../src/engine/model';
import type { EnginePorts } from '../../../src/engine/ports';
import { createNodePorts } from '../../../src/node/nodePorts';

/** A test clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 0, 15)): { now(): number; set(t: number): void; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    set: (v) => {
      t = v;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function testPorts(clock = manualClock()): EnginePorts & { clock: ReturnType<typeof manualClock> } {
  return { ...createNodePorts(), clock };
}

export function tempDir(prefix = 'kaizen-store-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface CallOptions {
  agentId?: string;
  startedAt?: number;
  turns?: number;
  errors?: number;
  file?: string;
  resolved?: boolean;
  /** Only these event indexes (after building) are kept: to build partial deliveries of one call. */
  keep?: (index: number) => boolean;
}

/** A realistic redacted call: greeting, N alternating turns, one tool call and result, an end. */
export function buildCall(callId: string, options: CallOptions = {}): Conversation {
  const agentId = options.agentId ?? 'agent-a';
  const t0 = options.startedAt ?? Date.UTC(2026, 0, 10, 9);
  const base = { callId, agentId };
  const events: ConversationEvent[] = [];
  let i = 0;
  const id = (): string => `${callId}-e${i++}`;
  events.push({ ...base, eventId: id(), ts: t0, type: 'call.started', channel: 'voice', source: { file: options.file ?? 'calls.jsonl', index: 0, format: 'kaizen-jsonl' } });
  const turns = options.turns ?? 12;
  for (let k = 0; k < turns; k++) {
    const role = k % 2 === 0 ? 'user' : 'agent';
    const text =
      role === 'user'
        ? `Hi, this is [CUSTOMER_NAME]. I was charged [DOLLAR_AMOUNT] twice on my card ending [CARD_LAST4] and I would like to understand why (${k}).`
        : `I am sorry about that, [CUSTOMER_NAME]. Let me look at your account and the recent transactions so we can sort this out today (${k}).`;
    events.push({ ...base, eventId: id(), ts: t0 + 1000 * (k + 1), type: 'turn', role, text });
    if (k === 3) {
      events.push({ ...base, eventId: id(), ts: t0 + 1000 * (k + 1) + 100, type: 'tool.called', toolCallId: `${callId}-t1`, name: 'lookup_account', arguments: { accountKey: 'h:9f2c' } });
      events.push({ ...base, eventId: id(), ts: t0 + 1000 * (k + 1) + 300, type: 'tool.result', toolCallId: `${callId}-t1`, name: 'lookup_account', ok: true, result: '{"status":"active","charges":2}' });
    }
  }
  for (let k = 0; k < (options.errors ?? 0); k++) {
    events.push({ ...base, eventId: id(), ts: t0 + 1000 * (turns + 1) + k, type: 'agent.error', code: 'TOOL_TIMEOUT', message: 'lookup timed out', stage: 'tool' });
  }
  const endTs = t0 + 1000 * (turns + 2);
  const outcome = { resolved: options.resolved ?? true, endReason: 'completed' as const, durationMs: endTs - t0 };
  events.push({ ...base, eventId: id(), ts: endTs, type: 'call.ended', outcome });
  const kept = options.keep ? events.filter((_, index) => options.keep!(index)) : events;
  const conv: Conversation = { callId, agentId, startedAt: kept[0]!.ts, events: kept, source: { file: options.file ?? 'calls.jsonl', index: 0, format: 'kaizen-jsonl' } };
  if (kept.some((e) => e.type === 'call.ended')) {
    conv.endedAt = endTs;
    conv.outcome = outcome;
  }
  return conv;
}

export function buildPattern(id: string, over: Partial<Pattern> = {}): Pattern {
  return {
    id,
    intent: 'billing',
    trigger: 'double charge',
    strategy: 'apologise-then-verify',
    support: 40,
    successes: 30,
    successRate: 0.75,
    confidence: { low: 0.6, high: 0.86, level: 0.95, method: 'wilson' },
    lift: 0.1,
    liftPValue: 0.03,
    exampleCallIds: ['c1'],
    updatedAt: Date.UTC(2026, 0, 12),
    ...over,
  };
}

export const promptPayload = (text: string): LearningArtifact['payload'] => ({ kind: 'prompt', target: 'system', text });
