import type { IngestFormat } from '../model';
import { sliceJson } from './jsonStream';
import type { TextLine } from './lines';
import { decodeUtf8, splitLineBatches, splitLines } from './lines';
import type { Rejection, SourceRecord } from './types';
import type { IngestLimits } from './limits';
import { DEFAULT_INGEST_LIMITS, jsonDepthExceeds, tooDeepReason, tooLongReason } from './limits';

/**
 * How records sit in a file:
 * - `jsonl`: one JSON value per line (Kaizen events, Realtime events, webhook logs, USS jsonl);
 * - `json-array`: one JSON array, one record per element (τ-bench);
 * - `json-values`: one JSON document, or several one after another, possibly pretty-printed (a saved webhook body);
 * - `uss-text`: tab-separated USS dialogues separated by blank lines.
 */
export type Container = 'jsonl' | 'json-array' | 'json-values' | 'uss-text';

/** A record as read, before the reader gives it its identity (`key`). */
export type RawRecord = Omit<SourceRecord, 'key'>;

export type RecordItem = { kind: 'record'; record: RawRecord; raw: string } | { kind: 'reject'; rejection: Omit<Rejection, 'file'> };

const USS_LINE = /^(USER|SYSTEM)\t/i;

/** Chooses the container from the first bytes of the file (already decoded). */
export function sniffContainer(head: string, format?: IngestFormat): Container | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const first = text[0];
  if (first === '[') return 'json-array';
  if (first === '{') {
    const lines = text.split('\n', 3).map((l) => l.trim());
    if (parses(lines[0]!)) return 'jsonl';
    // A broken first line followed by a well-formed one is still JSONL (the first line is rejected).
    if (lines.length > 1 && lines[1] && lines[1].startsWith('{') && parses(lines[1])) return 'jsonl';
    return 'json-values';
  }
  if (USS_LINE.test(text) || (format === 'uss' && text.length > 0)) return 'uss-text';
  return undefined;
}

function parses(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function notJson(err: unknown, where: string): string {
  const msg = err instanceof Error ? err.message : String(err);
  return `not valid JSON (${msg}); ${where}`;
}

/**
 * Reads records from decoded text chunks. JSON that does not parse, a record over the size limit and
 * one nested deeper than the depth limit each become a rejection naming the line and the limit, not a failure.
 */
export async function* readRecords(chunks: AsyncIterable<Uint8Array>, container: Container, limits: IngestLimits = DEFAULT_INGEST_LIMITS): AsyncGenerator<RecordItem> {
  for await (const batch of readRecordBatches(chunks, container, limits)) yield* batch;
}

/**
 * `readRecords` in arrays: a JSONL file one array per chunk read (the lines it completes), other
 * containers one record per array. Same records, same order, far fewer async steps per record.
 */
export async function* readRecordBatches(chunks: AsyncIterable<Uint8Array>, container: Container, limits: IngestLimits = DEFAULT_INGEST_LIMITS): AsyncGenerator<RecordItem[]> {
  const texts = decodeUtf8(chunks);
  if (container === 'jsonl') {
    let index = 0;
    for await (const lines of splitLineBatches(texts, limits.maxRecordChars)) {
      const items: RecordItem[] = [];
      for (const l of lines) {
        if (l.tooLong === undefined && l.text.trim() === '') continue;
        const record = index++;
        items.push(parseJson(l.text, { line: l.line, record, tooLong: l.tooLong }, limits, 'each line must be one complete JSON object'));
      }
      if (items.length > 0) yield items;
    }
    return;
  }
  if (container === 'uss-text') {
    let index = 0;
    let group: TextLine[] = [];
    let tooLong: TextLine | undefined;
    const close = (): RecordItem => {
      const record = index++;
      const item: RecordItem = tooLong
        ? { kind: 'reject', rejection: { line: tooLong.line, record, field: '(record)', reason: tooLongReason(tooLong.tooLong!, limits) } }
        : ussRecord(group, record);
      group = [];
      tooLong = undefined;
      return item;
    };
    for await (const l of splitLines(texts, limits.maxRecordChars)) {
      if (l.tooLong === undefined && l.text.trim() === '') {
        if (group.length || tooLong) yield [close()];
      } else {
        if (l.tooLong !== undefined) tooLong ??= l;
        group.push(l);
      }
    }
    if (group.length || tooLong) yield [close()];
    return;
  }
  const slices = sliceJson(texts, container === 'json-array' ? 'array' : 'values', {
    maxChars: limits.maxRecordChars,
    tooLong: (chars) => tooLongReason(chars, limits),
  });
  for await (const s of slices) {
    if (s.kind === 'error') {
      yield [{ kind: 'reject', rejection: { line: s.line, ...(s.index !== undefined ? { record: s.index } : {}), field: s.index !== undefined ? '(record)' : '(file)', reason: s.reason } }];
      continue;
    }
    yield [parseJson(s.text, { line: s.line, record: s.index }, limits, 'fix the element that starts on this line')];
  }
}

function parseJson(text: string, at: { line: number; record: number; tooLong?: number }, limits: IngestLimits, fix: string): RecordItem {
  const where = { line: at.line, record: at.record, field: '(record)' };
  if (at.tooLong !== undefined) return { kind: 'reject', rejection: { ...where, reason: tooLongReason(at.tooLong, limits) } };
  // Nesting deeper than the limit needs more brackets than that, so a shorter text need not be scanned.
  if (text.length > limits.maxDepth && jsonDepthExceeds(text, limits.maxDepth) !== undefined) return { kind: 'reject', rejection: { ...where, reason: tooDeepReason(limits) } };
  try {
    return { kind: 'record', record: { value: JSON.parse(text), index: at.record, line: at.line }, raw: text };
  } catch (err) {
    return { kind: 'reject', rejection: { ...where, reason: notJson(err, fix) } };
  }
}

function ussRecord(group: TextLine[], index: number): RecordItem {
  return { kind: 'record', record: { value: group, index, line: group[0]!.line }, raw: group.map((l) => l.text).join('\n') };
}
