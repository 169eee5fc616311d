import type { EnginePorts } from '../ports';
import type { StoreLock } from '../store';
import { SqlDb, StoreFileError, acquireStoreLock, hostProcess, loadSqlModule } from '../store';
import type { SqlValue } from 'sql.js';
import type { AdoptionEntry, AppendedAdoption, HubJournalEntry, HubStore, HubTransitionJournal, StatsContributionRow } from './hubStore';

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
  /** The database file; omitted = in memory (tests, benchmarks). Its journal is `<path>.journal`. */
  path?: string;
  /** Journal size (bytes) past which the next save rewrites the database file and empties the journal. Default 1 MiB. */
  compactAfterBytes?: number;
}

/**
 * Every write the store makes, as a named statement with explicit keys: the same statement runs live and
 * when the journal is replayed, and running it twice changes nothing (a journal replayed over a database
 * file that already holds it, after a crash between a compaction's rename and the journal's removal).
 */
const OPS = {
  envelope: 'INSERT OR IGNORE INTO hub_envelopes (hash, envelope, received_at) VALUES (?, ?, ?)',
  signature: 'INSERT OR IGNORE INTO hub_signatures (hash, key_id, sig) VALUES (?, ?, ?)',
  adoption: 'INSERT OR IGNORE INTO hub_adoptions (cursor, hash, action, at) VALUES (?, ?, ?, ?)',
  journal: 'INSERT OR IGNORE INTO hub_journal (seq, at, action, hash, detail) VALUES (?, ?, ?, ?, ?)',
  applied: 'INSERT OR IGNORE INTO hub_applied (hash, agent_id, at) VALUES (?, ?, ?)',
  nodeKey: 'INSERT OR IGNORE INTO hub_node_keys (node, key_id, bound_at) VALUES (?, ?, ?)',
  stats:
    'INSERT INTO hub_stats (node, version, payload) VALUES (?, ?, ?) ON CONFLICT (node) DO UPDATE SET version = excluded.version, payload = excluded.payload WHERE excluded.version > hub_stats.version',
} as const;
type OpName = keyof typeof OPS;
type Op = [OpName, ...SqlValue[]];

const DEFAULT_COMPACT_AFTER = 1 << 20;

/**
 * The embedded HubStore: one sql.js database in memory, made durable by an append-only journal beside
 * the file. Each acknowledged write is first appended to `<path>.journal` as one line (the statements of
 * one save) and fdatasync'ed, so an adoption is announced after a small append, not after rewriting the
 * whole database. Plain writes (envelopes, signatures, journal lines, statistics, node keys) wait for
 * the next `flush()` or transition, so one request's writes cost one fdatasync; a transition is saved
 * (with everything before it) before any listener hears of it. Opening replays the journal over the
 * database file (a torn last line, never acknowledged, is ignored) and compacts: the database is
 * rewritten atomically (temp file, fsync, rename) and the journal removed; the same happens once the
 * journal passes `compactAfterBytes`. Saves are coalesced: writes that arrive while a save runs share the next one.
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
  const { fs } = options.ports;
  let bytes: Uint8Array | undefined;
  if (options.path !== undefined && (await fs.exists(options.path))) bytes = await fs.readFile(options.path);
  let db: SqlDb;
  try {
    db = new SqlDb(new SQL.Database(bytes));
    db.exec(SCHEMA);
  } catch (err) {
    await lock?.release();
    throw new Error(`${options.path} is not a readable hub database (${(err as Error).message}); Kaizen left it untouched. Point --hub-store at another file or restore this one.`);
  }
  const store = new SqlHubStore(db, options, lock);
  if (options.path !== undefined) {
    const journalPath = journalFile(options.path);
    try {
      if (await fs.exists(journalPath)) replayJournal(db, new TextDecoder().decode(await fs.readFile(journalPath)), journalPath);
      // The database file now holds everything; the journal starts empty.
      await store.compact();
    } catch (err) {
      db.close();
      await lock?.release();
      throw err;
    }
  }
  return store;
}

/** The journal beside a hub database file. */
export function journalFile(dbPath: string): string {
  return `${dbPath}.journal`;
}

/**
 * Applies the journal's lines in order, each in one transaction. The last line without its newline is a
 * save that was cut off before it was acknowledged: it is ignored. Any other unreadable line stops the
 * open with the file and line, and nothing is changed on disk.
 */
function replayJournal(db: SqlDb, text: string, journalPath: string): void {
  const lines = text.split('\n');
  const complete = lines.slice(0, -1);
  complete.forEach((line, i) => {
    if (line === '') return;
    let ops: Op[];
    try {
      ops = JSON.parse(line) as Op[];
      if (!Array.isArray(ops) || !ops.every((op) => Array.isArray(op) && typeof op[0] === 'string' && op[0] in OPS)) throw new Error('not a list of known statements');
    } catch (err) {
      throw new Error(`${journalPath} line ${i + 1} is unreadable (${(err as Error).message}); Kaizen left the hub database and its journal untouched. Restore the journal or move it aside to open the database without it.`);
    }
    db.transaction(() => {
      for (const [name, ...params] of ops) db.run(OPS[name], params);
    });
  });
}

class SqlHubStore implements HubStore {
  private readonly listeners = new Set<(cursor: number, appended?: AppendedAdoption) => void>();
  private saving: Promise<void> = Promise.resolve();
  private pending: Promise<void> | undefined;
  private closed = false;
  private ackBatch: { rows: [string, string, string][]; done: Promise<void> } | undefined;
  /** Statements run since the last save started: the next journal line. */
  private unsaved: Op[] = [];
  private journalBytes = 0;
  /** A failed append may have left a torn line: the next save rewrites the database instead. */
  private mustCompact = false;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly db: SqlDb,
    private readonly options: SqlHubStoreOptions,
    private readonly lock: StoreLock | undefined,
  ) {}

  /** Runs one named statement and keeps it for the journal; returns the rows it changed. */
  private write(...op: Op): number {
    const [name, ...params] = op;
    const changed = this.db.run(OPS[name], params);
    if (changed > 0 && this.options.path !== undefined) this.unsaved.push(op);
    return changed;
  }

  /** Resolves once every write made before the call is on disk. */
  private persist(): Promise<void> {
    if (this.options.path === undefined) return Promise.resolve();
    if (this.pending) return this.pending;
    const next = this.saving.then(async () => {
      this.pending = undefined;
      if (this.closed) return;
      const { fs } = this.options.ports;
      if (this.mustCompact || !fs.appendDurable || this.journalBytes >= (this.options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER)) return this.compact();
      const ops = this.unsaved;
      this.unsaved = [];
      if (ops.length === 0) return;
      const line = this.encoder.encode(`${JSON.stringify(ops)}\n`);
      try {
        await fs.appendDurable(journalFile(this.options.path!), line);
      } catch (err) {
        // Not acknowledged: these statements go out again with the next save, which rewrites the file.
        this.unsaved = ops.concat(this.unsaved);
        this.mustCompact = true;
        throw err;
      }
      this.journalBytes += line.length;
    });
    this.pending = next;
    this.saving = next.catch(() => undefined);
    return next;
  }

  /**
   * Rewrites the database file with everything run so far, then removes the journal. The statements
   * waiting for the journal are in the export (taken in the same turn), so they need no line.
   */
  async compact(): Promise<void> {
    if (this.options.path === undefined) return;
    const { fs } = this.options.ports;
    const taken = this.unsaved;
    this.unsaved = [];
    try {
      await fs.writeFileAtomic(this.options.path, this.db.export());
      await fs.remove(journalFile(this.options.path));
    } catch (err) {
      this.unsaved = taken.concat(this.unsaved);
      this.mustCompact = true;
      throw err;
    }
    this.journalBytes = 0;
    this.mustCompact = false;
  }

  private check(): void {
    if (this.closed) throw new Error('the hub store is closed');
  }

  async putEnvelope(hash: string, envelope: unknown, receivedAt: string): Promise<boolean> {
    this.check();
    return this.write('envelope', hash, JSON.stringify(envelope), receivedAt) > 0;
  }

  async getEnvelope(hash: string): Promise<unknown | undefined> {
    this.check();
    const text = this.db.scalar('SELECT envelope FROM hub_envelopes WHERE hash = ?', [hash]);
    return typeof text === 'string' ? (JSON.parse(text) as unknown) : undefined;
  }

  async addSignature(hash: string, keyId: string, sig: string): Promise<string[]> {
    this.check();
    this.write('signature', hash, keyId, sig);
    return this.db.rows('SELECT key_id FROM hub_signatures WHERE hash = ? ORDER BY rowid', [hash]).map((r) => String(r[0]));
  }

  /** Appends an entry with the next cursor (explicit, so a replay gives it the same one); returns it and the cursor before it. */
  private append(hash: string, action: 'adopt' | 'rollback', at: string): AppendedAdoption {
    const prev = Number(this.db.scalar('SELECT COALESCE(MAX(cursor), 0) FROM hub_adoptions') ?? 0);
    const entry: AdoptionEntry = { cursor: prev + 1, hash, action, at };
    this.write('adoption', entry.cursor, hash, action, at);
    return { entry, prev };
  }

  private announce(appended: AppendedAdoption): void {
    for (const listener of this.listeners) listener(appended.entry.cursor, appended);
  }

  async recordAdoption(hash: string, action: 'adopt' | 'rollback', at: string): Promise<AdoptionEntry> {
    this.check();
    const latest = this.latestEntry(hash);
    if (latest && latest.action === action) return latest;
    const appended = this.append(hash, action, at);
    await this.persist();
    this.announce(appended);
    return appended.entry;
  }

  async transition(hash: string, from: 'none' | 'adopt' | 'rollback', action: 'adopt' | 'rollback', at: string, journal: HubTransitionJournal): Promise<{ entry: AdoptionEntry | undefined; appended: boolean }> {
    this.check();
    // One process owns the file and sql.js runs synchronously: nothing can interleave between the read
    // and the writes below, which makes this a compare-and-set.
    const latest = this.latestEntry(hash);
    if ((latest?.action ?? 'none') !== from) return { entry: latest, appended: false };
    const appended = this.append(hash, action, at);
    this.appendJournalRow({ at, action: journal.action, hash, detail: { cursor: appended.entry.cursor, ...journal.detail } });
    // Both rows go out in one journal line (one fdatasync) before anyone hears of the adoption.
    await this.persist();
    this.announce(appended);
    return { entry: appended.entry, appended: true };
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
    // written in one transaction and saved as one journal line.
    let batch = this.ackBatch;
    if (!batch) {
      const rows: [string, string, string][] = [];
      const done = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
        this.ackBatch = undefined;
        this.check();
        let added = 0;
        this.db.transaction(() => {
          for (const row of rows) added += this.write('applied', ...row);
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
    const bound = this.write('nodeKey', node, keyId, at) > 0;
    return { keyId: String(this.db.scalar('SELECT key_id FROM hub_node_keys WHERE node = ?', [node])), bound };
  }

  async putStatsContribution(row: StatsContributionRow): Promise<boolean> {
    this.check();
    return this.write('stats', row.node, row.version, JSON.stringify(row.payload)) > 0;
  }

  async statsContributions(): Promise<StatsContributionRow[]> {
    this.check();
    return this.db.rows('SELECT node, version, payload FROM hub_stats ORDER BY node').map((r) => ({ node: String(r[0]), version: Number(r[1]), payload: JSON.parse(String(r[2])) as unknown }));
  }

  private appendJournalRow(entry: HubJournalEntry): void {
    const seq = Number(this.db.scalar('SELECT COALESCE(MAX(seq), 0) FROM hub_journal') ?? 0) + 1;
    this.write('journal', seq, entry.at, entry.action, entry.hash ?? null, JSON.stringify(entry.detail ?? null));
  }

  async appendJournal(entry: HubJournalEntry): Promise<void> {
    this.check();
    this.appendJournalRow(entry);
  }

  /** Every write so far as one journal line, one fdatasync (plain writes wait for it, so a request's writes share one). */
  flush(): Promise<void> {
    this.check();
    return this.persist();
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

  onAdoption(listener: (cursor: number, appended?: AppendedAdoption) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.ackBatch?.done.catch(() => undefined);
    await this.persist();
    await this.saving;
    // A clean close leaves one file: the journal folded into the database.
    if (this.options.path !== undefined) await (this.saving = this.saving.then(() => this.compact()));
    this.closed = true;
    this.listeners.clear();
    this.db.close();
    await this.lock?.release();
  }
}

function toAdoption(row: readonly unknown[]): AdoptionEntry {
  return { cursor: Number(row[0]), hash: String(row[1]), action: String(row[2]) as AdoptionEntry['action'], at: String(row[3]) };
}
