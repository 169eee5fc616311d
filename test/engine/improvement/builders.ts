import { createHash } from 'node:crypto';
import type { ErrorFingerprint, Pattern } from '../../../src/engine/model';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * A scored pattern as `kaizen analyze` stores it. The fixtures use a domain the bundled sample
 * generator never produces (a public library's help line), so nothing here can come from its phrases.
 */
export function pattern(intent: string, trigger: string, strategy: string, rate: number, baseline: number, support: number, q: number, over: Partial<Pattern> = {}): Pattern {
  const successes = Math.round(rate * support);
  return {
    id: `${intent}|${trigger}|${strategy}`,
    intent,
    trigger,
    strategy,
    template: over.template,
    support,
    successes,
    successRate: rate,
    confidence: { low: Math.max(0, rate - 0.1), high: Math.min(1, rate + 0.1), level: 0.95, method: 'wilson' },
    lift: rate - baseline,
    liftPValue: q,
    exampleCallIds: Array.from({ length: Math.min(support, 12) }, (_, i) => `${intent}-${trigger}-${strategy}-${i}`),
    updatedAt: 0,
    ...over,
  };
}

export function fingerprint(id: string, template: string, count: number, tool?: string): ErrorFingerprint {
  return { fingerprint: id, template, code: 'E_TOOL', ...(tool ? { tool } : {}), stage: 'tool', firstSeen: 0, lastSeen: 1, count, exampleCallIds: [`call-${id}-1`, `call-${id}-2`] };
}

/** The library help line's analysis: one clearly helping move, one weaker helping move, one hurting move, noise. */
export const LIBRARY_PATTERNS: Pattern[] = [
  pattern('renew_loan', 'overdue-fine', 'fee-waiver-offer', 0.84, 0.52, 140, 0.0004, { template: 'I can waive the [DOLLAR_AMOUNT] fine this once if you renew today.' }),
  pattern('renew_loan', 'overdue-fine', 'policy-reminder', 0.66, 0.52, 90, 0.03),
  pattern('renew_loan', 'hold-queue', 'queue-explanation', 0.31, 0.58, 120, 0.001),
  pattern('room_booking', 'no-availability', 'alternative-branch', 0.7, 0.61, 12, 0.04),
  pattern('room_booking', 'no-availability', 'apology', 0.6, 0.61, 200, 0.9),
];
