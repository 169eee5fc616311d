/**
 * The hub's persistence port. The embedded default is sql.js (one file, one process); with
 * `--database postgres://…` the same hub runs on PostgreSQL, so replicas stay stateless and an adoption
 * recorded by one replica reaches agents connected to any other. Every method is idempotent where the
 * wire allows retries (a re-sent envelope, signature or ack changes nothing).
 *
 * Envelopes and statistics cross this port as JSON values that the collective stage has already
 * validated; the store keeps them verbatim and never interprets a payload.
 */

/** One entry of the hub-wide adoption log; `cursor` is the event id agents resume after. */
export interface AdoptionEntry {
  cursor: number;
  hash: string;
  action: 'adopt' | 'rollback';
  at: string;
}

/**
 * An entry as its append announces it: no entry lies between `prev` (0: the log's start) and
 * `entry.cursor`. `envelope` is the artifact's envelope when the store has it at hand (saves a read).
 */
export interface AppendedAdoption {
  entry: AdoptionEntry;
  prev: number;
  envelope?: unknown;
}

export interface StatsContributionRow {
  node: string;
  version: number;
  payload: unknown;
}

export interface HubJournalEntry {
  at: string;
  action: string;
  hash?: string;
  detail: unknown;
}

/** The journal line a transition writes with itself (`hash` and `at` are the transition's). */
export interface HubTransitionJournal {
  action: string;
  detail: Record<string, unknown>;
}

export interface HubStore {
  /** Stores an envelope under its content hash; false when that hash was already stored. */
  putEnvelope(hash: string, envelope: unknown, receivedAt: string): Promise<boolean>;
  getEnvelope(hash: string): Promise<unknown | undefined>;
  /** Adds one signature (a second one by the same keyId is ignored); returns the distinct signer keyIds, oldest first. */
  addSignature(hash: string, keyId: string, sig: string): Promise<string[]>;
  /**
   * Appends to the adoption log unless the artifact's latest entry already has this action;
   * returns that entry either way.
   */
  recordAdoption(hash: string, action: 'adopt' | 'rollback', at: string): Promise<AdoptionEntry>;
  /**
   * An artifact's state transition as a compare-and-set: appends `action` to the adoption log only when
   * the artifact's latest entry has the action `from` ('none': no entry yet), and writes `journal` (its
   * detail with the new entry's `cursor` first) with it, durably and atomically, before listeners hear of
   * it. However many replicas try the same transition at once, exactly one appends and journals it.
   * Returns the artifact's latest entry afterwards (undefined: none) and whether this call appended it.
   */
  transition(hash: string, from: 'none' | 'adopt' | 'rollback', action: 'adopt' | 'rollback', at: string, journal: HubTransitionJournal): Promise<{ entry: AdoptionEntry | undefined; appended: boolean }>;
  /** The artifact's latest log entry (undefined: never adopted). */
  latestAdoption(hash: string): Promise<AdoptionEntry | undefined>;
  /** Log entries with cursor > after, ascending, at most `limit`. */
  adoptionsAfter(after: number, limit: number): Promise<AdoptionEntry[]>;
  markApplied(hash: string, agentId: string, at: string): Promise<void>;
  /** Agents that acknowledged the artifact as applied, in order of first acknowledgement. */
  appliedBy(hash: string): Promise<string[]>;
  /** The key a node's statistics are bound to (undefined: none yet). */
  nodeKey(node: string): Promise<string | undefined>;
  /**
   * Binds `node` to `keyId` unless it is bound already (the first signer wins, across replicas); returns
   * the key it is bound to afterwards and whether this call bound it.
   */
  bindNodeKey(node: string, keyId: string, at: string): Promise<{ keyId: string; bound: boolean }>;
  /** Keeps a node's contribution when its version is higher than the stored one; true when it was kept. */
  putStatsContribution(row: StatsContributionRow): Promise<boolean>;
  statsContributions(): Promise<StatsContributionRow[]>;
  appendJournal(entry: HubJournalEntry): Promise<void>;
  journal(): Promise<HubJournalEntry[]>;
  /**
   * Resolves once every write made before the call is durable. A write is durable when its own promise
   * resolves on a database (PostgreSQL commits each statement); an embedded store may defer it to the
   * next `flush`, transition, acknowledged ack batch or `close`, so that a request's writes share one
   * fsync. Whoever answers a request (HubService) flushes before answering.
   */
  flush(): Promise<void>;
  /**
   * Calls `listener` whenever an adoption is recorded, by this replica or (on a shared database) any other;
   * at-least-once: a listener reads `adoptionsAfter(lastSeen)` rather than trusting the cursor it is given.
   * When the store knows the new entry and the entry right before it in the log, it passes them as
   * `appended`, so a listener whose reader stands at `appended.prev` can send the entry without reading.
   * Returns an unsubscribe function.
   */
  onAdoption(listener: (cursor: number, appended?: AppendedAdoption) => void): () => void;
  close(): Promise<void>;
}
