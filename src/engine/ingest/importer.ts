import { z } from 'zod';
import type { Conversation, IngestFormat } from '../model';
import { IngestFormatSchema, assembleConversation } from '../model';
import type { EnginePorts } from '../ports';
import type { Redactor } from '../privacy/types';
import type { LearningStore, PutConversationsResult } from '../store/learningStore';
import type { ParseOptions } from './parse';
import { SourceReader } from './parse';
import type { ConversationEvent, Rejection } from './types';
import { RejectionSchema } from './types';
import { PrivacyViolationError } from '../privacy/compliance';
import { redactIntoStoredCall } from '../privacy/callParts';

/** A call this import would have changed: reported, never applied (see store/callMerge.ts). */
export const ImportConflictSchema = z.object({
  file: z.string(),
  callId: z.string(),
  eventId: z.string(),
  /** Where the stored and the incoming versions first differ. */
  field: z.string(),
  reason: z.string(),
});
export type ImportConflict = z.output<typeof ImportConflictSchema>;

export const ImportReportSchema = z.object({
  file: z.string(),
  format: IngestFormatSchema.optional(),
  bytes: z.number().int().nonnegative(),
  /** Records read from the file (lines, array elements, dialogues), good or bad. */
  records: z.number().int().nonnegative(),
  /**
   * Calls durably stored: past the privacy gate and saved (inserted + merged + unchanged). A call the
   * gate refused is a rejection; a call in conflict with a stored one is a conflict; a failed save leaves 0.
   */
  calls: z.number().int().nonnegative(),
  callsInserted: z.number().int().nonnegative(),
  /** Calls that already existed and gained events. */
  callsMerged: z.number().int().nonnegative(),
  /** Calls that already existed whole (a re-import). */
  callsUnchanged: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  eventsInserted: z.number().int().nonnegative(),
  /** Events not stored because their eventId was seen before (in this file or already in the store). */
  duplicates: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  toolCalls: z.number().int().nonnegative(),
  toolErrors: z.number().int().nonnegative(),
  /** Calls handed to a human (outcome.transferred). */
  transfers: z.number().int().nonnegative(),
  /** Valid records that carry no call (e.g. a Vapi `status-update`). */
  skipped: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** The first `maxRejections` rejections (all are counted in `rejected`). */
  rejections: z.array(RejectionSchema),
  /** With `analyzeBatch`: calls stored but not analyzed during the import (merges, re-imports). */
  callsNotAnalyzed: z.number().int().nonnegative().optional(),
  /** Calls whose stored version differs from this file's (same id, different content): left as stored. */
  conflicted: z.number().int().nonnegative(),
  conflicts: z.array(ImportConflictSchema),
  /** Why the store could not be saved (then nothing of this import counts as stored). */
  saveError: z.string().optional(),
  /** Stopped by the signal: batches committed before it stay in the store; the rest of the file was not read. */
  cancelled: z.boolean(),
  durationMs: z.number().nonnegative(),
});
export type ImportReport = z.output<typeof ImportReportSchema>;

export interface ImportProgress {
  file: string;
  bytesRead: number;
  bytesTotal: number;
  calls: number;
  rejected: number;
}

export interface ImportOptions extends Omit<ParseOptions, 'fs' | 'hashing' | 'onBytes'> {
  ports: EnginePorts;
  store: LearningStore;
  /** Runs on every conversation before it reaches the store: raw text is never stored. */
  redactor: Redactor;
  /** Calls per store transaction (default 500). */
  batchSize?: number;
  /** Rejections kept in the report (default 1000); all are counted. */
  maxRejections?: number;
  onProgress?: (progress: ImportProgress) => void;
  format?: IngestFormat;
  /**
   * Called with each batch of new calls once the store holds them (redacted, still in memory), e.g.
   * the analysis's `createImportAnalysis().analyzeBatch`, so nothing is read back to be analyzed. A
   * batch that merged into or repeated stored calls is not passed (its calls need the whole stored
   * transcript: `kaizen analyze` does them); `report.callsNotAnalyzed` counts them.
   */
  analyzeBatch?: (store: LearningStore, calls: readonly Conversation[]) => Promise<void>;
  /**
   * Redacts whole batches elsewhere (a Node host passes a worker-thread pool: `createRedactionPool`),
   * instead of `redactor.redactConversation` on this thread. Up to `parallelBatches` batches are in
   * flight while this thread reads the next ones; they reach the store in file order, one writer.
   */
  redactBatch?: (calls: Conversation[]) => Promise<Conversation[]>;
  /** Batches in flight with `redactBatch` (default 4). */
  parallelBatches?: number;
}

/**
 * Imports one file: stream → adapt → validate → assemble per call → redact → store in batches.
 * A bad record is reported and skipped; the rest of the file is still imported. A file in no known
 * format throws `IngestFormatError` before anything is stored. Cancelling via `signal` stops reading;
 * batches already written stay (the store dedupes, so running the import again completes it).
 */
export async function importFile(path: string, options: ImportOptions): Promise<ImportReport> {
  const { ports, store, redactor, signal } = options;
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const maxRejections = options.maxRejections ?? 1000;
  const started = ports.clock.now();
  const bytesTotal = (await ports.fs.stat(path))?.size ?? 0;
  const file = options.sourceName ?? path;
  const report: ImportReport = {
    file,
    bytes: 0,
    records: 0,
    calls: 0,
    callsInserted: 0,
    callsMerged: 0,
    callsUnchanged: 0,
    events: 0,
    eventsInserted: 0,
    duplicates: 0,
    turns: 0,
    toolCalls: 0,
    toolErrors: 0,
    transfers: 0,
    skipped: 0,
    rejected: 0,
    rejections: [],
    conflicted: 0,
    conflicts: [],
    cancelled: false,
    durationMs: 0,
  };
  const progress = (bytesRead: number) =>
    options.onProgress?.({ file, bytesRead, bytesTotal, calls: report.calls, rejected: report.rejected });
  const reader = new SourceReader(path, {
    fs: ports.fs,
    hashing: ports.hashing,
    format: options.format,
    sourceName: options.sourceName,
    agentId: options.agentId,
    baseTs: options.baseTs,
    signal,
    onBytes: progress,
    limits: options.limits,
  });

  /** Calls read and not yet stored: each raw (kept for a merge, see `inContextOfStored`) and redacted (or raw until the pool redacts it). */
  let batch: Conversation[] = [];
  let raws: Conversation[] = [];
  const stored = (conversations: readonly Conversation[], result: PutConversationsResult) => {
    const conflicted = new Set<string>();
    for (const c of result.conflicts ?? []) {
      conflicted.add(c.callId);
      report.conflicted++;
      if (report.conflicts.length < maxRejections) report.conflicts.push({ file, ...c });
    }
    report.callsInserted += result.callsInserted;
    report.callsMerged += result.callsMerged;
    report.callsUnchanged += result.callsUnchanged;
    report.eventsInserted += result.eventsInserted;
    report.duplicates += result.eventsDuplicate;
    for (const conversation of conversations) if (!conflicted.has(conversation.callId)) count(report, conversation.events);
  };
  const redactBatch = options.redactBatch;
  const inFlight: Array<Promise<{ raws: Conversation[]; redacted: Conversation[] }>> = [];
  const maxInFlight = Math.max(1, options.parallelBatches ?? 4);
  /** Hands the batch read so far on: to the store now, or to the pool (stored in order as it comes back). */
  const flush = async () => {
    if (redactBatch) {
      if (batch.length > 0) {
        const sentRaws = raws;
        const sent = redactBatch(batch).then((redacted) => ({ raws: sentRaws, redacted }));
        sent.catch(() => undefined); // awaited below, in order; no unhandled rejection meanwhile
        inFlight.push(sent);
      }
      batch = [];
      raws = [];
      while (inFlight.length >= maxInFlight) {
        const done = await inFlight.shift()!;
        await storeInParts(done.redacted, done.raws);
      }
      return;
    }
    await storeInParts(batch, raws);
    batch = [];
    raws = [];
  };
  const drain = async () => {
    await flush();
    while (inFlight.length > 0) {
      const done = await inFlight.shift()!;
      await storeInParts(done.redacted, done.raws);
    }
  };
  /**
   * A call already stored (an earlier file, or earlier in this one: Retell's `call_ended`, then its
   * `call_analyzed`) is redacted again in the context of the stored call, as the live path does, so a
   * name the later part teaches is redacted in the stored events too. A batch is cut before a call it
   * already holds, so the repeat finds the first part stored.
   */
  const storeInParts = async (batch: Conversation[], raws: Conversation[]) => {
    for (let start = 0; start < batch.length; ) {
      const ids = new Set<string>();
      let end = start;
      for (; end < batch.length && !ids.has(batch[end]!.callId); end++) ids.add(batch[end]!.callId);
      const part = batch.slice(start, end);
      const held = await store.storedCallIds([...ids]);
      if (held.size > 0) for (let i = 0; i < part.length; i++) if (held.has(part[i]!.callId)) part[i] = await inContextOfStored(part[i]!, raws[start + i]!);
      await store1(part);
      start = end;
    }
  };
  const inContextOfStored = async (conversation: Conversation, raw: Conversation): Promise<Conversation> => {
    let previous: Conversation | undefined;
    try {
      previous = await store.getConversation(conversation.callId);
      return previous === undefined ? conversation : redactIntoStoredCall(redactor, previous, raw, conversation);
    } catch (err) {
      // An unreadable stored row (the merge reports it) or a call too deep to redact again: the call as redacted alone.
      if (previous === undefined || err instanceof RangeError) return conversation;
      throw err;
    }
  };
  const store1 = async (batch: Conversation[]) => {
    if (batch.length === 0) return;
    try {
      const result = await store.putConversations(batch);
      stored(batch, result);
      if (options.analyzeBatch) {
        if (result.callsInserted === batch.length) await options.analyzeBatch(store, batch);
        else report.callsNotAnalyzed = (report.callsNotAnalyzed ?? 0) + batch.length;
      }
    } catch (err) {
      if (!(err instanceof PrivacyViolationError)) throw err;
      // A compliance store refused the batch (nothing of it was stored): store the calls one by one,
      // and a call that still holds PII becomes a rejection naming its fields, not the end of the import.
      for (const conversation of batch) {
        try {
          const result = await store.putConversations([conversation]);
          stored([conversation], result);
          if (options.analyzeBatch) {
            if (result.callsInserted === 1) await options.analyzeBatch(store, [conversation]);
            else report.callsNotAnalyzed = (report.callsNotAnalyzed ?? 0) + 1;
          }
        } catch (one) {
          if (!(one instanceof PrivacyViolationError)) throw one;
          reject({ file, field: one.findings.map((f) => `${f.field} (${f.entityType})`).join(', '), reason: one.message });
        }
      }
    }
  };
  const reject = (r: Rejection) => {
    report.rejected++;
    if (report.rejections.length < maxRejections) report.rejections.push(r);
  };

  try {
    for await (const item of reader.items()) {
      if (item.kind === 'reject') {
        reject(item.rejection);
        continue;
      }
      let assembled: Conversation;
      let conversation: Conversation;
      try {
        assembled = assembleConversation(item.events);
        // With a pool, redaction happens in the workers (a call they cannot redact fails its batch).
        conversation = redactBatch ? assembled : redactor.redactConversation(assembled);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        const first = item.events[0]!;
        reject({ file, field: '(call)', reason: `call ${first.callId} could not be redacted (${err.message}); it was skipped` });
        continue;
      }
      batch.push(conversation);
      raws.push(assembled);
      if (batch.length >= batchSize) {
        if (signal?.aborted) throw signal.reason;
        await flush();
        progress(reader.stats.bytes);
      }
    }
    if (signal?.aborted) throw signal.reason;
    await drain();
  } catch (err) {
    if (!signal?.aborted) throw err;
    report.cancelled = true;
  } finally {
    await saveOrReport(store, report);
    report.format = reader.format;
    report.bytes = reader.stats.bytes;
    report.records = reader.stats.records;
    report.skipped = reader.stats.skipped;
    report.duplicates += reader.stats.duplicateEvents;
    report.durationMs = Math.max(0, ports.clock.now() - started);
  }
  progress(report.bytes);
  return report;
}

/**
 * Counts are of what is durably stored: the import ends with a save, and when it fails nothing this
 * import added counts (the calls stay in memory only; the error is in the report and the caller fails).
 */
async function saveOrReport(store: LearningStore, report: ImportReport): Promise<void> {
  try {
    await store.save();
  } catch (err) {
    report.saveError = err instanceof Error ? err.message : String(err);
    report.calls = report.callsUnchanged;
    report.callsInserted = 0;
    report.callsMerged = 0;
    report.eventsInserted = 0;
  }
}

function count(report: ImportReport, events: readonly ConversationEvent[]): void {
  report.calls++;
  report.events += events.length;
  let transferred = false;
  for (const e of events) {
    if (e.type === 'turn') report.turns++;
    else if (e.type === 'tool.called') report.toolCalls++;
    else if (e.type === 'tool.result' && !e.ok) report.toolErrors++;
    else if (e.type === 'call.ended' && e.outcome.transferred) transferred = true;
  }
  if (transferred) report.transfers++;
}
