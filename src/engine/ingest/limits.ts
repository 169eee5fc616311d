export { jsonDepthExceeds } from '../model';

/**
 * How big and how deep one record may be. A record over a limit is rejected with its line and the limit;
 * the other records of the file are still imported, and the reader never holds more than the limit of it.
 * The defaults are far above any real call (a 3-hour transcript with tool payloads is a few MB); they
 * exist so that one hostile or broken record cannot take the process's memory or stack.
 */
export interface IngestLimits {
  /** Characters in one record (a JSONL line, an array element, a document, a USS dialogue line). */
  maxRecordChars: number;
  /** Nesting of arrays and objects in one record (deeper JSON makes recursive code overflow the stack). */
  maxDepth: number;
}

export const MAX_RECORD_CHARS = 64 * 1024 * 1024;
export const MAX_JSON_DEPTH = 256;

export const DEFAULT_INGEST_LIMITS: IngestLimits = { maxRecordChars: MAX_RECORD_CHARS, maxDepth: MAX_JSON_DEPTH };

/**
 * Limits may only be raised: a caller (the CLI's `--max-record-mb`) asking for less than the default gets
 * the default, so no option makes a file that imports today fail tomorrow.
 */
export function resolveLimits(overrides: Partial<IngestLimits> = {}): IngestLimits {
  return {
    maxRecordChars: Math.max(MAX_RECORD_CHARS, overrides.maxRecordChars ?? 0),
    maxDepth: Math.max(MAX_JSON_DEPTH, overrides.maxDepth ?? 0),
  };
}

export function describeChars(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / (1024 * 1024)).toFixed(chars % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${Math.ceil(chars / 1024)} kB`;
}

export function tooLongReason(chars: number, limits: IngestLimits): string {
  return (
    `the record is over the limit of ${describeChars(limits.maxRecordChars)} (at least ${describeChars(chars)}); it was skipped without being read whole. ` +
    'Split it, or raise the limit with --max-record-mb if it really is one call'
  );
}

export function tooDeepReason(limits: IngestLimits): string {
  return `the record nests arrays/objects more than ${limits.maxDepth} deep (the limit); it was skipped. Flatten the field (e.g. pass tool arguments as a JSON string)`;
}
