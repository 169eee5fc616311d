// Collective hub fan-out (issue 17 target: publish → applied at 100 agents on loopback, p99 < 10 ms),
// printed beside a bare `ws` broadcast of a frame of the same size to as many sockets, measured in the
// same run and the same process (hub, agents and broadcast share one event loop in both cases).
//   publish → applied: from the adopting POST leaving the publisher to each agent applying the artifact
//     (verify on the hub, store writes, adoption log, frame, agent's in-order apply);
//   fan-out: from the adoption being recorded in the store to each agent applying it;
//   in memory and on a file (every hub write saved atomically with fsync before it is acknowledged).
// Agents verify what they apply (hash, trusted signatures, privacy) through one verifier shared by the
// agents of this process, as a host running many agents would: each copy's hash is recomputed, each
// signature and privacy check runs once per envelope.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import type { HubStore, SigningKey } from '../src/engine/collective';
import { HubSubscriber, TrustSet, createEnvelopeVerifier, keyIdOf, openSqlHubStore, packEnvelope } from '../src/engine/collective';
import { createComplianceValidator } from '../src/engine/privacy';
import { LatencyRecorder } from '../src/engine/realtime';
import { startHub } from '../src/node/hubServer';
import { nodeTimers, wsTransport } from '../src/node/liveTransports';
import { createNodePorts, nodeEd25519, nodeHashing } from '../src/node/nodePorts';

const quick = process.argv.includes('--quick');
const AGENTS = 100;
const ROUNDS = quick ? 20 : 100;
const WARMUP = 20;
const ports = createNodePorts();
const pair = nodeEd25519.generateKeyPair();
const key: SigningKey = { keyId: keyIdOf(pair.publicKey, nodeHashing), ...pair };
const trust = new TrustSet([{ keyId: key.keyId, publicKey: key.publicKey }]);
const crypto = { hashing: nodeHashing, ed25519: nodeEd25519 };

function payload(round: number) {
  return { artifactId: 'strategy:billing', version: round + 1, kind: 'strategy', title: 'Billing disputes: explain the fee first', ranking: [{ strategy: 'explain the fee', successRate: 0.8, lift: 0.21, support: 1240 }] };
}

function line(name: string, rec: LatencyRecorder): string {
  const s = rec.summary();
  return `  ${name.padEnd(44)} p50 ${s.p50.toFixed(2).padStart(6)} ms  p99 ${s.p99.toFixed(2).padStart(6)} ms  (${rec.count} samples)`;
}

async function bareBroadcast(frameBytes: number): Promise<{ rec: LatencyRecorder; cpuMs: number }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as { port: number }).port;
  const rec = new LatencyRecorder(AGENTS * ROUNDS);
  let t0 = 0;
  let round = 0;
  let got = 0;
  let done: () => void = () => undefined;
  const clients = await Promise.all(
    Array.from({ length: AGENTS }, () => new Promise<WebSocket>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
      ws.on('message', (data) => {
        JSON.parse(data.toString());
        if (round >= WARMUP) rec.record(performance.now() - t0);
        if (++got === AGENTS) done();
      });
      ws.once('open', () => resolve(ws));
    })),
  );
  const frame = JSON.stringify({ type: 'artifact', pad: 'x'.repeat(Math.max(0, frameBytes - 30)) });
  let cpu0 = process.cpuUsage();
  for (round = 0; round < ROUNDS + WARMUP; round++) {
    if (round === WARMUP) cpu0 = process.cpuUsage();
    got = 0;
    const all = new Promise<void>((r) => (done = r));
    t0 = performance.now();
    for (const ws of wss.clients) ws.send(frame);
    await all;
  }
  const cpuMs = cpuPerRound(cpu0, ROUNDS);
  for (const c of clients) c.terminate();
  await new Promise<void>((r) => wss.close(() => r()));
  return { rec, cpuMs };
}

/** CPU time (user + system, this process: hub, agents and publisher) per round since `since`: unlike latency, hardly moved by other processes' load. */
function cpuPerRound(since: NodeJS.CpuUsage, rounds: number): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000 / rounds;
}

async function hubRun(store: HubStore, rounds = ROUNDS): Promise<{ e2e: LatencyRecorder; fanout: LatencyRecorder; frameBytes: number; cpuMs: number }> {
  const hub = await startHub({ store, quorum: 1, trust });
  const e2e = new LatencyRecorder(AGENTS * ROUNDS);
  const fanout = new LatencyRecorder(AGENTS * ROUNDS);
  let t0 = 0;
  let tAdopt = 0;
  let round = 0;
  let got = 0;
  let frameBytes = 0;
  let done: () => void = () => undefined;
  const unsubscribe = store.onAdoption(() => (tAdopt = performance.now()));
  const verify = createEnvelopeVerifier({ trust, validator: createComplianceValidator(), ...crypto });
  const agents = Array.from({ length: AGENTS }, (_, i) => {
    const s = new HubSubscriber({
      url: hub.url,
      agentId: `agent-${i}`,
      transport: wsTransport,
      timers: nodeTimers,
      random: Math.random,
      verify,
      onApply: (frame) => {
        const now = performance.now();
        if (round >= WARMUP) {
          e2e.record(now - t0);
          fanout.record(now - tAdopt);
        }
        if (frameBytes === 0) frameBytes = JSON.stringify(frame).length;
        if (++got === AGENTS) done();
      },
    });
    s.start();
    return s;
  });
  while (hub.agents() < AGENTS) await new Promise((r) => setTimeout(r, 10));
  let cpu0 = process.cpuUsage();
  for (round = 0; round < rounds + WARMUP; round++) {
    if (round === WARMUP) cpu0 = process.cpuUsage();
    const env = packEnvelope(payload(round), key, crypto);
    got = 0;
    const all = new Promise<void>((r) => (done = r));
    t0 = performance.now();
    const res = await fetch(`${hub.http}/v1/artifacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(env) });
    if (res.status !== 200) throw new Error(`hub answered ${res.status}: ${await res.text()}`);
    await all;
    // Let the 100 acks land before the next publish, so each round starts from a quiet hub.
    while ((await hub.service.applied(env.hash)).length < AGENTS) await new Promise((r) => setTimeout(r, 1));
  }
  const cpuMs = cpuPerRound(cpu0, rounds);
  unsubscribe();
  for (const a of agents) a.stop();
  await hub.close();
  await store.close();
  return { e2e, fanout, frameBytes, cpuMs };
}

void (async () => {
  console.log(`collective hub: ${AGENTS} agents on loopback, ${ROUNDS} publishes (after ${WARMUP} warm-up), quorum 1, one process; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  // A discarded run first: the hub path's code is compiled and its sockets' buffers grown before anything is timed.
  await hubRun(await openSqlHubStore({ ports }), 20);
  const memory = await hubRun(await openSqlHubStore({ ports }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-hub-bench-'));
  const onFile = await hubRun(await openSqlHubStore({ ports, path: path.join(dir, 'hub.db') }));
  fs.rmSync(dir, { recursive: true, force: true });
  const { rec: bare, cpuMs: bareCpu } = await bareBroadcast(memory.frameBytes);
  console.log(line(`bare ws broadcast (${memory.frameBytes} B frame)`, bare));
  console.log(line('hub fan-out, store in memory', memory.fanout));
  console.log(line('hub publish → applied, store in memory', memory.e2e));
  console.log(line('hub fan-out, store on file (fsync)', onFile.fanout));
  console.log(line('hub publish → applied, store on file (fsync)', onFile.e2e));
  console.log(`  CPU per publish to ${AGENTS} agents (user + system, whole process): bare broadcast ${bareCpu.toFixed(1)} ms; hub in memory ${memory.cpuMs.toFixed(1)} ms (acks included); hub on file ${onFile.cpuMs.toFixed(1)} ms`);
  console.log(`  load average at the end ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`  hub fan-out p50 / bare broadcast p50: ${(memory.fanout.summary().p50 / Math.max(bare.summary().p50, 1e-3)).toFixed(1)}×; target: publish → applied p99 < 10 ms`);
})().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
