// The hub on PostgreSQL (issue 17 item 6), on a real server this benchmark starts (the machine's
// PostgreSQL binaries, as in the tests). Part 1: how fast an adoption recorded through one store is
// announced to a listener on the same store and on a second store on the same database (LISTEN/NOTIFY
// across replicas), and how long a lost notification waits for the polling fallback.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPgHubStore } from '../src/node/pgHubStore';
import type { PgHubStore } from '../src/node/pgHubStore';
import { startPostgres } from '../test/support/postgresServer';

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

async function main(): Promise<void> {
  const server = await startPostgres({ durable: true });
  try {
    const n = quick ? 50 : 300;
    const url = await server.createDatabase('bench');
    const a = await openPgHubStore({ connectionString: url, pollIntervalMs: 3_600_000 });
    const b = await openPgHubStore({ connectionString: url, pollIntervalMs: 3_600_000 });
    console.log(`PostgreSQL on loopback (a throwaway server with durable commits: fsync on); ${n} adoptions recorded one after another`);
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
  } finally {
    await server.stop();
  }
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
