// Live path latencies (issue 16 targets: decision p99 < 5 ms in process, event → correction p99 < 20 ms
// over loopback). Part 1 times what the client does per frame before a correction can leave: parse the
// frame and the event, map it, decide. Part 2 runs `kaizen serve`'s agent server and the live client over
// loopback WebSocket and SSE (the agent in its own process) and reads the agent's own clock: from sending an event to receiving the
// correction it triggered (the correction leaves before the event is stored or acked).
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConversationEvent } from '../src/engine/model';
import { ConversationEventSchema, assembleConversation } from '../src/engine/model';
import { createRedactor } from '../src/engine/privacy';
import { CorrectionDecider, LatencyRecorder, LiveClient, ServerFrameSchema, WireEventSchema, modelToWire, userRules, wireToModel } from '../src/engine/realtime';
import type { UserRule } from '../src/engine/realtime';
import { iterateSampleCalls } from '../src/engine/samples';
import { openSqlStore } from '../src/engine/store';
import { nodeTimers, transportFor } from '../src/node/liveTransports';
import { createNodePorts } from '../src/node/nodePorts';

const ports = createNodePorts();
const calls: ConversationEvent[][] = [...iterateSampleCalls({ count: 300, seed: 21 })].map((c) => assembleConversation(c.events.map((e) => ConversationEventSchema.parse(e))).events);
const events = calls.flat().length;

const rules: UserRule[] = [
  { id: 'validate-first', when: { type: 'tool.called', tool: 'offer_refund', withoutPriorTool: 'validate_purchase' }, text: 'Validate the purchase before offering a refund.', mode: 'silent', stopsTool: true, repeatable: false },
  { id: 'verify-first', when: { type: 'tool.called', tool: 'pull_up_account', withoutPriorTool: 'verify_identity' }, text: 'Verify the caller before opening the account.', mode: 'silent', stopsTool: true, repeatable: false },
  { id: 'upset', when: { type: 'turn', role: 'user', textMatches: '\\b(ridiculous|unacceptable|frustrat|angry|cancel)' }, text: 'Acknowledge the frustration before the next step.', mode: 'silent', stopsTool: false, repeatable: true },
  { id: 'every-user-turn', when: { type: 'turn', role: 'user' }, text: 'Keep the answer short.', mode: 'silent', stopsTool: false, repeatable: true },
];
const big = { capacity: 1e9, refillPerSecond: 1e9 };

// ---- 1. decision in process ----------------------------------------------------------------
{
  const frames = calls.flatMap((c) => c.map((e, seq) => JSON.stringify({ type: 'event', id: `${e.eventId}`, event: modelToWire(e, seq) })));
  const rec = new LatencyRecorder(frames.length * 3);
  for (let round = 0; round < 3; round++) {
    const decider = new CorrectionDecider({ rules: userRules(rules), clock: ports.clock, perCall: big, perAgent: big });
    let fired = 0;
    for (const f of frames) {
      const t0 = performance.now();
      const frame = ServerFrameSchema.parse(JSON.parse(f));
      if (frame.type !== 'event') continue;
      const d = decider.decide(wireToModel(WireEventSchema.parse(frame.event)));
      if (d) fired++;
      const dt = performance.now() - t0;
      if (round > 0) rec.record(dt); // round 0 warms the JIT
    }
    if (round === 2) console.log(`decision in process: ${frames.length} frames × 2 rounds, ${fired} corrections per round, ${rules.length} rules`);
  }
  const s = rec.summary();
  console.log(`  decision p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms (target p99 < 5 ms)`);
}

// ---- 2. event → correction over loopback -----------------------------------------------------
/** The agent peer in its own process (bench/liveAgentPeer.ts); resolves with its URLs, and a way to ask for its latencies. */
async function startPeer(speed: number): Promise<{ urls: { stream: string; events: string }; report(): Promise<{ latencies: number[]; acked: number; total: number }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'liveAgentPeer.ts'), '300', '21', String(speed), '3000'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let buffer = '';
  const waiters: ((line: string) => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    buffer += d;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const w = waiters.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const next = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : waiters.push(resolve)));
  const urls = JSON.parse(await next()) as { stream: string; events: string };
  return {
    urls,
    report: async () => {
      child.stdin.write('report\n');
      return JSON.parse(await next()) as { latencies: number[]; acked: number; total: number };
    },
  };
}

async function loopback(kind: 'stream' | 'events', speed: number): Promise<void> {
  const peer = await startPeer(speed);
  const store = await openSqlStore({ ports });
  const url = peer.urls[kind];
  const client = new LiveClient({
    url,
    transport: transportFor(url),
    timers: nodeTimers,
    random: Math.random,
    clock: ports.clock,
    store,
    redactor: createRedactor({ hmacKey: new Uint8Array(32).fill(1), hashing: ports.hashing }),
    decider: new CorrectionDecider({ rules: userRules(rules), clock: ports.clock, perCall: big, perAgent: big }),
    untilEnd: true,
  });
  const t0 = performance.now();
  const summary = await client.run();
  const wall = (performance.now() - t0) / 1000;
  const agent = await peer.report();
  const lat = new LatencyRecorder(1e6);
  for (const ms of agent.latencies) lat.record(ms);
  const s = lat.summary();
  console.log(
    `${kind === 'stream' ? 'WebSocket' : 'SSE'} at ${speed}×: ${summary.stored}/${events} events stored in ${wall.toFixed(1)} s, ${summary.corrections.sent} corrections (${summary.corrections.acked} acked); agent saw ${agent.acked}/${agent.total} events acked`,
  );
  console.log(`  event → correction (agent's clock, separate process, ${lat.count} corrections) p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms (target p99 < 20 ms)`);
  console.log(`  correction round trip (client) p50 ${summary.roundTripMs.p50.toFixed(2)} ms, p99 ${summary.roundTripMs.p99.toFixed(2)} ms; client decision p99 ${summary.decisionMs.p99.toFixed(3)} ms`);
  await store.close();
}

void (async () => {
  const speed = Number(process.env.KAIZEN_LIVE_SPEED ?? 50);
  await loopback('stream', speed);
  await loopback('events', speed);
  console.log(`(load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores: latencies over loopback include scheduling delay on a shared machine)`);
})();
