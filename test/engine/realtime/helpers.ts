import type { AgentServer } from '../../../src/node/agentServer';
import type { ConversationEvent } from '../../../src/engine/model';
import { ConversationEventSchema, assembleConversation } from '../../../src/engine/model';
import { createRedactor } from '../../../src/engine/privacy';
import type { CorrectionRule, LiveClientOptions, LiveSummary } from '../../../src/engine/realtime';
import { CorrectionDecider, LiveClient } from '../../../src/engine/realtime';
import { iterateSampleCalls } from '../../../src/engine/samples';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';
import { nodeTimers, transportFor } from '../../../src/node/liveTransports';

/** Generated calls (the sample generator, fixed seed), each in call order. */
export function sampleCalls(count: number, seed = 11): ConversationEvent[][] {
  const out: ConversationEvent[][] = [];
  for (const c of iterateSampleCalls({ count, seed })) {
    out.push(assembleConversation(c.events.map((e) => ConversationEventSchema.parse(e))).events);
  }
  return out;
}

/** A seeded uniform [0,1) source (mulberry32), so a fault schedule is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LiveRun {
  client: LiveClient;
  store: LearningStore;
  done: Promise<LiveSummary>;
}

/** A live client on an in-memory store with the real redactor, fast reconnects, until the replay ends. */
export async function startClient(url: string, options: { rules?: CorrectionRule[]; maxPending?: number; extra?: Partial<LiveClientOptions> } = {}): Promise<LiveRun> {
  const ports = createNodePorts();
  const store = await openSqlStore({ ports });
  const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(7), hashing: ports.hashing });
  const decider = options.rules ? new CorrectionDecider({ rules: options.rules, clock: ports.clock, perCall: { capacity: 10, refillPerSecond: 10 }, perAgent: { capacity: 10_000, refillPerSecond: 10_000 } }) : undefined;
  const client = new LiveClient({
    url,
    transport: transportFor(url),
    timers: nodeTimers,
    random: seeded(3),
    clock: ports.clock,
    store,
    redactor,
    decider,
    untilEnd: true,
    backoff: { baseMs: 10, capMs: 200 },
    maxPending: options.maxPending,
    ...options.extra,
  });
  return { client, store, done: client.run() };
}

/** Every stored event, per call, and checks that no eventId is stored twice. */
export async function storedEvents(store: LearningStore): Promise<Map<string, ConversationEvent[]>> {
  const out = new Map<string, ConversationEvent[]>();
  for await (const conv of store.iterateConversations()) out.set(conv.callId, conv.events);
  return out;
}

/** Resolves when `check` holds, polling; fails after `ms` (a generous bound, not a timing assertion). */
export async function waitFor(check: () => boolean, ms = 30_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * What a live test started (agent servers, clients with their stores), stopped after each test so no
 * test sees another's sockets or files. Call inside a `describe`.
 */
export function liveTestResources(): { servers: AgentServer[]; runs: LiveRun[] } {
  const servers: AgentServer[] = [];
  const runs: LiveRun[] = [];
  afterEach(async () => {
    for (const r of runs.splice(0)) {
      await r.client.stop();
      await r.store.close();
    }
    for (const s of servers.splice(0)) await s.close();
  });
  return { servers, runs };
}
