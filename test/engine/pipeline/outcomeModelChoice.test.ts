import assert from 'node:assert/strict';
import { analyzeStore } from '../../../src/engine/pipeline';
import type { CallAnalysis } from '../../../src/engine/analysis';
import { assembleConversation, ConversationEventSchema } from '../../../src/engine/model';
import type { Conversation } from '../../../src/engine/model';
import { openSqlStore } from '../../../src/engine/store';
import { seededRandom } from '../../../src/engine/analysis/discovery/random';
import { rocAuc } from '../../../src/engine/stats';
import { createNodePorts } from '../../../src/node/nodePorts';

const OPENINGS = ['Hi, locker 12 will not open for my parcel.', 'Hello, my parcel is in locker 4 and the door is stuck.', 'My pickup code does not open the locker.'];
const CLOSINGS = ['Okay, thanks. Bye.', 'Alright.', 'Fine, thank you.', 'Okay then, goodbye.'];

/**
 * A parcel-locker helpline whose outcome hangs on one store-specific cue: whether the `unlatch_door`
 * tool worked. The words are the same either way (the agent reads the same script, the caller closes
 * politely), so a prior fitted on chats without tools has little to go on; 10 % of verdicts are flipped.
 */
function lockerStore(seed: number, labelled: number, open: number): { convs: Conversation[]; truth: Map<string, boolean> } {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const truth = new Map<string, boolean>();
  const convs: Conversation[] = [];
  for (let i = 0; i < labelled + open; i++) {
    const callId = `${i < labelled ? 'labelled' : 'open'}-${i}`;
    const works = r() < 0.5;
    const success = r() < 0.1 ? !works : works;
    truth.set(callId, success);
    let ts = 1_700_000_000_000 + i * 100_000;
    let n = 0;
    const base = () => ({ eventId: `${callId}-${n++}`, callId, agentId: 'locker-bot', ts: (ts += 1000) });
    const events = [
      { ...base(), type: 'call.started' },
      { ...base(), type: 'turn', role: 'user', text: pick(OPENINGS) },
      { ...base(), type: 'turn', role: 'agent', text: 'Could you read me the pickup code?' },
      { ...base(), type: 'turn', role: 'user', text: `It is ${1000 + Math.floor(r() * 9000)}.` },
      { ...base(), type: 'tool.called', toolCallId: 't1', name: 'unlatch_door', arguments: {} },
      { ...base(), type: 'tool.result', toolCallId: 't1', name: 'unlatch_door', ok: works, ...(works ? { result: '{"state":"sent"}' } : { error: 'controller timeout' }) },
      { ...base(), type: 'turn', role: 'agent', text: 'I have sent the signal to the locker, please try the door now.' },
      { ...base(), type: 'turn', role: 'user', text: pick(CLOSINGS) },
      { ...base(), type: 'call.ended', outcome: i < labelled ? { endReason: 'unknown', resolved: success } : { endReason: 'unknown' } },
    ].map((e) => ConversationEventSchema.parse(e));
    convs.push(assembleConversation(events));
  }
  return { convs, truth };
}

async function analyze(convs: readonly Conversation[], options: { minLabelsPerClass?: number } = {}) {
  const ports = createNodePorts();
  const store = await openSqlStore({ ports });
  try {
    await store.putConversations([...convs]);
    const scored = new Map<string, CallAnalysis>();
    const summary = await analyzeStore(store, { ports, induce: false, ...options, onCall: (a) => scored.set(a.callId, a) });
    return { summary, scored };
  } finally {
    await store.close();
  }
}

/** AUC of the inferred success probability on the calls that carried no verdict. */
function openAuc(scored: Map<string, CallAnalysis>, truth: Map<string, boolean>): number {
  const open = [...scored.values()].filter((a) => a.callId.startsWith('open-'));
  return rocAuc(
    open.map((a) => a.outcome.probability),
    open.map((a) => truth.get(a.callId)!),
  );
}

describe('analyzeStore: which outcome model scores the calls without a verdict', () => {
  it('uses the shipped prior, standardised on the store, while verdicts are too few', async () => {
    const { convs } = lockerStore(3, 16, 40);
    const { summary, scored } = await analyze(convs);
    assert.equal(summary.outcomeModel.kind, 'prior');
    assert.equal(summary.outcomeModel.domainCalls, 56, 'all 56 calls (labelled or not) give the feature statistics');
    const open = scored.get('open-20')!;
    assert.equal(open.outcome.source, 'signals');
    assert.deepEqual(open.outcome.model, { origin: 'prior', examples: 0 });
    assert.equal(scored.get('labelled-0')!.outcome.source, 'explicit');
  });

  it('refits on the store’s own verdicts above the threshold, and the refit ranks the open calls better', async () => {
    const { convs, truth } = lockerStore(7, 120, 80);
    const prior = await analyze(convs, { minLabelsPerClass: 1000 });
    const fitted = await analyze(convs);
    assert.equal(prior.summary.outcomeModel.kind, 'prior');
    assert.equal(fitted.summary.outcomeModel.kind, 'store-fitted');
    assert.equal(fitted.summary.outcomeModel.examples, 120);
    assert.ok(fitted.summary.outcomeModel.cvAuc! > 0.75, `cross-validated AUC ${fitted.summary.outcomeModel.cvAuc}`);
    assert.deepEqual(fitted.scored.get('open-150')!.outcome.model, { origin: 'store-fitted', examples: 120 });
    const before = openAuc(prior.scored, truth);
    const after = openAuc(fitted.scored, truth);
    // The truth flips 10 % of outcomes, so about 0.9 is the ceiling.
    assert.ok(after >= 0.8, `store-fitted AUC ${after.toFixed(3)}`);
    assert.ok(after >= before + 0.1, `store-fitted AUC ${after.toFixed(3)} vs prior ${before.toFixed(3)}`);
  });

  it('is deterministic: the same store gives the same model and the same probabilities', async () => {
    const { convs } = lockerStore(11, 60, 20);
    const a = await analyze(convs);
    const b = await analyze(convs);
    assert.deepEqual(a.summary.outcomeModel, b.summary.outcomeModel);
    for (const [id, x] of a.scored) assert.equal(b.scored.get(id)!.outcome.probability, x.outcome.probability, id);
  });
});
