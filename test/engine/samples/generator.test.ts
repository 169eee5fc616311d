import assert from 'node:assert/strict';
import { ConversationEventSchema } from '../../../src/engine/model';
import { generateSampleCalls, iterateSampleCalls, scorePatternRecovery } from '../../../src/engine/samples';
import type { PlantedPattern } from '../../../src/engine/samples';

describe('sample-call generator', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = generateSampleCalls({ seed: 3, count: 50 });
    const b = generateSampleCalls({ seed: 3, count: 50 });
    const c = generateSampleCalls({ seed: 4, count: 50 });
    assert.deepEqual(a.calls, b.calls);
    assert.notDeepEqual(a.calls.map((x) => x.truth), c.calls.map((x) => x.truth));
  });

  it('emits valid Kaizen events that start and end every call, with unique event ids', () => {
    const ids = new Set<string>();
    for (const call of iterateSampleCalls({ seed: 1, count: 200 })) {
      const parsed = call.events.map((e) => ConversationEventSchema.parse(e));
      assert.equal(parsed[0]!.type, 'call.started');
      assert.ok(parsed.some((e) => e.type === 'call.ended'));
      for (const e of parsed) {
        assert.ok(!ids.has(e.eventId), `duplicate event id ${e.eventId}`);
        ids.add(e.eventId);
        assert.equal(e.callId, call.truth.callId);
      }
      for (let i = 1; i < parsed.length; i++) assert.ok(parsed[i]!.ts >= parsed[i - 1]!.ts, 'timestamps never go back');
    }
  });

  it('records an outcome consistent with the events it wrote', () => {
    for (const call of iterateSampleCalls({ seed: 2, count: 300 })) {
      const transferred = call.events.some((e) => e.type === 'tool.called' && e.name === 'transfer_to_human_agents');
      assert.equal(transferred, call.truth.escalated);
      if (call.truth.escalated) assert.equal(call.truth.success, false);
      const toolErrors = call.events.filter((e) => e.type === 'tool.result' && e.ok === false).length;
      assert.equal(toolErrors, call.truth.errorCodes.length);
    }
  });

  it('plants effects that show in the generated outcomes', () => {
    const { truth } = generateSampleCalls({ seed: 11, count: 4000 });
    assert.equal(truth.planted.length, 5);
    for (const p of truth.planted) {
      const gap = p.successRate - p.baselineRate;
      if (p.effect === 'positive') assert.ok(gap > 0.1, `${p.strategy} in ${p.trigger}: gap ${gap}`);
      else assert.ok(gap < -0.1, `${p.strategy} in ${p.trigger}: gap ${gap}`);
    }
    for (const tp of truth.plantedTools) {
      const gap = tp.successRate - tp.baselineRate;
      assert.ok(tp.effect === 'positive' ? gap > 0.03 : gap < -0.03, `${tp.sequence.join('>')}: gap ${gap}`);
    }
  });

  it('puts raw PII in the text, as a real recording would, for the redactor to remove', () => {
    const call = generateSampleCalls({ seed: 5, count: 30 }).calls;
    const text = call.flatMap((c) => c.events).map((e) => ('text' in e ? e.text : '')).join(' ');
    assert.match(text, /[a-z]+\.[a-z]+\d*@[a-z]+\.(com|org)/);
    assert.match(text, /ORD-\d{6}/);
  });
});

describe('planted-pattern recovery score', () => {
  const planted = [
    { intent: 'a', trigger: 't', strategy: 's1', successRate: 0.8, baselineRate: 0.5, effect: 'positive' as const },
    { intent: 'a', trigger: 't', strategy: 's2', successRate: 0.2, baselineRate: 0.5, effect: 'negative' as const },
  ] as unknown as PlantedPattern[];

  it('counts a discovery only with the planted cell and the planted direction', () => {
    const s = scorePatternRecovery(
      [
        { intent: 'a', trigger: 't', strategy: 's1', lift: 0.3 },
        { intent: 'a', trigger: 't', strategy: 's2', lift: 0.1 },
        { intent: 'a', trigger: 't', strategy: 's3', lift: 0.2 },
      ],
      planted,
    );
    assert.equal(s.matched, 1);
    assert.equal(s.precision, 1 / 3);
    assert.equal(s.recall, 1 / 2);
    assert.deepEqual(s.missed.map((p) => p.strategy), ['s2']);
    assert.equal(s.falsePositives.length, 2);
  });
});
