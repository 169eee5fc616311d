import type { PlaybookBullet } from '../model';

/** One call that ran a prompt version: the bullets that version carried and what the analysis read in the call. */
export interface BulletRun {
  bulletIds: readonly string[];
  intent: string;
  /** Situation names the analysis detected in the call. */
  triggers: readonly string[];
  tools: readonly string[];
  fingerprints: readonly string[];
  success: boolean;
}

export interface BulletCounters {
  helpful: number;
  harmful: number;
}

/**
 * Counters after rollout: a call that ran a bullet *and* was in the situation the bullet speaks to
 * (its intent and trigger, the tool or fingerprint it guards; any call for a designer's bullet) counts
 * as helpful when it succeeded and harmful when it failed. Recomputed from all runs, so re-running it
 * never double-counts.
 */
export function bulletCounters(bullets: readonly PlaybookBullet[], runs: readonly BulletRun[]): Map<string, BulletCounters> {
  const out = new Map<string, BulletCounters>(bullets.map((b) => [b.id, { helpful: 0, harmful: 0 }]));
  const byId = new Map(bullets.map((b) => [b.id, b]));
  for (const run of runs) {
    for (const id of new Set(run.bulletIds)) {
      const b = byId.get(id);
      if (!b || !applies(b, run)) continue;
      const c = out.get(id)!;
      if (run.success) c.helpful++;
      else c.harmful++;
    }
  }
  return out;
}

function applies(b: PlaybookBullet, run: BulletRun): boolean {
  const cite = b.cite;
  if (!cite) return true;
  if (cite.kind === 'move') return run.intent === cite.intent && run.triggers.includes(cite.trigger);
  return run.fingerprints.includes(cite.fingerprint) || (cite.tool !== undefined && run.tools.includes(cite.tool));
}

/** A move a prompt tells the agent to make (or avoid) in a situation, read from the bullets it carries. */
export interface MoveGuidance {
  intent: string;
  trigger: string;
  strategy: string;
  use: boolean;
}

/**
 * The moves a prompt's playbook section points to: the active bullets it names that cite a move. This
 * is what an agent following the prompt would do differently (the demo's simulated agent reads it).
 */
export function moveGuidance(bulletIds: readonly string[], bullets: readonly PlaybookBullet[]): MoveGuidance[] {
  const named = new Set(bulletIds);
  return bullets.flatMap((b) =>
    named.has(b.id) && b.status === 'active' && b.cite?.kind === 'move' ? [{ intent: b.cite.intent, trigger: b.cite.trigger, strategy: b.cite.strategy, use: b.cite.use }] : [],
  );
}
