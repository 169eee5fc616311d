import assert from 'node:assert/strict';
import { ImprovementError, ImprovementService, PatchError, bulletIdsIn, readPlaybookSection } from '../../../src/engine/improvement';
import type { Conversation } from '../../../src/engine/model';
import { createComplianceValidator, withCompliance } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { manualClock, tempDir, testPorts } from '../store/builders';
import { LIBRARY_PATTERNS, fingerprint, sha256 } from './builders';

const PROMPT = '# Library help line\n\nYou answer members of the city library by phone.\nBe brief and friendly.\n';

describe('improvement: proposals, decisions and the playbook on a real store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: LearningStore;
  let svc: ImprovementService;
  const clock = manualClock();
  const validator = createComplianceValidator();

  beforeEach(async () => {
    tmp = tempDir('kaizen-improve-');
    const ports = testPorts(clock);
    store = withCompliance(await openSqlStore({ path: `${tmp.dir}/k.db`, ports }), validator, { ports });
    await store.replacePatterns(LIBRARY_PATTERNS);
    await store.upsertErrorFingerprints([fingerprint('fp-card', 'Card <NUM> is blocked', 40, 'issue_card')]);
    svc = new ImprovementService(store, { clock, sha256, validator });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  const snapshot = async () => JSON.stringify([await store.listArtifacts({ latestOnly: false }), await store.readJournal('improvement'), await store.listExperiments()]);

  it('propose journals each proposal; accept makes a playbook version and a versioned prompt-enhancement artifact', async () => {
    const proposals = await svc.propose('prompts/library.md', PROMPT);
    assert.equal(proposals.length, 3);
    assert.equal((await store.readJournal('improvement', { kind: 'proposal' })).length, 3);
    // Proposing again journals nothing new.
    await svc.propose('prompts/library.md', PROMPT);
    assert.equal((await store.readJournal('improvement', { kind: 'proposal' })).length, 3);

    const renew = proposals.find((p) => p.section === 'renew loan')!;
    const r = await svc.accept(renew.id, PROMPT);
    assert.equal(r.artifact.payload.kind, 'prompt-enhancement');
    assert.equal(r.artifact.version, 1);
    assert.equal(r.artifact.status, 'approved');
    assert.match(r.artifact.contentHash, /^[0-9a-f]{64}$/);
    assert.equal(r.artifact.payload.kind === 'prompt-enhancement' && r.artifact.payload.diff, renew.patch, 'the accepted diff is the proposed one');
    assert.deepEqual(bulletIdsIn(r.text).sort(), renew.bullets.map((b) => b.id).sort());
    const pb = await svc.playbook();
    assert.equal(pb.version, 1);
    assert.deepEqual(pb.bullets.map((b) => b.id).sort(), renew.bullets.map((b) => b.id).sort());
    await assert.rejects(svc.accept(renew.id, PROMPT), (e: unknown) => e instanceof ImprovementError && e.reason === 'decided');

    // The other proposals were made for playbook v0: stale now, and propose again offers them anew.
    const tools = proposals.find((p) => p.section === 'Tool errors: issue_card')!;
    await assert.rejects(svc.accept(tools.id, PROMPT), /made for playbook v0, which is now v1/);
    const again = await svc.propose('prompts/library.md', PROMPT);
    const tools2 = again.find((p) => p.section === 'Tool errors: issue_card')!;
    const r2 = await svc.accept(tools2.id, PROMPT);
    assert.equal(r2.artifact.artifactId, r.artifact.artifactId);
    assert.equal(r2.artifact.version, 2, 'each accept on the same prompt file is a new version');
    assert.equal((await svc.playbook()).bullets.length, 3);
  });

  it('bad input changes nothing: an unknown id, a failed gate, a changed prompt, a patch that does not apply, an empty reason', async () => {
    const proposals = await svc.propose('prompts/library.md', PROMPT);
    const before = await snapshot();
    await assert.rejects(svc.accept('prop-aaaaaaaaaaaa', PROMPT), (e: unknown) => e instanceof ImprovementError && /^proposal id: no proposal "prop-aaaaaaaaaaaa"/.test(e.message) && /kaizen improve propose/.test(e.message));
    const room = proposals.find((p) => p.section === 'room booking')!;
    await assert.rejects(svc.accept(room.id, PROMPT), /failed the evidence gate/);
    const renew = proposals.find((p) => p.section === 'renew loan')!;
    await assert.rejects(svc.accept(renew.id, `${PROMPT}\nExtra line.\n`), /prompt: prompts\/library\.md changed since proposal/);
    await assert.rejects(svc.accept(renew.id, PROMPT, renew.patch.replace(' Be brief and friendly.', ' Be curt.')), PatchError);
    await assert.rejects(svc.reject(renew.id, '  '), /--reason: give the reason/);
    await assert.rejects(svc.reject('prop-bbbbbbbbbbbb', 'no'), /no proposal/);
    assert.equal(await snapshot(), before);
  });

  it('accepts a designer\'s edit: an edited line edits the bullet, a new line becomes a designer bullet', async () => {
    const renew = (await svc.propose('prompts/library.md', PROMPT)).find((p) => p.section === 'renew loan')!;
    const waiver = renew.bullets.find((b) => b.cite?.kind === 'move' && b.cite.use)!;
    const lines = renew.patch.split('\n');
    const at = lines.findIndex((l) => l.includes(`[${waiver.id}]`));
    lines[at] = `+- [${waiver.id}] For an overdue fine, offer to waive it once when the member renews now.`;
    lines.splice(at + 1, 0, '+- Confirm the new due date before ending the call.');
    // The hunk header's counts are left as they were: a designer edits lines, not counts.
    const edited = lines.join('\n');
    const r = await svc.accept(renew.id, PROMPT, edited);
    assert.equal(r.edited, true);
    const pb = await svc.playbook();
    assert.equal(pb.bullets.find((b) => b.id === waiver.id)!.text, 'For an overdue fine, offer to waive it once when the member renews now.');
    const added = pb.bullets.find((b) => b.text === 'Confirm the new due date before ending the call.')!;
    assert.equal(added.section, 'renew loan');
    assert.equal(added.cite, undefined);
    assert.deepEqual(readPlaybookSection(r.text).map((l) => l.id).sort(), pb.bullets.map((b) => b.id).sort());
    const journal = await store.readJournal('improvement', { kind: 'proposal.accepted' });
    assert.equal((journal[0]!.payload as { edited: boolean }).edited, true);
  });

  it('reject journals the reason; playbook add is a delta; a draft experiment comes from an accepted enhancement in one call', async () => {
    const proposals = await svc.propose('prompts/library.md', PROMPT);
    await svc.reject(proposals.find((p) => p.section === 'Tool errors: issue_card')!.id, 'the card system is being replaced');
    const rejected = await store.readJournal('improvement', { kind: 'proposal.rejected' });
    assert.equal((rejected[0]!.payload as { reason: string }).reason, 'the card system is being replaced');

    const added = await svc.addBullet('General', 'Thank the member by name.');
    assert.equal(added.version, 1);
    await assert.rejects(svc.addBullet('General', 'Thank the member by name.'), /already has this bullet/);
    await assert.rejects(svc.addBullet('General', 'Call back on 415-555-0199'), (e: unknown) => e instanceof ImprovementError && e.reason === 'privacy');
    await assert.rejects(svc.addBullet('', 'x'), /--section/);

    const fresh = (await svc.propose('prompts/library.md', PROMPT)).find((p) => p.section === 'renew loan')!;
    const acc = await svc.accept(fresh.id, PROMPT);
    const exp = await svc.createDraftExperiment(acc.artifact.artifactId, PROMPT);
    assert.equal(exp.status, 'draft');
    assert.equal(exp.variants.length, 2);
    const [control, enhanced] = await Promise.all(exp.variants.map((v) => store.getArtifact(v.artifactId!, v.artifactVersion)));
    assert.equal(control!.payload.kind === 'prompt' && control!.payload.text, PROMPT);
    assert.equal(enhanced!.payload.kind === 'prompt' && enhanced!.payload.text, acc.text);
    assert.equal(enhanced!.status, 'testing');
    await assert.rejects(svc.createDraftExperiment(acc.artifact.artifactId, 'another prompt'), /is not the text enhancement/);
  });

  it('after rollout, counters follow the outcomes of the calls that ran each bullet (by promptVersion)', async () => {
    const renew = (await svc.propose('prompts/library.md', PROMPT)).find((p) => p.section === 'renew loan')!;
    const acc = await svc.accept(renew.id, PROMPT);
    const exp = await svc.createDraftExperiment(acc.artifact.artifactId, PROMPT);
    const enhanced = exp.variants[1]!;
    const waiver = renew.bullets.find((b) => b.cite?.kind === 'move' && b.cite.use)!;
    const call = (id: string, version: string | undefined, resolved: boolean): Conversation => ({
      callId: id,
      agentId: 'lib',
      startedAt: 1,
      events: [
        { eventId: `${id}:0`, callId: id, agentId: 'lib', ts: 1, type: 'call.started', channel: 'voice', ...(version ? { promptVersion: version } : {}) },
        { eventId: `${id}:1`, callId: id, agentId: 'lib', ts: 2, type: 'turn', role: 'user', text: 'I have an overdue fine.' },
        { eventId: `${id}:2`, callId: id, agentId: 'lib', ts: 3, type: 'call.ended', outcome: { resolved, endReason: 'completed' } },
      ],
    });
    const v = `${enhanced.artifactId}@${enhanced.artifactVersion}`;
    await store.putConversations([call('c1', v, true), call('c2', v, true), call('c3', v, false), call('c4', undefined, true)]);
    const analysis = (callId: string, success: boolean) => ({
      callId,
      agentId: 'lib',
      intent: 'renew_loan',
      intentConfidence: 1,
      outcome: { label: success ? ('success' as const) : ('failure' as const), probability: 1 },
      signals: [],
      detail: { triggers: [{ name: 'overdue-fine', turnIndex: 1, primary: true }], toolSequence: [] },
      analyzedAt: 1,
    });
    await store.putCallAnalyses([analysis('c1', true), analysis('c2', true), analysis('c3', false), analysis('c4', true)]);
    const t = await svc.trackEffectiveness();
    assert.equal(t.calls, 3);
    assert.deepEqual(t.bullets.find((b) => b.id === waiver.id), { id: waiver.id, helpful: 2, harmful: 1 });
    assert.equal(t.playbook!.version, 2);
    const again = await svc.trackEffectiveness();
    assert.equal(again.playbook, undefined, 'recounting the same calls changes nothing');
  });
});
