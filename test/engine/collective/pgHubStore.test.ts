// PgHubStore against a real PostgreSQL server started by the test (test/support/postgresServer.ts):
// the HubStore contract, the migrations under concurrent replicas, and adoptions crossing between two
// stores on one database even when a notification is lost or the LISTEN connection is cut.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import pg from 'pg';
import { migratePgHubSchema, openPgHubStore, parseNotification, PG_HUB_MIGRATIONS } from '../../../src/node/pgHubStore';
import type { AppendedAdoption } from '../../../src/engine/collective';
import type { PgHubStore } from '../../../src/node/pgHubStore';
import { findPostgresBinaries, POSTGRES_MISSING_MESSAGE, startPostgres } from '../../support/postgresServer';
import type { PostgresServer } from '../../support/postgresServer';
import { concurrentQuorumContract, describeHubStoreContract, hubStoreContract } from './hubStoreContract';

const T0 = '2026-12-01T10:00:00.000Z';

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('PgHubStore on a real PostgreSQL server', function () {
  this.timeout(180_000);
  let server: PostgresServer;
  const opened: PgHubStore[] = [];
  const open = async (url: string, extra: { pollIntervalMs?: number; reconnectDelayMs?: number } = {}) => {
    const s = await openPgHubStore({ connectionString: url, ...extra });
    opened.push(s);
    return s;
  };

  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  });

  it('finds the server binaries, and fails saying exactly what to install when there are none', async () => {
    const bin = findPostgresBinaries();
    assert.ok(bin, POSTGRES_MISSING_MESSAGE);
    assert.equal(findPostgresBinaries({ KAIZEN_PG_BIN: bin, PATH: '' }, '/nonexistent'), bin, 'KAIZEN_PG_BIN is honoured');
    assert.equal(findPostgresBinaries({ PATH: '/nonexistent' }, '/nonexistent'), undefined);
    await assert.rejects(startPostgres({ searchEnv: { PATH: '/nonexistent' }, debianRoot: '/nonexistent' }), (err: Error) => {
      assert.equal(err.message, POSTGRES_MISSING_MESSAGE);
      assert.match(err.message, /apt-get install -y postgresql/);
      return true;
    });
  });

  let portDatabase = '';
  describeHubStoreContract(
    'PostgreSQL',
    async () => openPgHubStore({ connectionString: (portDatabase = await server.createDatabase('port')), pollIntervalMs: 200 }),
    () => openPgHubStore({ connectionString: portDatabase, pollIntervalMs: 200 }),
  );

  hubStoreContract('PostgreSQL', async () => {
    const url = await server.createDatabase('contract');
    return { open: () => openPgHubStore({ connectionString: url, pollIntervalMs: 200 }), dispose: async () => undefined };
  });

  concurrentQuorumContract('PostgreSQL (two stores on one database)', async () => {
    const url = await server.createDatabase('quorum_race');
    const [a, b] = await Promise.all([openPgHubStore({ connectionString: url }), openPgHubStore({ connectionString: url })]);
    return { a, b, dispose: async () => void (await Promise.all([a.close(), b.close()])) };
  });

  it('migrates once when replicas start together, and records each step', async () => {
    const url = await server.createDatabase('migrate');
    const stores = await Promise.all(Array.from({ length: 4 }, () => open(url)));
    assert.equal(stores.length, 4);
    const rows = await withClient(url, async (c) => (await c.query<{ version: number }>('SELECT version FROM kaizen_hub_migrations ORDER BY version')).rows);
    assert.deepEqual(
      rows.map((r) => r.version),
      PG_HUB_MIGRATIONS.map((m) => m.version),
    );
    // Every replica works on the shared tables.
    await Promise.all(stores.map((s, i) => s.markApplied('h', `agent-${i}`, T0)));
    assert.equal((await stores[0]!.appliedBy('h')).length, 4);
  });

  it('refuses a database migrated by a newer kaizen, changing nothing', async () => {
    const url = await server.createDatabase('newer');
    const s = await open(url);
    await s.putEnvelope('h1', { a: 1 }, T0);
    await withClient(url, (c) => c.query("INSERT INTO kaizen_hub_migrations (version, name) VALUES (999, 'from the future')"));
    const pool = new pg.Pool({ connectionString: url });
    try {
      await assert.rejects(migratePgHubSchema(pool), new RegExp(`schema is at version 999, newer than this kaizen knows \\(${Math.max(...PG_HUB_MIGRATIONS.map((m) => m.version))}\\); upgrade kaizen`));
    } finally {
      await pool.end();
    }
    await assert.rejects(openPgHubStore({ connectionString: url }), /version 999/);
    assert.deepEqual(await s.getEnvelope('h1'), { a: 1 });
  });

  it('names the field and the fix for a bad --database, without printing the password', async () => {
    await assert.rejects(openPgHubStore({ connectionString: 'not a url' }), /--database: .* is not a URL; write postgres:\/\/user:password@host:5432\/database/);
    await assert.rejects(openPgHubStore({ connectionString: 'mysql://u@127.0.0.1/db' }), /--database: the scheme is "mysql:", expected postgres:\/\//);
    // A port nothing listens on: the server's own port + 0 is taken, so ask the OS for a closed one.
    const closedPort = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(port));
      });
    });
    await assert.rejects(openPgHubStore({ connectionString: `postgres://kaizen:s3cret@127.0.0.1:${closedPort}/hub` }), (err: Error) => {
      assert.match(err.message, /--database: cannot open postgres:\/\/kaizen:\*\*\*@127\.0\.0\.1:\d+\/hub .*check the host, port/);
      assert.doesNotMatch(err.message, /s3cret/);
      return true;
    });
    await assert.rejects(openPgHubStore({ connectionString: server.url('no_such_database') }), /--database: cannot open .*no_such_database/);
  });

  it('lets two stores on one database record one adoption when both try at once', async () => {
    const url = await server.createDatabase('race');
    const [a, b] = await Promise.all([open(url), open(url)]);
    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).recordAdoption('h-race', 'adopt', T0)));
    assert.equal(new Set(entries.map((e) => e.cursor)).size, 1);
    assert.equal((await a.adoptionsAfter(0, 100)).length, 1);
    const votes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).putStatsContribution({ node: 'n', version: 10 - i, payload: { i } })));
    assert.ok(votes[0], 'version 10 was first, so it was kept');
    assert.deepEqual(await b.statsContributions(), [{ node: 'n', version: 10, payload: { i: 0 } }]);
  });

  it('never lets a reader skip an adoption: cursors become visible in order under concurrent writers', async () => {
    const url = await server.createDatabase('order');
    const writers = await Promise.all([open(url), open(url), open(url)]);
    const reader = await open(url);
    let lastSeen = 0;
    const seen: number[] = [];
    let writing = true;
    const reading = (async () => {
      while (writing || (await reader.adoptionsAfter(lastSeen, 1000)).length > 0) {
        for (const e of await reader.adoptionsAfter(lastSeen, 1000)) {
          seen.push(e.cursor);
          lastSeen = e.cursor;
        }
      }
    })();
    const recorded = await Promise.all(Array.from({ length: 60 }, (_, i) => writers[i % 3]!.recordAdoption(`h${i}`, 'adopt', T0)));
    writing = false;
    await reading;
    assert.deepEqual(
      seen,
      recorded.map((e) => e.cursor).sort((x, y) => x - y),
      'a reader that resumes after its last cursor saw every entry',
    );
  });

  it('announces an adoption recorded through one store to listeners of another (LISTEN/NOTIFY)', async () => {
    const url = await server.createDatabase('notify');
    // The poll is an hour: only a notification can carry this.
    const a = await open(url, { pollIntervalMs: 3_600_000 });
    const b = await open(url, { pollIntervalMs: 3_600_000 });
    const heard: number[] = [];
    b.onAdoption((c) => heard.push(c));
    await eventually(async () => (await listeners(url)).length === 1, 'b to LISTEN');
    const entry = await a.recordAdoption('h-cross', 'adopt', T0);
    await eventually(() => heard.includes(entry.cursor), 'b to hear the cursor');
  });

  it('announces a transition with the entry before it and its envelope, locally and on another store', async () => {
    const url = await server.createDatabase('announced');
    const a = await open(url, { pollIntervalMs: 3_600_000 });
    const b = await open(url, { pollIntervalMs: 3_600_000 });
    const onA: AppendedAdoption[] = [];
    const onB: AppendedAdoption[] = [];
    a.onAdoption((_c, appended) => appended && onA.push(appended));
    b.onAdoption((_c, appended) => appended && onB.push(appended));
    await eventually(async () => (await listeners(url)).length === 2, 'both to LISTEN');
    const envelope = { kind: 'kaizen.artifact/1', hash: 'h-2', payload: { b: 1, a: [2, 'ü'] }, signatures: [] };
    await a.putEnvelope('h-2', envelope, T0);
    const first = await a.transition('h-1', 'none', 'adopt', T0, { action: 'adopted', detail: {} });
    const second = await a.transition('h-2', 'none', 'adopt', T0, { action: 'adopted', detail: {} });
    assert.ok(first.appended && second.appended);
    // The writer's own listeners hear it from the statement's result, before any notification.
    assert.deepStrictEqual(onA.map((x) => [x.entry.cursor, x.prev]), [[first.entry!.cursor, 0], [second.entry!.cursor, first.entry!.cursor]]);
    await eventually(() => onB.length === 2, 'b to hear both transitions');
    assert.deepStrictEqual(onB.map((x) => ({ ...x.entry, prev: x.prev })), [
      { ...first.entry!, prev: 0 },
      { ...second.entry!, prev: first.entry!.cursor },
    ]);
    assert.strictEqual(onB[0]!.envelope, undefined, 'no envelope stored for h-1');
    assert.deepStrictEqual(onB[1]!.envelope, envelope);
    // A compare-and-set that fails announces nothing.
    assert.strictEqual((await b.transition('h-2', 'none', 'adopt', T0, { action: 'adopted', detail: {} })).appended, false);
  });

  it('reads both notification payloads: the bare cursor and the announced entry', () => {
    assert.deepStrictEqual(parseNotification('42'), { cursor: 42 });
    assert.deepStrictEqual(parseNotification('{"cursor" : 7, "prev" : 5, "hash" : "h", "action" : "rollback", "at" : "t"}'), {
      cursor: 7,
      appended: { entry: { cursor: 7, hash: 'h', action: 'rollback', at: 't' }, prev: 5 },
    });
    assert.strictEqual(parseNotification('{"cursor": 7}'), undefined);
    assert.strictEqual(parseNotification('not json'), undefined);
  });

  it('finds an adoption whose notification was lost, by polling', async () => {
    const url = await server.createDatabase('lost');
    const b = await open(url, { pollIntervalMs: 200 });
    const heard: number[] = [];
    b.onAdoption((c) => heard.push(c));
    await eventually(async () => (await listeners(url)).length === 1, 'b to LISTEN');
    // Written behind the store's back, with no NOTIFY: as if the notification never arrived.
    const cursor = await withClient(url, async (c) =>
      Number((await c.query<{ cursor: string }>("INSERT INTO kaizen_hub_adoptions (hash, action, at) VALUES ('h-lost', 'adopt', $1) RETURNING cursor", [T0])).rows[0]!.cursor),
    );
    await eventually(() => heard.includes(cursor), 'the poll to find the unannounced adoption');
  });

  it('catches up after its LISTEN connection is cut, on reconnecting', async () => {
    const url = await server.createDatabase('cut');
    const a = await open(url, { pollIntervalMs: 3_600_000 });
    const b = await open(url, { pollIntervalMs: 3_600_000, reconnectDelayMs: 1000 });
    const heard: number[] = [];
    b.onAdoption((c) => heard.push(c));
    await eventually(async () => (await listeners(url)).length === 1, 'b to LISTEN');
    const [pid] = await listeners(url);
    await withClient(url, (c) => c.query('SELECT pg_terminate_backend($1)', [pid]));
    await eventually(async () => !(await listeners(url)).includes(pid!), 'the cut connection to be gone');
    // Recorded while b has no LISTEN connection: no notification reaches b; its reconnect must poll.
    const entry = await a.recordAdoption('h-while-down', 'adopt', T0);
    await eventually(() => heard.includes(entry.cursor), 'b to catch up after reconnecting');
    await eventually(async () => (await listeners(url)).length === 1, 'b to LISTEN again');
    const later = await a.recordAdoption('h-after', 'adopt', T0);
    await eventually(() => heard.includes(later.cursor), 'notifications to flow again');
  });

  it('rides out a database restart: queries reconnect and LISTEN comes back (with a catch-up poll)', async () => {
    const url = await server.createDatabase('restart');
    const a = await open(url, { pollIntervalMs: 3_600_000, reconnectDelayMs: 100 });
    const b = await open(url, { pollIntervalMs: 3_600_000, reconnectDelayMs: 100 });
    const heard: number[] = [];
    b.onAdoption((c) => heard.push(c));
    await eventually(async () => (await listeners(url)).length === 1, 'b to LISTEN');
    const before = await a.recordAdoption('h-before', 'adopt', T0);
    await eventually(() => heard.includes(before.cursor), 'the first adoption announced');
    await server.restart(500);
    // Every session was cut; the pools' dead idle connections are replaced on the next query.
    const after = await a.recordAdoption('h-after', 'adopt', T0);
    assert.ok(after.cursor > before.cursor);
    await eventually(() => heard.includes(after.cursor), 'b to hear of the adoption made after the restart');
    assert.deepEqual(
      (await b.adoptionsAfter(0, 10)).map((e) => e.hash),
      ['h-before', 'h-after'],
    );
  });
});

/** Backend pids of sessions LISTENing for adoptions on this database. */
async function listeners(url: string): Promise<number[]> {
  return withClient(url, async (c) => {
    const r = await c.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN kaizen_hub_adoption%' AND pid <> pg_backend_pid()",
    );
    return r.rows.map((row) => row.pid);
  });
}
