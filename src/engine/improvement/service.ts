import type { z } from 'zod';
import type { Clock } from '../ports';
import type { LearningArtifact, PlaybookBullet } from '../model';
import { PlaybookBulletSchema } from '../model';
import type { ComplianceValidator } from '../privacy';
import type { LearningStore } from '../store/learningStore';
import { ExperimentService } from '../experiments/service';
import type { Experiment } from '../model';
import { bulletCounters } from './effectiveness';
import type { BulletRun } from './effectiveness';
import { privacyGate } from './gates';
import type { AvoidanceRule } from './hypotheses';
import { letterDigest, manualBulletId } from './ids';
import type { Sha256 } from './ids';
import { applyDeltas } from './playbook';
import { proposeImprovements } from './propose';
import { SECTION_START, applyPromptPatch, bulletIdsIn, promptPatch, readPlaybookSection, renderPlaybookSection, withPlaybookSection } from './render';
import { ProposalSchema } from './schema';

/** A proposal as journaled: everything but the patch (rebuilt from the prompt on accept). */
const JournaledProposalSchema = ProposalSchema.omit({ patch: true });
export type JournaledProposal = z.output<typeof JournaledProposalSchema>;
import type { ImprovementOptions, PlaybookDelta, Proposal } from './schema';

/** The journal stream of proposals and decisions. */
export const IMPROVEMENT_STREAM = 'improvement';
/** The one playbook of a store. */
export const PLAYBOOK_ARTIFACT_ID = 'playbook';

export class ImprovementError extends Error {
  constructor(
    message: string,
    readonly reason: 'unknown-proposal' | 'decided' | 'gates' | 'stale' | 'bad-input' | 'privacy',
  ) {
    super(message);
    this.name = 'ImprovementError';
  }
}

export interface ImprovementDeps {
  clock: Clock;
  sha256: Sha256;
  /** The strict (learned-artifact) validator of the workspace's policy. */
  validator: ComplianceValidator;
  options?: ImprovementOptions;
}

export interface Playbook {
  bullets: PlaybookBullet[];
  /** 0 when the store has none yet. */
  version: number;
  artifact?: LearningArtifact;
}

export interface AcceptResult {
  artifact: LearningArtifact;
  playbook: LearningArtifact;
  /** The prompt as accepted (the proposal's or the designer's edit). */
  text: string;
  edited: boolean;
}

type Decision = { kind: 'accepted'; artifactId: string; version: number } | { kind: 'rejected'; reason: string };

/**
 * Proposals, decisions and the playbook on top of the learning store: propose journals each proposal;
 * accept turns it (or a designer's edit of its patch) into a new playbook version and a versioned
 * `prompt-enhancement` artifact; reject journals the reason. Prompt files are never written here: the
 * host reads them and hands their text in.
 */
export class ImprovementService {
  constructor(
    private readonly store: LearningStore,
    private readonly deps: ImprovementDeps,
  ) {}

  async playbook(): Promise<Playbook> {
    const a = await this.store.getArtifact(PLAYBOOK_ARTIFACT_ID);
    if (!a) return { bullets: [], version: 0 };
    if (a.payload.kind !== 'playbook') throw new ImprovementError(`artifact ${PLAYBOOK_ARTIFACT_ID} is a ${a.payload.kind}, not a playbook`, 'bad-input');
    return { bullets: a.payload.bullets, version: a.version, artifact: a };
  }

  async avoidanceRules(): Promise<AvoidanceRule[]> {
    return (await this.store.listArtifacts({ kind: 'avoidance-rule' }))
      .filter((a) => a.status !== 'retired')
      .flatMap((a) => (a.payload.kind === 'avoidance-rule' ? [{ artifactId: a.artifactId, fingerprint: a.payload.fingerprint, rule: a.payload.rule, precursors: a.payload.precursors }] : []));
  }

  /** Proposals for a prompt from the store's analysis; each is journaled so accept/reject can find it later. */
  async propose(target: string, prompt: string): Promise<Proposal[]> {
    const playbook = await this.playbook();
    const proposals = proposeImprovements({
      target,
      prompt,
      playbook,
      patterns: await this.store.listPatterns(),
      fingerprints: await this.store.listErrorFingerprints(),
      rules: await this.avoidanceRules(),
      validator: this.deps.validator,
      sha256: this.deps.sha256,
      options: this.deps.options,
    });
    const known = new Set((await this.journal()).proposals.keys());
    const fresh = proposals.filter((p) => !known.has(p.id));
    // The patch is not journaled: it quotes the prompt file, which is the host's, not the store's. Accept
    // rebuilds it from the same prompt text (checked by its hash) and the journaled deltas.
    if (fresh.length > 0) {
      await this.store.appendJournal(fresh.map(({ patch: _patch, ...p }) => ({ stream: IMPROVEMENT_STREAM, kind: 'proposal', ts: this.deps.clock.now(), payload: p })));
    }
    return proposals;
  }

  /** The prompt with the whole current playbook rendered into its section. */
  async renderPrompt(prompt: string): Promise<string> {
    const { bullets } = await this.playbook();
    // No playbook yet: the prompt as it is (an empty section would be a change with nothing in it).
    if (!bullets.some((b) => b.status === 'active') && !readPlaybookSection(prompt).length && !prompt.includes(SECTION_START)) return prompt;
    return withPlaybookSection(prompt, renderPlaybookSection(bullets));
  }

  private async journal(): Promise<{ proposals: Map<string, JournaledProposal>; decisions: Map<string, Decision> }> {
    const proposals = new Map<string, JournaledProposal>();
    const decisions = new Map<string, Decision>();
    for (const e of await this.store.readJournal(IMPROVEMENT_STREAM)) {
      const p = e.payload as { id?: string };
      if (e.kind === 'proposal') {
        const parsed = JournaledProposalSchema.safeParse(e.payload);
        if (parsed.success) proposals.set(parsed.data.id, parsed.data);
      } else if (e.kind === 'proposal.accepted' && p.id) decisions.set(p.id, { kind: 'accepted', ...(e.payload as { artifactId: string; version: number }) });
      else if (e.kind === 'proposal.rejected' && p.id) decisions.set(p.id, { kind: 'rejected', reason: (e.payload as { reason: string }).reason });
    }
    return { proposals, decisions };
  }

  /** A journaled proposal that is still open; otherwise an error naming the id and what to do. */
  async openProposal(id: string): Promise<JournaledProposal> {
    const { proposals, decisions } = await this.journal();
    const proposal = proposals.get(id);
    if (!proposal) {
      const open = [...proposals.keys()].filter((k) => !decisions.has(k));
      throw new ImprovementError(
        `proposal id: no proposal "${id}" in the store${open.length ? ` (open: ${open.slice(0, 5).join(', ')})` : ''}; run \`kaizen improve propose --prompt <file>\` and use one of its ids`,
        'unknown-proposal',
      );
    }
    const d = decisions.get(id);
    if (d) throw new ImprovementError(`proposal id: ${id} was already ${d.kind}${d.kind === 'accepted' ? ` (artifact ${d.artifactId} v${d.version})` : ` (${d.reason})`}; run \`kaizen improve propose\` for new proposals`, 'decided');
    return proposal;
  }

  /** The enhancement an accepted proposal became; an error naming the id when it was not accepted. */
  async acceptedEnhancement(id: string): Promise<{ artifactId: string; version: number; target: string }> {
    const { proposals, decisions } = await this.journal();
    const d = decisions.get(id);
    const p = proposals.get(id);
    if (!p) throw new ImprovementError(`proposal id: no proposal "${id}" in the store; run \`kaizen improve propose --prompt <file>\` and accept one of its ids`, 'unknown-proposal');
    if (d?.kind !== 'accepted') throw new ImprovementError(`proposal id: ${id} is ${d ? 'rejected' : 'not accepted yet'}; accept it first (kaizen improve accept ${id})`, 'bad-input');
    return { artifactId: d.artifactId, version: d.version, target: p.target };
  }

  async listOpen(): Promise<JournaledProposal[]> {
    const { proposals, decisions } = await this.journal();
    return [...proposals.values()].filter((p) => !decisions.has(p.id));
  }

  /**
   * Accepts a proposal against the prompt text it was made from. `patch` is the designer's edit of the
   * proposal's patch: it must apply cleanly; the playbook follows the edit (an edited bullet line edits
   * the bullet, a removed line drops it, a new line in the section becomes a designer's bullet).
   */
  async accept(id: string, prompt: string, patch?: string): Promise<AcceptResult> {
    const proposal = await this.openProposal(id);
    const failed = proposal.gates.filter((g) => !g.passed);
    if (failed.length > 0) throw new ImprovementError(`proposal ${id} failed the ${failed.map((g) => `${g.name} gate (${g.reason})`).join(' and the ')}; it cannot be accepted`, 'gates');
    if (this.deps.sha256(prompt) !== proposal.baseHash) {
      throw new ImprovementError(`prompt: ${proposal.target} changed since proposal ${id} was made; run \`kaizen improve propose --prompt ${proposal.target}\` again`, 'stale');
    }
    const playbook = await this.playbook();
    if (playbook.version !== proposal.playbookVersion) {
      throw new ImprovementError(`proposal ${id} was made for playbook v${proposal.playbookVersion}, which is now v${playbook.version}; run \`kaizen improve propose\` again`, 'stale');
    }
    const proposed = withPlaybookSection(prompt, renderPlaybookSection(applyDeltas(playbook.bullets, proposal.deltas)));
    const edit = patch === undefined ? undefined : applyPromptPatch(prompt, patch, '--patch');
    const deltas = edit === undefined ? proposal.deltas : this.deltasFromEdit(proposal, edit);
    const bullets = applyDeltas(playbook.bullets, deltas);
    // The designer's edit is kept as written outside the section; the section is rendered from the new
    // playbook, so a line they added carries its bullet id like every other.
    const text = edit === undefined ? proposed : withPlaybookSection(edit, renderPlaybookSection(bullets));
    const diff = promptPatch(proposal.target, prompt, text);
    const touched = new Set(deltas.flatMap((d) => (d.op === 'add' ? [d.bullet.id] : d.op === 'edit' ? [d.id] : [])));
    const privacy = privacyGate(this.deps.validator, bullets.filter((b) => touched.has(b.id)), diff);
    if (!privacy.passed) throw new ImprovementError(`--patch: ${privacy.reason}`, 'privacy');
    const savedPlaybook = await this.store.saveArtifact({
      artifactId: PLAYBOOK_ARTIFACT_ID,
      payload: { kind: 'playbook', bullets },
      status: 'approved',
      title: 'Playbook',
      note: `accepted ${id}${patch === undefined ? '' : ' (edited)'}`,
    });
    const artifact = await this.store.saveArtifact({
      artifactId: enhancementArtifactId(this.deps.sha256, proposal.target),
      payload: {
        kind: 'prompt-enhancement',
        target: proposal.target,
        diff,
        rationale: `${proposal.hypothesis}. The gates passed: ${proposal.gates.map((g) => g.name).join(', ')}.`,
        hypothesis: proposal.hypothesis,
        bullets: bulletIdsIn(text),
        baseHash: proposal.baseHash,
      },
      status: 'approved',
      title: `Prompt enhancement for ${proposal.target}`,
      note: `proposal ${id}${patch === undefined ? '' : ', edited by the designer'}; playbook v${savedPlaybook.version}`,
    });
    await this.store.appendJournal([
      { stream: IMPROVEMENT_STREAM, kind: 'proposal.accepted', ts: this.deps.clock.now(), payload: { id, artifactId: artifact.artifactId, version: artifact.version, playbookVersion: savedPlaybook.version, edited: patch !== undefined } },
    ]);
    return { artifact, playbook: savedPlaybook, text, edited: patch !== undefined };
  }

  /** The deltas a designer's edited prompt expresses for this proposal's section. */
  private deltasFromEdit(proposal: JournaledProposal, text: string): PlaybookDelta[] {
    const lines = readPlaybookSection(text);
    const byId = new Map(lines.flatMap((l) => (l.id ? [[l.id, l] as const] : [])));
    const deltas: PlaybookDelta[] = [];
    for (const d of proposal.deltas) {
      if (d.op === 'add') {
        const line = byId.get(d.bullet.id);
        if (line) deltas.push({ op: 'add', bullet: { ...d.bullet, text: line.text } });
      } else if (d.op === 'edit') {
        const line = byId.get(d.id);
        if (line) deltas.push({ ...d, text: line.text });
      } else deltas.push(d);
    }
    for (const l of lines) {
      if (l.id) continue;
      const bullet = PlaybookBulletSchema.parse({ id: manualBulletId(this.deps.sha256, l.section, l.text), section: l.section, text: l.text });
      if (!deltas.some((d) => d.op === 'add' && d.bullet.id === bullet.id)) deltas.push({ op: 'add', bullet });
    }
    return deltas;
  }

  async reject(id: string, reason: string): Promise<void> {
    if (reason.trim() === '') throw new ImprovementError('--reason: give the reason for rejecting (it is journaled with the decision)', 'bad-input');
    await this.openProposal(id);
    await this.store.appendJournal([{ stream: IMPROVEMENT_STREAM, kind: 'proposal.rejected', ts: this.deps.clock.now(), payload: { id, reason } }]);
  }

  /** A designer's bullet, added as a delta (a new playbook version). */
  async addBullet(section: string, text: string): Promise<LearningArtifact> {
    if (section.trim() === '') throw new ImprovementError('--section: name the section the bullet goes under (e.g. "Refunds")', 'bad-input');
    if (text.trim() === '') throw new ImprovementError('--text: give the bullet text', 'bad-input');
    const bullet = PlaybookBulletSchema.parse({ id: manualBulletId(this.deps.sha256, section.trim(), text.trim()), section: section.trim(), text: text.trim() });
    const privacy = privacyGate(this.deps.validator, [bullet], '');
    if (!privacy.passed) throw new ImprovementError(`--text: ${privacy.reason}`, 'privacy');
    const playbook = await this.playbook();
    if (playbook.bullets.some((b) => b.id === bullet.id && b.status === 'active')) throw new ImprovementError(`--text: the playbook already has this bullet (${bullet.id})`, 'bad-input');
    return this.store.saveArtifact({
      artifactId: PLAYBOOK_ARTIFACT_ID,
      payload: { kind: 'playbook', bullets: applyDeltas(playbook.bullets, [{ op: 'add', bullet }]) },
      status: 'approved',
      title: 'Playbook',
      note: `added ${bullet.id} by hand`,
    });
  }

  /**
   * One call from an accepted enhancement to a draft experiment: the prompt as it is (control) against
   * the prompt with the enhancement (treatment), both stored as versions of the prompt's artifact.
   */
  async createDraftExperiment(enhancementArtifactId: string, prompt: string, options: { id?: string; version?: number } = {}): Promise<Experiment> {
    const enh = await this.store.getArtifact(enhancementArtifactId, options.version);
    if (!enh || enh.payload.kind !== 'prompt-enhancement') throw new ImprovementError(`artifact: no prompt enhancement "${enhancementArtifactId}"; accept a proposal first (kaizen improve accept <id>)`, 'bad-input');
    const { target, diff, baseHash } = enh.payload;
    if (baseHash !== undefined && this.deps.sha256(prompt) !== baseHash) {
      throw new ImprovementError(`prompt: ${target} is not the text enhancement ${enh.artifactId} v${enh.version} was made for; restore it or propose again`, 'stale');
    }
    const treatment = applyPromptPatch(prompt, diff, 'enhancement diff');
    const promptId = `prompt-${letterDigest(this.deps.sha256, target, 12)}`;
    const current = await this.store.getArtifact(promptId);
    const control =
      current?.payload.kind === 'prompt' && current.payload.text === prompt
        ? current
        : await this.store.saveArtifact({ artifactId: promptId, payload: { kind: 'prompt', target, text: prompt }, status: 'rolled-out', title: `${target} (as deployed)` });
    const test = await this.store.saveArtifact({ artifactId: promptId, payload: { kind: 'prompt', target, text: treatment }, status: 'testing', title: `${target} (as deployed)`, note: `${enh.artifactId} v${enh.version}` });
    const svc = new ExperimentService(this.store, this.deps.clock);
    let id = options.id ?? `improve-${enh.artifactId}-v${enh.version}`;
    for (let n = 2; !options.id && (await this.store.getExperiment(id)); n++) id = `improve-${enh.artifactId}-v${enh.version}-${n}`;
    return svc.create({
      id,
      name: `Prompt enhancement ${enh.artifactId} v${enh.version} vs the current prompt`,
      variants: [
        { name: 'control', weight: 1, artifactId: promptId, artifactVersion: control.version },
        { name: 'enhanced', weight: 1, artifactId: promptId, artifactVersion: test.version },
      ],
      primaryMetric: 'resolution',
      guardrails: [
        { metric: 'escalation', maxRelativeDegradation: -0.1, direction: 'lower-is-better' },
        { metric: 'csat', maxRelativeDegradation: -0.05, direction: 'higher-is-better' },
      ],
    });
  }

  /**
   * After rollout: recounts each bullet's helpful/harmful counters from the stored calls whose
   * `promptVersion` names a prompt version (`<artifactId>@<version>` or its content hash, 12+ characters)
   * that carries the bullet. Saves a new playbook version when a counter changed.
   */
  async trackEffectiveness(): Promise<{ calls: number; bullets: Array<{ id: string; helpful: number; harmful: number }>; playbook?: LearningArtifact }> {
    const playbook = await this.playbook();
    if (!playbook.artifact) return { calls: 0, bullets: [] };
    const versions = new Map<string, string[]>();
    for (const a of await this.store.listArtifacts({ latestOnly: false })) {
      if (a.payload.kind !== 'prompt') continue;
      const ids = bulletIdsIn(a.payload.text);
      if (ids.length === 0) continue;
      versions.set(`${a.artifactId}@${a.version}`, ids);
      versions.set(a.contentHash, ids);
    }
    const lookup = (v: string) => versions.get(v) ?? (v.length >= 12 ? [...versions.entries()].find(([k]) => /^[0-9a-f]{64}$/.test(k) && k.startsWith(v))?.[1] : undefined);
    const runs: BulletRun[] = [];
    for await (const conv of this.store.iterateConversations()) {
      const version = conv.events.find((e) => e.promptVersion !== undefined)?.promptVersion;
      const ids = version === undefined ? undefined : lookup(version);
      if (!ids) continue;
      const analysis = await this.store.getCallAnalysis(conv.callId);
      if (!analysis || analysis.outcome.label === 'unknown') continue;
      // Situations as the patterns name them: the taxonomy's triggers, or the induced situation labels.
      const detail = (analysis.detail ?? {}) as { triggers?: Array<{ name: string }>; situations?: Array<{ label: string }>; toolSequence?: string[] };
      runs.push({
        bulletIds: ids,
        intent: analysis.intent,
        triggers: [...new Set([...(detail.triggers ?? []).map((t) => t.name), ...(detail.situations ?? []).map((t) => t.label)])],
        tools: detail.toolSequence ?? [],
        fingerprints: analysis.errorFingerprints ?? [],
        success: analysis.outcome.label === 'success',
      });
    }
    const counters = bulletCounters(playbook.bullets, runs);
    const bullets = playbook.bullets.map((b) => ({ ...b, ...counters.get(b.id)! }));
    const changed = bullets.some((b, i) => b.helpful !== playbook.bullets[i]!.helpful || b.harmful !== playbook.bullets[i]!.harmful);
    const saved = changed
      ? await this.store.saveArtifact({ artifactId: PLAYBOOK_ARTIFACT_ID, payload: { kind: 'playbook', bullets }, status: playbook.artifact.status, note: `counters from ${runs.length} calls` })
      : undefined;
    return { calls: runs.length, bullets: bullets.map((b) => ({ id: b.id, helpful: b.helpful, harmful: b.harmful })), ...(saved ? { playbook: saved } : {}) };
  }
}

/** The artifact id of a prompt file's enhancements (each accept is a new version). */
export const enhancementArtifactId = (sha256: Sha256, target: string): string => `pe-${letterDigest(sha256, target, 12)}`;
