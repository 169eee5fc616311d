import assert from 'node:assert/strict';
import { CROSS_DOMAIN_FEATURE_NAMES, crossDomainFeatures } from '../../../src/engine/analysis/crossDomainFeatures';
import { aucStandardError, assignFolds, fitLogisticCv, predictStandardised, withDomainStatistics } from '../../../src/engine/analysis/logisticCv';
import { contentOverlap, tagTurn } from '../../../src/engine/analysis/turnActs';
import { ConversationEventSchema } from '../../../src/engine/model';
import type { ConversationEvent } from '../../../src/engine/model';

type Step = ['user' | 'agent', string] | ['tool', string, boolean];

/** A call written here (a parcel-locker helpline, a domain no corpus in the evaluation has). */
function call(id: string, steps: Step[]): ConversationEvent[] {
  let ts = 1_700_000_000_000;
  const events: unknown[] = [];
  const base = () => ({ eventId: `${id}-${events.length}`, callId: id, agentId: 'agent-1', ts: (ts += 1000) });
  steps.forEach((s, i) => {
    if (s[0] === 'tool') {
      events.push({ ...base(), type: 'tool.called', toolCallId: `t${i}`, name: s[1], arguments: {} });
      events.push({ ...base(), type: 'tool.result', toolCallId: `t${i}`, name: s[1], ok: s[2], ...(s[2] ? { result: '{}' } : { error: 'locker offline' }) });
    } else events.push({ ...base(), type: 'turn', role: s[0], text: s[1] });
  });
  return events.map((e) => ConversationEventSchema.parse(e));
}

const smooth = call('smooth', [
  ['user', 'Hi, my parcel is stuck in locker 12, can you open it?'],
  ['agent', 'Of course. Could you give me the pickup code?'],
  ['user', 'Yes, it is 4471.'],
  ['tool', 'open_locker', true],
  ['agent', 'The locker is open now and your pickup is confirmed. Anything else I can help you with?'],
  ['user', 'No, that is all. Thanks a lot, great service!'],
]);
const rough = call('rough', [
  ['user', 'My parcel is stuck in locker 12, please open it.'],
  ['agent', 'Could you give me the pickup code?'],
  ['user', 'The code is 4471.'],
  ['tool', 'open_locker', false],
  ['tool', 'open_locker', false],
  ['agent', "I'm sorry, I was unable to open the locker."],
  ['user', 'I already gave you the code, my parcel is stuck in locker 12. Open the locker please.'],
  ['agent', 'Unfortunately there is no way to open it right now.'],
  ['user', 'This is ridiculous. I want to talk to a real person.'],
]);
const feature = (events: ConversationEvent[], name: string) => crossDomainFeatures(events)[CROSS_DOMAIN_FEATURE_NAMES.indexOf(name)]!;

describe('turn acts', () => {
  it('tags user acts from conversational cues and AFINN valence', () => {
    const t = tagTurn('user', "No, that's not what I asked. This is terrible, I want a supervisor.");
    for (const a of ['negate', 'correct', 'complain', 'handoff-request']) assert.ok(t.acts.has(a), `missing ${a}: ${[...t.acts].join(', ')}`);
    assert.ok(t.valence < 0 && t.minValence <= -3, `valence ${t.valence}, min ${t.minValence}`);
    assert.ok(t.negations >= 2);
    const thanks = tagTurn('user', 'Great, thank you so much. Goodbye!');
    assert.deepEqual([...thanks.acts].sort(), ['affirm', 'bye', 'thank']);
    assert.ok(thanks.valence > 0);
  });

  it('flips the valence of a negated sentiment word', () => {
    assert.ok(tagTurn('user', 'That is good').valence > 0);
    assert.ok(tagTurn('user', 'That is not good').valence < 0);
    // The negator stops at the comma: "terrible" keeps its own −3.
    assert.equal(tagTurn('user', 'This is not good, terrible').minValence, -3);
  });

  it('tags agent failures, apologies, requests and offers of more help', () => {
    const t = tagTurn('agent', "I'm sorry, there are no lockers available at that station.");
    assert.ok(t.acts.has('apology') && t.acts.has('failure'), [...t.acts].join(', '));
    assert.ok(tagTurn('agent', 'What is your pickup code?').acts.has('request'));
    const more = tagTurn('agent', 'Done. Is there anything else I can do for you?');
    assert.ok(more.acts.has('reqmore') && !more.acts.has('request'));
    assert.ok(tagTurn('agent', 'I cannot refund that ticket, it is against our policy.').acts.has('refusal'));
  });

  it('measures how much of a turn repeats an earlier one', () => {
    const a = tagTurn('user', 'parcel stuck locker twelve').content;
    const b = tagTurn('user', 'my parcel is still stuck in the locker').content;
    assert.equal(contentOverlap(b, a), 3 / 4);
    assert.equal(contentOverlap(new Set(['parcel']), a), 0);
  });
});

describe('crossDomainFeatures', () => {
  it('gives one value per named feature, all finite, also for an empty call', () => {
    for (const events of [smooth, rough, []]) {
      const x = crossDomainFeatures(events);
      assert.equal(x.length, CROSS_DOMAIN_FEATURE_NAMES.length);
      assert.ok(x.every(Number.isFinite), x.join(','));
    }
  });

  it('separates the rough call from the smooth one on failures, re-asking, hand-off and the ending', () => {
    assert.equal(feature(smooth, 'tool:failures'), 0);
    assert.equal(feature(rough, 'tool:failures'), 2);
    assert.equal(feature(rough, 'tool:retries'), 1);
    assert.equal(feature(rough, 'tool:failure-rate'), 1);
    assert.equal(feature(rough, 'agent:max-failure-run'), 2);
    assert.equal(feature(rough, 'user:reask'), 1 / 4);
    assert.equal(feature(rough, 'user:reask-after-failure'), 1 / 4);
    assert.equal(feature(smooth, 'user:reask'), 0);
    assert.equal(feature(rough, 'handoff'), 0.5);
    assert.equal(feature(smooth, 'last-user:thank-or-bye'), 1);
    assert.equal(feature(rough, 'last-user:thank-or-bye'), 0);
    assert.ok(feature(rough, 'last-user:valence') < 0 && feature(smooth, 'last-user:valence') > 0);
    assert.ok(feature(rough, 'late-agent:apology') > feature(rough, 'agent:apology'), 'the apologies come late, so the late rate is higher');
  });

  it('counts a hand-off tool as a hand-off', () => {
    const handed = call('handed', [['user', 'Open locker 12.'], ['tool', 'transfer_to_human_agents', true], ['agent', 'Transferring you now.']]);
    assert.equal(feature(handed, 'handoff'), 1);
  });
});

describe('fitLogisticCv', () => {
  // A deterministic data set: y depends on the first feature only; the second is noise.
  const xs: number[][] = [];
  const ys: boolean[] = [];
  const groups: number[] = [];
  for (let i = 0; i < 400; i++) {
    const signal = Math.sin(i * 12.9898) * 3;
    const noise = Math.cos(i * 78.233) * 100;
    xs.push([signal, noise]);
    ys.push(signal + Math.sin(i * 4.1414) * 2 > 0.5);
    groups.push(Math.floor(i / 4));
  }

  it('learns the informative feature, on standardised inputs, and reports its out-of-fold AUC', () => {
    const m = fitLogisticCv(xs, ys, { groups, rule: 'best' });
    assert.ok(m.weights[0]! > 1 && Math.abs(m.weights[1]!) < 0.5, `weights ${m.weights.join(', ')}`);
    assert.ok(m.cvAuc > 0.75 && m.cvAuc < 1, `cv AUC ${m.cvAuc}`);
    assert.ok(m.scale[1]! > 50, 'the noise feature is scaled by its own spread');
    assert.ok(predictStandardised(m, [3, 0]) > 0.8 && predictStandardised(m, [-3, 0]) < 0.2);
  });

  it('chooses the l2 with the best out-of-fold AUC on the training rows', () => {
    const grid = [0.001, 1, 1e6];
    const m = fitLogisticCv(xs, ys, { l2Grid: grid, groups, rule: 'best' });
    const each = grid.map((l2) => fitLogisticCv(xs, ys, { l2Grid: [l2], groups }).cvAuc);
    assert.equal(m.cvAuc, Math.max(...each));
    assert.equal(m.l2, grid[each.indexOf(m.cvAuc)]);
    // A huge ridge leaves the weights near zero.
    assert.ok(Math.abs(fitLogisticCv(xs, ys, { l2Grid: [1e6] }).weights[0]!) < 0.01);
  });

  it('by default takes the strongest l2 within one standard error of the best AUC', () => {
    const grid = [0.001, 1, 30, 1e6];
    const each = grid.map((l2) => fitLogisticCv(xs, ys, { l2Grid: [l2], groups }).cvAuc);
    const top = Math.max(...each);
    const se = aucStandardError(top, ys.filter(Boolean).length, ys.filter((y) => !y).length);
    const expected = Math.max(...grid.filter((_, i) => each[i]! >= top - se - 1e-12));
    assert.equal(fitLogisticCv(xs, ys, { l2Grid: grid, groups }).l2, expected);
  });

  it('computes the Hanley–McNeil standard error of an AUC', () => {
    // Hanley & McNeil (1982), formula (2): A = 0.8 with 50 + 50 cases gives SE 0.0445; A = 0.5 gives 0.0580.
    assert.ok(Math.abs(aucStandardError(0.8, 50, 50) - 0.0445) < 5e-4);
    assert.ok(Math.abs(aucStandardError(0.5, 50, 50) - 0.058) < 5e-4);
    assert.equal(aucStandardError(1, 10, 10), 0);
  });

  it('keeps every group inside one fold and stratifies labels without groups', () => {
    const byGroup = assignFolds(ys, 5, 3, groups);
    for (let i = 1; i < groups.length; i++) if (groups[i] === groups[i - 1]) assert.equal(byGroup[i], byGroup[i - 1]);
    const strat = assignFolds(ys, 5, 3);
    const pos = ys.filter(Boolean).length;
    for (let f = 0; f < 5; f++) {
      const inFold = ys.filter((y, i) => y && strat[i] === f).length;
      assert.ok(Math.abs(inFold - pos / 5) <= 1, `fold ${f} has ${inFold} of ${pos} positives`);
    }
  });

  it('re-standardises on a new domain without labels: a shifted, stretched copy of the data ranks the same', () => {
    const m = fitLogisticCv(xs, ys, { groups });
    const shifted = xs.map((x) => [x[0]! * 4 + 10, x[1]! * 0.5 - 3]);
    const adapted = withDomainStatistics(m, shifted);
    xs.forEach((x, i) => assert.ok(Math.abs(predictStandardised(adapted, shifted[i]!) - predictStandardised(m, x)) < 1e-9));
    assert.deepEqual(adapted.weights, m.weights);
    assert.throws(() => withDomainStatistics(m, [[1, 2]]), /at least 2 calls/);
  });

  it('rejects labels of one class and a single group, naming the problem', () => {
    assert.throws(() => fitLogisticCv([[1], [2]], [true, true]), /all positive/);
    assert.throws(() => fitLogisticCv([[1], [2], [3]], [true, false, true], { groups: ['a', 'a', 'a'] }), /at least 2 distinct groups/);
  });
});
