import type { Database, SqlJsStatic } from 'sql.js';
import { StoreFileError } from './learningStore';
import { APPLICATION_ID, CURRENT_SCHEMA_VERSION, STORE_FORMAT, readUserVersion } from './schema';

const SQLITE_HEADER = 'SQLite format 3\u0000';
const LEAVE_IT = 'Kaizen left the file untouched.';

function describeBytes(bytes: Uint8Array): string {
  const head = [...bytes.subarray(0, 16)].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
  return `${bytes.length} bytes starting "${head}"`;
}

/**
 * Opens the bytes of a store file, or explains precisely why it will not: the caller never writes
 * over a file this rejects. `integrityCheck: false` skips only SQLite's page-by-page `quick_check`, for
 * bytes the caller has proven to be the ones the last save wrote (`saveRecord.ts`); the header, marker
 * and schema-version checks always run.
 */
export function openStoreBytes(SQL: SqlJsStatic, bytes: Uint8Array, path: string, options: { integrityCheck: boolean } = { integrityCheck: true }): Database {
  const fix = `Move it away or choose another store path (--store).`;
  if (bytes.length === 0) {
    throw new StoreFileError(`${path} is an empty file, not a Kaizen learning store. ${LEAVE_IT} ${fix}`, path, 'corrupt');
  }
  const header = String.fromCharCode(...bytes.subarray(0, 16));
  if (header !== SQLITE_HEADER) {
    throw new StoreFileError(
      `${path} is not a SQLite database (${describeBytes(bytes)}), so it is not a Kaizen learning store. ${LEAVE_IT} ${fix}`,
      path,
      'foreign',
    );
  }
  // Bytes 18–19 are SQLite's file-format read/write versions (1 or 2). Anything else makes SQLite open
  // the file read-only ("attempt to write a readonly database" on the first write): say what it is.
  const headerProblem = damagedHeader(bytes);
  if (headerProblem) {
    throw new StoreFileError(`${path} is a corrupt store: its SQLite header is damaged (${headerProblem}). ${LEAVE_IT} Restore it from a backup or an exported bundle.`, path, 'corrupt');
  }
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (err) {
    throw new StoreFileError(`${path} is a damaged SQLite file (${(err as Error).message}). ${LEAVE_IT} Restore it from a backup or an exported bundle.`, path, 'corrupt');
  }
  try {
    let check: unknown = 'ok';
    if (options.integrityCheck) {
      try {
        check = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
      } catch (err) {
        check = (err as Error).message;
      }
    }
    if (check !== 'ok') {
      throw new StoreFileError(
        `${path} is a damaged SQLite database (integrity check: ${String(check)}). ${LEAVE_IT} Restore it from a backup or an exported bundle.`,
        path,
        'corrupt',
      );
    }
    const appId = Number(db.exec('PRAGMA application_id')[0]?.values[0]?.[0] ?? 0);
    let format: unknown;
    try {
      format = db.exec("SELECT value FROM meta WHERE key = 'format'")[0]?.values[0]?.[0];
    } catch {
      format = undefined;
    }
    if (appId !== APPLICATION_ID || format !== STORE_FORMAT) {
      throw new StoreFileError(
        `${path} is a SQLite database written by another program (no Kaizen marker), not a Kaizen learning store. ${LEAVE_IT} ${fix}`,
        path,
        'foreign',
      );
    }
    const version = readUserVersion(db);
    if (version > CURRENT_SCHEMA_VERSION) {
      throw new StoreFileError(
        `${path} was written by a newer Kaizen (store schema v${version}; this build knows up to v${CURRENT_SCHEMA_VERSION}). ${LEAVE_IT} Update Kaizen to open it.`,
        path,
        'too-new',
      );
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** What is wrong with the fixed fields of a SQLite header (https://www.sqlite.org/fileformat.html), if anything. */
function damagedHeader(bytes: Uint8Array): string | undefined {
  if (bytes.length < 100) return `the file is ${bytes.length} bytes, shorter than a header`;
  const pageSize = bytes[16]! * 256 + bytes[17]!;
  const realPageSize = pageSize === 1 ? 65536 : pageSize;
  if (realPageSize < 512 || (realPageSize & (realPageSize - 1)) !== 0) return `page size ${pageSize}`;
  if (bytes[18] !== 1 && bytes[18] !== 2) return `write version ${bytes[18]}`;
  if (bytes[19] !== 1 && bytes[19] !== 2) return `read version ${bytes[19]}`;
  if (bytes[21] !== 64 || bytes[22] !== 32 || bytes[23] !== 32) return 'payload fractions';
  return undefined;
}
