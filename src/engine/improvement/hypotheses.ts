import type { ErrorFingerprint, Pattern, PlaybookBullet } from '../model';
import { citeBulletId } from './ids';
import type { Sha256 } from './ids';
import { DEFAULT_IMPROVEMENT_OPTIONS } from './schema';
import type { ImprovementOptions } from './schema';

/** A testable claim from the analysis and the bullet that would act on it. */
export interface Hypothesis {
  statement: string;
  bullet: PlaybookBullet;
}

/** An avoidance rule as the store keeps it (artifact kind `avoidance-rule`). */
export interface AvoidanceRule {
  artifactId: string;
  fingerprint: string;
  rule: string;
  precursors: readonly string[];
}

/** `value-reframing`, `purchase_dispute` → "value reframing", "purchase dispute": the analysis's names, read aloud. */
export const words = (name: string): string => name.replace(/[-_]+/g, ' ').trim();
const pct = (x: number): string => `${Math.round(100 * x)} %`;

/**
 * Hypotheses from significant patterns: in a situation (intent, trigger) one move resolves calls more
 * (or less) often than the situation's other moves. Per situation only the strongest helping move
 * becomes a `use` bullet (two "use" bullets for one situation would contradict each other); every
 * significantly hurting move becomes an `avoid` bullet. Names and numbers come from the patterns, i.e.
 * from the calls; nothing here knows any domain.
 */
export function hypothesesFromPatterns(patterns: readonly Pattern[], sha256: Sha256, options: ImprovementOptions = {}): Hypothesis[] {
  const o = { ...DEFAULT_IMPROVEMENT_OPTIONS, ...options };
  const significant = patterns.filter((p) => p.liftPValue < o.alpha && Math.abs(p.lift) >= o.minLift && p.support > 0);
  const bestUse = new Map<string, Pattern>();
  for (const p of significant) {
    if (p.lift <= 0) continue;
    const key = `${p.intent}\u0000${p.trigger}`;
    const cur = bestUse.get(key);
    // The most certain improvement: the larger lower bound of the interval, then the larger lift.
    if (!cur || p.confidence.low > cur.confidence.low || (p.confidence.low === cur.confidence.low && p.lift > cur.lift)) bestUse.set(key, p);
  }
  const chosen = [...bestUse.values(), ...significant.filter((p) => p.lift < 0)];
  chosen.sort((a, b) => a.intent.localeCompare(b.intent) || a.trigger.localeCompare(b.trigger) || b.lift - a.lift || a.strategy.localeCompare(b.strategy));
  return chosen.map((p) => {
    const use = p.lift > 0;
    const baseline = p.successRate - p.lift;
    const cite = { kind: 'move' as const, intent: p.intent, trigger: p.trigger, strategy: p.strategy, use };
    const example = use && p.template ? ` For example: "${clip(p.template, 140)}"` : '';
    const text = use
      ? `When a caller raises ${words(p.trigger)}, use ${words(p.strategy)}: it resolved ${pct(p.successRate)} of ${p.support} such calls vs ${pct(baseline)} with other moves.${example}`
      : `When a caller raises ${words(p.trigger)}, avoid ${words(p.strategy)}: it resolved ${pct(p.successRate)} of ${p.support} such calls vs ${pct(baseline)} with other moves.`;
    return {
      statement: `${words(p.intent)} calls with ${words(p.trigger)} resolve ${use ? 'more' : 'less'} often with ${words(p.strategy)} (${pct(p.successRate)} vs ${pct(baseline)}, n=${p.support}, q=${p.liftPValue.toPrecision(2)})`,
      bullet: {
        id: citeBulletId(sha256, cite),
        section: words(p.intent),
        text,
        helpful: 0,
        harmful: 0,
        provenance: { callIds: p.exampleCallIds.slice(0, o.maxProvenanceCalls), patternIds: [p.id], fingerprints: [] },
        status: 'active',
        support: p.support,
        cite,
      },
    };
  });
}

/**
 * Hypotheses from recurring errors: a fingerprint seen often enough becomes a guard bullet; when the
 * errors stage learned an avoidance rule for it, the bullet carries the rule's own words.
 */
export function hypothesesFromFingerprints(
  fingerprints: readonly ErrorFingerprint[],
  rules: readonly AvoidanceRule[],
  sha256: Sha256,
  options: ImprovementOptions = {},
): Hypothesis[] {
  const o = { ...DEFAULT_IMPROVEMENT_OPTIONS, ...options };
  const ruleOf = new Map(rules.map((r) => [r.fingerprint, r]));
  return [...fingerprints]
    .filter((f) => f.count >= o.minFingerprintCount)
    .sort((a, b) => b.count - a.count || a.fingerprint.localeCompare(b.fingerprint))
    .map((f) => {
      const cite = { kind: 'error' as const, fingerprint: f.fingerprint, ...(f.tool ? { tool: f.tool } : {}) };
      const rule = ruleOf.get(f.fingerprint);
      const where = f.tool ? `calling ${f.tool}` : `the ${f.stage ?? 'step'} that fails`;
      const text = rule
        ? `${rule.rule.replace(/\.?\s*$/, '.')} (${f.count} calls failed with "${clip(f.template, 100)}".)`
        : `Before ${where}, check what led to "${clip(f.template, 100)}" (${f.count} calls); if it still fails, tell the caller and offer the next step instead of retrying the same request.`;
      return {
        statement: `${f.count} calls hit "${clip(f.template, 80)}"${f.tool ? ` in ${f.tool}` : ''}; guarding against it${rule ? ' with its avoidance rule' : ''} should prevent repeats`,
        bullet: {
          id: citeBulletId(sha256, cite),
          // One section per tool: a proposal is per section, so a thin fingerprint blocks only its tool's.
          section: f.tool ? `Tool errors: ${f.tool}` : 'Tool errors',
          text,
          helpful: 0,
          harmful: 0,
          provenance: { callIds: f.exampleCallIds.slice(0, o.maxProvenanceCalls), patternIds: [], fingerprints: [f.fingerprint] },
          status: 'active',
          support: f.count,
          cite,
        },
      };
    });
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= n ? one : `${one.slice(0, n - 1)}…`;
}
