import assert from 'node:assert/strict';
import { DashboardToHostSchema, HostToDashboardSchema } from '../../src/shared/dashboardProtocol';
import { parseMessage } from '../../src/shared/protocol';
import { computeKpis, callFactsOf } from '../../src/engine/analytics';
import { KPI_CALLS } from '../engine/analytics/kpiFixture';

describe('shared: the dashboard protocol', () => {
  const facts = KPI_CALLS.map((c) => callFactsOf(c.call, c.analyzer));
  const data = { totalCalls: facts.length, computedAt: 0, byVersion: computeKpis(facts, 'prompt-version'), byMonth: computeKpis(facts, 'month'), byAgent: computeKpis(facts, 'agent') };

  it('carries exactly what the engine computes', () => {
    const r = parseMessage(HostToDashboardSchema, JSON.parse(JSON.stringify({ type: 'kpis', data })));
    assert.ok(r.ok);
    assert.deepEqual(r.message, { type: 'kpis', data: { source: 'store', ...data } });
    assert.ok(parseMessage(HostToDashboardSchema, { type: 'kpis', data: null }).ok);
  });

  it('drops a malformed message and names the field', () => {
    const bad = JSON.parse(JSON.stringify({ type: 'kpis', data })) as { data: { byMonth: { rows: Array<{ successRate: unknown }> } } };
    bad.data.byMonth.rows[1]!.successRate = '66%';
    const r = parseMessage(HostToDashboardSchema, bad);
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /data\.byMonth\.rows\.1\.successRate/);
    assert.equal(parseMessage(DashboardToHostSchema, { type: 'selectExperiment', experimentId: 'x' }).ok, false, 'another app\'s message');
    assert.ok(parseMessage(DashboardToHostSchema, { type: 'ready', app: 'dashboard' }).ok);
  });
});
