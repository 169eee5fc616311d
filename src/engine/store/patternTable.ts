import type { Pattern } from '../model';
import type { PatternFilter } from './learningStore';
import type { SqlDb } from './sqlDb';
import { whereClause } from './sqlDb';

/** The `patterns` table: replaced as a set by each synthesis, read ranked. */
export class PatternTable {
  constructor(private readonly sql: SqlDb) {}

  /** Run inside a transaction. */
  replaceAll(patterns: readonly Pattern[]): void {
    this.sql.run('DELETE FROM patterns');
    for (const p of patterns) this.put(p);
  }

  put(p: Pattern): void {
    this.sql.run('INSERT OR REPLACE INTO patterns (id, intent, strategy, support, success_rate, confidence_low, lift, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      p.id,
      p.intent,
      p.strategy,
      p.support,
      p.successRate,
      p.confidence.low,
      p.lift,
      JSON.stringify(p),
    ]);
  }

  get(id: string): Pattern | undefined {
    const json = this.sql.scalar('SELECT json FROM patterns WHERE id = ?', [id]);
    return json === undefined ? undefined : (JSON.parse(json as string) as Pattern);
  }

  list(filter: PatternFilter = {}): Pattern[] {
    const w = whereClause();
    if (filter.intent !== undefined) w.add('intent = ?', filter.intent);
    if (filter.strategy !== undefined) w.add('strategy = ?', filter.strategy);
    if (filter.minSupport !== undefined) w.add('support >= ?', filter.minSupport);
    // "confidence" ranks by the interval's lower bound: a pattern we are sure of beats a lucky one.
    const order = { lift: 'lift', confidence: 'confidence_low', support: 'support', successRate: 'success_rate' }[filter.sortBy ?? 'lift'];
    const rows = this.sql.rows(`SELECT json FROM patterns ${w.sql()} ORDER BY ${order} DESC, support DESC, id LIMIT ?`, [...w.params, filter.limit ?? -1]);
    return rows.map((r) => JSON.parse(r[0] as string) as Pattern);
  }

  count(): number {
    return Number(this.sql.scalar('SELECT COUNT(*) FROM patterns') ?? 0);
  }
}
