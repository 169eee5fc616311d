import pg from 'pg';
import type { AdoptionEntry, AppendedAdoption, HubJournalEntry, HubStore, HubTransitionJournal, StatsContributionRow } from '../engine/collective';

/**
 * The hub's persistence on PostgreSQL (`kaizen serve --hub --database postgres://…`): every replica of
 * the hub opens one of these on the same database and keeps no state of its own, so an adoption recorded
 * through one replica reaches agents connected to any other. Envelopes, statistics and journal details
 * are kept as `json` (the text verbatim, key order included), never interpreted.
 *
 * Cross-replica delivery is LISTEN/NOTIFY on a dedicated connection (the NOTIFY commits with the
 * adoption), backed by a polling cursor: a notification lost with a dropped LISTEN connection is found
 * by the next poll, and a reconnect polls at once.
 */
export interface PgHubStoreOptions {
  /** `postgres://user[:password]@host[:port]/database` (libpq query parameters such as `?host=/socket/dir` work). */
  connectionString: string;
  /** How often the fallback poll looks for adoptions no notification announced. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Pool size for queries (the LISTEN connection is extra). Default 10. */
  maxConnections?: number;
  /** First reconnect delay of the LISTEN connection, doubled up to 5 s. Default 100 ms. */
  reconnectDelayMs?: number;
}

const NOTIFY_CHANNEL = 'kaizen_hub_adoption';
/** pg_advisory_xact_lock(namespace, key) namespaces: one for schema migrations, one for the adoption log. */
const LOCK_NAMESPACE = 0x6b7a; // "kz"
const MIGRATION_LOCK = 1;
const ADOPTION_LOG_LOCK = 2;
/** Envelope texts a replica keeps (oldest dropped first): a few MB at most. */
const ENVELOPE_CACHE_SIZE = 512;

/**
 * Versioned schema steps, applied in order inside one transaction under an advisory lock, so replicas
 * that start together neither race on CREATE TABLE nor apply a step twice. Append new steps; never edit one.
 */
export const PG_HUB_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'hub tables: envelopes, signatures, adoption log, applied acks, stats contributions, journal',
    sql: `
      CREATE TABLE kaizen_hub_envelopes (
        hash text PRIMARY KEY,
        envelope json NOT NULL,
        received_at text NOT NULL
      );
      CREATE TABLE kaizen_hub_signatures (
        hash text NOT NULL,
        key_id text NOT NULL,
        sig text NOT NULL,
        seq bigserial NOT NULL,
        PRIMARY KEY (hash, key_id)
      );
      CREATE INDEX kaizen_hub_signatures_order ON kaizen_hub_signatures (hash, seq);
      CREATE TABLE kaizen_hub_adoptions (
        cursor bigserial PRIMARY KEY,
        hash text NOT NULL,
        action text NOT NULL CHECK (action IN ('adopt', 'rollback')),
        at text NOT NULL
      );
      CREATE INDEX kaizen_hub_adoptions_latest ON kaizen_hub_adoptions (hash, cursor DESC);
      CREATE TABLE kaizen_hub_applied (
        hash text NOT NULL,
        agent_id text NOT NULL,
        at text NOT NULL,
        seq bigserial NOT NULL,
        PRIMARY KEY (hash, agent_id)
      );
      CREATE INDEX kaizen_hub_applied_order ON kaizen_hub_applied (hash, seq);
      CREATE TABLE kaizen_hub_stats (
        node text PRIMARY KEY,
        version double precision NOT NULL,
        payload json NOT NULL
      );
      -- Add a signature (once per key), then list the signers oldest first: one round trip, two statements.
      CREATE FUNCTION kaizen_hub_add_signature(p_hash text, p_key_id text, p_sig text)
        RETURNS SETOF text LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        INSERT INTO kaizen_hub_signatures (hash, key_id, sig) VALUES (p_hash, p_key_id, p_sig) ON CONFLICT (hash, key_id) DO NOTHING;
        RETURN QUERY SELECT s.key_id FROM kaizen_hub_signatures s WHERE s.hash = p_hash ORDER BY s.seq;
      END
      $fn$;
      -- Lock, read the artifact's latest entry, append unless it has this action, NOTIFY: one statement.
      -- Each statement of a (volatile) function takes a fresh snapshot, so the read after the lock sees
      -- every entry committed by the previous lock holder.
      CREATE FUNCTION kaizen_hub_record_adoption(p_hash text, p_action text, p_at text)
        RETURNS TABLE (out_cursor bigint, out_hash text, out_action text, out_at text, out_appended boolean)
        LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        found_row kaizen_hub_adoptions%ROWTYPE;
      BEGIN
        PERFORM pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${ADOPTION_LOG_LOCK});
        SELECT * INTO found_row FROM kaizen_hub_adoptions a WHERE a.hash = p_hash ORDER BY a.cursor DESC LIMIT 1;
        IF FOUND AND found_row.action = p_action THEN
          RETURN QUERY SELECT found_row.cursor, found_row.hash, found_row.action, found_row.at, false;
          RETURN;
        END IF;
        INSERT INTO kaizen_hub_adoptions (hash, action, at) VALUES (p_hash, p_action, p_at) RETURNING * INTO found_row;
        PERFORM pg_notify('${NOTIFY_CHANNEL}', found_row.cursor::text);
        RETURN QUERY SELECT found_row.cursor, found_row.hash, found_row.action, found_row.at, true;
      END
      $fn$;
      CREATE TABLE kaizen_hub_journal (
        seq bigserial PRIMARY KEY,
        at text NOT NULL,
        action text NOT NULL,
        hash text,
        detail json
      );
    `,
  },
  {
    version: 2,
    name: 'adoption transitions as a compare-and-set that journals itself (one "adopted" line per artifact, however many replicas reach the quorum)',
    sql: `
      -- Under the adoption log's lock: read the artifact's latest entry; unless its action is p_from
      -- ('none': no entry), return it unchanged; else append p_action, journal it with the new cursor and
      -- NOTIFY, all committed together by this one statement.
      CREATE FUNCTION kaizen_hub_transition(p_hash text, p_from text, p_action text, p_at text, p_journal_action text, p_journal_detail json)
        RETURNS TABLE (out_cursor bigint, out_hash text, out_action text, out_at text, out_appended boolean)
        LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        found_row kaizen_hub_adoptions%ROWTYPE;
        has_row boolean;
      BEGIN
        PERFORM pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${ADOPTION_LOG_LOCK});
        SELECT * INTO found_row FROM kaizen_hub_adoptions a WHERE a.hash = p_hash ORDER BY a.cursor DESC LIMIT 1;
        has_row := FOUND;
        IF (has_row AND found_row.action <> p_from) OR (NOT has_row AND p_from <> 'none') THEN
          IF has_row THEN
            RETURN QUERY SELECT found_row.cursor, found_row.hash, found_row.action, found_row.at, false;
          END IF;
          RETURN;
        END IF;
        INSERT INTO kaizen_hub_adoptions (hash, action, at) VALUES (p_hash, p_action, p_at) RETURNING * INTO found_row;
        INSERT INTO kaizen_hub_journal (at, action, hash, detail)
          VALUES (p_at, p_journal_action, p_hash, (jsonb_build_object('cursor', found_row.cursor) || p_journal_detail::jsonb)::json);
        PERFORM pg_notify('${NOTIFY_CHANNEL}', found_row.cursor::text);
        RETURN QUERY SELECT found_row.cursor, found_row.hash, found_row.action, found_row.at, true;
      END
      $fn$;
    `,
  },
  {
    version: 3,
    name: 'node ↔ key bindings for statistics (first signer of a node wins)',
    sql: `
      CREATE TABLE kaizen_hub_node_keys (
        node text PRIMARY KEY,
        key_id text NOT NULL,
        bound_at text NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'transitions announce the entry before them (and the envelope, when it fits a notification), so replicas broadcast without reading the log',
    sql: `
      -- kaizen_hub_transition (migration 2), returning also the cursor right before the new entry (read
      -- under the log's lock: no entry can fall between them), and notifying
      -- {"cursor","prev","hash","action","at","envelope"?} instead of the bare cursor; the envelope rides
      -- along when the payload stays under PostgreSQL's 8000-byte notification limit.
      CREATE FUNCTION kaizen_hub_transition_announced(p_hash text, p_from text, p_action text, p_at text, p_journal_action text, p_journal_detail json)
        RETURNS TABLE (out_cursor bigint, out_hash text, out_action text, out_at text, out_appended boolean, out_prev bigint)
        LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        found_row kaizen_hub_adoptions%ROWTYPE;
        has_row boolean;
        prev_cursor bigint;
        envelope_text text;
        payload text;
      BEGIN
        PERFORM pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${ADOPTION_LOG_LOCK});
        SELECT * INTO found_row FROM kaizen_hub_adoptions a WHERE a.hash = p_hash ORDER BY a.cursor DESC LIMIT 1;
        has_row := FOUND;
        IF (has_row AND found_row.action <> p_from) OR (NOT has_row AND p_from <> 'none') THEN
          IF has_row THEN
            RETURN QUERY SELECT found_row.cursor, found_row.hash, found_row.action, found_row.at, false, NULL::bigint;
          END IF;
          RETURN;
        END IF;
        SELECT COALESCE(max(a.cursor), 0) INTO prev_cursor FROM kaizen_hub_adoptions a;
        INSERT INTO kaizen_hub_adoptions (hash, action, at) VALUES (p_hash, p_action, p_at) RETURNING * INTO found_row;
        INSERT INTO kaizen_hub_journal (at, action, hash, detail)
          VALUES (p_at, p_journal_action, p_hash, (jsonb_build_object('cursor', found_row.cursor) || p_journal_detail::jsonb)::json);
        payload := json_build_object('cursor', found_row.cursor, 'prev', prev_cursor, 'hash', found_row.hash, 'action', found_row.action, 'at', found_row.at)::text;
        SELECT e.envelope::text INTO envelope_text FROM kaizen_hub_envelopes e WHERE e.hash = p_hash;
        IF envelope_text IS NOT NULL AND octet_length(payload) + octet_length(envelope_text) < 7900 THEN
          payload := left(payload, -1) || ', "envelope" : ' || envelope_text || '}';
        END IF;
        PERFORM pg_notify('${NOTIFY_CHANNEL}', payload);
        RETURN QUERY SELECT found_row.cursor, found_row.hash, found_row.action, found_row.at, true, prev_cursor;
      END
      $fn$;
    `,
  },
];

/** A database the hub cannot use: `connection` (the URL, the server, the credentials) or `schema` (written by a newer kaizen). */
export class HubDatabaseError extends Error {
  constructor(
    message: string,
    readonly reason: 'connection' | 'schema',
  ) {
    super(message);
    this.name = 'HubDatabaseError';
  }
}

interface AdoptionRow {
  cursor: string;
  hash: string;
  action: 'adopt' | 'rollback';
  at: string;
}

function toEntry(row: AdoptionRow): AdoptionEntry {
  return { cursor: Number(row.cursor), hash: row.hash, action: row.action, at: row.at };
}

/**
 * A notification's payload: the bare cursor (migrations 1–2) or, from kaizen_hub_transition_announced,
 * the entry with the cursor before it (and its envelope when it fitted). Undefined for anything else.
 */
export function parseNotification(payload: string): { cursor: number; appended?: AppendedAdoption } | undefined {
  if (/^[0-9]+$/.test(payload)) return { cursor: Number(payload) };
  try {
    const n = JSON.parse(payload) as { cursor?: unknown; prev?: unknown; hash?: unknown; action?: unknown; at?: unknown; envelope?: unknown };
    if (!Number.isSafeInteger(n.cursor) || !Number.isSafeInteger(n.prev) || typeof n.hash !== 'string' || (n.action !== 'adopt' && n.action !== 'rollback') || typeof n.at !== 'string') return undefined;
    const entry: AdoptionEntry = { cursor: n.cursor as number, hash: n.hash, action: n.action, at: n.at };
    return { cursor: entry.cursor, appended: { entry, prev: n.prev as number, ...(n.envelope === undefined ? {} : { envelope: n.envelope }) } };
  } catch {
    return undefined;
  }
}

/** The connection string without its password, for messages. */
export function describeConnection(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable connection string)';
  }
}

function checkConnectionString(connectionString: string): void {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    throw new HubDatabaseError(`--database: "${describeConnection(connectionString)}" is not a URL; write postgres://user:password@host:5432/database`, 'connection');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new HubDatabaseError(`--database: the scheme is "${url.protocol}", expected postgres:// (e.g. postgres://user:password@host:5432/database)`, 'connection');
  }
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Applies the missing migration steps; refuses a database whose schema is newer than this code. */
export async function migratePgHubSchema(pool: pg.Pool): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS kaizen_hub_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM kaizen_hub_migrations')).rows.map((r) => r.version));
    const known = Math.max(...PG_HUB_MIGRATIONS.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) {
      throw new HubDatabaseError(
        `--database: the hub database's schema is at version ${newest}, newer than this kaizen knows (${known}); upgrade kaizen on this replica (nothing was changed)`,
        'schema',
      );
    }
    const applied: number[] = [];
    for (const step of PG_HUB_MIGRATIONS) {
      if (done.has(step.version)) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO kaizen_hub_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
      applied.push(step.version);
    }
    return applied;
  });
}

/** Opens (and migrates) the hub's tables on a PostgreSQL database. */
export async function openPgHubStore(options: PgHubStoreOptions): Promise<PgHubStore> {
  checkConnectionString(options.connectionString);
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // An idle pooled connection that dies (server restart) is replaced on the next query; without this
  // handler its error would crash the process.
  pool.on('error', () => undefined);
  try {
    await migratePgHubSchema(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ENOENT' || e.code === '28P01' || e.code === '3D000') {
      throw new HubDatabaseError(
        `--database: cannot open ${describeConnection(options.connectionString)} (${e.message}); check the host, port, user, password (or PGPASSWORD) and database name`,
        'connection',
      );
    }
    throw err;
  }
  return new PgHubStore(pool, options);
}

export class PgHubStore implements HubStore {
  private readonly listeners = new Set<(cursor: number, appended?: AppendedAdoption) => void>();
  private listenClient: pg.Client | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private watching: Promise<void> | undefined;
  /** The highest cursor announced to listeners: notifications, polls and local writes at or below it are not re-announced. */
  private announced = 0;
  private closed = false;
  private readonly envelopeTexts = new Map<string, string>();
  private readonly pendingPages = new Map<string, Promise<AdoptionEntry[]>>();
  private ackBatch: { rows: [string, string, string][]; done: Promise<void> } | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: PgHubStoreOptions,
  ) {}

  async putEnvelope(hash: string, envelope: unknown, receivedAt: string): Promise<boolean> {
    const text = JSON.stringify(envelope);
    const r = await this.pool.query(
      'INSERT INTO kaizen_hub_envelopes (hash, envelope, received_at) VALUES ($1, $2::json, $3) ON CONFLICT (hash) DO NOTHING',
      [hash, text, receivedAt],
    );
    // The json column keeps this text verbatim: what a later read would return.
    if (r.rowCount === 1) this.cacheEnvelope(hash, text);
    return r.rowCount === 1;
  }

  async getEnvelope(hash: string): Promise<unknown> {
    // Envelopes never change once stored (content-addressed, never overwritten), so a replica may keep
    // their text: a fan-out to every agent then reads the database once, not once per agent.
    let text = this.envelopeTexts.get(hash);
    if (text === undefined) {
      const r = await this.pool.query<{ envelope: string }>('SELECT envelope::text AS envelope FROM kaizen_hub_envelopes WHERE hash = $1', [hash]);
      text = r.rows[0]?.envelope;
      if (text === undefined) return undefined;
      this.cacheEnvelope(hash, text);
    }
    return JSON.parse(text) as unknown;
  }

  private cacheEnvelope(hash: string, text: string): void {
    if (this.envelopeTexts.size >= ENVELOPE_CACHE_SIZE) this.envelopeTexts.delete(this.envelopeTexts.keys().next().value!);
    this.envelopeTexts.set(hash, text);
  }

  async addSignature(hash: string, keyId: string, sig: string): Promise<string[]> {
    // One round trip (kaizen_hub_add_signature, migration 1): the insert, then the read in a statement of
    // its own, so it also sees a signature by the same key that another replica committed meanwhile.
    const r = await this.pool.query<{ key_id: string }>('SELECT key_id FROM kaizen_hub_add_signature($1, $2, $3) AS key_id', [hash, keyId, sig]);
    return r.rows.map((row) => row.key_id);
  }

  async recordAdoption(hash: string, action: 'adopt' | 'rollback', at: string): Promise<AdoptionEntry> {
    // One writer at a time for the whole log: cursors then become visible in the order they were taken,
    // so a reader that has seen cursor n can never later find a committed entry below n. Adoptions are
    // rare (a quorum event), so the lock costs nothing that matters. The same lock makes "append unless
    // the latest entry already has this action" safe between replicas.
    // One round trip: kaizen_hub_record_adoption (migration 1) takes the lock, reads the latest entry,
    // appends and NOTIFYs inside one statement; the NOTIFY reaches listeners when (and only if) it commits.
    const r = await this.pool.query<AdoptionRow & { appended: boolean }>(
      'SELECT out_cursor AS cursor, out_hash AS hash, out_action AS action, out_at AS at, out_appended AS appended FROM kaizen_hub_record_adoption($1, $2, $3)',
      [hash, action, at],
    );
    const row = r.rows[0];
    if (!row) throw new Error('kaizen_hub_record_adoption returned no row');
    const entry = { entry: toEntry(row), appended: row.appended };
    if (entry.appended) this.announce(entry.entry.cursor);
    return entry.entry;
  }

  async transition(hash: string, from: 'none' | 'adopt' | 'rollback', action: 'adopt' | 'rollback', at: string, journal: HubTransitionJournal): Promise<{ entry: AdoptionEntry | undefined; appended: boolean }> {
    // One round trip, one statement: kaizen_hub_transition_announced (migration 4) takes the log's lock,
    // compares, appends, journals and NOTIFYs, so two replicas completing a quorum at once journal it
    // once; it also returns the entry before the new one, so this replica's agents get the frame at once.
    const r = await this.pool.query<AdoptionRow & { appended: boolean; prev: string | null }>(
      'SELECT out_cursor AS cursor, out_hash AS hash, out_action AS action, out_at AS at, out_appended AS appended, out_prev AS prev FROM kaizen_hub_transition_announced($1, $2, $3, $4, $5, $6::json)',
      [hash, from, action, at, journal.action, JSON.stringify(journal.detail)],
    );
    const row = r.rows[0];
    if (!row) return { entry: undefined, appended: false };
    const entry = toEntry(row);
    if (row.appended) this.announce(entry.cursor, { entry, prev: Number(row.prev ?? 0) });
    return { entry, appended: row.appended };
  }

  async latestAdoption(hash: string): Promise<AdoptionEntry | undefined> {
    const r = await this.pool.query<AdoptionRow>('SELECT cursor, hash, action, at FROM kaizen_hub_adoptions WHERE hash = $1 ORDER BY cursor DESC LIMIT 1', [hash]);
    return r.rows[0] ? toEntry(r.rows[0]) : undefined;
  }

  adoptionsAfter(after: number, limit: number): Promise<AdoptionEntry[]> {
    // When an adoption is announced, every agent connection asks for the same page at once. Identical
    // requests made before a query starts share that query; a request never joins one already running
    // (which could predate the commit the caller was told about), so nobody reads an older snapshot
    // than a query of its own would have.
    const key = `${after}:${limit}`;
    let batch = this.pendingPages.get(key);
    if (!batch) {
      const created: Promise<AdoptionEntry[]> = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.pendingPages.delete(key);
        const r = await this.pool.query<AdoptionRow>(
          'SELECT cursor, hash, action, at FROM kaizen_hub_adoptions WHERE cursor > $1 ORDER BY cursor LIMIT $2',
          [after, limit],
        );
        return r.rows.map(toEntry);
      });
      this.pendingPages.set(key, created);
      batch = created;
    }
    return batch.then((entries) => entries.map((e) => ({ ...e })));
  }

  markApplied(hash: string, agentId: string, at: string): Promise<void> {
    // Every agent acks an adoption at about the same moment: acks that arrive in one turn of the event
    // loop share one INSERT (one commit, one WAL flush) instead of queueing a hundred on the pool, where
    // they would delay the next publish. Each caller still resolves only once its row is committed.
    let batch = this.ackBatch;
    if (!batch) {
      const rows: [string, string, string][] = [];
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.ackBatch = undefined;
        await this.pool.query(
          `INSERT INTO kaizen_hub_applied (hash, agent_id, at)
           SELECT t.hash, t.agent_id, t.at FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(hash, agent_id, at, n) ORDER BY n
           ON CONFLICT (hash, agent_id) DO NOTHING`,
          [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
        );
      });
      batch = { rows, done };
      this.ackBatch = batch;
    }
    batch.rows.push([hash, agentId, at]);
    return batch.done;
  }

  async appliedBy(hash: string): Promise<string[]> {
    const r = await this.pool.query<{ agent_id: string }>('SELECT agent_id FROM kaizen_hub_applied WHERE hash = $1 ORDER BY seq', [hash]);
    return r.rows.map((row) => row.agent_id);
  }

  async nodeKey(node: string): Promise<string | undefined> {
    const r = await this.pool.query<{ key_id: string }>('SELECT key_id FROM kaizen_hub_node_keys WHERE node = $1', [node]);
    return r.rows[0]?.key_id;
  }

  async bindNodeKey(node: string, keyId: string, at: string): Promise<{ keyId: string; bound: boolean }> {
    const ins = await this.pool.query<{ key_id: string }>(
      'INSERT INTO kaizen_hub_node_keys (node, key_id, bound_at) VALUES ($1, $2, $3) ON CONFLICT (node) DO NOTHING RETURNING key_id',
      [node, keyId, at],
    );
    if (ins.rows[0]) return { keyId: ins.rows[0].key_id, bound: true };
    // Another replica bound it first (committed before our insert gave way): a new statement sees its row.
    const key = await this.nodeKey(node);
    if (key === undefined) throw new Error(`node ${node}: binding neither inserted nor found`);
    return { keyId: key, bound: false };
  }

  async putStatsContribution(row: StatsContributionRow): Promise<boolean> {
    // Newest version per node wins, decided by the database in one statement (two replicas receiving
    // two exports of one node at once cannot interleave a read and a write).
    const r = await this.pool.query(
      `INSERT INTO kaizen_hub_stats (node, version, payload) VALUES ($1, $2, $3::json)
       ON CONFLICT (node) DO UPDATE SET version = excluded.version, payload = excluded.payload
       WHERE kaizen_hub_stats.version < excluded.version`,
      [row.node, row.version, JSON.stringify(row.payload)],
    );
    return r.rowCount === 1;
  }

  async statsContributions(): Promise<StatsContributionRow[]> {
    const r = await this.pool.query<{ node: string; version: number; payload: unknown }>('SELECT node, version, payload FROM kaizen_hub_stats ORDER BY node');
    return r.rows.map((row) => ({ node: row.node, version: row.version, payload: row.payload }));
  }

  async appendJournal(entry: HubJournalEntry): Promise<void> {
    await this.pool.query('INSERT INTO kaizen_hub_journal (at, action, hash, detail) VALUES ($1, $2, $3, $4::json)', [
      entry.at,
      entry.action,
      entry.hash ?? null,
      JSON.stringify(entry.detail ?? null),
    ]);
  }

  async journal(): Promise<HubJournalEntry[]> {
    const r = await this.pool.query<{ at: string; action: string; hash: string | null; detail: unknown }>(
      'SELECT at, action, hash, detail FROM kaizen_hub_journal ORDER BY seq',
    );
    return r.rows.map((row) => (row.hash === null ? { at: row.at, action: row.action, detail: row.detail } : { at: row.at, action: row.action, hash: row.hash, detail: row.detail }));
  }

  /** Every statement commits before its promise resolves: nothing is ever waiting. */
  async flush(): Promise<void> {}

  onAdoption(listener: (cursor: number, appended?: AppendedAdoption) => void): () => void {
    this.listeners.add(listener);
    if (!this.watching && !this.closed) this.watching = this.startWatching();
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Acks already taken are written before the pool goes away.
    await this.ackBatch?.done.catch(() => undefined);
    this.closed = true;
    this.listeners.clear();
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.watching?.catch(() => undefined);
    const client = this.listenClient;
    this.listenClient = undefined;
    await client?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** Hands a cursor to the listeners unless one at least as high was already announced. */
  private announce(cursor: number, appended?: AppendedAdoption): void {
    if (cursor <= this.announced || this.closed) return;
    this.announced = cursor;
    for (const listener of [...this.listeners]) {
      try {
        listener(cursor, appended);
      } catch {
        // A listener's failure is its own; the others still hear of the adoption.
      }
    }
  }

  private async startWatching(): Promise<void> {
    // Baseline first: listeners hear of adoptions recorded from now on (they read the log themselves for older ones).
    const r = await this.pool.query<{ max: string | null }>('SELECT max(cursor) AS max FROM kaizen_hub_adoptions');
    this.announced = Math.max(this.announced, Number(r.rows[0]?.max ?? 0));
    if (this.closed) return;
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollIntervalMs ?? 1000);
    this.pollTimer.unref();
    await this.listen(this.options.reconnectDelayMs ?? 100);
  }

  /** The fallback: any adoption committed beyond what was announced, however its notification fared. */
  private async poll(): Promise<void> {
    if (this.closed) return;
    try {
      const r = await this.pool.query<{ max: string | null }>('SELECT max(cursor) AS max FROM kaizen_hub_adoptions');
      const max = Number(r.rows[0]?.max ?? 0);
      if (max > this.announced) this.announce(max);
    } catch {
      // The database is unreachable for now; the next tick tries again.
    }
  }

  private async listen(delayMs: number): Promise<void> {
    if (this.closed) return;
    const baseDelayMs = this.options.reconnectDelayMs ?? 100;
    const client = new pg.Client({ connectionString: this.options.connectionString });
    let connected = false;
    const retry = () => {
      if (this.closed || this.listenClient !== client) return;
      this.listenClient = undefined;
      client.end().catch(() => undefined);
      // Back off while the database stays away; a connection that worked starts the next wait afresh.
      const wait = connected ? baseDelayMs : delayMs;
      this.reconnectTimer = setTimeout(() => void this.listen(Math.min(wait * 2, 5000)), wait);
      this.reconnectTimer.unref();
    };
    this.listenClient = client;
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (msg) => {
      if (msg.channel !== NOTIFY_CHANNEL || msg.payload === undefined) return;
      const note = parseNotification(msg.payload);
      if (note) this.announce(note.cursor, note.appended);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      connected = true;
    } catch {
      retry();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    // Whatever was committed while this connection was down was never notified to it.
    await this.poll();
  }
}
