// Typed-by-schema test data for the webviews: pattern rows with real Wilson intervals, evidence and an
// experiment view. Deterministic (seeded), so a failure reproduces.
import { tsImport } from 'tsx/esm/api';

const { wilsonInterval } = await tsImport('../../src/shared/stats.ts', import.meta.url);
const { PatternExplorerDataSchema, ExperimentViewSchema, PatternEvidenceSchema } = await tsImport('../../src/shared/viewModels.ts', import.meta.url);

const INTENTS = ['product_defect', 'shipping_issue', 'account_access', 'purchase_dispute', 'subscription_inquiry', 'manage_account'];
const TRIGGERS = ['price-objection', 'double-charge', 'late-delivery', 'locked-out', 'refund-request', 'frustration', 'wrong-item', 'cancel-request', 'promo-code-invalid', 'address-change'];
const STRATEGIES = ['empathy', 'value-reframing', 'empathy-with-options', 'verification-first', 'apology', 'policy-citation', 'escalation-offer', 'discount-offer', 'clarifying-question', 'direct-answer'];

function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function patternData(count, seed = 7) {
  const rnd = lcg(seed);
  const patterns = [];
  for (let i = 0; i < count; i++) {
    const intent = INTENTS[i % INTENTS.length];
    const trigger = TRIGGERS[Math.floor(i / INTENTS.length) % TRIGGERS.length];
    const strategy = STRATEGIES[Math.floor(rnd() * STRATEGIES.length)];
    const support = 5 + Math.floor(rnd() * 400);
    const successes = Math.floor(support * (0.2 + rnd() * 0.7));
    const ci = wilsonInterval(successes, support);
    const lift = ci.rate - 0.55;
    const p = Math.min(1, Math.max(0, Math.exp(-Math.abs(lift) * Math.sqrt(support) * 2)));
    patterns.push({
      id: `p${i}`,
      intent,
      trigger,
      strategy,
      template: i % 3 === 0 ? 'I understand, [CUSTOMER_NAME_1]. Let me check order [ORDER_ID] for you.' : undefined,
      support,
      successes,
      successRate: ci.rate,
      ciLow: ci.low,
      ciHigh: ci.high,
      lift,
      liftPValue: p,
      effect: p < 0.05 ? (lift > 0 ? 'success' : 'failure') : 'inconclusive',
      exampleCallIds: [`call-${i}-a`, `call-${i}-b`],
    });
  }
  return PatternExplorerDataSchema.parse({ patterns, totalCalls: 120000, analyzedAt: Date.UTC(2026, 10, 25, 9), source: '.kaizen/learning.db' });
}

export function evidenceFor(patternId, callIds) {
  return PatternEvidenceSchema.parse({
    patternId,
    calls: callIds.map((callId, k) => ({
      callId,
      outcome: k === 0 ? 'success' : 'failure',
      intent: 'shipping_issue',
      turns: [
        { index: 0, role: 'user', text: 'Hi, this is [CUSTOMER_NAME_1], my package is late again <b>not bold</b>.' },
        { index: 1, role: 'agent', text: 'I am so sorry about that, [CUSTOMER_NAME_1]. Let me look up order [ORDER_ID].', signal: 'success' },
        { index: 2, role: 'tool', text: 'lookup_order → ok' },
        { index: 3, role: 'user', text: 'Thanks, that helps.' },
      ],
    })),
  });
}

export function experimentView(overrides = {}) {
  const day = 86400000;
  return ExperimentViewSchema.parse({
    id: 'exp-greeting',
    name: 'Empathetic greeting v2',
    status: 'running',
    primaryMetric: 'resolution rate',
    liftKind: 'absolute',
    variants: [
      { name: 'control', isControl: true, exposures: 5012, conversions: 2807, rate: 0.56006, ciLow: 0.5463, ciHigh: 0.5737 },
      { name: 'treatment', isControl: false, exposures: 4988, conversions: 2993, rate: 0.60004, ciLow: 0.5864, ciHigh: 0.6135, lift: 0.03998, liftLow: 0.0207, liftHigh: 0.0593, pValue: 0.00005 },
    ],
    verdict: { kind: 'significant-win', summary: 'treatment resolves more calls than control', pValue: 0.00005, alpha: 0.05 },
    srm: { ok: true, pValue: 0.81, expectedShares: [0.5, 0.5], observedCounts: [5012, 4988] },
    cumulative: Array.from({ length: 14 }, (_, d) => ({ ts: Date.UTC(2026, 10, 1) + d * day, lift: 0.04 + 0.02 / (d + 1), low: 0.04 - 0.3 / (d + 3), high: 0.04 + 0.3 / (d + 3) })),
    rollout: { stage: 'canary', percent: 10 },
    guardrails: [{ variant: 'treatment', metric: 'escalation', change: 0.045, ci: [-0.02, 0.11], threshold: -0.1, breached: false, reason: 'escalation 4.5 % better, limit -10.0 %' }],
    timeline: [
      { ts: Date.UTC(2026, 10, 1), kind: 'started', percent: null, reason: 'traffic split 50/50' },
      { ts: Date.UTC(2026, 10, 14), kind: 'rollout.advanced', percent: 10, reason: 'Stage 5 % passed: guardrails held. Moving to 10 %.' },
    ],
    ...overrides,
  });
}
