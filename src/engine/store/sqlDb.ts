import type { Database, SqlValue, Statement } from 'sql.js';

/**
 * One sql.js connection with a prepared-statement cache, shared by the table families of the store
 * (calls, analyses, artifacts, ...). Every family runs its SQL through these few methods, so the
 * cache, the transaction rule and the "closed" check live in one place.
 */
export class SqlDb {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {}

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Runs `sql` and returns its rows as arrays; the statement is cached and reset. */
  rows(sql: string, params: SqlValue[] = []): SqlValue[][] {
    const s = this.stmt(sql);
    try {
      s.bind(params);
      const out: SqlValue[][] = [];
      while (s.step()) out.push(s.get());
      return out;
    } finally {
      s.reset();
    }
  }

  run(sql: string, params: SqlValue[] = []): number {
    const s = this.stmt(sql);
    try {
      s.run(params);
    } finally {
      s.reset();
    }
    return this.db.getRowsModified();
  }

  scalar(sql: string, params: SqlValue[] = []): SqlValue | undefined {
    return this.rows(sql, params)[0]?.[0];
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  /** All-or-nothing: a throw rolls every statement of `fn` back. */
  transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  export(): Uint8Array {
    return this.db.export();
  }

  close(): void {
    for (const s of this.statements.values()) s.free();
    this.statements.clear();
    this.db.close();
  }
}

export function opt<T>(v: SqlValue | undefined, map: (v: SqlValue) => T): T | undefined {
  return v === null || v === undefined ? undefined : map(v);
}

export function nul(v: unknown): SqlValue {
  return v === undefined ? null : (v as SqlValue);
}

/** Collects `AND`-ed conditions with their parameters, in order, for a WHERE clause. */
export function whereClause(): { add(clause: string, ...values: SqlValue[]): void; sql(): string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  return {
    add(clause, ...values) {
      clauses.push(clause);
      params.push(...values);
    },
    sql: () => (clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''),
    params,
  };
}
