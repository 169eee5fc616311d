import type { EnginePorts } from '../ports';
import type { StoreLock } from '../store';
import { SqlDb, StoreFileError, acquireStoreLock, hostProcess, loadSqlModule } from '../store';
import type { AdoptionEntry, HubJournalEntry, HubStore, HubTransitionJournal, StatsContributionRow } from './hubStore';

// Signers and agents are listed in insertion order: rowid order (these tables are never deleted from, so
// a new row's rowid is always the largest).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS hub_envelopes (hash TEXT PRIMARY KEY, envelope TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hub_signatures (hash TEXT NOT NULL, key_id TEXT NOT NULL, sig TEXT NOT NULL, PRIMARY KEY (hash, key_id));
CREATE TABLE IF NOT EXISTS hub_adoptions (cursor INTEGER PRIMARY KEY AUTOINCREMENT, hash TEXT NOT NULL, action TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS hub_adoptions_hash ON hub_adoptions (hash, cursor);
CREATE TABLE IF NOT EXISTS hub_applied (hash TEXT NOT NULL, agent_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (hash, agent_id));
CREATE TABLE IF NOT EXISTS hub_stats (node TEXT PRIMARY KEY, version INTEGER NOT NULL, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hub_node_keys (node TEXT PRIMARY KEY, key_id TEXT NOT NULL, bound_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hub_journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL, hash TEXT, detail TEXT NOT NULL);
`;

export interface SqlHubStoreOptions {
  ports: EnginePorts;
  /** The database file; omitted = in memory (tests, benchmarks). */
  path?: string;
}

/**
 * The embedded HubStore: one sql.js database, saved atomically (temp file, fsync, rename) before any
 * write is acknowledged, so a hub killed at any moment restarts with every adoption it announced.
 * Saves are coalesced: writes that arrive while a save runs share the next one. Hub writes are rare
 * (an artifact, its signatures, one ack per agent), so a save per batch stays cheap.
 */
export async function openSqlHubStore(options: SqlHubStoreOptions): Promise<HubStore> {
  const SQL = await loadSqlModule(options.ports);
  // One process per hub file (replicas share PostgreSQL instead): a second hub on it is refused.
  let lock: StoreLock | undefined;
  const proc = hostProcess();
  if (options.path !== undefined && proc) {
    try {
      lock = await acquireStoreLock(options.path, options.ports, proc);
    } catch (err) {
      if (err instanceof StoreFileError && err.reason === 'locked') throw new Error(`the hub file ${options.path} is in use by another hub process (${options.path}.lock); run one hub per file, or share PostgreSQL between replicas`);
      throw err;
    }
  }
  let bytes: Uint8Array | undefined;
  if (options.path !== undefined && (await options.ports.fs.exists(options.path))) bytes = await options.ports.fs.readFile(options.path);
  let db: SqlDb;
  try {
    db = new SqlDb(new SQL.Database(bytes));
    db.exec(SCHEMA);
  } catch (err) {
    await lock?.release();
    throw new Error(`${options.path} is not a readable hub database (${(err as Error).message}); Kaizen left it untouched. Point --hub-store at another file or restore this one.`);
  }
  return new SqlHubStore(db, options, lock);
}

class SqlHubStore implements HubStore {
  private readonly listeners = new Set<(cursor: number) => void>();
  private saving: Promise<void> = Promise.resolve();
  private pending: Promise<void> | undefined;
  private closed = false;
  private ackBatch: { rows: [string, string, string][]; done: Promise<void> } | undefined;

  constructor(
    private readonly db: SqlDb,
    private readonly options: SqlHubStoreOptions,
    private readonly lock: StoreLock | undefined,
  ) {}

  /** Resolves once every write made before the call is on disk. */
  private persist(): Promise<void> {
    if (this.options.path === undefined) return Promise.resolve();
    if (this.pending) return this.pending;
    const next = this.saving.then(async () => {
      this.pending = undefined;
      if (this.closed) return;
      await this.options.ports.fs.writeFileAtomic(this.options.path!, this.db.export());
    });
    this.pending = next;
    this.saving = next.catch(() => undefined);
    return next;
  }

  private check(): void {
    if (this.closed) throw new Error('the hub store is closed');
  }

  async putEnvelope(hash: string, envelope: unknown, receivedAt: string): Promise<boolean> {
    this.check();
    const added = this.db.run('INSERT OR IGNORE INTO hub_envelopes (hash, envelope, received_at) VALUES (?, ?, ?)', [hash, JSON.stringify(envelope), receivedAt]) > 0;
    if (added) await this.persist();
    return added;
  }

  async getEnvelope(hash: string): Promise<unknown | undefined> {
    this.check();
    const text = this.db.scalar('SELECT envelope FROM hub_envelopes WHERE hash = ?', [hash]);
    return typeof text === 'string' ? (JSON.parse(text) as unknown) : undefined;
  }

  async addSignature(hash: string, keyId: string, sig: string): Promise<string[]> {
    this.check();
    const added = this.db.run('INSERT OR IGNORE INTO hub_signatures (hash, key_id, sig) VALUES (?, ?, ?)', [hash, keyId, sig]) > 0;
    if (added) await this.persist();
    return this.db.rows('SELECT key_id FROM hub_signatures WHERE hash = ? ORDER BY rowid', [hash]).map((r) => String(r[0]));
  }

  async recordAdoption(hash: string, action: 'adopt' | 'rollback', at: string): Promise<AdoptionEntry> {
    this.check();
    const latest = this.latestEntry(hash);
    if (latest && latest.action === action) return latest;
    this.db.run('INSERT INTO hub_adoptions (hash, action, at) VALUES (?, ?, ?)', [hash, action, at]);
    const entry = this.latestEntry(hash)!;
    await this.persist();
    for (const listener of this.listeners) listener(entry.cursor);
    return entry;
  }

  async transition(hash: string, from: 'none' | 'adopt' | 'rollback', action: 'adopt' | 'rollback', at: string, journal: HubTransitionJournal): Promise<{ entry: AdoptionEntry | undefined; appended: boolean }> {
    this.check();
    // One process owns the file and sql.js runs synchronously: nothing can interleave between the read
    // and the writes below, which makes this a compare-and-set.
    const latest = this.latestEntry(hash);
    if ((latest?.action ?? 'none') !== from) return { entry: latest, appended: false };
    this.db.run('INSERT INTO hub_adoptions (hash, action, at) VALUES (?, ?, ?)', [hash, action, at]);
    const entry = this.latestEntry(hash)!;
    this.db.run('INSERT INTO hub_journal (at, action, hash, detail) VALUES (?, ?, ?, ?)', [at, journal.action, hash, JSON.stringify({ cursor: entry.cursor, ...journal.detail })]);
    await this.persist();
    for (const listener of this.listeners) listener(entry.cursor);
    return { entry, appended: true };
  }

  async latestAdoption(hash: string): Promise<AdoptionEntry | undefined> {
    this.check();
    return this.latestEntry(hash);
  }

  private latestEntry(hash: string): AdoptionEntry | undefined {
    const row = this.db.rows('SELECT cursor, hash, action, at FROM hub_adoptions WHERE hash = ? ORDER BY cursor DESC LIMIT 1', [hash])[0];
    return row ? toAdoption(row) : undefined;
  }

  async adoptionsAfter(after: number, limit: number): Promise<AdoptionEntry[]> {
    this.check();
    return this.db.rows('SELECT cursor, hash, action, at FROM hub_adoptions WHERE cursor > ? ORDER BY cursor LIMIT ?', [after, limit]).map(toAdoption);
  }

  markApplied(hash: string, agentId: string, at: string): Promise<void> {
    this.check();
    // Every agent acks an adoption at about the same moment: the acks of one turn of the event loop are
    // written in one transaction and saved once (a statement each in autocommit costs a journal each).
    let batch = this.ackBatch;
    if (!batch) {
      const rows: [string, string, string][] = [];
      const done = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
        this.ackBatch = undefined;
        this.check();
        let added = 0;
        this.db.transaction(() => {
          for (const row of rows) added += this.db.run('INSERT OR IGNORE INTO hub_applied (hash, agent_id, at) VALUES (?, ?, ?)', row);
        });
        if (added > 0) await this.persist();
      });
      batch = { rows, done };
      this.ackBatch = batch;
    }
    batch.rows.push([hash, agentId, at]);
    return batch.done;
  }

  async appliedBy(hash: string): Promise<string[]> {
    this.check();
    return this.db.rows('SELECT agent_id FROM hub_applied WHERE hash = ? ORDER BY rowid', [hash]).map((r) => String(r[0]));
  }

  async nodeKey(node: string): Promise<string | undefined> {
    this.check();
    const key = this.db.scalar('SELECT key_id FROM hub_node_keys WHERE node = ?', [node]);
    return typeof key === 'string' ? key : undefined;
  }

  async bindNodeKey(node: string, keyId: string, at: string): Promise<{ keyId: string; bound: boolean }> {
    this.check();
    const bound = this.db.run('INSERT OR IGNORE INTO hub_node_keys (node, key_id, bound_at) VALUES (?, ?, ?)', [node, keyId, at]) > 0;
    const key = String(this.db.scalar('SELECT key_id FROM hub_node_keys WHERE node = ?', [node]));
    if (bound) await this.persist();
    return { keyId: key, bound };
  }

  async putStatsContribution(row: StatsContributionRow): Promise<boolean> {
    this.check();
    const kept =
      this.db.run(
        'INSERT INTO hub_stats (node, version, payload) VALUES (?, ?, ?) ON CONFLICT (node) DO UPDATE SET version = excluded.version, payload = excluded.payload WHERE excluded.version > hub_stats.version',
        [row.node, row.version, JSON.stringify(row.payload)],
      ) > 0;
    if (kept) await this.persist();
    return kept;
  }

  async statsContributions(): Promise<StatsContributionRow[]> {
    this.check();
    return this.db.rows('SELECT node, version, payload FROM hub_stats ORDER BY node').map((r) => ({ node: String(r[0]), version: Number(r[1]), payload: JSON.parse(String(r[2])) as unknown }));
  }

  async appendJournal(entry: HubJournalEntry): Promise<void> {
    this.check();
    this.db.run('INSERT INTO hub_journal (at, action, hash, detail) VALUES (?, ?, ?, ?)', [entry.at, entry.action, entry.hash ?? null, JSON.stringify(entry.detail ?? null)]);
    await this.persist();
  }

  async journal(): Promise<HubJournalEntry[]> {
    this.check();
    return this.db.rows('SELECT at, action, hash, detail FROM hub_journal ORDER BY seq').map((r) => ({
      at: String(r[0]),
      action: String(r[1]),
      ...(r[2] === null ? {} : { hash: String(r[2]) }),
      detail: JSON.parse(String(r[3])) as unknown,
    }));
  }

  onAdoption(listener: (cursor: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.ackBatch?.done.catch(() => undefined);
    await this.persist();
    await this.saving;
    this.closed = true;
    this.listeners.clear();
    this.db.close();
    await this.lock?.release();
  }
}

function toAdoption(row: readonly unknown[]): AdoptionEntry {
  return { cursor: Number(row[0]), hash: String(row[1]), action: String(row[2]) as AdoptionEntry['action'], at: String(row[3]) };
}
