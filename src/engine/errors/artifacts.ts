import type { ArtifactPayload, JsonValue, LearningArtifact } from '../model';
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
