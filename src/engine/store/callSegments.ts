import type { SqlValue } from 'sql.js';
import type { Conversation } from '../model';
import type { EnginePorts } from '../ports';
import { AnalysisTable } from './analysisTable';
import type { TranscriptArchives } from './archive';
import { CallTable } from './callTable';
import type { CallRow } from './callTable';
import { callKey } from './callKey';
import type { DeflateCodec } from './codec';
import type { CallAnalysisRecord, CallFilter, CallSummary } from './learningStore';
import { migrate, tuneConnection } from './schema';
import type { SegmentFiles } from './segmentFiles';
import type { SqlDb } from './sqlDb';
import type { UnreadableRows } from './rowGuard';

/** When calls leave the hot file for a segment file (checked on each save of a file-backed store). */
export interface SegmentPolicy {
  /** A save seals the oldest calls once the hot file holds more than this many (default 20,000)... */
  hotMaxCalls: number;
  /** ...this many at a time, one segment file each (default 10,000). */
  sealCalls: number;
}

export const DEFAULT_SEGMENT_POLICY: SegmentPolicy = { hotMaxCalls: 20_000, sealCalls: 10_000 };

/** Per-segment counts kept in the hot file, exact for the segment's live calls (a call moved back is subtracted). */
interface SegmentSummary {
  live: number;
  events: number;
  transcripts: number;
  analyses: number;
  intents: Record<string, number>;
  outcomes: Record<string, number>;
  agents: Record<string, number>;
}

interface Segment {
  num: number;
  id: string;
  /** Calls written into the file; `summary.live` of them are still its (the rest moved back to the hot file). */
  calls: number;
  first: number;
  last: number;
  summary: SegmentSummary;
}

/** Every column of a call row except `archive_id` (a sealed transcript is always inline). */
const ROW_COLUMNS =
  'call_id, agent_id, started_at, ended_at, source_file, source_json, outcome_json, turn_count, event_count, error_count, events, transcript_purged_at, intent, outcome_label, imported_at';
const ANALYSIS_COLUMNS = 'call_id, agent_id, intent, intent_confidence, outcome_label, outcome_probability, signals_json, detail_json, analyzed_at';

function bump(map: Record<string, number>, key: SqlValue, by: number): void {
  if (key === null || key === undefined) return;
  const k = String(key);
  const n = (map[k] ?? 0) + by;
  if (n > 0) map[k] = n;
  else delete map[k];
}

function placeholders(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

/**
 * The calls of a store across its hot file and its sealed segments. sql.js keeps a whole database in
 * memory and rewrites all of it on every save, so a store that only grew would cost memory and save
 * time in proportion to its history. Instead, a save seals the oldest calls of the hot file into an
 * immutable segment file once the hot file holds more than `hotMaxCalls`; the hot file keeps
 * `sealed_calls` (call key → segment, ~12 B a call) and a per-segment summary (time range, counts by
 * intent, outcome and agent), which answer most queries without opening a segment, and say which
 * segments to open for the rest. A write to a sealed call (new events, a new analysis) first moves
 * the call back into the hot file; the segment's copy is then dead (the index no longer points to it).
 */
export class CallSegments {
  private readonly tables = new WeakMap<SqlDb, { calls: CallTable; analyses: AnalysisTable }>();
  /** Segments no longer listed; their files go once a save has recorded that. */
  private pendingRemovals: string[] = [];

  constructor(
    private readonly hot: SqlDb,
    private readonly files: SegmentFiles | undefined,
    private readonly policy: SegmentPolicy,
    private readonly codec: DeflateCodec,
    private readonly ports: Pick<EnginePorts, 'clock' | 'logger'>,
    private readonly unreadable: UnreadableRows,
  ) {}

  private all(): Segment[] {
    if (!this.files) return [];
    return this.hot.rows('SELECT num, id, calls, first_started, last_started, summary FROM segments ORDER BY first_started, num').map((r) => ({
      num: Number(r[0]),
      id: r[1] as string,
      calls: Number(r[2]),
      first: Number(r[3]),
      last: Number(r[4]),
      summary: JSON.parse(r[5] as string) as SegmentSummary,
    }));
  }

  private async open(s: Segment): Promise<{ db: SqlDb; calls: CallTable; analyses: AnalysisTable }> {
    const db = await this.files!.get(s.id);
    let t = this.tables.get(db);
    if (!t) {
      const calls = new CallTable(db, this.codec, undefined, this.unreadable);
      t = { calls, analyses: new AnalysisTable(db, calls) };
      this.tables.set(db, t);
    }
    return { db, ...t };
  }

  private segmentOf(callId: string): number | undefined {
    const v = this.hot.scalar('SELECT segment FROM sealed_calls WHERE call_key = ?', [callKey(callId)]);
    return v === undefined ? undefined : Number(v);
  }

  /** The segment a call lives in, if it was sealed. */
  private locate(callId: string): Segment | undefined {
    if (!this.files) return undefined;
    const num = this.segmentOf(callId);
    return num === undefined ? undefined : this.all().find((s) => s.num === num);
  }

  /** Whether a call was sealed into a segment (its key is listed; a rare key collision only costs a lookup). */
  holds(callId: string): boolean {
    return this.files !== undefined && this.segmentOf(callId) !== undefined;
  }

  private live(s: Segment, callId: string): boolean {
    return s.summary.live === s.calls || this.segmentOf(callId) === s.num;
  }

  /**
   * For `kaizen doctor`: opens each listed segment file in turn and hands it to `visit`; a file that is
   * missing or not a database is returned with the reason instead. Segments are never edited here.
   */
  async examineEach(visit: (segment: { id: string; file: string; calls: number }, db: SqlDb) => void): Promise<{ id: string; file: string; error: string }[]> {
    const failed: { id: string; file: string; error: string }[] = [];
    for (const s of this.all()) {
      const file = this.files!.pathOf(s.id);
      this.files!.pin(s.id);
      try {
        const db = await this.files!.get(s.id);
        visit({ id: s.id, file, calls: s.calls }, db);
      } catch (err) {
        failed.push({ id: s.id, file, error: err instanceof Error ? err.message : String(err) });
      } finally {
        this.files!.unpin(s.id);
      }
    }
    return failed;
  }

  hasSegments(): boolean {
    return !!this.files && this.hot.scalar('SELECT 1 FROM segments LIMIT 1') !== undefined;
  }

  // ---- moving calls back --------------------------------------------------------------------

  /**
   * Moves sealed calls among `callIds` back into the hot file (row, analysis, fingerprint links),
   * so a write can change them there. Runs before the write's transaction.
   */
  async unseal(callIds: readonly string[]): Promise<void> {
    if (!this.hasSegments()) return;
    const bySegment = new Map<number, string[]>();
    for (const callId of callIds) {
      const num = this.segmentOf(callId);
      if (num !== undefined) bySegment.set(num, [...(bySegment.get(num) ?? []), callId]);
    }
    if (bySegment.size === 0) return;
    const segments = new Map(this.all().map((s) => [s.num, s]));
    for (const [num, ids] of bySegment) {
      const s = segments.get(num)!;
      const { db } = await this.open(s);
      this.hot.transaction(() => {
        for (const callId of ids) {
          if (this.hot.scalar('SELECT 1 FROM calls WHERE call_id = ?', [callId]) !== undefined) continue; // a key collision: the hot call is another one
          const row = db.rows(`SELECT ${ROW_COLUMNS} FROM calls WHERE call_id = ?`, [callId])[0];
          if (!row) continue; // a key collision with a call of that segment
          this.hot.run(`INSERT INTO calls (${ROW_COLUMNS}) VALUES (${placeholders(row.length)})`, row);
          const analysis = db.rows(`SELECT ${ANALYSIS_COLUMNS} FROM analyses WHERE call_id = ?`, [callId])[0];
          if (analysis) this.hot.run(`INSERT OR REPLACE INTO analyses (${ANALYSIS_COLUMNS}) VALUES (${placeholders(analysis.length)})`, analysis);
          for (const [fp] of db.rows('SELECT fingerprint FROM call_fingerprints WHERE call_id = ?', [callId])) {
            this.hot.run('INSERT OR IGNORE INTO call_fingerprints (fingerprint, call_id) VALUES (?, ?)', [fp!, callId]);
          }
          this.hot.run('DELETE FROM sealed_calls WHERE call_key = ?', [callKey(callId)]);
          const sm = s.summary;
          sm.live--;
          sm.events -= Number(row[8]);
          if (row[10] !== null) sm.transcripts--;
          if (analysis) sm.analyses--;
          bump(sm.intents, row[12]!, -1);
          bump(sm.outcomes, row[13]!, -1);
          bump(sm.agents, row[1]!, -1);
        }
        this.hot.run('UPDATE segments SET summary = ? WHERE num = ?', [JSON.stringify(s.summary), num]);
      });
    }
  }

  // ---- sealing ------------------------------------------------------------------------------

  /**
   * Seals the oldest calls while the hot file holds more than the policy allows. Runs in the save
   * queue before the hot file is exported, with writes held back (see the store's write barrier):
   * the segment file is written first, then the hot file drops the calls and lists the segment, so a
   * crash in between leaves an unlisted segment file, deleted on the next open.
   * Returns the archives whose transcripts all left the hot file.
   */
  async seal(archives: TranscriptArchives | undefined): Promise<{ emptiedArchives: string[] }> {
    if (!this.files) return { emptiedArchives: [] };
    const emptied = new Set<string>();
    let sealedAny = false;
    for (;;) {
      const hotCalls = Number(this.hot.scalar('SELECT COUNT(*) FROM calls'));
      if (hotCalls <= this.policy.hotMaxCalls) break;
      const take = Math.min(this.policy.sealCalls, hotCalls - Math.floor(this.policy.hotMaxCalls / 2));
      const rows = this.hot.rows(`SELECT ${ROW_COLUMNS}, archive_id FROM calls ORDER BY started_at, call_id LIMIT ?`, [take]);
      // A call whose key is already sealed (a 53-bit collision) stays hot.
      const sealable = rows.filter((r) => this.segmentOf(r[0] as string) === undefined);
      if (sealable.length === 0) break;
      const archiveIds = new Set(sealable.filter((r) => r[10] === null && r[15] !== null).map((r) => r[15] as string));
      for (const id of archiveIds) await archives?.load(id);
      const seg = this.files.create();
      tuneConnection(seg.db);
      migrate(seg.db);
      const summary: SegmentSummary = { live: 0, events: 0, transcripts: 0, analyses: 0, intents: {}, outcomes: {}, agents: {} };
      const ids = sealable.map((r) => r[0] as string);
      seg.transaction(() => {
        for (const r of sealable) {
          const row = r.slice(0, 15);
          if (row[10] === null && r[15] !== null) row[10] = archives?.blob(r[15] as string, r[0] as string) ?? null;
          seg.run(`INSERT INTO calls (${ROW_COLUMNS}) VALUES (${placeholders(row.length)})`, row);
          summary.live++;
          summary.events += Number(row[8]);
          if (row[10] !== null) summary.transcripts++;
          bump(summary.intents, row[12]!, 1);
          bump(summary.outcomes, row[13]!, 1);
          bump(summary.agents, row[1]!, 1);
        }
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          const inList = placeholders(chunk.length);
          for (const a of this.hot.rows(`SELECT ${ANALYSIS_COLUMNS} FROM analyses WHERE call_id IN (${inList})`, chunk)) {
            seg.run(`INSERT INTO analyses (${ANALYSIS_COLUMNS}) VALUES (${placeholders(a.length)})`, a);
            summary.analyses++;
          }
          for (const [fp, callId] of this.hot.rows(`SELECT fingerprint, call_id FROM call_fingerprints WHERE call_id IN (${inList})`, chunk)) {
            seg.run('INSERT INTO call_fingerprints (fingerprint, call_id) VALUES (?, ?)', [fp!, callId!]);
          }
        }
      });
      archives?.trim();
      const first = Number(sealable[0]![2]);
      const last = Math.max(...sealable.map((r) => Number(r[2])));
      const id = await this.files.write(seg);
      this.hot.transaction(() => {
        const num = Number(this.hot.scalar('SELECT COALESCE(MAX(num), 0) + 1 FROM segments'));
        this.hot.run('INSERT INTO segments (num, id, calls, first_started, last_started, created_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          num,
          id,
          sealable.length,
          first,
          last,
          this.ports.clock.now(),
          JSON.stringify(summary),
        ]);
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          const inList = placeholders(chunk.length);
          this.hot.run(`DELETE FROM call_fingerprints WHERE call_id IN (${inList})`, chunk);
          this.hot.run(`DELETE FROM analyses WHERE call_id IN (${inList})`, chunk);
          this.hot.run(`DELETE FROM calls WHERE call_id IN (${inList})`, chunk);
        }
        for (const callId of ids) this.hot.run('INSERT INTO sealed_calls (call_key, segment) VALUES (?, ?)', [callKey(callId), num]);
        for (const archiveId of archiveIds) {
          if (this.hot.scalar('SELECT 1 FROM calls WHERE archive_id = ? LIMIT 1', [archiveId]) === undefined) {
            this.hot.run('DELETE FROM archives WHERE id = ?', [archiveId]);
            emptied.add(archiveId);
          }
        }
      });
      sealedAny = true;
      this.ports.logger.info(`sealed ${sealable.length} calls into segment ${id}`);
    }
    // Dead segments (every call moved back) go once the saved hot file no longer lists them.
    const dead = this.all().filter((s) => s.summary.live === 0);
    if (dead.length) this.hot.transaction(() => dead.forEach((s) => this.hot.run('DELETE FROM segments WHERE num = ?', [s.num])));
    this.pendingRemovals.push(...dead.map((s) => s.id));
    // sql.js saves every page it holds, free ones too: without this the hot file would stay at its peak size.
    if (sealedAny || emptied.size || dead.length) this.hot.exec('VACUUM');
    return { emptiedArchives: [...emptied] };
  }

  /** After a save: deletes the segment files the saved hot file no longer lists. */
  async removeUnlisted(): Promise<void> {
    for (const id of this.pendingRemovals.splice(0)) await this.files?.remove(id);
  }

  // ---- reads across the hot file and the segments -------------------------------------------

  /** Segments that can hold calls matching `filter`, judged from their summaries. */
  private candidates(filter: CallFilter): Segment[] {
    return this.all().filter((s) => {
      const sm = s.summary;
      if (sm.live === 0) return false;
      if (filter.since !== undefined && s.last < filter.since) return false;
      if (filter.until !== undefined && s.first >= filter.until) return false;
      if (filter.intent !== undefined && !sm.intents[filter.intent]) return false;
      if (filter.outcome !== undefined && !sm.outcomes[filter.outcome]) return false;
      if (filter.agentId !== undefined && !sm.agents[filter.agentId]) return false;
      return true;
    });
  }

  async get(callId: string): Promise<Conversation | undefined> {
    const s = this.locate(callId);
    if (!s) return undefined;
    return (await this.open(s)).calls.get(callId);
  }

  async getAnalysis(callId: string): Promise<CallAnalysisRecord | undefined> {
    const s = this.locate(callId);
    if (!s) return undefined;
    return (await this.open(s)).analyses.get(callId);
  }

  /** `hot` lists the hot file's calls; the result merges the segments' in (started_at, call_id) order. */
  async list(filter: CallFilter, hot: CallTable): Promise<CallSummary[]> {
    const offset = filter.offset ?? 0;
    const need = offset + (filter.limit ?? Infinity);
    const { offset: _o, limit: _l, ...rest } = filter;
    const page = (extra: number): CallFilter => (need === Infinity ? rest : { ...rest, limit: need + extra });
    let out = hot.list(page(0));
    for (const s of this.candidates(filter)) {
      if (out.length >= need && s.first > out[need - 1]!.startedAt) break;
      const { calls } = await this.open(s);
      const rows = calls.list(page(s.calls - s.summary.live)).filter((r) => this.live(s, r.callId));
      // A seal between two awaits can move a call already listed from the hot file: keep one copy.
      const seen = new Set(out.map((r) => r.callId));
      out = [...out, ...rows.filter((r) => !seen.has(r.callId))].sort(byStart);
      if (out.length > need) out.length = need;
    }
    this.files?.trim();
    return out.slice(offset, need);
  }

  async count(filter: CallFilter, hot: CallTable): Promise<number> {
    let n = hot.count(filter);
    const keys = Object.entries(filter).filter(([, v]) => v !== undefined).map(([k]) => k);
    for (const s of this.candidates(filter)) {
      const sm = s.summary;
      if (keys.length === 0) n += sm.live;
      else if (keys.length === 1 && keys[0] === 'intent') n += sm.intents[filter.intent!] ?? 0;
      else if (keys.length === 1 && keys[0] === 'outcome') n += sm.outcomes[filter.outcome!] ?? 0;
      else if (keys.length === 1 && keys[0] === 'agentId') n += sm.agents[filter.agentId!] ?? 0;
      else {
        const { calls } = await this.open(s);
        n += sm.live === s.calls ? calls.count(filter) : calls.list(filter).filter((r) => this.live(s, r.callId)).length;
      }
    }
    this.files?.trim();
    return n;
  }

  /** Conversations of the hot file and the segments, merged in (started_at, call_id) order. */
  async *iterate(filter: CallFilter, hot: CallTable, assertOpen: () => void): AsyncIterable<Conversation> {
    const { offset: _o, limit: _l, ...rest } = filter;
    const sources: Array<Source<Conversation>> = [{ first: -Infinity, open: () => hot.iterate(rest, assertOpen) }];
    for (const s of this.candidates(filter)) {
      sources.push({
        first: s.first,
        open: () => this.segmentStream(s, (calls) => calls.iterate(rest, assertOpen)),
        close: () => this.files?.unpin(s.id),
      });
    }
    yield* window(merge(sources), filter.offset ?? 0, filter.limit ?? Infinity);
  }

  /** Every call row (bundles), merged in start order. */
  async *allRows(hot: CallTable): AsyncIterable<CallRow> {
    const sources: Array<Source<CallRow>> = [{ first: -Infinity, open: () => hot.allRows() }];
    for (const s of this.candidates({})) {
      sources.push({ first: s.first, open: () => this.segmentStream(s, (calls) => calls.allRows()), close: () => this.files?.unpin(s.id) });
    }
    yield* merge(sources);
  }

  private async *segmentStream<T extends { callId: string }>(s: Segment, read: (calls: CallTable) => AsyncIterable<T>): AsyncIterable<T> {
    this.files!.pin(s.id);
    const { calls } = await this.open(s);
    for await (const item of read(calls)) if (this.live(s, item.callId)) yield item;
  }

  /** Every live analysis in the segments (bundles). */
  async analyses(): Promise<CallAnalysisRecord[]> {
    const out: CallAnalysisRecord[] = [];
    for (const s of this.candidates({})) {
      const { analyses } = await this.open(s);
      for (const a of analyses.all()) if (this.live(s, a.callId)) out.push(a);
    }
    this.files?.trim();
    return out;
  }

  async fingerprintLinks(): Promise<Array<{ fingerprint: string; callId: string }>> {
    const out: Array<{ fingerprint: string; callId: string }> = [];
    for (const s of this.candidates({})) {
      const { analyses } = await this.open(s);
      for (const l of analyses.allFingerprintLinks()) if (this.live(s, l.callId)) out.push(l);
    }
    this.files?.trim();
    return out;
  }

  /** Totals over the segments' live calls, from the summaries. */
  totals(): { calls: number; events: number; transcripts: number; analyses: number } {
    const t = { calls: 0, events: 0, transcripts: 0, analyses: 0 };
    for (const s of this.all()) {
      t.calls += s.summary.live;
      t.events += s.summary.events;
      t.transcripts += s.summary.transcripts;
      t.analyses += s.summary.analyses;
    }
    return t;
  }

  /**
   * Retention for sealed calls: a segment holding transcripts older than `cutoff` is replaced by a
   * rewritten copy without them (segments are never edited); the replaced file goes once a save no
   * longer lists it. Returns the transcripts deleted.
   */
  async purgeTranscripts(cutoff: number, now: number): Promise<number> {
    let deleted = 0;
    for (const s of this.candidates({ until: cutoff })) {
      if (s.summary.transcripts === 0) continue;
      const copy = await this.files!.copy(s.id);
      const purgeable = copy
        .rows('SELECT call_id FROM calls WHERE events IS NOT NULL AND started_at < ?', [cutoff])
        .filter((r) => this.live(s, r[0] as string)).length;
      if (purgeable === 0) {
        copy.close();
        continue;
      }
      copy.run('UPDATE calls SET events = NULL, transcript_purged_at = ? WHERE events IS NOT NULL AND started_at < ?', [now, cutoff]);
      copy.exec('VACUUM');
      const id = await this.files!.write(copy);
      s.summary.transcripts -= purgeable;
      this.hot.transaction(() => this.hot.run('UPDATE segments SET id = ?, summary = ? WHERE num = ?', [id, JSON.stringify(s.summary), s.num]));
      deleted += purgeable;
      this.pendingRemovals.push(s.id);
    }
    return deleted;
  }

  /** Segments listed in the hot file (for orphan cleanup on open). */
  static listedIds(hot: SqlDb): Set<string> {
    return new Set(hot.rows('SELECT id FROM segments').map((r) => r[0] as string));
  }

  closeAll(): void {
    this.files?.closeAll();
  }
}

function byStart(a: { startedAt: number; callId: string }, b: { startedAt: number; callId: string }): number {
  return a.startedAt - b.startedAt || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0);
}

interface Source<T> {
  /** No item of this source starts before `first`. */
  first: number;
  open(): AsyncIterable<T>;
  close?(): void;
}

/**
 * A k-way merge in (startedAt, callId) order that opens a source only when the merge reaches its
 * first start time, so segments that do not overlap are read one after another, not all at once.
 */
async function* merge<T extends { startedAt: number; callId: string }>(sources: Array<Source<T>>): AsyncIterable<T> {
  const pending = [...sources].sort((a, b) => a.first - b.first);
  const heads: Array<{ it: AsyncIterator<T>; item: T; source: Source<T> }> = [];
  const activate = async (source: Source<T>) => {
    const it = source.open()[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done) source.close?.();
    else heads.push({ it, item: first.value, source });
  };
  try {
    for (;;) {
      let min = heads.reduce<number>((m, h, i) => (m < 0 || byStart(h.item, heads[m]!.item) < 0 ? i : m), -1);
      while (pending.length && (min < 0 || pending[0]!.first <= heads[min]!.item.startedAt)) {
        await activate(pending.shift()!);
        min = heads.reduce<number>((m, h, i) => (m < 0 || byStart(h.item, heads[m]!.item) < 0 ? i : m), -1);
      }
      if (min < 0) return;
      const head = heads[min]!;
      yield head.item;
      const next = await head.it.next();
      if (next.done) {
        heads.splice(min, 1);
        head.source.close?.();
      } else head.item = next.value;
    }
  } finally {
    for (const h of heads) {
      await h.it.return?.();
      h.source.close?.();
    }
  }
}

async function* window<T>(items: AsyncIterable<T>, offset: number, limit: number): AsyncIterable<T> {
  if (limit <= 0) return;
  let skipped = 0;
  let given = 0;
  for await (const item of items) {
    if (skipped < offset) {
      skipped++;
      continue;
    }
    yield item;
    if (++given >= limit) return;
  }
}
