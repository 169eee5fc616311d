import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SecretKeys } from '../../src/shared/secretKeys';
import { cliSandbox, storedText } from './helpers';
import type { CliSandbox } from './helpers';

// (A heading made of one capitalised brand word, "# Skyway agent", reads as a name to the strict privacy
// validator, which then refuses to store the prompt for the experiment: a known false positive.)
const PROMPT = '# Travel desk agent\n\nYou help travellers by phone.\nKeep answers short.\n';

interface ProposalOut {
  id: string;
  hypothesis: string;
  bullets: Array<Record<string, unknown>>;
  patch: string;
  gates: Array<{ name: string; passed: boolean; reason: string }>;
}

/**
 * The improvement CLI on calls of a domain the analyzer has no seeds for (the airline generator: its own
 * phrase banks; the vocabulary is induced). One store is generated, imported and analysed once (the
 * first `improve propose` runs the analysis itself); each test works on its own copy.
 */
describe('cli: kaizen improve / playbook', function () {
  this.timeout(600_000);
  let base: CliSandbox;
  let box: CliSandbox;
  let firstPropose: { code: number; stderr: string };

  before(async () => {
    base = cliSandbox('kaizen-cli-improve-base-');
    assert.equal((await base.run('samples', '--domain', 'airline', '-n', '2000', '--seed', '7', '-o', 'gen')).code, 0);
    const imp = await base.run('import', path.join('gen', 'skyway-air.jsonl'), '--store', 'k.db');
    assert.equal(imp.code, 0, imp.stderr);
    writeFileSync(path.join(base.cwd, 'agent.md'), PROMPT);
    firstPropose = await base.run('improve', 'propose', '--prompt', 'agent.md', '--store', 'k.db', '--json');
  });
  after(() => base.dispose());
  beforeEach(async () => {
    box = cliSandbox('kaizen-cli-improve-');
    copyFileSync(path.join(base.cwd, 'k.db'), path.join(box.cwd, 'k.db'));
    // The copy is the same workspace: its identifiers join only under the key that hashed them.
    await box.secrets.set(SecretKeys.workspaceHmacKey, (await base.secrets.get(SecretKeys.workspaceHmacKey))!);
    writeFileSync(path.join(box.cwd, 'agent.md'), PROMPT);
  });
  afterEach(() => box.dispose());

  const run = (...argv: string[]) => box.run(...argv, '--store', 'k.db');
  const propose = async (...extra: string[]): Promise<ProposalOut[]> => {
    const r = await run('improve', 'propose', '--prompt', 'agent.md', '--json', ...extra);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { proposals: ProposalOut[] }).proposals;
  };
  const stored = async () => [...(await storedText(path.join(box.cwd, 'k.db'))).entries()].filter(([t]) => t !== 'meta').map(([t, v]) => `${t}:${v}`).join('\n');

  it('propose analyses a store that was never analysed, prints the documented shape and leaves the prompt file untouched', async () => {
    assert.equal(firstPropose.code, 0, firstPropose.stderr);
    assert.match(firstPropose.stderr, /no analysis yet; analysing the stored calls first/);
    const proposals = await propose('--min-evidence', '20');
    assert.ok(proposals.length >= 1, 'the induced vocabulary yields at least one significant pattern');
    for (const p of proposals) {
      assert.deepEqual(Object.keys(p), ['id', 'hypothesis', 'bullets', 'patch', 'gates']);
      assert.deepEqual(p.gates.map((g) => g.name), ['privacy', 'conflicts', 'prompt-budget', 'evidence']);
      for (const g of p.gates) assert.deepEqual(Object.keys(g), ['name', 'passed', 'reason']);
      for (const b of p.bullets) {
        assert.deepEqual(Object.keys(b), ['id', 'section', 'text', 'helpful', 'harmful', 'provenance']);
        assert.deepEqual(Object.keys(b.provenance as object), ['calls', 'patterns', 'fingerprints']);
        assert.ok((b.provenance as { calls: string[] }).calls.length > 0);
      }
      assert.match(p.patch, /^--- a\/agent\.md$/m);
      assert.match(p.patch, /^\+- \[pb-[a-p]{10}\] When a caller raises /m);
    }
    assert.equal(readFileSync(path.join(box.cwd, 'agent.md'), 'utf8'), PROMPT);
  });

  it('accept → a versioned prompt-enhancement artifact; playbook and playbook add; one call to a draft experiment', async () => {
    const [p] = (await propose('--min-evidence', '20')).filter((x) => x.gates.every((g) => g.passed));
    assert.ok(p, 'a proposal passes every gate');
    const a = await run('improve', 'accept', p.id, '--json');
    assert.equal(a.code, 0, a.stderr);
    const { artifact } = JSON.parse(a.stdout) as { artifact: Record<string, unknown> };
    assert.deepEqual(Object.keys(artifact), ['id', 'version', 'hash', 'status']);
    assert.equal(artifact.version, 1);
    assert.equal(artifact.status, 'approved');
    assert.match(String(artifact.hash), /^[0-9a-f]{64}$/);
    assert.equal(readFileSync(path.join(box.cwd, 'agent.md'), 'utf8'), PROMPT, 'accept does not write the prompt file');

    const pb = await run('playbook', '--json');
    assert.equal(pb.code, 0, pb.stderr);
    const pbOut = JSON.parse(pb.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(pbOut), ['id', 'version', 'hash', 'status']);
    const add = await run('playbook', 'add', '--section', 'Rebooking', '--text', 'Read the new flight time back to the caller.', '--json');
    assert.equal(add.code, 0, add.stderr);
    assert.equal((JSON.parse(add.stdout) as { version: number }).version, (pbOut.version as number) + 1);

    const e = await run('improve', 'experiment', p.id, '--json');
    assert.equal(e.code, 0, e.stderr);
    const { experiment } = JSON.parse(e.stdout) as { experiment: { id: string; status: string; variants: unknown[] } };
    assert.equal(experiment.status, 'draft');
    assert.equal(experiment.variants.length, 2);
    const status = await run('experiment', 'status', experiment.id, '--json');
    assert.equal(status.code, 0, status.stderr);
  });

  it('bad input names the field and the fix, exits non-zero and leaves the store unchanged', async () => {
    const [p] = (await propose('--min-evidence', '20')).filter((x) => x.gates.every((g) => g.passed));
    const before = await stored();
    const unknown = await run('improve', 'accept', 'prop-aaaaaaaaaaaa', '--json');
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /proposal id: no proposal "prop-aaaaaaaaaaaa".*kaizen improve propose/);

    writeFileSync(path.join(box.cwd, 'bad.diff'), p!.patch.replace(' You help travellers by phone.', ' You help pilots by phone.'));
    const bad = await run('improve', 'accept', p!.id, '--patch', 'bad.diff');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--patch: does not apply cleanly .*edit only lines starting with \+/);
    const missing = await run('improve', 'accept', p!.id, '--patch', 'nope.diff');
    assert.match(missing.stderr, /--patch: no file nope\.diff/);
    const noReason = await run('improve', 'reject', p!.id, '--reason', ' ');
    assert.notEqual(noReason.code, 0);
    assert.match(noReason.stderr, /--reason: give the reason/);
    const noPlaybook = await run('playbook');
    assert.notEqual(noPlaybook.code, 0);
    assert.match(noPlaybook.stderr, /no playbook yet/);
    const noPrompt = await run('improve', 'propose', '--prompt', 'missing.md');
    assert.match(noPrompt.stderr, /--prompt: no file missing\.md/);
    assert.equal(await stored(), before);
  });

  it('a blocked proposal cannot be accepted; reject journals the reason', async () => {
    // Under the default minimum of 30 calls the one significant pattern (28 calls) is blocked.
    const blocked = (await propose()).find((x) => x.gates.some((g) => !g.passed));
    assert.ok(blocked);
    const r = await run('improve', 'accept', blocked.id);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /failed the evidence gate \(pb-[a-p]{10} \(\d+ calls\) below the minimum of 30 calls/);
    const [p] = (await propose('--min-evidence', '10')).filter((x) => x.gates.every((g) => g.passed));
    assert.ok(p);
    const rej = await run('improve', 'reject', p.id, '--reason', 'not our policy', '--json');
    assert.equal(rej.code, 0, rej.stderr);
    assert.deepEqual(JSON.parse(rej.stdout), { id: p.id, status: 'rejected', reason: 'not our policy' });
    assert.match((await run('improve', 'accept', p.id)).stderr, /already rejected \(not our policy\)/);
  });

  it('accepts the designer\'s edited patch: the playbook keeps their words', async () => {
    const [q] = (await propose('--min-evidence', '10')).filter((x) => x.gates.every((g) => g.passed));
    assert.ok(q);
    const edited = q.patch.replace(/^(\+- \[pb-[a-p]{10}\] ).*$/m, '$1Offer to waive the change fee when the caller has a medical emergency.');
    assert.notEqual(edited, q.patch);
    writeFileSync(path.join(box.cwd, 'edited.diff'), edited);
    const acc = await run('improve', 'accept', q.id, '--patch', 'edited.diff');
    assert.equal(acc.code, 0, acc.stderr);
    assert.match(acc.stdout, /\(edited\)/);
    const show = await run('playbook');
    assert.match(show.stdout, /Offer to waive the change fee when the caller has a medical emergency\./);
  });

  it('after rollout, improve track counts the calls that ran the enhanced prompt (promptVersion) per bullet', async () => {
    const [p] = (await propose('--min-evidence', '20')).filter((x) => x.gates.every((g) => g.passed));
    assert.ok(p);
    assert.equal((await run('improve', 'accept', p.id)).code, 0);
    const e = await run('improve', 'experiment', p.id, '--json');
    const enhanced = (JSON.parse(e.stdout) as { experiment: { variants: Array<{ artifactId: string; artifactVersion: number }> } }).experiment.variants[1]!;
    // The agent ran the enhanced prompt on new calls: the generated calls again, as new calls carrying
    // the version they ran (as the agent protocol's promptVersion says).
    const version = `${enhanced.artifactId}@${enhanced.artifactVersion}`;
    const lines = readFileSync(path.join(base.cwd, 'gen', 'skyway-air.jsonl'), 'utf8').split('\n').filter(Boolean);
    const rerun = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((ev) => Number(String(ev.callId).slice(-6)) < 600)
      .map((ev) => JSON.stringify({ ...ev, callId: `v2-${String(ev.callId)}`, eventId: `v2-${String(ev.eventId)}`, promptVersion: version }));
    writeFileSync(path.join(box.cwd, 'rollout.jsonl'), `${rerun.join('\n')}\n`);
    const imp = await run('import', 'rollout.jsonl');
    assert.equal(imp.code, 0, imp.stderr);
    assert.equal((await run('analyze')).code, 0);
    const t = await run('improve', 'track', '--json');
    assert.equal(t.code, 0, t.stderr);
    const out = JSON.parse(t.stdout) as { calls: number; bullets: Array<{ id: string; helpful: number; harmful: number }>; playbook: { version: number } | null };
    assert.ok(out.calls > 400 && out.calls <= 600, `the re-run calls with an outcome count (${out.calls})`);
    const bullet = out.bullets.find((b) => b.id === p.bullets[0]!.id)!;
    assert.ok(bullet.helpful + bullet.harmful > 0 && bullet.helpful + bullet.harmful < out.calls, `only the calls in the bullet's situation count (${bullet.helpful}/${bullet.harmful} of ${out.calls})`);
    assert.ok(out.playbook, 'the counters are a new playbook version');
    const again = JSON.parse((await run('improve', 'track', '--json')).stdout) as { playbook: unknown; bullets: unknown };
    assert.equal(again.playbook, null, 'recounting changes nothing');
    assert.deepEqual(again.bullets, out.bullets);
  });
});
