import type { PlantedPattern } from './truth';

export interface DiscoveredPattern {
  intent: string;
  trigger: string;
  strategy: string;
  lift: number;
}

export interface RecoveryScore {
  planted: number;
  discovered: number;
  /** Discovered patterns that are planted cells with the planted direction of effect. */
  matched: number;
  precision: number;
  recall: number;
  falsePositives: DiscoveredPattern[];
  missed: PlantedPattern[];
}

/**
 * How well an analysis found what the generator planted. A discovery counts only when it names the
 * planted cell and agrees on the sign of the effect; anything else it reports is a false positive.
 */
export function scorePatternRecovery(discovered: readonly DiscoveredPattern[], planted: readonly PlantedPattern[]): RecoveryScore {
  const key = (p: { intent: string; trigger: string; strategy: string }) => `${p.intent}|${p.trigger}|${p.strategy}`;
  const plantedByKey = new Map(planted.map((p) => [key(p), p]));
  const hit = new Set<string>();
  const falsePositives: DiscoveredPattern[] = [];
  for (const d of discovered) {
    const p = plantedByKey.get(key(d));
    if (p && Math.sign(d.lift) === (p.effect === 'positive' ? 1 : -1)) hit.add(key(d));
    else falsePositives.push(d);
  }
  const matched = hit.size;
  return {
    planted: planted.length,
    discovered: discovered.length,
    matched,
    precision: discovered.length ? matched / discovered.length : 0,
    recall: planted.length ? matched / planted.length : 0,
    falsePositives,
    missed: planted.filter((p) => !hit.has(key(p))),
  };
}
