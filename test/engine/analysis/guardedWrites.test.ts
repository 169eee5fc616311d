import assert from 'node:assert/strict';
import { putAnalysesGuarded, replacePatternsGuarded } from '../../../src/engine/analysis/guardedWrites';
import type { ScoredPattern } from '../../../src/engine/analysis/patterns';
import { createComplianceValidator, withCompliance } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { CallAnalysisRecord } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';

describe('analysis writes through the privacy gate', () => {
  const record = (callId: string, userTemplate: string): CallAnalysisRecord => ({
    callId,
    agentId: 'a',
    intent: 'account_access',
    intentConfidence: 0.9,
    outcome: { label: 'success', probability: 0.9 },
    signals: [{ kind: 'thanks', polarity: 'success', turnIndex: 3, strength: 0.8 }],
    detail: { fragments: [{ userTemplate, agentTemplate: 'Let me verify you first.' }], evidence: [userTemplate] },
    analyzedAt: 1,
  });

  it('keeps a call whose text still holds PII, without its text, and stores the rest whole', async () => {
    const ports = createNodePorts();
    const raw = await openSqlStore({ ports });
    const store = withCompliance(raw, createComplianceValidator(), { ports });
    try {
      const withheld = new Set<string>();
      await putAnalysesGuarded(store, [record('ok', 'I am locked out'), record('leak', 'write to maria.lopez@gmail.com please')], withheld);
      assert.deepEqual([...withheld], ['leak']);
      const ok = await raw.getCallAnalysis('ok');
      assert.equal((ok!.detail as { fragments: unknown[] }).fragments.length, 1);
      const leak = await raw.getCallAnalysis('leak');
      assert.equal(leak!.intent, 'account_access', 'the aggregates of the call are kept');
      assert.deepEqual((leak!.detail as { fragments: unknown[] }).fragments, []);
      assert.ok(!JSON.stringify(leak).includes('maria.lopez'), 'no PII stored');
    } finally {
      await store.close();
    }
  });

  it('stores a pattern whose template the gate refuses without the template', async () => {
    const ports = createNodePorts();
    const raw = await openSqlStore({ ports });
    const store = withCompliance(raw, createComplianceValidator(), { ports });
    try {
      const base = {
        agentId: undefined,
        intent: 'account_access',
        trigger: 'locked-out',
        support: 10,
        successes: 8,
        successRate: 0.8,
        confidence: { low: 0.5, high: 0.9, level: 0.95, method: 'wilson' as const },
        lift: 0.2,
        liftPValue: 0.01,
        exampleCallIds: [],
        updatedAt: 1,
        rawPValue: 0.01,
        test: 'z' as const,
        significant: true,
        baselineRate: 0.6,
        baselineSupport: 30,
      };
      const patterns = [
        { ...base, id: 'p1', strategy: 'verification-first', template: 'Can you confirm the email on file?' },
        { ...base, id: 'p2', strategy: 'empathy', template: 'Call me at 415-555-0199 any time' },
      ] as ScoredPattern[];
      assert.equal(await replacePatternsGuarded(store, patterns), 1);
      const stored = await raw.listPatterns();
      assert.equal(stored.length, 2);
      assert.equal(stored.find((p) => p.id === 'p1')!.template, 'Can you confirm the email on file?');
      assert.equal(stored.find((p) => p.id === 'p2')!.template, undefined);
    } finally {
      await store.close();
    }
  });
});
