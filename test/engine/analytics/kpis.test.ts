import assert from 'node:assert/strict';
import { callFactsOf, computeKpis, computeRoi, CostModelError, errorOccurrencesOf, errorTrends, parseCostModel, quantile } from '../../../src/engine/analytics';
import { ConversationEventSchema } from '../../../src/engine/model';
import type { KpiRow, KpiTable } from '../../../src/engine/analytics';
import { KPI_CALLS } from './kpiFixture';

const facts = KPI_CALLS.map((c) => callFactsOf(c.call, c.analyzer));
const EPS = 1e-9;

function near(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null && Math.abs(actual - expected) <= EPS, `${what}: ${actual} ≠ ${expected}`);
}

type Expected = Omit<KpiRow, 'latencyMs'> & { p50: number | null; p90: number | null };

function check(table: KpiTable, expected: Expected[]): void {
  assert.deepEqual(table.rows.map((r) => r.key), expected.map((e) => e.key));
  table.rows.forEach((r, i) => {
    const e = expected[i]!;
    assert.equal(r.calls, e.calls, `${r.key} calls`);
    near(r.successRate, e.successRate, `${r.key} successRate`);
    near(r.containment, e.containment, `${r.key} containment`);
    near(r.escalation, e.escalation, `${r.key} escalation`);
    near(r.ahtSeconds, e.ahtSeconds, `${r.key} ahtSeconds`);
    near(r.latencyMs.p50, e.p50, `${r.key} p50`);
    near(r.latencyMs.p90, e.p90, `${r.key} p90`);
    near(r.costPerCallUsd, e.costPerCallUsd, `${r.key} costPerCallUsd`);
    assert.equal(r.errors, e.errors, `${r.key} errors`);
    assert.equal(r.repeatErrors, e.repeatErrors, `${r.key} repeatErrors`);
    near(r.improvementRate, e.improvementRate, `${r.key} improvementRate`);
  });
}

describe('analytics KPIs against hand computation', () => {
  it('reads each fact from the rule that applies', () => {
    const byId = new Map(facts.map((f) => [f.callId, f]));
    assert.equal(byId.get('A')!.success, true); // call_successful beats the analyzer's failure
    assert.equal(byId.get('A')!.successSource, 'platform');
    assert.equal(byId.get('C')!.successSource, 'analyzer');
    assert.equal(byId.get('E')!.success, false); // reward 0
    assert.equal(byId.get('E')!.transferred, false); // cancelled transfer
    assert.equal(byId.get('E')!.durationSeconds, 45); // call.ended − start
    assert.equal(byId.get('F')!.promptVersion, '1'); // from the events
    assert.equal(byId.get('F')!.success, undefined);
    assert.equal(byId.get('A')!.costUsd, 0.075); // 7.5 cents
    assert.deepEqual(byId.get('B')!.turnLatenciesMs, [1500, 2500]);
  });

  it('quantiles interpolate linearly between closest ranks (numpy.percentile reference values)', () => {
    // numpy.percentile([800,1200,1000,1500,2500], [50, 90]) → [1200, 2100]; ([600,700], 90) → 690
    assert.equal(quantile([800, 1200, 1000, 1500, 2500], 0.5), 1200);
    assert.ok(Math.abs(quantile([800, 1200, 1000, 1500, 2500], 0.9)! - 2100) < EPS);
    assert.ok(Math.abs(quantile([600, 700], 0.9)! - 690) < EPS);
    assert.equal(quantile([], 0.5), undefined);
  });

  it('by prompt version', () => {
    check(computeKpis(facts, 'prompt-version'), [
      // "1" = A, B, F. verdicts A✓ B✗ → 1/2; transfers B, F; AHT (120+300+30)/3; latencies [800,1000,1200,1500,2500]:
      // p50 = x[2] = 1200, p90: h = 4·0.9 = 3.6 → 1500 + 0.6·1000 = 2100; cost (0.075 + 0.2)/2;
      // errors A lookup, B lookup (repeat) + timeout.
      { key: '1', calls: 3, successRate: 0.5, containment: 1 / 3, escalation: 2 / 3, ahtSeconds: 150, p50: 1200, p90: 2100, costPerCallUsd: 0.1375, errors: 3, repeatErrors: 1, improvementRate: null },
      // "2" = C, D, E. C✓(analyzer) D✓ E✗ → 2/3; no transfer; C asked for a human → 1/3; AHT (60+90+45)/3 = 65;
      // latencies [600,700,900]: p50 700, p90 h = 1.8 → 700 + 0.8·200 = 860; cost D 0.1; C's timeout repeats B's.
      { key: '2', calls: 3, successRate: 2 / 3, containment: 1, escalation: 1 / 3, ahtSeconds: 65, p50: 700, p90: 860, costPerCallUsd: 0.1, errors: 1, repeatErrors: 1, improvementRate: null },
      { key: 'unversioned', calls: 1, successRate: 1, containment: 1, escalation: 0, ahtSeconds: 40, p50: null, p90: null, costPerCallUsd: null, errors: 0, repeatErrors: 0, improvementRate: null },
    ]);
  });

  it('by month (UTC, by call start) with the improvement rate', () => {
    check(computeKpis(facts, 'month'), [
      { key: '2026-01', calls: 2, successRate: 0.5, containment: 0.5, escalation: 0.5, ahtSeconds: 210, p50: 1200, p90: 2100, costPerCallUsd: 0.1375, errors: 3, repeatErrors: 1, improvementRate: null },
      // (2/3) / (1/2) − 1 = 1/3
      { key: '2026-02', calls: 3, successRate: 2 / 3, containment: 1, escalation: 1 / 3, ahtSeconds: 65, p50: 700, p90: 860, costPerCallUsd: 0.1, errors: 1, repeatErrors: 1, improvementRate: 1 / 3 },
      // F (no verdict), G ✓ → 1; 1 / (2/3) − 1 = 0.5; AHT (30 + 40)/2
      { key: '2026-03', calls: 2, successRate: 1, containment: 0.5, escalation: 0.5, ahtSeconds: 35, p50: null, p90: null, costPerCallUsd: null, errors: 0, repeatErrors: 0, improvementRate: 0.5 },
    ]);
  });

  it('by agent', () => {
    check(computeKpis(facts, 'agent'), [
      // a1 = A, B, E, F: A✓ B✗ E✗ → 1/3; transfers B, F → 2/4; AHT (120+300+45+30)/4 = 123.75;
      // latencies [800,900,1000,1200,1500,2500]: p50 h=2.5 → 1100, p90 h=4.5 → 2000.
      { key: 'a1', calls: 4, successRate: 1 / 3, containment: 0.5, escalation: 0.5, ahtSeconds: 123.75, p50: 1100, p90: 2000, costPerCallUsd: 0.1375, errors: 3, repeatErrors: 1, improvementRate: null },
      // a2 = C, D: [600,700] → p50 650, p90 690.
      { key: 'a2', calls: 2, successRate: 1, containment: 1, escalation: 0.5, ahtSeconds: 75, p50: 650, p90: 690, costPerCallUsd: 0.1, errors: 1, repeatErrors: 1, improvementRate: null },
      { key: 'a3', calls: 1, successRate: 1, containment: 1, escalation: 0, ahtSeconds: 40, p50: null, p90: null, costPerCallUsd: null, errors: 0, repeatErrors: 0, improvementRate: null },
    ]);
  });

  it('ROI against the baseline version', () => {
    const model = parseCostModel({ baselineVersion: '1', humanCallCostUsd: 6, aiCostPerMinuteUsd: 0.1, llmSpendUsd: 2, reviewHours: 0.5, hourlyRateUsd: 60 });
    const roi = computeRoi(computeKpis(facts, 'prompt-version'), model);
    // v2: savedTransfers = 3·(1 − 1/3) = 2; savedMinutes = 3·(150 − 65)/60 = 4.25; benefit = 2·6 + 4.25·0.1 = 12.425.
    // cost = 2 + 0.5·60 = 32; ROI = 12.425 / 32 = 0.38828125. "unversioned" is no version to credit.
    assert.equal(roi.baseline, '1');
    assert.deepEqual(roi.rows.map((r) => r.key), ['2']);
    near(roi.rows[0]!.savedTransfers, 2, 'savedTransfers');
    near(roi.rows[0]!.savedMinutes, 4.25, 'savedMinutes');
    near(roi.rows[0]!.benefitUsd, 12.425, 'benefit');
    near(roi.benefitUsd, 12.425, 'total benefit');
    near(roi.costUsd, 32, 'cost');
    near(roi.roi, 0.38828125, 'roi');
    // Without llmSpendUsd the ledger's spend is used: 12.425 / (5 + 30).
    const { llmSpendUsd: _drop, ...noSpend } = model;
    near(computeRoi(computeKpis(facts, 'prompt-version'), noSpend, 5).roi, 12.425 / 35, 'roi with ledger');
  });

  it('a missing or negative cost-model field is an error naming it', () => {
    const good = { baselineVersion: '1', humanCallCostUsd: 6, aiCostPerMinuteUsd: 0.1, reviewHours: 1, hourlyRateUsd: 50 };
    for (const field of ['humanCallCostUsd', 'aiCostPerMinuteUsd', 'reviewHours', 'hourlyRateUsd', 'baselineVersion'] as const) {
      const { [field]: _gone, ...missing } = good;
      assert.throws(() => parseCostModel(missing), (e: unknown) => e instanceof CostModelError && e.field === field && e.message.includes(field));
    }
    assert.throws(() => parseCostModel({ ...good, llmSpendUsd: -1 }), (e: unknown) => e instanceof CostModelError && e.field === 'llmSpendUsd' && /negative/.test(e.message));
    assert.throws(() => computeRoi(computeKpis(facts, 'prompt-version'), parseCostModel({ ...good, baselineVersion: '9' })), /baselineVersion "9"/);
  });
});

describe('analytics: error trends per error', () => {
  it('counts each errors-stage fingerprint (tool + code + masked template) per month, most frequent first', () => {
    const trends = errorTrends(KPI_CALLS.map((c) => callFactsOf(c.call, c.analyzer)));
    // lookup "order <n> not found": A (Jan) + B (Jan); the llm timeout: B (Jan) + C (Feb). Months: Jan, Feb, Mar.
    assert.deepEqual(
      trends.map((t) => [t.tool, t.total, t.repeats, t.byMonth.map((m) => `${m.month}:${m.count}`).join(' ')]),
      [
        ['agent:llm', 2, 1, '2026-01:1 2026-02:1 2026-03:0'],
        ['lookup', 2, 1, '2026-01:2 2026-02:0 2026-03:0'],
      ],
    );
    assert.equal(trends[1]!.message, 'Order <*> not found');
  });
});

describe('analytics: one failure reported twice counts once', () => {
  it('a failed tool result and an agent error naming the same tool are one occurrence', () => {
    const ev = (e: Record<string, unknown>, i: number) => ConversationEventSchema.parse({ eventId: `e${i}`, callId: 'c', agentId: 'a', ts: i, ...e });
    const events = [
      { type: 'tool.result', toolCallId: 't1', name: 'update_account', ok: false, error: 'Payment gateway timed out after 4000 ms' },
      { type: 'agent.error', code: 'GATEWAY_TIMEOUT', message: 'Payment gateway timed out after 4000 ms', stage: 'tool', toolName: 'update_account' },
      // An agent error first, then the tool's failed result: still one.
      { type: 'agent.error', code: 'ORDER_NOT_FOUND', message: 'Order ORD-1 not found', stage: 'tool', toolName: 'validate_purchase' },
      { type: 'tool.result', toolCallId: 't2', name: 'validate_purchase', ok: false, error: 'Order ORD-1 not found' },
      // Not tied to a tool: its own occurrence.
      { type: 'agent.error', code: 'E_TTS', message: 'voice failed', stage: 'tts' },
    ].map(ev);
    assert.deepEqual(errorOccurrencesOf(events).map((o) => o.tool), ['update_account', 'validate_purchase', 'agent:tts']);
  });
});
