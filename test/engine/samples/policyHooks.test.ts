import assert from 'node:assert/strict';
import { ConversationEventSchema } from '../../../src/engine/model';
import { generateSampleCalls } from '../../../src/engine/samples';
import type { ToolCallCorrection } from '../../../src/engine/samples';

describe('samples: the policy hooks a simulated learning fleet uses', () => {
  const plain = generateSampleCalls({ seed: 11, count: 400, errorModes: true });

  it('a policy that keeps the uniform pick and corrects nothing changes nothing (the random streams are the same)', () => {
    const pending: string[] = [];
    const same = generateSampleCalls({ seed: 11, count: 400, errorModes: true, chooseStrategy: (_i, _t, uniform) => uniform, beforeToolCall: (_soFar, p) => (pending.push(p.name), undefined) });
    assert.deepEqual(same.calls, plain.calls);
    assert.ok(pending.includes('offer_refund') && pending.includes('update_account'), 'the agent is asked before its tool calls');
  });

  it('the policy decides the move', () => {
    const forced = generateSampleCalls({ seed: 11, count: 400, chooseStrategy: (_i, trigger, uniform) => (trigger === 'price-objection' ? 'value-reframing' : uniform) });
    const priced = forced.calls.filter((c) => c.truth.trigger === 'price-objection');
    assert.ok(priced.length > 10 && priced.every((c) => c.truth.strategy === 'value-reframing'));
  });

  it('a correction changes the call the agent makes, and the world decides whether the planted error still happens', () => {
    // A hand-written agent that reads only the call so far (never the plan): the four corrections.
    const agent = (soFar: readonly { type: string; name?: string; ok?: boolean; result?: string; arguments?: Record<string, unknown> }[], p: { name: string; arguments: Record<string, unknown> }): ToolCallCorrection | undefined => {
      const ok = (tool: string) => soFar.some((e) => e.type === 'tool.result' && e.name === tool && e.ok === true);
      if (p.name === 'offer_refund' && !ok('verify_identity')) return { kind: 'call-first', tool: 'verify_identity' };
      if (p.name === 'update_order' && soFar.some((e) => e.type === 'tool.result' && e.name === 'shipping_status' && e.result?.includes('"shipped"'))) return { kind: 'withhold' };
      const lastFailed = [...soFar].reverse().find((e) => e.type === 'tool.called' && e.name === p.name);
      if (p.name === 'update_account' && lastFailed && JSON.stringify(lastFailed.arguments) === JSON.stringify(p.arguments)) return { kind: 'fresh-arguments' };
      if (p.name === 'update_account' && !('zip' in p.arguments)) return { kind: 'add-argument', field: 'zip' };
      return undefined;
    };
    const planted = plain.calls.flatMap((c) => c.truth.plantedErrors ?? []);
    assert.ok(planted.length > 20, `planted errors without corrections: ${planted.length}`);
    const corrected = generateSampleCalls({ seed: 11, count: 400, errorModes: true, errorModePenalty: 0.3, beforeToolCall: agent });
    assert.equal(corrected.calls.flatMap((c) => c.truth.plantedErrors ?? []).length, 0);
    const averted = corrected.calls.flatMap((c) => c.truth.avertedErrors ?? []);
    assert.deepEqual(new Set(averted.map((a) => a.mode)), new Set(['refund-without-identity', 'change-after-shipped', 'missing-field', 'same-args-retry']));
    const codes = new Set(corrected.calls.flatMap((c) => c.events.flatMap((e) => (e.type === 'agent.error' ? [e.code] : []))));
    for (const code of ['IDENTITY_REQUIRED', 'ALREADY_SHIPPED', 'VALIDATION_FAILED', 'DUPLICATE_REQUEST']) assert.ok(!codes.has(code), `${code} still happens`);
    // The corrected calls are what the agent did: a verification before each refund, zip on every account update.
    for (const c of corrected.calls) {
      const names = c.events.flatMap((e) => (e.type === 'tool.called' ? [e.name] : []));
      if (names.includes('offer_refund')) assert.ok(names.indexOf('verify_identity') >= 0 && names.indexOf('verify_identity') < names.indexOf('offer_refund'));
    }
    // The fleet simulation uses the generator's events without parsing them: parsing must change nothing.
    for (const c of [...corrected.calls, ...plain.calls]) for (const e of c.events) assert.deepEqual(ConversationEventSchema.parse(e), e);
    // With a penalty, errors cost calls their success: the corrected calls succeed more often.
    const penalized = generateSampleCalls({ seed: 11, count: 400, errorModes: true, errorModePenalty: 0.3 });
    const rate = (calls: typeof plain.calls) => calls.filter((c) => c.truth.success).length / calls.length;
    assert.ok(rate(penalized.calls) < rate(plain.calls), `${rate(penalized.calls)} vs ${rate(plain.calls)}`);
    assert.ok(rate(corrected.calls) > rate(penalized.calls), `${rate(corrected.calls)} vs ${rate(penalized.calls)}`);
  });
});
