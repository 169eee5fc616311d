/**
 * Reading a team's labelled examples: CSV (RFC 4180, header with `text` and `intent`, `category`
 * or `label`) or JSONL (`{"text", "intent"}` per line). Every bad row is reported with its line
 * and field instead of stopping at the first.
 */
import { parse } from 'csv-parse/sync';
import type { IntentExample } from './schema';

export interface ExampleProblem {
  line: number;
  field: string;
  message: string;
}

export interface ParsedExamples {
  examples: IntentExample[];
  problems: ExampleProblem[];
}

export const INTENT_COLUMNS = ['intent', 'category', 'label'] as const;

export type ExamplesFormat = 'csv' | 'jsonl';

/** `.jsonl`/`.ndjson` → jsonl, anything else → csv; a first character `{` means jsonl too. */
export function detectExamplesFormat(fileName: string, text: string): ExamplesFormat {
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return 'jsonl';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

function checkRow(text: unknown, intent: unknown, line: number, intentField: string, out: ParsedExamples): void {
  const before = out.problems.length;
  if (typeof text !== 'string' || text.trim() === '') out.problems.push({ line, field: 'text', message: 'is missing or empty' });
  if (typeof intent !== 'string' || intent.trim() === '') out.problems.push({ line, field: intentField, message: 'is missing or empty' });
  if (out.problems.length === before) out.examples.push({ text: (text as string).trim(), intent: (intent as string).trim() });
}

export function parseExamplesJsonl(text: string): ParsedExamples {
  const out: ParsedExamples = { examples: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      out.problems.push({ line, field: '(json)', message: `is not JSON: ${(err as Error).message}` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.problems.push({ line, field: '(json)', message: 'must be an object {"text", "intent"}' });
      return;
    }
    const row = value as Record<string, unknown>;
    const intentField = INTENT_COLUMNS.find((c) => c in row) ?? 'intent';
    checkRow(row.text, row[intentField], line, intentField, out);
  });
  return out;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

export function parseExamplesCsv(text: string): ParsedExamples {
  const out: ParsedExamples = { examples: [], problems: [] };
  let rows: CsvRecord[];
  try {
    rows = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as unknown as CsvRecord[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    out.problems.push({ line: e.lines ?? 0, field: '(csv)', message: e.message });
    return out;
  }
  const header = rows[0];
  if (!header) {
    out.problems.push({ line: 1, field: '(header)', message: 'the file is empty; expected a header with text and intent columns' });
    return out;
  }
  const names = header.record.map((h) => h.trim().toLowerCase());
  const textCol = names.indexOf('text');
  const intentName = INTENT_COLUMNS.find((c) => names.includes(c));
  if (textCol < 0 || !intentName) {
    out.problems.push({
      line: header.info.lines,
      field: '(header)',
      message: `needs a "text" column and an "intent" (or "category"/"label") column; found ${names.map((n) => JSON.stringify(n)).join(', ')}`,
    });
    return out;
  }
  const intentCol = names.indexOf(intentName);
  for (const { record, info } of rows.slice(1)) {
    if (record.length !== names.length) {
      out.problems.push({ line: info.lines, field: '(row)', message: `has ${record.length} fields, the header has ${names.length} (quote fields that contain commas)` });
      continue;
    }
    checkRow(record[textCol], record[intentCol], info.lines, intentName, out);
  }
  return out;
}

export function parseIntentExamples(text: string, format: ExamplesFormat): ParsedExamples {
  return format === 'jsonl' ? parseExamplesJsonl(text) : parseExamplesCsv(text);
}
