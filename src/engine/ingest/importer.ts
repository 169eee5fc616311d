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

export const ImportReportSchema = z.object({
  file: z.string(),
  format: IngestFormatSchema.optional(),
  bytes: z.number().int().nonnegative(),
  /** Records read from the file (lines, array elements, dialogues), good or bad. */
  records: z.number().int().nonnegative(),
  /** Calls read and validated (inserted + merged + unchanged). */
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
  });

  let batch: Conversation[] = [];
  const redactBatch = options.redactBatch;
  const inFlight: Array<Promise<Conversation[]>> = [];
  const maxInFlight = Math.max(1, options.parallelBatches ?? 4);
  /** Hands the batch read so far on: to the store now, or to the pool (stored in order as it comes back). */
  const flush = async () => {
    if (redactBatch) {
      if (batch.length > 0) {
        const sent = redactBatch(batch);
        sent.catch(() => undefined); // awaited below, in order; no unhandled rejection meanwhile
        inFlight.push(sent);
      }
      batch = [];
      while (inFlight.length >= maxInFlight) await store1(await inFlight.shift()!);
      return;
    }
    await store1(batch);
    batch = [];
  };
  const drain = async () => {
    await flush();
    while (inFlight.length > 0) await store1(await inFlight.shift()!);
  };
  const store1 = async (batch: Conversation[]) => {
    if (batch.length === 0) return;
    const add = (result: PutConversationsResult) => {
      report.callsInserted += result.callsInserted;
      report.callsMerged += result.callsMerged;
      report.callsUnchanged += result.callsUnchanged;
      report.eventsInserted += result.eventsInserted;
      report.duplicates += result.eventsDuplicate;
    };
    try {
      const result = await store.putConversations(batch);
      add(result);
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
          add(result);
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
      count(report, item.events);
      const conversation = assembleConversation(item.events);
      batch.push(redactBatch ? conversation : redactor.redactConversation(conversation));
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
