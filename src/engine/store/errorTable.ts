import type { ErrorFingerprint } from '../model';
import type { SqlDb } from './sqlDb';

/** The `error_fingerprints` table and the call links of each fingerprint's examples. */
export class ErrorTable {
  constructor(private readonly sql: SqlDb) {}

  put(f: ErrorFingerprint): void {
    this.sql.run('INSERT OR REPLACE INTO error_fingerprints (fingerprint, last_seen, count, json) VALUES (?, ?, ?, ?)', [f.fingerprint, f.lastSeen, f.count, JSON.stringify(f)]);
    for (const callId of f.exampleCallIds) this.sql.run('INSERT OR IGNORE INTO call_fingerprints (fingerprint, call_id) VALUES (?, ?)', [f.fingerprint, callId]);
  }

  /** A bundle's fingerprint merged into the stored one (wider time range, larger count, union of examples); returns whether anything changed. */
  merge(f: ErrorFingerprint): boolean {
    const storedJson = this.sql.scalar('SELECT json FROM error_fingerprints WHERE fingerprint = ?', [f.fingerprint]);
    const merged = storedJson === undefined ? f : mergeFingerprint(JSON.parse(storedJson as string) as ErrorFingerprint, f);
    if (storedJson !== undefined && JSON.stringify(merged) === storedJson) return false;
    this.put(merged);
    return true;
  }

  list(): ErrorFingerprint[] {
    return this.sql.rows('SELECT json FROM error_fingerprints ORDER BY count DESC, fingerprint').map((r) => JSON.parse(r[0] as string) as ErrorFingerprint);
  }

  count(): number {
    return Number(this.sql.scalar('SELECT COUNT(*) FROM error_fingerprints') ?? 0);
  }
}

function mergeFingerprint(a: ErrorFingerprint, b: ErrorFingerprint): ErrorFingerprint {
  return {
    ...a,
    firstSeen: Math.min(a.firstSeen, b.firstSeen),
    lastSeen: Math.max(a.lastSeen, b.lastSeen),
    count: Math.max(a.count, b.count),
    exampleCallIds: [...new Set([...a.exampleCallIds, ...b.exampleCallIds])],
  };
}
