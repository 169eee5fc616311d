// The hub on PostgreSQL (issue 17 item 6), on a real server this benchmark starts (the machine's
// PostgreSQL binaries, as in the tests). Part 1: how fast an adoption recorded through one store is
// announced to a listener on the same store and on a second store on the same database (LISTEN/NOTIFY
// across replicas), and how long a lost notification waits for the polling fallback. Part 2: fan-out
// publish → applied at 100 agents through one hub replica, and through two replicas (separate processes,
// 50 agents each) on the same database: from the POST of the signature that completes the quorum (sent to
// the first replica) to each agent's apply. The agents run in worker threads of this process
// (bench/hubAgents.ts, the harness of bench/collective.bench.ts) and stamp their apply on process.hrtime
// (CLOCK_MONOTONIC, the same clock on every thread and process of this machine); the publisher stamps
// its POST on the same clock.
import { performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import type { SigningKey } from '../src/engine/collective';
import { TrustSet, keyIdOf, packEnvelope, signPayload } from '../src/engine/collective';
import { nodeEd25519, nodeHashing } from '../src/node/nodePorts';
import { openPgHubStore } from '../src/node/pgHubStore';
import type { PgHubStore } from '../src/node/pgHubStore';
import { startHubReplica } from '../test/support/hubReplica';
import type { HubReplica } from '../test/support/hubReplica';
import { startPostgres } from '../test/support/postgresServer';
import type { AgentWorkers } from './hubAgents';
import { monotonicMs, startAgentWorkers } from './hubAgents';

const quick = process.argv.includes('--quick');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(label: string, samples: number[]): void {
  const s = [...samples].sort((a, b) => a - b);
  console.log(`${label}: n=${s.length} p50 ${percentile(s, 50).toFixed(2)} ms, p99 ${percentile(s, 99).toFixed(2)} ms, max ${s[s.length - 1]!.toFixed(2)} ms`);
}

/** Records `n` adoptions through `writer` one after another; the time until `listener` hears each cursor. */
async function announceLatency(writer: PgHubStore, listener: PgHubStore, n: number, tag: string): Promise<number[]> {
  const heardAt = new Map<number, number>();
  let wake: (() => void) | undefined;
  const unsubscribe = listener.onAdoption((cursor) => {
    heardAt.set(cursor, performance.now());
    wake?.();
  });
  await new Promise((r) => setTimeout(r, 300)); // the LISTEN connection is up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const entry = await writer.recordAdoption(`${tag}-${i}`, 'adopt', new Date().toISOString());
    while (!heardAt.has(entry.cursor)) await new Promise<void>((r) => (wake = r));
    out.push(heardAt.get(entry.cursor)! - t0);
  }
  unsubscribe();
  return out;
}

const AGENTS = 100;
const WARMUP = 5;
const workersArg = process.argv.indexOf('--workers');
const WORKERS = workersArg > 0 ? Number(process.argv[workersArg + 1]) : 2;
const cryptoPorts = { hashing: nodeHashing, ed25519: nodeEd25519 };

function newKey(): SigningKey {
  const pair = nodeEd25519.generateKeyPair();
  return { keyId: keyIdOf(pair.publicKey, nodeHashing), ...pair };
}

async function postJson(url: string, body: unknown): Promise<{ status: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { status: string; error?: unknown };
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function fanOut(database: string, replicaCount: number, rounds: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-hub-bench-'));
  const keys = [newKey(), newKey()] as const;
  const trustFile = path.join(dir, 'trust.json');
  fs.writeFileSync(trustFile, JSON.stringify({ keys: new TrustSet(keys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey }))).list() }));
  const replicas: HubReplica[] = [];
  let agents: AgentWorkers | undefined;
  try {
    for (let i = 0; i < replicaCount; i++) replicas.push(await startHubReplica(['--database', database, '--quorum', '2', '--trust', trustFile]));
    // The agents live in worker threads of this process (bench/hubAgents.ts), agent i on replica i mod n.
    agents = await startAgentWorkers({ mode: 'hub', urls: replicas.map((r) => r.ws), agents: AGENTS, workers: WORKERS, trust: keys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })) });
    for (;;) {
      const counts = await Promise.all(replicas.map(async (r) => ((await (await fetch(`${r.http}/v1/hub`)).json()) as { agents: number }).agents));
      if (counts.reduce((x, y) => x + y, 0) === AGENTS) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const perAgent: number[] = [];
    const lastAgent: number[] = [];
    const firstAgent: number[] = [];
    const postAnswered: number[] = [];
    for (let round = -WARMUP; round < rounds; round++) {
      // Submitted with one signature (pending); the second signature, timed, adopts it.
      const env = packEnvelope({ artifactId: `bench-${replicaCount}-${round + WARMUP}`, version: 1, kind: 'strategy', title: 'acknowledge, then refund' }, keys[0], cryptoPorts);
      await postJson(`${replicas[0]!.http}/v1/artifacts`, env);
      const applied = agents.applied(env.hash);
      const t0 = monotonicMs();
      const status = await postJson(`${replicas[0]!.http}/v1/artifacts/${env.hash}/signatures`, signPayload(env.payload, keys[1], cryptoPorts));
      const answered = monotonicMs() - t0;
      if (status.status !== 'adopted') throw new Error(`not adopted: ${JSON.stringify(status)}`);
      const times = (await applied).map((t) => t - t0);
      if (round < 0) continue; // warm-up rounds
      perAgent.push(...times);
      lastAgent.push(Math.max(...times));
      firstAgent.push(Math.min(...times));
      postAnswered.push(answered);
    }
    summary(`  ${replicaCount} replica${replicaCount > 1 ? 's' : ''} (${replicaCount > 1 ? `${AGENTS / replicaCount} agents each` : `${AGENTS} agents`}): publish → applied per agent`, perAgent);
    summary(`  ${replicaCount} replica${replicaCount > 1 ? 's' : ''}: publish → first agent applied`, firstAgent);
    summary(`  ${replicaCount} replica${replicaCount > 1 ? 's' : ''}: publish → last of ${AGENTS} agents applied`, lastAgent);
    summary(`  ${replicaCount} replica${replicaCount > 1 ? 's' : ''}: publish → the adopting POST answered`, postAnswered);
  } finally {
    await agents?.stop();
    await Promise.all(replicas.map((r) => r.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const server = await startPostgres({ durable: true });
  try {
    const n = quick ? 50 : 300;
    const url = await server.createDatabase('bench');
    const a = await openPgHubStore({ connectionString: url, pollIntervalMs: 3_600_000 });
    const b = await openPgHubStore({ connectionString: url, pollIntervalMs: 3_600_000 });
    console.log(`PostgreSQL on loopback (a throwaway server with durable commits: fsync on); ${n} adoptions recorded one after another; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
    await announceLatency(a, a, 20, 'warm-a');
    await announceLatency(a, b, 20, 'warm-b');
    summary('adoption recorded → announced on the same replica (commit + local announce)', await announceLatency(a, a, n, 'same'));
    summary('adoption recorded → announced on another replica (commit + NOTIFY)', await announceLatency(a, b, n, 'cross'));
    await a.close();
    await b.close();

    // A replica whose notifications are lost finds adoptions by polling alone (here every 250 ms).
    const polled = await openPgHubStore({ connectionString: url, pollIntervalMs: 250 });
    const writer = await openPgHubStore({ connectionString: url, pollIntervalMs: 3_600_000 });
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const heard = new Map<number, number>();
    polled.onAdoption((c) => heard.set(c, performance.now()));
    await new Promise((r) => setTimeout(r, 300));
    const lost: number[] = [];
    for (let i = 0; i < (quick ? 5 : 20); i++) {
      const t0 = performance.now();
      const r = await raw.query<{ cursor: string }>("INSERT INTO kaizen_hub_adoptions (hash, action, at) VALUES ($1, 'adopt', now()::text) RETURNING cursor", [`lost-${i}`]);
      const cursor = Number(r.rows[0]!.cursor);
      while (![...heard.keys()].some((c) => c >= cursor)) await new Promise((res) => setTimeout(res, 5));
      lost.push(heard.get(Math.max(...heard.keys()))! - t0);
      await new Promise((res) => setTimeout(res, 37 * (i % 7))); // spread over the poll phase
    }
    summary('lost notification → found by the 250 ms poll', lost);
    await raw.end();
    await polled.close();
    await writer.close();

    console.log(`\nfan-out publish → applied, ${AGENTS} agents on loopback in ${WORKERS} worker thread(s), ${quick ? 10 : 40} artifacts one after another (replicas: separate processes, store: PostgreSQL); load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
    for (const replicaCount of [1, 2]) await fanOut(await server.createDatabase(`fanout${replicaCount}`), replicaCount, quick ? 10 : 40);
  } finally {
    await server.stop();
  }
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
