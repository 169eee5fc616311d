import type { SqlValue } from 'sql.js';
import type { LlmSpend, LlmSpendFilter, LlmUsageRecord } from './learningStore';
import type { SqlDb } from './sqlDb';

/** The `llm_usage` cost ledger: append-only, one row per billed Claude answer. */
export class LlmUsageTable {
  constructor(private readonly sql: SqlDb) {}

  append(r: LlmUsageRecord): void {
    this.sql.run(
      `INSERT INTO llm_usage (ts, purpose, model, request_id, batch, input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens, cost_usd)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.ts, r.purpose, r.model, r.requestId ?? null, r.batch ? 1 : 0, r.inputTokens, r.outputTokens, r.cacheCreationInputTokens, r.cacheReadInputTokens, r.costUsd],
    );
  }

  /** Totals over the rows the filter selects, overall and per model. */
  spend(filter: LlmSpendFilter = {}): LlmSpend {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.since !== undefined) {
      where.push('ts >= ?');
      params.push(filter.since);
    }
    if (filter.until !== undefined) {
      where.push('ts < ?');
      params.push(filter.until);
    }
    if (filter.purpose !== undefined) {
      where.push('purpose = ?');
      params.push(filter.purpose);
    }
    const rows = this.sql.rows(
      `SELECT model, COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_creation_input_tokens), SUM(cache_read_input_tokens), SUM(cost_usd)
       FROM llm_usage ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY model ORDER BY model`,
      params,
    );
    const total: LlmSpend = { requests: 0, inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0, byModel: {} };
    for (const r of rows) {
      const requests = Number(r[1]);
      const costUsd = Number(r[6]);
      total.requests += requests;
      total.inputTokens += Number(r[2]);
      total.outputTokens += Number(r[3]);
      total.cacheCreationInputTokens += Number(r[4]);
      total.cacheReadInputTokens += Number(r[5]);
      total.costUsd += costUsd;
      total.byModel[String(r[0])] = { requests, costUsd };
    }
    return total;
  }
}
