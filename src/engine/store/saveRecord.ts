import type { EnginePorts } from '../ports';

/**
 * What the last durable save of a store file wrote: its size and the sha-256 of its bytes, kept beside
 * it as `<store>.saved.json`. Opening a file whose bytes hash to the recorded digest skips SQLite's
 * `quick_check` (most of the cost of opening a large store): those are exactly the bytes a save
 * exported from a live database. Any other file (edited, truncated, restored, damaged on disk, a
 * missing or unreadable record, a save that died between the file and its record) gets the full check.
 * The record is a cache of a check, never a source of truth: losing it only makes the next open slower.
 */
export interface SaveRecord {
  format: typeof SAVE_RECORD_FORMAT;
  size: number;
  sha256: string;
}

const SAVE_RECORD_FORMAT = 'kaizen-store-save-record-1';

export function saveRecordPath(storePath: string): string {
  return `${storePath}.saved.json`;
}

export async function readSaveRecord(ports: EnginePorts, storePath: string): Promise<SaveRecord | undefined> {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(await ports.fs.readFile(saveRecordPath(storePath)))) as Partial<SaveRecord>;
    if (parsed.format !== SAVE_RECORD_FORMAT || typeof parsed.size !== 'number' || typeof parsed.sha256 !== 'string') return undefined;
    return parsed as SaveRecord;
  } catch {
    return undefined; // none yet, or torn by a crash: the next open runs the full check
  }
}

/** Whether `bytes` are the file the last save recorded (same size, same digest). */
export function matchesSaveRecord(record: SaveRecord | undefined, bytes: Uint8Array, digest: string): boolean {
  return record !== undefined && record.size === bytes.length && record.sha256 === digest;
}

/**
 * Records `digest` as the store file's content. Written only after the file itself is durable, so a
 * crash in between leaves the previous record, which no longer matches: the next open checks in full.
 */
export async function writeSaveRecord(ports: EnginePorts, storePath: string, size: number, digest: string): Promise<void> {
  const record: SaveRecord = { format: SAVE_RECORD_FORMAT, size, sha256: digest };
  await ports.fs.writeFileAtomic(saveRecordPath(storePath), new TextEncoder().encode(`${JSON.stringify(record)}\n`));
}
