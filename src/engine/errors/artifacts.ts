import { saveKnowledge } from '../knowledge/synthesize';
import type { ArtifactPayload, JsonValue, LearningArtifact } from '../model';
import { PrivacyViolationError } from '../privacy/compliance';
import type { LearningStore } from '../store/learningStore';
import { AvoidanceRuleSchema } from './avoidance';
import type { AvoidanceRule } from './avoidance';
import { precursorKey } from './precursors';

/** The artifact id of a rule: stable across re-learning, so a re-learned rule is a new version or `unchanged`. */
export function ruleArtifactId(rule: Pick<AvoidanceRule, 'id'>): string {
  return `avoidance-rule:${rule.id}`;
}

/** A rule as an `avoidance-rule` artifact draft (the shape `saveKnowledge` takes). */
export function ruleArtifactDraft(rule: AvoidanceRule): { artifactId: string; title: string; payload: Extract<ArtifactPayload, { kind: 'avoidance-rule' }> } {
  return {
    artifactId: ruleArtifactId(rule),
    title: `Avoid ${rule.template.slice(0, 80)} (${rule.condition.tool})`,
    payload: {
      kind: 'avoidance-rule',
      fingerprint: rule.fingerprint,
      rule: rule.text,
      precursors: rule.condition.all.map(precursorKey),
      learned: rule as unknown as JsonValue,
    },
  };
}

/** The rules of stored artifacts (retired ones and artifacts without a valid learned rule are skipped). */
export function rulesFromArtifacts(artifacts: readonly LearningArtifact[]): AvoidanceRule[] {
  const out: AvoidanceRule[] = [];
  for (const a of artifacts) {
    if (a.payload.kind !== 'avoidance-rule' || a.status === 'retired') continue;
    const parsed = AvoidanceRuleSchema.safeParse(a.payload.learned);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/**
 * Saves rules as artifacts through the privacy gate: a rule the gate refuses (a precursor value that
 * still looks like PII) is withheld and counted, instead of failing the whole analysis.
 */
export async function saveRuleArtifacts(store: LearningStore, rules: readonly AvoidanceRule[]): Promise<{ saved: number; unchanged: number; withheld: number; artifactIds: string[] }> {
  const out = { saved: 0, unchanged: 0, withheld: 0, artifactIds: [] as string[] };
  for (const rule of rules) {
    const draft = ruleArtifactDraft(rule);
    try {
      const r = await saveKnowledge(store, [draft]);
      out.saved += r.saved;
      out.unchanged += r.unchanged;
      out.artifactIds.push(draft.artifactId);
    } catch (err) {
      if (!(err instanceof PrivacyViolationError)) throw err;
      out.withheld++;
    }
  }
  return out;
}
