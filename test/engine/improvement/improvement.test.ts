import assert from 'node:assert/strict';
import { applyPatch } from 'diff';
import {
  DeltaError,
  PatchError,
  applyDeltas,
  applyPromptPatch,
  budgetGate,
  bulletCounters,
  bulletIdsIn,
  conflictGate,
  evidenceGate,
  hypothesesFromFingerprints,
  hypothesesFromPatterns,
  moveGuidance,
  planDeltas,
  privacyGate,
  proposeImprovements,
  readPlaybookSection,
  renderPlaybookSection,
  withPlaybookSection,
  SECTION_START,
} from '../../../src/engine/improvement';
import type { PlaybookBullet } from '../../../src/engine/model';
import { PlaybookBulletSchema } from '../../../src/engine/model';
import { createComplianceValidator } from '../../../src/engine/privacy';
import { LIBRARY_PATTERNS, fingerprint, pattern, sha256 } from './builders';

const validator = createComplianceValidator();
const PROMPT = '# Library help line\n\nYou answer members of the city library by phone.\nBe brief and friendly.\n';

function manual(section: string, text: string, over: Partial<PlaybookBullet> = {}): PlaybookBullet {
  return PlaybookBulletSchema.parse({ id: `pb-${sha256(text).slice(0, 10).replace(/[0-9]/g, 'x')}`, section, text, ...over });
}

describe('improvement: hypotheses from the analysis', () => {
  it('turns significant patterns into use/avoid bullets with the figures and provenance of the calls', () => {
    const hs = hypothesesFromPatterns(LIBRARY_PATTERNS, sha256);
    // fee-waiver (best in its situation) and queue-explanation (hurts); policy-reminder loses to the
    // fee waiver in the same situation; alternative-branch is significant but below no gate here (12 calls);
    // apology is not significant.
    const cites = hs.map((h) => h.bullet.cite);
    assert.deepEqual(cites, [
      { kind: 'move', intent: 'renew_loan', trigger: 'hold-queue', strategy: 'queue-explanation', use: false },
      { kind: 'move', intent: 'renew_loan', trigger: 'overdue-fine', strategy: 'fee-waiver-offer', use: true },
      { kind: 'move', intent: 'room_booking', trigger: 'no-availability', strategy: 'alternative-branch', use: true },
    ]);
    const waiver = hs[1]!.bullet;
    assert.match(waiver.text, /overdue fine, use fee waiver offer: it resolved 84 % of 140 such calls vs 52 % with other moves/);
    assert.match(waiver.text, /waive the \[DOLLAR_AMOUNT\] fine/, 'quotes the pattern\'s own redacted example');
    assert.equal(waiver.section, 'renew loan');
    assert.deepEqual(waiver.provenance.patternIds, ['renew_loan|overdue-fine|fee-waiver-offer']);
    assert.equal(waiver.provenance.callIds.length, 10);
    assert.equal(waiver.support, 140);
    assert.match(hs[0]!.bullet.text, /avoid queue explanation: it resolved 31 % of 120 such calls vs 58 %/);
    assert.match(hs[1]!.statement, /q=0\.00040/);
    // Stable ids: the same evidence gets the same id in another run; ids carry no digits.
    assert.deepEqual(hypothesesFromPatterns([...LIBRARY_PATTERNS].reverse(), sha256).map((h) => h.bullet.id), hs.map((h) => h.bullet.id));
    for (const h of hs) assert.match(h.bullet.id, /^pb-[a-p]{10}$/);
  });

  it('a pattern below alpha or the minimum lift is no hypothesis', () => {
    assert.equal(hypothesesFromPatterns([pattern('a', 'b', 'c', 0.9, 0.5, 100, 0.2)], sha256).length, 0);
    assert.equal(hypothesesFromPatterns([pattern('a', 'b', 'c', 0.53, 0.5, 5000, 0.001)], sha256).length, 0);
    assert.equal(hypothesesFromPatterns([pattern('a', 'b', 'c', 0.53, 0.5, 5000, 0.001)], sha256, { minLift: 0.02 }).length, 1);
  });

  it('recurring fingerprints become guard bullets; an avoidance rule lends its words', () => {
    const fps = [fingerprint('fp-card', 'Card <NUM> is blocked', 9, 'issue_card'), fingerprint('fp-rare', 'Printer <NUM> offline', 2, 'print_job')];
    const plain = hypothesesFromFingerprints(fps, [], sha256);
    assert.equal(plain.length, 1, 'a fingerprint seen twice is below the minimum of 5');
    assert.match(plain[0]!.bullet.text, /^Before calling issue_card, check what led to "Card <NUM> is blocked" \(9 calls\)/);
    assert.deepEqual(plain[0]!.bullet.provenance.fingerprints, ['fp-card']);
    assert.equal(plain[0]!.bullet.section, 'Tool errors: issue_card');
    const ruled = hypothesesFromFingerprints(fps, [{ artifactId: 'ar-1', fingerprint: 'fp-card', rule: 'Check the card status before issuing a replacement', precursors: ['lookup_member'] }], sha256);
    assert.match(ruled[0]!.bullet.text, /^Check the card status before issuing a replacement\. \(9 calls failed/);
    assert.equal(ruled[0]!.bullet.id, plain[0]!.bullet.id, 'the same fingerprint keeps its bullet id');
  });
});

describe('improvement: the playbook changes only by deltas', () => {
  const hs = hypothesesFromPatterns(LIBRARY_PATTERNS, sha256);

  it('adds new bullets, edits moved evidence, deprecates lost evidence and dedupes a repeated designer bullet', () => {
    const first = applyDeltas([], planDeltas([], hs).map((p) => p.delta));
    assert.equal(first.length, 3);
    assert.ok(first.every((b) => b.status === 'active'));
    // Later: the fee waiver's figures moved, the queue pattern vanished, a designer repeated a bullet.
    const later = hypothesesFromPatterns([pattern('renew_loan', 'overdue-fine', 'fee-waiver-offer', 0.8, 0.5, 300, 0.0001), LIBRARY_PATTERNS[3]!], sha256);
    const dupText = first.find((b) => b.cite?.kind === 'move' && b.cite.strategy === 'alternative-branch')!.text;
    const designer = manual('room booking', `${dupText} `, { helpful: 3 });
    const withDesigner = [...first, designer];
    const planned = planDeltas(withDesigner, later).map((p) => p.delta);
    assert.deepEqual(planned.map((d) => d.op).sort(), ['dedupe', 'deprecate', 'edit']);
    const next = applyDeltas(withDesigner, planned);
    const waiver = next.find((b) => b.cite?.kind === 'move' && b.cite.strategy === 'fee-waiver-offer')!;
    assert.match(waiver.text, /80 % of 300/);
    assert.equal(waiver.support, 300);
    const queue = next.find((b) => b.cite?.kind === 'move' && b.cite.strategy === 'queue-explanation')!;
    assert.equal(queue.status, 'deprecated');
    assert.match(queue.note!, /no longer significant/);
    const dedupe = planned.find((d) => d.op === 'dedupe')!;
    assert.equal(dedupe.op === 'dedupe' && dedupe.drop, designer.id, 'the analysis bullet (more evidence) is kept');
    const kept = next.find((b) => b.cite?.kind === 'move' && b.cite.strategy === 'alternative-branch')!;
    assert.equal(kept.helpful, 3, 'the dropped duplicate\'s counters move to the kept bullet');
    assert.equal(withDesigner.filter((b) => b.status === 'deprecated').length, 0, 'the input is not changed');
    // Nothing new to say: no deltas.
    assert.deepEqual(planDeltas(next, later), []);
  });

  it("keeps a designer's accepted rewording while the evidence stands; proposes the new figures once it moves", () => {
    const first = applyDeltas([], planDeltas([], hs).map((p) => p.delta));
    const target = first[0]!;
    const reworded = applyDeltas(first, [{ op: 'edit', id: target.id, text: `${target.text} Confirm the caller agrees before moving on.`, reason: 'the designer reworded it' }]);
    assert.deepEqual(planDeltas(reworded, hs), [], 'the same evidence: the designer\'s words are not proposed back');
    const moved = hs.map((h) => (h.bullet.id === target.id ? { ...h, bullet: { ...h.bullet, support: h.bullet.support + 40, text: h.bullet.text.replace(/\d+/, (n) => String(Number(n) + 1)) } } : h));
    const planned = planDeltas(reworded, moved).map((p) => p.delta);
    assert.deepEqual(planned.map((d) => d.op), ['edit'], 'moved evidence: the figures are proposed');
  });

  it('refuses a delta about a bullet that is not there, or a second add of an active one', () => {
    const b = hs[0]!.bullet;
    assert.throws(() => applyDeltas([], [{ op: 'deprecate', id: 'pb-nothing', reason: 'x' }]), DeltaError);
    assert.throws(() => applyDeltas([b], [{ op: 'add', bullet: b }]), /already in the playbook/);
    // A deprecated bullet comes back under its id with its counters.
    const revived = applyDeltas([{ ...b, status: 'deprecated', helpful: 4, note: 'gone' }], [{ op: 'add', bullet: b }]);
    assert.deepEqual([revived[0]!.status, revived[0]!.helpful, revived[0]!.note], ['active', 4, undefined]);
  });
});

describe('improvement: rendering and patches', () => {
  const bullets = applyDeltas([], planDeltas([], hypothesesFromPatterns(LIBRARY_PATTERNS, sha256)).map((p) => p.delta));

  it('renders active bullets by section into a delimited prompt section, appended once and replaced after', () => {
    const section = renderPlaybookSection(bullets);
    const once = withPlaybookSection(PROMPT, section);
    assert.ok(once.startsWith(PROMPT.trimEnd()));
    assert.equal(once.split(SECTION_START).length, 2);
    const lines = readPlaybookSection(once);
    assert.deepEqual(lines.map((l) => l.section), ['renew loan', 'renew loan', 'room booking']);
    assert.deepEqual(bulletIdsIn(once).sort(), bullets.map((b) => b.id).sort());
    const fewer = withPlaybookSection(once, renderPlaybookSection(bullets.map((b, i) => (i === 0 ? { ...b, status: 'deprecated' as const } : b))));
    assert.equal(fewer.split(SECTION_START).length, 2, 'the section is replaced, not appended again');
    assert.equal(bulletIdsIn(fewer).length, 2);
  });

  it('makes a unified diff that applies to the prompt, and refuses one that does not apply cleanly', () => {
    const proposals = proposeImprovements({ target: 'prompts/library.md', prompt: PROMPT, playbook: { bullets: [], version: 0 }, patterns: LIBRARY_PATTERNS, fingerprints: [], rules: [], validator, sha256 });
    const p = proposals.find((x) => x.section === 'renew loan')!;
    assert.match(p.patch, /^--- a\/prompts\/library\.md\n\+\+\+ b\/prompts\/library\.md/m);
    const applied = applyPromptPatch(PROMPT, p.patch);
    assert.equal(applyPatch(PROMPT, p.patch), applied);
    assert.equal(readPlaybookSection(applied).length, 2);
    assert.throws(() => applyPromptPatch(PROMPT.replace('Be brief', 'Be short'), p.patch, '--patch'), (e: unknown) => e instanceof PatchError && /--patch: does not apply cleanly/.test(e.message));
    assert.throws(() => applyPromptPatch(PROMPT, 'not a diff at all', '--patch'), /--patch: expected a unified diff/);
  });
});

describe('improvement: gates', () => {
  const [avoid, use] = hypothesesFromPatterns(LIBRARY_PATTERNS, sha256).map((h) => h.bullet);

  it('privacy: a bullet or added line that holds PII fails and names the field, never the value', () => {
    const leaky = { ...use!, text: 'Call the member back at 415-555-0199 or maria.lopez@gmail.com' };
    const g = privacyGate(validator, [leaky], '');
    assert.equal(g.passed, false);
    assert.match(g.reason, /proposal\.bullets\[0\]\.text \((PHONE|EMAIL)\)/);
    assert.ok(!g.reason.includes('0199'));
    assert.equal(privacyGate(validator, [use!], '+ - [pb-x] I can waive the [DOLLAR_AMOUNT] fine').passed, true);
    assert.equal(privacyGate(validator, [], '+call 415-555-0199').passed, false);
  });

  it('conflicts: another move for the same situation, use vs avoid, and an avoidance rule\'s precursor', () => {
    const other = { ...use!, id: 'pb-otherother', cite: { ...(use!.cite as { kind: 'move'; intent: string; trigger: string; strategy: string; use: boolean }), strategy: 'policy-reminder' } };
    const g = conflictGate([other], [{ op: 'add', bullet: use! }], [use!], []);
    assert.equal(g.passed, false);
    assert.match(g.reason, /recommend different moves \(fee waiver offer, policy reminder\)/);
    // Deprecating the old bullet in the same proposal resolves it.
    assert.equal(conflictGate([other], [{ op: 'deprecate', id: other.id, reason: 'replaced' }, { op: 'add', bullet: use! }], [use!], []).passed, true);
    const flipped = { ...avoid!, id: 'pb-flipflipfl', cite: { ...(avoid!.cite as { kind: 'move'; intent: string; trigger: string; strategy: string; use: boolean }), use: true } };
    assert.match(conflictGate([flipped], [], [avoid!], []).reason, /avoids queue explanation but pb-flipflipfl uses it/);
    const rule = conflictGate([], [], [use!], [{ artifactId: 'ar-9', fingerprint: 'fp-9', rule: 'x', precursors: ['fee-waiver-offer'] }]);
    assert.equal(rule.passed, false);
    assert.match(rule.reason, /precursor of fp-9 in avoidance rule ar-9/);
  });

  it('prompt budget and minimum evidence', () => {
    assert.equal(budgetGate('x'.repeat(400), 100).passed, true);
    assert.match(budgetGate('x'.repeat(404), 100).reason, /about 101 tokens, over the budget of 100/);
    assert.equal(evidenceGate([use!], 140).passed, true);
    const weak = evidenceGate([use!], 141);
    assert.equal(weak.passed, false);
    assert.match(weak.reason, /\(140 calls\) below the minimum of 141 calls/);
    // A designer's bullet has no evidence to check.
    assert.equal(evidenceGate([manual('x', 'Say goodbye by name.')], 30).passed, true);
  });

  it('each proposal carries its gates: the thin room-booking evidence fails, the rest pass', () => {
    const proposals = proposeImprovements({ target: 'p.md', prompt: PROMPT, playbook: { bullets: [], version: 0 }, patterns: LIBRARY_PATTERNS, fingerprints: [fingerprint('fp-card', 'Card <NUM> is blocked', 40, 'issue_card')], rules: [], validator, sha256 });
    assert.deepEqual(proposals.map((p) => p.section).sort(), ['Tool errors: issue_card', 'renew loan', 'room booking']);
    const room = proposals.find((p) => p.section === 'room booking')!;
    assert.deepEqual(room.gates.filter((g) => !g.passed).map((g) => g.name), ['evidence']);
    for (const p of proposals.filter((x) => x !== room)) assert.ok(p.gates.every((g) => g.passed), JSON.stringify(p.gates));
    assert.ok(proposals.every((p) => /^prop-[a-p]{12}$/.test(p.id)));
    // Deterministic: the same inputs give the same ids.
    const again = proposeImprovements({ target: 'p.md', prompt: PROMPT, playbook: { bullets: [], version: 0 }, patterns: LIBRARY_PATTERNS, fingerprints: [fingerprint('fp-card', 'Card <NUM> is blocked', 40, 'issue_card')], rules: [], validator, sha256 });
    assert.deepEqual(again.map((p) => p.id), proposals.map((p) => p.id));
  });
});

describe('improvement: effectiveness after rollout', () => {
  const bullets = applyDeltas([], planDeltas([], hypothesesFromPatterns(LIBRARY_PATTERNS, sha256)).map((p) => p.delta));
  const waiver = bullets.find((b) => b.cite?.kind === 'move' && b.cite.strategy === 'fee-waiver-offer')!;
  const designer = manual('General', 'Thank the member by name.');

  it('counts a call for a bullet only when it ran the bullet and was in the bullet\'s situation', () => {
    const run = (ids: string[], intent: string, triggers: string[], success: boolean) => ({ bulletIds: ids, intent, triggers, tools: [], fingerprints: [], success });
    const counters = bulletCounters([...bullets, designer], [
      run([waiver.id, designer.id], 'renew_loan', ['overdue-fine'], true),
      run([waiver.id, designer.id], 'renew_loan', ['overdue-fine'], false),
      run([waiver.id], 'renew_loan', ['hold-queue'], true), // not its situation
      run([designer.id], 'room_booking', [], true),
      run([], 'renew_loan', ['overdue-fine'], true), // did not run it
    ]);
    assert.deepEqual(counters.get(waiver.id), { helpful: 1, harmful: 1 });
    assert.deepEqual(counters.get(designer.id), { helpful: 2, harmful: 1 });
  });

  it('the moves a prompt points to are those of the active move bullets it names', () => {
    const prompt = withPlaybookSection(PROMPT, renderPlaybookSection([waiver, designer]));
    assert.deepEqual(moveGuidance(bulletIdsIn(prompt), bullets), [{ intent: 'renew_loan', trigger: 'overdue-fine', strategy: 'fee-waiver-offer', use: true }]);
    assert.deepEqual(moveGuidance(bulletIdsIn(PROMPT), bullets), []);
  });
});
