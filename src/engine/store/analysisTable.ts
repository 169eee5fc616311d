import type { SqlValue } from 'sql.js';
import type { CallAnalysisRecord, OutcomeLabel } from './learningStore';
import type { SqlDb } from './sqlDb';

const ANALYSIS_COLUMNS = 'call_id, agent_id, intent, intent_confidence, outcome_label, outcome_probability, signals_json, detail_json, analyzed_at';

/** Where an analysis leaves its labels on the call's row (the call filters read them there). */
export interface CallLabels {
  setLabels(callId: string, intent: string, outcomeLabel: OutcomeLabel): void;
}

/** The `analyses` table (one row per call) and the call ↔ error-fingerprint links an analysis names. */
export class AnalysisTable {
  constructor(
    private readonly sql: SqlDb,
    private readonly calls: CallLabels,
  ) {}

  /** Writes one analysis; run inside a transaction. */
  put(a: CallAnalysisRecord): void {
    this.sql.run(`INSERT OR REPLACE INTO analyses (${ANALYSIS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      a.callId,
      a.agentId,
      a.intent,
      a.intentConfidence,
      a.outcome.label,
      a.outcome.probability,
      JSON.stringify({ signals: a.signals, errorFingerprints: a.errorFingerprints }),
      a.detail === undefined ? null : JSON.stringify(a.detail),
      a.analyzedAt,
    ]);
    this.calls.setLabels(a.callId, a.intent, a.outcome.label);
    for (const fp of a.errorFingerprints ?? []) this.linkFingerprint(fp, a.callId);
  }

  linkFingerprint(fingerprint: string, callId: string): void {
    this.sql.run('INSERT OR IGNORE INTO call_fingerprints (fingerprint, call_id) VALUES (?, ?)', [fingerprint, callId]);
  }

  get(callId: string): CallAnalysisRecord | undefined {
    const r = this.sql.rows(`SELECT ${ANALYSIS_COLUMNS} FROM analyses WHERE call_id = ?`, [callId])[0];
    return r ? toAnalysis(r) : undefined;
  }

  analyzedAt(callId: string): number | undefined {
    const v = this.sql.scalar('SELECT analyzed_at FROM analyses WHERE call_id = ?', [callId]);
    return v === undefined ? undefined : Number(v);
  }

  all(): CallAnalysisRecord[] {
    return this.sql.rows(`SELECT ${ANALYSIS_COLUMNS} FROM analyses ORDER BY call_id`).map(toAnalysis);
  }

  allFingerprintLinks(): Array<{ fingerprint: string; callId: string }> {
    return this.sql.rows('SELECT fingerprint, call_id FROM call_fingerprints ORDER BY fingerprint, call_id').map((r) => ({
      fingerprint: r[0] as string,
      callId: r[1] as string,
    }));
  }

  count(): number {
    return Number(this.sql.scalar('SELECT COUNT(*) FROM analyses') ?? 0);
  }
}

function toAnalysis(r: SqlValue[]): CallAnalysisRecord {
  const extra = JSON.parse(r[6] as string) as Pick<CallAnalysisRecord, 'signals' | 'errorFingerprints'>;
  const record: CallAnalysisRecord = {
    callId: r[0] as string,
    agentId: r[1] as string,
    intent: r[2] as string,
    intentConfidence: Number(r[3]),
    outcome: { label: r[4] as OutcomeLabel, probability: Number(r[5]) },
    signals: extra.signals,
    analyzedAt: Number(r[8]),
  };
  if (extra.errorFingerprints !== undefined) record.errorFingerprints = extra.errorFingerprints;
  if (r[7] !== null) record.detail = JSON.parse(r[7] as string);
  return record;
}
