import type { SqlValue } from 'sql.js';
import type { CallOutcome, CallSource, Conversation, ConversationEvent } from '../model';
import { packJson, unpackJson } from './codec';
import type { DeflateCodec } from './codec';
import type { CallFilter, CallSummary, OutcomeLabel, PutConversationsResult } from './learningStore';
import type { TranscriptArchives } from './archive';
import type { SqlDb } from './sqlDb';
import { nul, opt, whereClause } from './sqlDb';
import { findMergeConflict, redactsFurther } from './callMerge';
import { callMetricsOf, callOutcomeOf, callPlatformOf } from '../model';
import { checkEvents, decodeColumn, jsonObjectColumn } from './rowGuard';
import type { UnreadableRows } from './rowGuard';

export const PAGE_SIZE = 256;

/** What the store keeps per call besides the transcript: the row a bundle carries for a purged call. */
export interface CallRow
  extends Pick<CallSummary, 'callId' | 'agentId' | 'startedAt' | 'endedAt' | 'source' | 'outcome' | 'turnCount' | 'eventCount' | 'errorCount'> {
  importedAt: number;
  transcriptPurgedAt?: number;
  /** `undefined` once retention deleted the transcript. */
  events?: ConversationEvent[];
}

const CALL_COLUMNS =
  'call_id, agent_id, started_at, ended_at, source_json, outcome_json, turn_count, event_count, error_count, intent, outcome_label, (events IS NOT NULL OR archive_id IS NOT NULL)';
/** The columns `toConversation` reads, in its order. */
const CONVERSATION_COLUMNS = 'call_id, agent_id, started_at, ended_at, source_json, outcome_json, events, archive_id';
export const HAS_TRANSCRIPT = '(events IS NOT NULL OR archive_id IS NOT NULL)';

function digest(events: readonly ConversationEvent[]): { turns: number; errors: number } {
  let turns = 0;
  let errors = 0;
  for (const e of events) {
    if (e.type === 'turn') turns++;
    else if (e.type === 'agent.error') errors++;
  }
  return { turns, errors };
}

/** Drops repeated eventIds (first wins), keeping arrival order. */
function uniqueEvents(events: readonly ConversationEvent[], seen = new Set<string>()): ConversationEvent[] {
  const out: ConversationEvent[] = [];
  for (const e of events) {
    if (seen.has(e.eventId)) continue;
    seen.add(e.eventId);
    out.push(e);
  }
  return out;
}

/** Orders by time, keeping arrival order within a timestamp. */
function byTime(events: ConversationEvent[]): ConversationEvent[] {
  return events
    .map((event, arrival) => ({ event, arrival }))
    .sort((a, b) => a.event.ts - b.event.ts || a.arrival - b.arrival)
    .map((x) => x.event);
}

export function emptyPutResult(): PutConversationsResult {
  return { callsInserted: 0, callsMerged: 0, callsUnchanged: 0, eventsInserted: 0, eventsDuplicate: 0 };
}

/**
 * The `calls` table and the transcripts it points to (a compressed blob in the row, or a row of an
 * archive file). Synchronous writes run inside the store's transaction; the archives a write or a
 * read needs are loaded first by the async `loadArchivesOf`.
 */
export class CallTable {
  constructor(
    private readonly sql: SqlDb,
    private readonly codec: DeflateCodec,
    private readonly archives: TranscriptArchives | undefined,
    /** Rows readers skipped because they cannot be decoded (see rowGuard.ts). */
    private readonly unreadable: UnreadableRows,
  ) {}

  /** Loads the archives holding these calls' transcripts, so a merge inside a transaction can read them. */
  async loadArchivesOf(callIds: readonly string[]): Promise<void> {
    if (!this.archives || this.sql.scalar('SELECT 1 FROM archives LIMIT 1') === undefined) return;
    const ids = new Set<string>();
    for (const callId of callIds) {
      const id = this.sql.scalar('SELECT archive_id FROM calls WHERE call_id = ? AND archive_id IS NOT NULL', [callId]);
      if (id !== undefined) ids.add(id as string);
    }
    for (const id of ids) await this.archives.load(id);
  }

  /** Closes archives beyond the few most recently used. */
  trimArchives(): void {
    this.archives?.trim();
  }

  /** The transcript blob of a call, from the main file or its (loaded) archive. */
  private blobOf(callId: string, events: SqlValue, archiveId: SqlValue): Uint8Array | undefined {
    if (events !== null) return events as Uint8Array;
    if (archiveId === null || !this.archives) return undefined;
    const blob = this.archives.blob(archiveId as string, callId);
    if (!blob) throw new Error(`The transcript of ${callId} is missing from archive ${archiveId as string}.`);
    return blob;
  }

  private async loadArchivesOfRows(rows: SqlValue[][], eventsAt: number, archiveAt: number): Promise<void> {
    if (!this.archives) return;
    for (const id of new Set(rows.filter((r) => r[eventsAt] === null && r[archiveAt] !== null).map((r) => r[archiveAt] as string))) await this.archives.load(id);
  }

  /** Which of `callIds` have a row: one query per 200 ids. */
  existing(callIds: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < callIds.length; i += 200) {
      const chunk = callIds.slice(i, i + 200);
      for (const [id] of this.sql.rows(`SELECT call_id FROM calls WHERE call_id IN (${chunk.map(() => '?').join(',')})`, chunk)) out.push(id as string);
    }
    return out;
  }

  exists(callId: string): boolean {
    return this.sql.scalar('SELECT 1 FROM calls WHERE call_id = ?', [callId]) !== undefined;
  }

  /** Inserts or merges one call; run inside a transaction after `loadArchivesOf`. */
  put(conv: Conversation, now: number, result: PutConversationsResult): void {
    const events = uniqueEvents(conv.events);
    // A primary-key probe (~µs) first, so a re-import never pays for compressing what it will not store.
    if (this.exists(conv.callId)) {
      this.mergeInto(conv, events, result);
      return;
    }
    const { turns, errors } = digest(events);
    this.sql.run(
      `INSERT INTO calls (call_id, agent_id, started_at, ended_at, source_file, source_json, outcome_json, turn_count, event_count, error_count, events, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        conv.callId,
        conv.agentId,
        conv.startedAt,
        nul(conv.endedAt),
        nul(conv.source?.file),
        conv.source ? JSON.stringify(conv.source) : null,
        conv.outcome ? JSON.stringify(conv.outcome) : null,
        turns,
        events.length,
        errors,
        packJson(events, this.codec),
        now,
      ],
    );
    result.callsInserted++;
    result.eventsInserted += events.length;
    result.eventsDuplicate += conv.events.length - events.length;
  }

  private mergeInto(conv: Conversation, incoming: ConversationEvent[], result: PutConversationsResult): void {
    const row = this.sql.rows('SELECT events, started_at, ended_at, source_json, outcome_json, archive_id FROM calls WHERE call_id = ?', [conv.callId])[0]!;
    const [events, startedAt, endedAt, sourceJson, outcomeJson, archiveId] = row;
    const blob = this.blobOf(conv.callId, events!, archiveId!);
    if (blob === undefined) {
      // Retention deleted this transcript on purpose; a re-import must not bring it back.
      result.callsUnchanged++;
      result.eventsDuplicate += conv.events.length;
      return;
    }
    let stored: ConversationEvent[];
    try {
      stored = decodeColumn('events', () => checkEvents(conv.callId, unpackJson<unknown>(blob, this.codec)));
    } catch (err) {
      this.unreadable.note(conv.callId, err);
      (result.conflicts ??= []).push({
        callId: conv.callId,
        eventId: '(stored row)',
        field: 'events',
        reason: 'the stored row of this call is damaged, so nothing was merged into it; run `kaizen doctor --quarantine`, then import again',
      });
      return;
    }
    const conflict = findMergeConflict(conv.callId, stored, incoming);
    if (conflict) {
      // Never applied silently: the stored call stays as it was and the caller reports the conflict.
      (result.conflicts ??= []).push(conflict);
      return;
    }
    const seen = new Set(stored.map((e) => e.eventId));
    const fresh = uniqueEvents(incoming, seen);
    // Stored events the incoming call redacts further (a name learned in a later batch) are replaced in place.
    const byId = new Map(stored.map((e, i) => [e.eventId, i]));
    let redacted = 0;
    for (const e of incoming) {
      const i = byId.get(e.eventId);
      if (i === undefined || !redactsFurther(stored[i]!, e)) continue;
      const old = stored[i]! as ConversationEvent & { source?: unknown };
      stored[i] = { ...e, ts: old.ts, ...(old.source !== undefined ? { source: old.source } : {}) } as ConversationEvent;
      redacted++;
    }
    result.eventsDuplicate += conv.events.length - fresh.length - redacted;
    if (redacted > 0) result.eventsRedacted = (result.eventsRedacted ?? 0) + redacted;
    if (fresh.length === 0 && redacted === 0) {
      result.callsUnchanged++;
      return;
    }
    const merged = byTime([...stored, ...fresh]);
    const { turns, errors } = digest(merged);
    const source = sourceJson !== null ? (sourceJson as string) : conv.source ? JSON.stringify(conv.source) : null;
    // From every call.ended now stored, so two reports of one call merge the same in either import order.
    const mergedOutcome = callOutcomeOf(merged);
    const outcome = mergedOutcome ? JSON.stringify(mergedOutcome) : (outcomeJson as string | null);
    const ended = Math.max(Number(endedAt ?? -Infinity), conv.endedAt ?? -Infinity);
    this.sql.run(
      `UPDATE calls SET started_at = ?, ended_at = ?, source_file = COALESCE(source_file, ?), source_json = ?, outcome_json = ?,
         turn_count = ?, event_count = ?, error_count = ?, events = ?, archive_id = NULL WHERE call_id = ?`,
      [
        Math.min(Number(startedAt), conv.startedAt),
        Number.isFinite(ended) ? ended : null,
        nul(conv.source?.file),
        source,
        outcome,
        turns,
        merged.length,
        errors,
        packJson(merged, this.codec),
        conv.callId,
      ],
    );
    result.callsMerged++;
    result.eventsInserted += fresh.length;
  }

  /** Copies the analysis labels the call filters use onto the call's row. */
  setLabels(callId: string, intent: string, outcomeLabel: OutcomeLabel): void {
    this.sql.run('UPDATE calls SET intent = ?, outcome_label = ? WHERE call_id = ?', [intent, outcomeLabel, callId]);
  }

  async get(callId: string): Promise<Conversation | undefined> {
    const rows = this.sql.rows(`SELECT ${CONVERSATION_COLUMNS} FROM calls WHERE call_id = ?`, [callId]);
    if (rows.length === 0) return undefined;
    await this.loadArchivesOfRows(rows, 6, 7);
    const conv = this.toConversation(rows[0]!);
    this.archives?.trim();
    return conv;
  }

  /** Decodes one `CONVERSATION_COLUMNS` row, throwing RowDecodeError for a damaged one (the doctor uses it). */
  toConversation(row: SqlValue[]): Conversation {
    const [callId, agentId, startedAt, endedAt, sourceJson, outcomeJson, events, archiveId] = row;
    const blob = this.blobOf(callId as string, events!, archiveId!);
    const conv: Conversation = { callId: callId as string, agentId: agentId as string, startedAt: Number(startedAt), events: [] };
    if (endedAt !== null) conv.endedAt = Number(endedAt);
    if (sourceJson !== null) conv.source = jsonObjectColumn<CallSource>('source_json', sourceJson);
    if (outcomeJson !== null) conv.outcome = jsonObjectColumn<CallOutcome>('outcome_json', outcomeJson);
    if (blob !== undefined) conv.events = decodeColumn('events', () => checkEvents(conv.callId, unpackJson<unknown>(blob, this.codec)));
    const platform = callPlatformOf(conv.events);
    if (platform) conv.platform = platform;
    const metrics = callMetricsOf(conv.events);
    if (metrics) conv.metrics = metrics;
    return conv;
  }

  private where(filter: CallFilter = {}): { sql: string; params: SqlValue[] } {
    const w = whereClause();
    if (filter.agentId !== undefined) w.add('agent_id = ?', filter.agentId);
    if (filter.intent !== undefined) w.add('intent = ?', filter.intent);
    if (filter.outcome !== undefined) w.add('outcome_label = ?', filter.outcome);
    if (filter.sourceFile !== undefined) w.add('source_file = ?', filter.sourceFile);
    if (filter.since !== undefined) w.add('started_at >= ?', filter.since);
    if (filter.until !== undefined) w.add('started_at < ?', filter.until);
    if (filter.fingerprint !== undefined) w.add('call_id IN (SELECT call_id FROM call_fingerprints WHERE fingerprint = ?)', filter.fingerprint);
    return { sql: w.sql(), params: w.params };
  }

  private listSql(filter: CallFilter): { sql: string; params: SqlValue[] } {
    const { sql, params } = this.where(filter);
    return { sql: `SELECT ${CALL_COLUMNS} FROM calls ${sql} ORDER BY started_at, call_id LIMIT ? OFFSET ?`, params: [...params, filter.limit ?? -1, filter.offset ?? 0] };
  }

  /** SQLite's plan for `list(filter)`: which index answers it. */
  queryPlan(filter: CallFilter = {}): string[] {
    const { sql, params } = this.listSql(filter);
    return this.sql.rows(`EXPLAIN QUERY PLAN ${sql}`, params).map((r) => String(r[3]));
  }

  list(filter: CallFilter = {}): CallSummary[] {
    const { sql, params } = this.listSql(filter);
    return this.sql.rows(sql, params).flatMap((r) => {
      try {
        return [toSummary(r)];
      } catch (err) {
        this.unreadable.note(r[0] as string, err);
        return [];
      }
    });
  }

  count(filter: CallFilter = {}): number {
    const { sql, params } = this.where(filter);
    return Number(this.sql.scalar(`SELECT COUNT(*) FROM calls ${sql}`, params));
  }

  /**
   * Pages by (started_at, call_id) so each page is an index seek, not an ever-growing OFFSET scan.
   * Calls whose transcript retention deleted are skipped: there is nothing to re-read.
   * `assertOpen` runs before each page, so a store closed mid-iteration stops it.
   */
  async *iterate(filter: CallFilter, assertOpen: () => void): AsyncIterable<Conversation> {
    const { sql, params } = this.where(filter);
    const base = `${sql ? `${sql} AND` : 'WHERE'} ${HAS_TRANSCRIPT}`;
    let remaining = filter.limit ?? Infinity;
    let offset = filter.offset ?? 0;
    let cursor: [number, string] | undefined;
    while (remaining > 0) {
      assertOpen();
      const page = Math.min(PAGE_SIZE, remaining);
      const keyset = cursor ? 'AND (started_at > ? OR (started_at = ? AND call_id > ?))' : '';
      const rows = this.sql.rows(
        `SELECT ${CONVERSATION_COLUMNS} FROM calls ${base} ${keyset}
         ORDER BY started_at, call_id LIMIT ? OFFSET ?`,
        [...params, ...(cursor ? [cursor[0], cursor[0], cursor[1]] : []), page, offset],
      );
      offset = 0;
      if (rows.length === 0) return;
      const last = rows[rows.length - 1]!;
      cursor = [Number(last[2]), last[0] as string];
      await this.loadArchivesOfRows(rows, 6, 7);
      const pageConvs: Conversation[] = [];
      for (const row of rows) {
        try {
          pageConvs.push(this.toConversation(row));
        } catch (err) {
          this.unreadable.note(row[0] as string, err);
        }
      }
      this.archives?.trim();
      for (const conv of pageConvs) {
        remaining--;
        yield conv;
      }
      if (rows.length < page) return;
    }
  }

  /** Every call row with its transcript, in start-time order (for bundles). */
  async *allRows(): AsyncIterable<CallRow> {
    // In start-time order, as archives are cut: a page touches one or two archives, not all of them.
    let cursor: [number, string] = [-Infinity, ''];
    for (;;) {
      const rows = this.sql.rows(
        `SELECT call_id, agent_id, started_at, ended_at, source_json, outcome_json, turn_count, event_count, error_count, imported_at, transcript_purged_at, events, archive_id
         FROM calls WHERE started_at > ? OR (started_at = ? AND call_id > ?) ORDER BY started_at, call_id LIMIT ${PAGE_SIZE}`,
        [cursor[0], cursor[0], cursor[1]],
      );
      await this.loadArchivesOfRows(rows, 11, 12);
      const page: CallRow[] = [];
      for (const r of rows) {
        const row: CallRow = {
          callId: r[0] as string,
          agentId: r[1] as string,
          startedAt: Number(r[2]),
          turnCount: Number(r[6]),
          eventCount: Number(r[7]),
          errorCount: Number(r[8]),
          importedAt: Number(r[9]),
        };
        if (r[3] !== null) row.endedAt = Number(r[3]);
        try {
          if (r[4] !== null) row.source = jsonObjectColumn<CallSource>('source_json', r[4]);
          if (r[5] !== null) row.outcome = jsonObjectColumn<CallOutcome>('outcome_json', r[5]);
          if (r[10] !== null) row.transcriptPurgedAt = Number(r[10]);
          const blob = this.blobOf(row.callId, r[11]!, r[12]!);
          if (blob !== undefined) row.events = decodeColumn('events', () => checkEvents(row.callId, unpackJson<unknown>(blob, this.codec)));
        } catch (err) {
          // A damaged row is left out of the bundle and reported, not exported as garbage.
          this.unreadable.note(row.callId, err);
          continue;
        }
        page.push(row);
      }
      this.archives?.trim();
      yield* page;
      if (rows.length < PAGE_SIZE) return;
      const last = rows[rows.length - 1]!;
      cursor = [Number(last[2]), last[0] as string];
    }
  }

  /** Inserts a bundle's call row as it is (the call must be new). */
  insertRow(c: CallRow): void {
    // With a transcript at hand the counts come from it, not from what the bundle claims.
    const events = c.events ? uniqueEvents(c.events) : undefined;
    const counts = events ? { ...digest(events), events: events.length } : { turns: c.turnCount, errors: c.errorCount, events: c.eventCount };
    this.sql.run(
      `INSERT INTO calls (call_id, agent_id, started_at, ended_at, source_file, source_json, outcome_json, turn_count, event_count, error_count, events, transcript_purged_at, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        c.callId,
        c.agentId,
        c.startedAt,
        nul(c.endedAt),
        nul(c.source?.file),
        c.source ? JSON.stringify(c.source) : null,
        c.outcome ? JSON.stringify(c.outcome) : null,
        counts.turns,
        counts.events,
        counts.errors,
        events ? packJson(events, this.codec) : null,
        nul(c.transcriptPurgedAt),
        c.importedAt,
      ],
    );
  }
}

function toSummary(r: SqlValue[]): CallSummary {
  const summary: CallSummary = {
    callId: r[0] as string,
    agentId: r[1] as string,
    startedAt: Number(r[2]),
    turnCount: Number(r[6]),
    eventCount: Number(r[7]),
    errorCount: Number(r[8]),
    hasTranscript: r[11] === 1,
  };
  const endedAt = opt(r[3], Number);
  if (endedAt !== undefined) summary.endedAt = endedAt;
  if (r[4] !== null) summary.source = jsonObjectColumn<CallSource>('source_json', r[4]);
  if (r[5] !== null) summary.outcome = jsonObjectColumn<CallOutcome>('outcome_json', r[5]);
  if (r[9] !== null) summary.intent = r[9] as string;
  if (r[10] !== null) summary.outcomeLabel = r[10] as OutcomeLabel;
  return summary;
}
