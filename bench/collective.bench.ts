// Collective hub fan-out (issue 17 target: publish → applied at 100 agents on loopback, p99 < 10 ms),
// printed beside a bare `ws` broadcast of a frame of the same size to as many sockets, measured in the
// same run through the same harness: the hub (or the bare server) runs on this process's main thread,
// the 100 agents in worker threads (bench/hubAgents.ts), so the hub's event loop does only the hub's work.
//   publish → applied: from the adopting POST leaving the publisher (main thread) to each agent having
//     applied the artifact (hash recomputed, trusted signature and privacy checked, applied in log order);
//   fan-out: from the adoption being recorded in the store to each agent having applied it;
//   bare broadcast: from the send loop starting to each client having parsed the frame.
// Clock: every instant is read on process.hrtime (CLOCK_MONOTONIC), shared by all threads; the agents
// stamp their own apply, the main thread subtracts its own start stamp.
// Stores: in memory; on a file (a request's writes appended to an fdatasync'ed journal before the adoption
// is announced); PostgreSQL, one hub and two hubs (replicas) on one database, on this thread.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HubStore, SigningKey } from '../src/engine/collective';
import { TrustSet, keyIdOf, openSqlHubStore, packEnvelope } from '../src/engine/collective';
import { LatencyRecorder } from '../src/engine/realtime';
import { startHub } from '../src/node/hubServer';
import { createNodePorts, nodeEd25519, nodeHashing } from '../src/node/nodePorts';
import { openPgHubStore } from '../src/node/pgHubStore';
import { POSTGRES_MISSING_MESSAGE, findPostgresBinaries, startPostgres } from '../test/support/postgresServer';
import { monotonicMs, startAgentWorkers } from './hubAgents';
import { WebSocketServer } from 'ws';

const quick = process.argv.includes('--quick');
const workersArg = process.argv.indexOf('--workers');
const WORKERS = workersArg > 0 ? Number(process.argv[workersArg + 1]) : 2;
const onlyArg = process.argv.indexOf('--only');
/** `--only memory,file,pg` runs some of the hub runs (the bare broadcast always runs). */
const ONLY = onlyArg > 0 ? new Set(process.argv[onlyArg + 1]!.split(',')) : undefined;
const runs = (name: string) => !ONLY || ONLY.has(name);
const AGENTS = 100;
const ROUNDS = quick ? 30 : 200;
const WARMUP = 20;
const ports = createNodePorts();
const pair = nodeEd25519.generateKeyPair();
const key: SigningKey = { keyId: keyIdOf(pair.publicKey, nodeHashing), ...pair };
const trusted = [{ keyId: key.keyId, publicKey: key.publicKey }];
const trust = new TrustSet(trusted);
const crypto = { hashing: nodeHashing, ed25519: nodeEd25519 };

function payload(round: number) {
  return { artifactId: 'strategy:billing', version: round + 1, kind: 'strategy', title: 'Billing disputes: explain the fee first', ranking: [{ strategy: 'explain the fee', successRate: 0.8, lift: 0.21, support: 1240 }] };
}

function line(name: string, rec: LatencyRecorder): string {
  const s = rec.summary();
  return `  ${name.padEnd(46)} p50 ${s.p50.toFixed(2).padStart(6)} ms  p99 ${s.p99.toFixed(2).padStart(6)} ms  (${rec.count} samples)`;
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');

async function bareBroadcast(frameBytes: number): Promise<{ rec: LatencyRecorder; busyMs: number }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
  const agents = await startAgentWorkers({ mode: 'bare', urls: [url], agents: AGENTS, workers: WORKERS });
  const rec = new LatencyRecorder(AGENTS * ROUNDS);
  let cpu0 = mainThreadCpuMs();
  for (let round = 0; round < ROUNDS + WARMUP; round++) {
    if (round === WARMUP) cpu0 = mainThreadCpuMs();
    const applied = agents.applied(String(round));
    const t0 = monotonicMs();
    // The frame is serialised once and the same bytes go to every socket.
    const frame = Buffer.from(JSON.stringify({ type: 'artifact', round, pad: 'x'.repeat(Math.max(0, frameBytes - 40)) }));
    for (const ws of wss.clients) ws.send(frame, { binary: false });
    const at = await applied;
    if (round >= WARMUP) for (const t of at) rec.record(t - t0);
  }
  const busyMs = cpuPerRound(cpu0, ROUNDS);
  await agents.stop();
  await new Promise<void>((r) => wss.close(() => r()));
  return { rec, busyMs };
}

/**
 * CPU time (user + system) of this, the hub's, thread in ms: Linux's per-thread counters (the main thread's
 * id is the process id), in clock ticks of 10 ms, so read over many rounds. Unlike latency or event-loop
 * busy time it hardly moves when other processes crowd the cores. Undefined where /proc is missing.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5) (utime, stime), counted from the state field (3).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function cpuPerRound(since: number | undefined, rounds: number): number {
  const now = mainThreadCpuMs();
  return since === undefined || now === undefined ? NaN : (now - since) / rounds;
}

/**
 * One hub per store (several stores on one PostgreSQL database are replicas, here on this one thread),
 * agent i on hub i mod n; every artifact is published to the first hub.
 */
async function hubRun(stores: HubStore[], rounds = ROUNDS): Promise<{ e2e: LatencyRecorder; fanout: LatencyRecorder; frameBytes: number; busyMs: number }> {
  // Subscribed before the hub, so this listener hears of an adoption before the hub's own sends it.
  let tAdopt = 0;
  const unsubscribe = stores[0]!.onAdoption(() => (tAdopt = monotonicMs()));
  const hubs = await Promise.all(stores.map((store) => startHub({ store, quorum: 1, trust })));
  const hub = hubs[0]!;
  const e2e = new LatencyRecorder(AGENTS * rounds);
  const fanout = new LatencyRecorder(AGENTS * rounds);
  const agents = await startAgentWorkers({ mode: 'hub', urls: hubs.map((h) => h.url), agents: AGENTS, workers: WORKERS, trust: trusted });
  while (hubs.reduce((n, h) => n + h.agents(), 0) < AGENTS) await new Promise((r) => setTimeout(r, 10));
  let frameBytes = 0;
  let cpu0 = mainThreadCpuMs();
  for (let round = 0; round < rounds + WARMUP; round++) {
    if (round === WARMUP) cpu0 = mainThreadCpuMs();
    const env = packEnvelope(payload(round), key, crypto);
    if (frameBytes === 0) frameBytes = JSON.stringify({ type: 'artifact', id: '1', prev: null, action: 'adopt', hash: env.hash, envelope: env }).length;
    const applied = agents.applied(env.hash);
    const t0 = monotonicMs();
    const res = await fetch(`${hub.http}/v1/artifacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(env) });
    if (res.status !== 200) throw new Error(`hub answered ${res.status}: ${await res.text()}`);
    const at = await applied;
    if (round >= WARMUP) {
      for (const t of at) {
        e2e.record(t - t0);
        fanout.record(t - tAdopt);
      }
    }
    // Let the 100 acks land before the next publish, so each round starts from a quiet hub.
    while ((await hub.service.applied(env.hash)).length < AGENTS) await new Promise((r) => setTimeout(r, 1));
  }
  const busyMs = cpuPerRound(cpu0, rounds);
  unsubscribe();
  await agents.stop();
  for (const h of hubs) await h.close();
  for (const store of stores) await store.close();
  return { e2e, fanout, frameBytes, busyMs };
}

/** The hub on PostgreSQL (a throwaway server with durable commits), one replica and two on one database; skipped without PostgreSQL binaries. */
async function postgresRuns(): Promise<{ one: Awaited<ReturnType<typeof hubRun>>; two: Awaited<ReturnType<typeof hubRun>> } | string> {
  if (!findPostgresBinaries()) return POSTGRES_MISSING_MESSAGE;
  const server = await startPostgres({ durable: true });
  try {
    const open = async (db: string) => openPgHubStore({ connectionString: db, pollIntervalMs: 60_000 });
    const one = await hubRun([await open(await server.createDatabase('one'))]);
    const shared = await server.createDatabase('two');
    const two = await hubRun([await open(shared), await open(shared)]);
    return { one, two };
  } finally {
    await server.stop();
  }
}

void (async () => {
  console.log(`collective hub: ${AGENTS} agents on loopback in ${WORKERS} worker thread(s), hub(s) on the main thread; ${ROUNDS} publishes (after ${WARMUP} warm-up), quorum 1; load average ${load()} on ${os.cpus().length} cores`);
  // A discarded run first: the hub path's code is compiled and its sockets' buffers grown before anything is timed.
  await hubRun([await openSqlHubStore({ ports })], 20);
  const memory = runs('memory') ? await hubRun([await openSqlHubStore({ ports })]) : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-hub-bench-'));
  const onFile = runs('file') ? await hubRun([await openSqlHubStore({ ports, path: path.join(dir, 'hub.db') })]) : undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  const pg = runs('pg') ? await postgresRuns() : undefined;
  const frameBytes = (memory ?? onFile)?.frameBytes ?? 600;
  const { rec: bare, busyMs: bareBusy } = await bareBroadcast(frameBytes);
  console.log(line(`bare ws broadcast (${frameBytes} B frame)`, bare));
  if (memory) {
    console.log(line('hub fan-out, store in memory', memory.fanout));
    console.log(line('hub publish → applied, store in memory', memory.e2e));
  }
  if (onFile) {
    console.log(line('hub fan-out, store on file (journal fdatasync)', onFile.fanout));
    console.log(line('hub publish → applied, store on file', onFile.e2e));
  }
  if (typeof pg === 'string') console.log(`  PostgreSQL runs skipped: ${pg}`);
  else if (pg) {
    console.log(line('hub publish → applied, PostgreSQL, 1 replica', pg.one.e2e));
    console.log(line('hub publish → applied, PostgreSQL, 2 replicas', pg.two.e2e));
  }
  const busy = [memory && `hub in memory ${memory.busyMs.toFixed(2)} ms`, onFile && `on file ${onFile.busyMs.toFixed(2)} ms`, typeof pg === 'object' && `PostgreSQL ${pg.one.busyMs.toFixed(2)} ms`].filter(Boolean).join(', ');
  console.log(`  hub thread CPU per publish (user + system): bare broadcast ${bareBusy.toFixed(2)} ms; ${busy} (publisher's POST, verify, store, fan-out, ${AGENTS} acks, the bench's wait for them)`);
  console.log(`  load average at the end ${load()}`);
  console.log(`  target: publish → applied p99 < 10 ms at ${AGENTS} agents (bench hubReplicas: PostgreSQL replicas as separate processes)`);
})().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
