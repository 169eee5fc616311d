import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { iterateSampleCalls } from '../../../src/engine/samples';
import type { ConversationEventInput } from '../../../src/engine/model';

type Ev = ConversationEventInput & Record<string, unknown>;

describe('samples: recurring error modes with recorded precursors', () => {
  const withModes = [...iterateSampleCalls({ seed: 5, count: 1500, errorModes: true })];

  it('leaves the calls of every other evaluation as they were (own random stream)', () => {
    const plain = [...iterateSampleCalls({ seed: 5, count: 1500 })];
    const core = (t: (typeof plain)[number]['truth']) => [t.callId, t.intent, t.trigger, t.strategy, t.success, t.escalated, t.toolSequence.join('>')].join('|');
    assert.deepEqual(withModes.map((c) => core(c.truth)), plain.map((c) => core(c.truth)));
    assert.ok(plain.every((c) => c.truth.plantedErrors === undefined));
    // Turns are the same text in the same order.
    const turns = (events: readonly ConversationEventInput[]) => events.flatMap((e) => (e.type === 'turn' ? [(e as Ev).text] : []));
    assert.deepEqual(turns(withModes[3]!.events), turns(plain[3]!.events));
  });

  it('plants every mode, each with its precursor in the call before the failing tool call', () => {
    const counts: Record<string, number> = {};
    for (const { events, truth } of withModes) {
      for (const p of truth.plantedErrors ?? []) {
        counts[p.mode] = (counts[p.mode] ?? 0) + 1;
        const errIdx = events.findIndex((e) => e.type === 'agent.error' && (e as Ev).code === p.code);
        assert.ok(errIdx > 0, `${truth.callId}: no ${p.code} error event`);
        const before = events.slice(0, errIdx) as Ev[];
        const calls = before.filter((e) => e.type === 'tool.called');
        const failing = calls.at(-1)!;
        assert.equal(failing.name, p.tool);
        const okBefore = (tool: string) => before.some((e) => e.type === 'tool.result' && e.ok === true && e.name === tool);
        if (p.mode === 'refund-without-identity') assert.ok(!okBefore('verify_identity'));
        if (p.mode === 'change-after-shipped') assert.ok(before.some((e) => e.type === 'tool.result' && e.name === 'shipping_status' && String(e.result).includes('"shipped"')));
        if (p.mode === 'missing-field') assert.ok(!('zip' in (failing.arguments as object)));
        if (p.mode === 'same-args-retry') assert.deepEqual(calls.at(-2)!.arguments, failing.arguments);
      }
    }
    for (const mode of ['refund-without-identity', 'change-after-shipped', 'missing-field', 'same-args-retry']) assert.ok((counts[mode] ?? 0) >= 5, `${mode}: ${counts[mode] ?? 0} planted`);
  });

  it('the error learner reads calls, never the generator (no import of src/engine/samples in src/engine/errors)', () => {
    const dir = path.resolve(__dirname, '../../../src/engine/errors');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) assert.doesNotMatch(readFileSync(path.join(dir, f), 'utf8'), /from '\.\.\/samples/, f);
  });
});
