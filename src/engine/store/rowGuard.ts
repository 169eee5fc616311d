import type { ConversationEvent } from '../model';

/**
 * A stored row that cannot be read (its JSON or its compressed transcript is damaged). Readers skip
 * it and note it here, so one bad row never makes `calls`, `export` or `analyze` fail for the rest;
 * `kaizen doctor` lists them and can move them to the quarantine table.
 */
export interface UnreadableRow {
  table: 'calls';
  callId: string;
  column: string;
  reason: string;
}

export class RowDecodeError extends Error {
  constructor(
    readonly column: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'RowDecodeError';
  }
}

/** Runs `decode` on one column; any failure becomes a RowDecodeError naming the column. */
export function decodeColumn<T>(column: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof RowDecodeError) throw err;
    throw new RowDecodeError(column, err instanceof Error ? err.message : String(err));
  }
}

/** A JSON text column that must hold an object. */
export function jsonObjectColumn<T>(column: string, text: unknown): T {
  return decodeColumn(column, () => {
    const value: unknown = JSON.parse(String(text));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value as T;
  });
}

/** The decoded events of a transcript blob must be a list of events of this call. */
export function checkEvents(callId: string, events: unknown): ConversationEvent[] {
  if (!Array.isArray(events)) throw new RowDecodeError('events', 'the transcript is not a list of events');
  for (const [i, e] of events.entries()) {
    const ev = e as Partial<ConversationEvent> | null;
    if (!ev || typeof ev !== 'object' || typeof ev.eventId !== 'string' || typeof ev.type !== 'string' || ev.callId !== callId || typeof ev.ts !== 'number') {
      throw new RowDecodeError('events', `event ${i} of the transcript is damaged`);
    }
  }
  return events as ConversationEvent[];
}

/** The rows skipped since the store was opened, one per call (the first problem found). */
export class UnreadableRows {
  private readonly rows = new Map<string, UnreadableRow>();

  note(callId: string, err: unknown): void {
    if (this.rows.has(callId)) return;
    const column = err instanceof RowDecodeError ? err.column : '(row)';
    this.rows.set(callId, { table: 'calls', callId, column, reason: err instanceof Error ? err.message : String(err) });
  }

  list(): UnreadableRow[] {
    return [...this.rows.values()];
  }
}
