import { z } from 'zod';
import type { ConversationEvent, IngestFormat } from '../model';

/** One record the importer could not take, with where it is and how to fix it. */
export const RejectionSchema = z.object({
  file: z.string(),
  /** 1-based line where the record starts (line-oriented files and JSON arrays both have one). */
  line: z.number().int().positive().optional(),
  /** 0-based position of the record in its container (array element, JSONL line, USS dialogue). */
  record: z.number().int().nonnegative().optional(),
  /** Path of the offending field, e.g. `traj[3].role`; `(record)` when the record as a whole is wrong. */
  field: z.string(),
  reason: z.string(),
});
export type Rejection = z.output<typeof RejectionSchema>;

/** A record read from a file, before any format knows what it means. */
export interface SourceRecord {
  /** Parsed JSON, or for USS text the dialogue's lines. */
  value: unknown;
  /** 0-based position in the container. */
  index: number;
  /** 1-based line where it starts. */
  line: number;
  /**
   * The record's identity: a hash of its whole content (canonical JSON, or the dialogue's lines), with
   * `-2`, `-3`… for a repeat inside the same file. Synthetic call ids are built from it, so two files that
   * share a first record no longer give different calls the same id, and re-reading a file gives the same ids.
   * Empty for formats whose calls carry their own ids (Kaizen JSONL, Vapi, Retell).
   */
  key: string;
}

/** What an adapter knows about the file it reads. All of it is deterministic for a given file. */
export interface AdapterContext {
  /** The name recorded in `call.started.source.file`. */
  file: string;
  format: IngestFormat;
  /** A short content fingerprint of the file (hash of its first record). Not an id: use `record.key`. */
  fileKey: string;
  /** Short hex hash of text (for ids of calls spanning several records, e.g. a Realtime session). */
  hash(text: string): string;
  /** The agent id to use when the source names none. */
  agentId: string;
  /** Base of the synthetic clock (ms) used when the source has no timestamps. */
  baseTs: number;
}

export type AdapterOutput =
  | { kind: 'call'; events: ConversationEvent[] }
  | { kind: 'reject'; rejection: Rejection }
  /** A record that is valid but carries no call (e.g. a Vapi `status-update`). */
  | { kind: 'skip'; record: number; reason: string }
  /** Events dropped inside the file because their eventId was already seen. */
  | { kind: 'duplicate'; count: number };

/** Turns source records into calls. Stateful adapters (interleaved events, sessions) emit at `end`. */
export interface FormatAdapter {
  push(record: SourceRecord): AdapterOutput[];
  end(): AdapterOutput[];
}

export interface FormatDefinition {
  format: IngestFormat;
  /** Whether a parsed first record looks like this format. */
  sniff(value: unknown): boolean;
  create(ctx: AdapterContext): FormatAdapter;
}

export type { ConversationEvent, IngestFormat };
