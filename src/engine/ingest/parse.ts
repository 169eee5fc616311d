import type { IngestFormat } from '../model';
import { IngestFormatSchema } from '../model';
import type { FileSystem, Hashing } from '../ports';
import { FORMATS, formatDefinition, sniffFormat } from './adapters';
import type { Container, RawRecord, RecordItem } from './records';
import type { TextLine } from './lines';
import { canonicalJson } from '../store/codec';
import type { IngestLimits } from './limits';
import { resolveLimits } from './limits';
import { readRecordBatches, sniffContainer } from './records';
import type { AdapterContext, ConversationEvent, FormatAdapter, Rejection } from './types';

/** A file that matches none of the formats (or is empty). */
export class IngestFormatError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'IngestFormatError';
  }
}

export interface ParseOptions {
  fs: FileSystem;
  hashing: Hashing;
  /** Skip detection. */
  format?: IngestFormat;
  /** Recorded as `source.file` and in rejections; defaults to the path. */
  sourceName?: string;
  /** Agent id for calls whose source names none (default `default`). */
  agentId?: string;
  /** Base of the synthetic clock; default: the file's modification time (whole seconds). */
  baseTs?: number;
  signal?: AbortSignal;
  /** Called as bytes are read (cumulative). */
  onBytes?: (bytesRead: number) => void;
  /** Per-record limits; only raising them has an effect (see limits.ts). */
  limits?: Partial<IngestLimits>;
}

export type ParsedItem = { kind: 'call'; events: ConversationEvent[] } | { kind: 'reject'; rejection: Rejection };

export interface ParseStats {
  bytes: number;
  records: number;
  skipped: number;
  /** Events dropped inside the file because their eventId repeated. */
  duplicateEvents: number;
}

/** How many records may fail to sniff before a file is declared to be in no known format. */
const SNIFF_RECORDS = 10;
const HEAD_BYTES = 64 * 1024;
/** Formats whose synthetic call ids are built from `SourceRecord.key`. */
const CONTENT_ID_FORMATS: ReadonlySet<IngestFormat> = new Set(['openai-messages', 'uss', 'openai-realtime']);
/** Hex digits of a record's content hash in call ids (64 bits: no collision in any realistic store). */
const CALL_KEY_HEX = 16;

export const FORMAT_NAMES: readonly IngestFormat[] = IngestFormatSchema.options;

/**
 * One file, read as a stream: container sniffed from its first bytes, format from its first record
 * (or forced), records adapted into calls one at a time. Memory is bounded by the largest record
 * (and, for interleaved Kaizen JSONL or a Realtime session, by the calls still open).
 */
export class SourceReader {
  format: IngestFormat | undefined;
  container: Container | undefined;
  readonly stats: ParseStats = { bytes: 0, records: 0, skipped: 0, duplicateEvents: 0 };
  readonly file: string;
  private readonly keysSeen = new Map<string, number>();

  constructor(
    readonly path: string,
    private readonly options: ParseOptions,
  ) {
    this.file = options.sourceName ?? path;
    this.format = options.format;
  }

  async *items(): AsyncGenerator<ParsedItem> {
    const { fs, signal } = this.options;
    const stat = await fs.stat(this.path);
    if (!stat) throw new IngestFormatError(`${this.file}: no such file`, this.file);
    const baseTs = this.options.baseTs ?? Math.floor(stat.mtimeMs / 1000) * 1000;

    const iterator = fs.readChunks(this.path, { signal })[Symbol.asyncIterator]();
    try {
      yield* this.run(iterator, baseTs);
    } finally {
      // Closes the file when the consumer stops early or a format error ends the read.
      await iterator.return?.(undefined);
    }
  }

  private async *run(iterator: AsyncIterator<Uint8Array>, baseTs: number): AsyncGenerator<ParsedItem> {
    const signal = this.options.signal;
    const head: Uint8Array[] = [];
    let headBytes = 0;
    let ended = false;
    while (headBytes < HEAD_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      headBytes += next.value.byteLength;
    }
    const headText = new TextDecoder('utf-8').decode(concat(head).subarray(0, HEAD_BYTES));
    this.container = sniffContainer(headText, this.format);
    if (!this.container) {
      const shown = headText.replace(/^\uFEFF/, '').trimStart().slice(0, 60).replace(/\s+/g, ' ');
      throw new IngestFormatError(
        headText.trim() === ''
          ? `${this.file}: the file is empty`
          : `${this.file}: matches no known format (tried ${FORMAT_NAMES.join(', ')}); it starts with ${JSON.stringify(shown)}. ` +
              'Expected JSON (an array, one object per line, or one document) or USS tab-separated text; pass --format to force one.',
        this.file,
      );
    }
    if (this.container === 'uss-text') this.format ??= 'uss';

    const stats = this.stats;
    const onBytes = this.options.onBytes;
    const counted = async function* (): AsyncGenerator<Uint8Array> {
      for (const chunk of head) {
        stats.bytes += chunk.byteLength;
        onBytes?.(stats.bytes);
        yield chunk;
      }
      if (ended) return;
      for (;;) {
        if (signal?.aborted) throw signal.reason ?? new Error('aborted');
        const next = await iterator.next();
        if (next.done) return;
        stats.bytes += next.value.byteLength;
        onBytes?.(stats.bytes);
        yield next.value;
      }
    };

    let adapter: FormatAdapter | undefined;
    const pending: RecordItem[] = [];
    const hashing = this.options.hashing;
    const start = (firstRaw: string): FormatAdapter => {
      const ctx: AdapterContext = {
        file: this.file,
        format: this.format!,
        fileKey: hashing.sha256(firstRaw).slice(0, 12),
        hash: (text) => hashing.sha256(text).slice(0, CALL_KEY_HEX),
        agentId: this.options.agentId ?? 'default',
        baseTs,
      };
      return formatDefinition(this.format!).create(ctx);
    };

    for await (const items of readRecordBatches(counted(), this.container, resolveLimits(this.options.limits))) {
      for (const item of items) {
        if (item.kind === 'record' || item.rejection.record !== undefined) stats.records++;
        if (adapter) {
          yield* this.feed(adapter, item);
          continue;
        }
        pending.push(item);
        const firstRecord = pending.find((p): p is Extract<RecordItem, { kind: 'record' }> => p.kind === 'record');
        if (!this.format && item.kind === 'record') this.format = sniffFormat(item.record.value);
        if (this.format && firstRecord) {
          adapter = start(firstRecord.raw);
          for (const p of pending.splice(0)) yield* this.feed(adapter, p);
        } else if (pending.filter((p) => p.kind === 'record').length >= SNIFF_RECORDS) {
          throw this.unknownFormat(firstRecord?.record);
        }
      }
    }
    if (!adapter) {
      const firstRecord = pending.find((p): p is Extract<RecordItem, { kind: 'record' }> => p.kind === 'record');
      if (firstRecord) throw this.unknownFormat(firstRecord.record);
      // Only unreadable records (or none): report them; there is nothing to adapt.
      for (const p of pending) if (p.kind === 'reject') yield { kind: 'reject', rejection: { file: this.file, ...p.rejection } };
      return;
    }
    yield* this.translate(adapter.end());
  }

  private *feed(adapter: FormatAdapter, item: RecordItem): Generator<ParsedItem> {
    if (item.kind === 'reject') yield { kind: 'reject', rejection: { file: this.file, ...item.rejection } };
    else {
      const record = { ...item.record, key: this.keyOf(item.record, item.raw) };
      let outputs: ReturnType<FormatAdapter['push']>;
      try {
        outputs = adapter.push(record);
      } catch (err) {
        // The limits keep records shallow; should a record still overflow the stack, it alone is lost.
        if (!(err instanceof RangeError)) throw err;
        outputs = [{ kind: 'reject', rejection: { file: this.file, line: record.line, record: record.index, field: '(record)', reason: `the record could not be read (${err.message}); it was skipped` } }];
      }
      yield* this.translate(outputs);
    }
  }

  /**
   * A record's identity: the hash of its whole content (so a call's id never depends on another
   * record, e.g. the file's first), plus `-n` for its n-th repeat in this file (a repeated run stays a call).
   */
  private keyOf(record: RawRecord, raw: string): string {
    // Formats whose calls carry platform ids (or their own, Kaizen JSONL) do not use the key: not computed.
    if (!CONTENT_ID_FORMATS.has(this.format!)) return '';
    // A Realtime session is named by the keys of all its events: the raw line is enough, and no repeat count.
    if (this.format === 'openai-realtime') return this.options.hashing.sha256(raw).slice(0, CALL_KEY_HEX);
    const content = Array.isArray(record.value) && this.container === 'uss-text' ? (record.value as TextLine[]).map((l) => l.text).join('\n') : canonicalJson(record.value);
    const key = this.options.hashing.sha256(content).slice(0, CALL_KEY_HEX);
    const seen = this.keysSeen.get(key) ?? 0;
    this.keysSeen.set(key, seen + 1);
    return seen === 0 ? key : `${key}-${seen + 1}`;
  }

  private *translate(outputs: ReturnType<FormatAdapter['push']>): Generator<ParsedItem> {
    for (const o of outputs) {
      if (o.kind === 'call') yield o;
      else if (o.kind === 'reject') yield o;
      else if (o.kind === 'skip') this.stats.skipped++;
      else this.stats.duplicateEvents += o.count;
    }
  }

  private unknownFormat(first: RawRecord | undefined): IngestFormatError {
    const keys = first && first.value && typeof first.value === 'object' && !Array.isArray(first.value) ? Object.keys(first.value).slice(0, 8) : [];
    return new IngestFormatError(
      `${this.file}: the records match no known format (tried ${FORMATS.map((f) => f.format).join(', ')})` +
        (keys.length ? `; the first record has keys ${keys.join(', ')}` : '') +
        '. Pass --format to force one, or convert the file to Kaizen JSONL (one ConversationEvent per line).',
      this.file,
    );
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
