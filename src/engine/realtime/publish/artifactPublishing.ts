import type { Clock, Hashing } from '../../ports';
import type { LearningArtifact } from '../../model';
import type { ComplianceValidator } from '../../privacy/compliance';
import type { LearningStore } from '../../store/learningStore';
import type { PublishTarget, Publisher } from './publishers';
import { PublishError } from './publishers';

/** The journal stream every approve / publish / rollback is written to. */
export const PUBLISHING_STREAM = 'publishing';

/** What goes live for an artifact: the prompt text, or the learned rule rendered as an instruction. */
export function artifactText(a: LearningArtifact): string {
  const p = a.payload;
  switch (p.kind) {
    case 'prompt':
      return p.text;
    case 'prompt-enhancement':
      return `${p.rationale}\n\n${p.diff}`;
    case 'tool-pattern':
      return `Tool order: ${p.sequence.join(' → ')}. ${p.rule}`;
    case 'avoidance-rule':
      return p.rule;
    case 'strategy':
      return `For ${p.intent}: prefer ${p.ranking.map((r) => r.strategy).join(', then ')}.`;
    case 'template':
      return p.steps.map((s) => `${s.role}: ${s.template}`).join('\n');
    default:
      return JSON.stringify(p);
  }
}

export interface Gate {
  name: 'approved' | 'privacy' | 'evidence' | 'experiment';
  ok: boolean;
  detail: string;
}

export interface GateOptions {
  validator: ComplianceValidator;
  /** Calls of evidence an artifact with a support count needs (default 30). */
  minEvidence?: number;
}

/** The gates between an artifact and a live agent: approved, privacy validator, minimum evidence, experiment verdict. */
export async function publishingGates(store: LearningStore, artifact: LearningArtifact, options: GateOptions): Promise<Gate[]> {
  const gates: Gate[] = [];
  gates.push({ name: 'approved', ok: artifact.status === 'approved' || artifact.status === 'rolled-out', detail: `status ${artifact.status}` });
  const report = options.validator.validate({ text: artifactText(artifact) }, 'artifact');
  gates.push({
    name: 'privacy',
    ok: report.ok,
    detail: report.ok ? 'no PII found' : report.findings.map((f) => `${f.field} (${f.entityType})`).join(', '),
  });
  const p = artifact.payload;
  const support = 'support' in p ? p.support : p.kind === 'strategy' ? Math.max(0, ...p.ranking.map((r) => r.support)) : undefined;
  const min = options.minEvidence ?? 30;
  gates.push(
    support === undefined
      ? { name: 'evidence', ok: true, detail: 'written, not learned: no call count to check' }
      : { name: 'evidence', ok: support >= min, detail: `${support} calls (minimum ${min})` },
  );
  const experiments = (await store.listExperiments()).filter((e) => JSON.stringify(e).includes(artifact.artifactId));
  const verdicts = experiments.map((e) => e.status);
  const blocked = verdicts.some((s) => s === 'killed' || s === 'rolled-back');
  gates.push({
    name: 'experiment',
    ok: !blocked,
    detail: experiments.length === 0 ? 'no experiment references it' : `experiments: ${experiments.map((e, i) => `${e.id} ${verdicts[i]}`).join(', ')}`,
  });
  return gates;
}

export interface Publication {
  artifactId: string;
  artifactVersion: number;
  target: PublishTarget['kind'];
  /** sha-256 of the target's URL and ids (16 hex): which endpoint, without storing a host name or IP. */
  targetKey: string;
  liveVersion: string;
  action: 'published' | 'rolled-back';
  ts: number;
}

/** Publishing needs a clock (journal times) and hashing (target keys). */
export interface PublishingPorts {
  clock: Clock;
  hashing: Hashing;
}

export function targetKey(hashing: Hashing, target: PublishTarget): string {
  return hashing.sha256([target.kind, target.url, target.assistantId ?? '', target.agentId ?? '', target.phoneNumber ?? ''].join('\n')).slice(0, 16);
}

/** Every publication of an artifact (or all), oldest first, from the journal. */
export async function publicationHistory(store: LearningStore, artifactId?: string): Promise<Publication[]> {
  const entries = await store.readJournal(PUBLISHING_STREAM);
  return entries
    .filter((e) => e.kind === 'published' || e.kind === 'rolled-back')
    .map((e) => e.payload as Publication)
    .filter((p) => artifactId === undefined || p.artifactId === artifactId);
}

export async function approveArtifact(store: LearningStore, { clock }: Pick<PublishingPorts, 'clock'>, artifactId: string, note?: string): Promise<LearningArtifact> {
  const current = await store.getArtifact(artifactId);
  if (!current) throw new PublishError(`no artifact "${artifactId}" (kaizen artifact list shows them)`, 'kaizen');
  const approved = await store.setArtifactStatus(artifactId, 'approved', note ?? 'approved for publishing');
  await store.appendJournal([{ stream: PUBLISHING_STREAM, kind: 'approved', ts: clock.now(), payload: { artifactId, version: approved.version, from: current.status } }]);
  return approved;
}

export interface PublishOutcome {
  gates: Gate[];
  publication?: Publication;
}

/** Publishes the artifact's latest version if every gate passes; journaled, and the artifact becomes rolled-out. */
export async function publishArtifact(store: LearningStore, { clock, hashing }: PublishingPorts, publisher: Publisher, target: PublishTarget, artifactId: string, options: GateOptions): Promise<PublishOutcome> {
  const artifact = await store.getArtifact(artifactId);
  if (!artifact) throw new PublishError(`no artifact "${artifactId}" (kaizen artifact list shows them)`, target.kind);
  const gates = await publishingGates(store, artifact, options);
  if (gates.some((g) => !g.ok)) {
    await store.appendJournal([{ stream: PUBLISHING_STREAM, kind: 'refused', ts: clock.now(), payload: { artifactId, version: artifact.version, target: target.kind, gates } }]);
    return { gates };
  }
  const result = await publisher.publish({ artifactId, version: artifact.version, contentHash: artifact.contentHash, text: artifactText(artifact) });
  const publication: Publication = { artifactId, artifactVersion: artifact.version, target: target.kind, targetKey: targetKey(hashing, target), liveVersion: result.liveVersion, action: 'published', ts: clock.now() };
  await store.appendJournal([{ stream: PUBLISHING_STREAM, kind: 'published', ts: publication.ts, payload: publication }]);
  if (artifact.status !== 'rolled-out') await store.setArtifactStatus(artifactId, 'rolled-out', `published to ${target.kind} as ${result.liveVersion}`);
  return { gates, publication };
}

/**
 * Makes the platform version that was live before the current one live again (or `toLiveVersion`).
 * The artifact's own history is untouched; the rollback is one more journal entry.
 */
export async function rollbackArtifact(store: LearningStore, { clock, hashing }: PublishingPorts, publisher: Publisher, target: PublishTarget, artifactId: string, toLiveVersion?: string): Promise<Publication> {
  const key = targetKey(hashing, target);
  const history = (await publicationHistory(store)).filter((p) => p.targetKey === key);
  const current = history[history.length - 1];
  if (!current || current.artifactId !== artifactId) throw new PublishError(`"${artifactId}" is not what is live on that ${target.kind} target; nothing to roll back`, target.kind);
  let to = toLiveVersion;
  if (to === undefined) {
    // The version live before the current one; a Vapi assistant's first version is its pre-Kaizen prompt.
    const earlier = history.slice(0, -1).filter((p) => p.liveVersion !== current.liveVersion);
    to = earlier[earlier.length - 1]?.liveVersion ?? (target.kind === 'vapi' ? '1' : undefined);
  }
  if (to === undefined) throw new PublishError(`no earlier version on ${target.kind} to roll back to; pass --to <version>`, target.kind);
  const artifact = await store.getArtifact(artifactId);
  const result = await publisher.rollback(to, { artifactId, version: artifact?.version ?? 0, contentHash: artifact?.contentHash ?? '', text: artifact ? artifactText(artifact) : '' });
  const publication: Publication = { artifactId, artifactVersion: artifact?.version ?? 0, target: target.kind, targetKey: targetKey(hashing, target), liveVersion: result.liveVersion, action: 'rolled-back', ts: clock.now() };
  await store.appendJournal([{ stream: PUBLISHING_STREAM, kind: 'rolled-back', ts: publication.ts, payload: { ...publication, from: current.liveVersion, to } }]);
  return publication;
}
