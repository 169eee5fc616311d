import { PrivacyViolationError } from '../privacy/compliance';
import type { CallAnalysisRecord, LearningStore } from '../store/learningStore';
import type { ScoredPattern } from './patterns';
import { toStoredPattern } from './patterns';

/**
 * Writes through a privacy gate that may refuse. A refusal names the fields; what it names loses its
 * free text (fragment templates, evidence) instead of the whole run failing, and the call is counted as
 * withheld. Redaction missed something in that call: its numbers still count, its words are not kept.
 */
export async function putAnalysesGuarded(store: LearningStore, batch: readonly CallAnalysisRecord[], withheld: Set<string>): Promise<void> {
  try {
    await store.putCallAnalyses(batch);
    return;
  } catch (err) {
    if (!(err instanceof PrivacyViolationError)) throw err;
  }
  for (const record of batch) {
    for (const candidate of [record, withoutText(record), { ...record, detail: undefined, signals: record.signals }]) {
      try {
        await store.putCallAnalyses([candidate]);
        if (candidate !== record) withheld.add(record.callId);
        break;
      } catch (err) {
        if (!(err instanceof PrivacyViolationError) || candidate.detail === undefined) throw err;
      }
    }
  }
}

function withoutText(record: CallAnalysisRecord): CallAnalysisRecord {
  const detail = (record.detail ?? {}) as Record<string, unknown>;
  return { ...record, detail: { ...detail, fragments: [], evidence: [] } };
}

/** Stores the patterns; a pattern whose template the gate refuses is stored without its templates. */
export async function replacePatternsGuarded(store: LearningStore, scored: ScoredPattern[]): Promise<number> {
  try {
    await store.replacePatterns(scored.map(toStoredPattern));
    return 0;
  } catch (err) {
    if (!(err instanceof PrivacyViolationError)) throw err;
    const findings = err.findings;
    let refused = 0;
    for (const p of scored) {
      if (!findings.some((f) => f.field.startsWith(`pattern ${p.id}.`))) continue;
      delete p.template;
      delete p.userTemplate;
      refused++;
    }
    await store.replacePatterns(scored.map(toStoredPattern));
    return refused;
  }
}
