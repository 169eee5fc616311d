import assert from 'node:assert/strict';
import { generateSampleCalls } from '../../../src/engine/samples';

describe('samples: the policy hooks a simulated learning fleet uses', () => {
  const plain = generateSampleCalls({ seed: 11, count: 400 });

  it('a policy that keeps the uniform pick changes nothing (the random stream is the same)', () => {
    const same = generateSampleCalls({ seed: 11, count: 400, chooseStrategy: (_i, _t, uniform) => uniform, preventError: () => false });
    assert.deepEqual(same.calls, plain.calls);
  });

  it('the policy decides the move; planted errors are offered to the agent, and a prevented one does not happen', () => {
    const forced = generateSampleCalls({ seed: 11, count: 400, chooseStrategy: (_i, trigger, uniform) => (trigger === 'price-objection' ? 'value-reframing' : uniform) });
    const priced = forced.calls.filter((c) => c.truth.trigger === 'price-objection');
    assert.ok(priced.length > 10 && priced.every((c) => c.truth.strategy === 'value-reframing'));
    const seen: string[] = [];
    const guarded = generateSampleCalls({ seed: 11, count: 400, preventError: (_i, tool, code, message) => (seen.push(`${tool} ${code} ${message}`), true) });
    // Prevented errors change the calls' outcomes and so the rest of the stream: count what was offered.
    assert.ok(seen.length > 10, 'planted errors are offered to the agent');
    assert.ok(seen.every((s) => /^(validate_purchase ORDER_NOT_FOUND|update_account GATEWAY_TIMEOUT|shipping_status CARRIER_UNAVAILABLE) /.test(s)));
    assert.equal(guarded.calls.reduce((n, c) => n + c.truth.errorCodes.length, 0), 0);
    assert.ok(guarded.calls.every((c) => !c.events.some((e) => e.type === 'tool.result' && e.ok === false)));
  });
});
