import type { Clock, Ed25519, Hashing } from '../ports';
import type { ComplianceValidator } from '../privacy';
import { canonicalBytes } from './canonical';
import type { Envelope, EnvelopeSignature } from './envelope';
import { SignatureSchema, parseEnvelope, verifyEnvelope, verifySignature } from './envelope';
import type { AppendedAdoption, HubStore } from './hubStore';
import { CollectiveRefusal, refusalFromIssues } from './refusal';
import type { StatsFile } from './stats';
import { STATS_KIND, mergeStats, parseStatsFile } from './stats';
import type { TrustSet } from './trust';

/** Envelopes kept for `frameOf`. */
const RECENT_ENVELOPES = 64;

export type ArtifactState = 'pending' | 'adopted' | 'rolled-back';

/** The hub's answer about one artifact (POST …/signatures, GET /v1/artifacts/<hash>). */
export interface ArtifactStatus {
  hash: string;
  status: ArtifactState;
  /** Distinct trusted signers, oldest first. */
  signers: string[];
  quorum: number;
  artifactId: string;
  version: number;
}

/** One log entry as an agent receives it. `prev` is the id sent before it on this stream (resume and gap check). */
export interface ArtifactFrame {
  type: 'artifact';
  id: string;
  prev: string | null;
  action: 'adopt' | 'rollback';
  hash: string;
  envelope: Envelope;
}

export interface HubServiceOptions {
  store: HubStore;
  /** Distinct trusted signers an artifact needs to be adopted fleet-wide. */
  quorum: number;
  trust: TrustSet;
  validator: ComplianceValidator;
  hashing: Pick<Hashing, 'sha256'>;
  ed25519: Ed25519;
  clock: Clock;
}

/** What a rollback signature covers: the canonical JSON of this object. */
export function rollbackStatement(hash: string): { action: 'rollback'; hash: string } {
  return { action: 'rollback', hash };
}


/**
 * Consensus over a HubStore, with no state of its own (replicas share the store): envelopes are
 * verified (hash, trusted signatures, privacy) before they are stored; an artifact is adopted once a
 * quorum of distinct trusted keys signed it; a trusted key may roll an adoption back. Every transition
 * is journaled; agents learn of adoptions and rollbacks through the store's adoption log.
 */
export class HubService {
  /** Envelopes this service verified or read lately, by hash (they never change once stored). */
  private readonly recent = new Map<string, Envelope>();

  constructor(readonly options: HubServiceOptions) {
    if (!Number.isInteger(options.quorum) || options.quorum < 1) throw new CollectiveRefusal('quorum', `must be a whole number ≥ 1, got ${options.quorum}`, 400);
    if (options.quorum > options.trust.size) throw new CollectiveRefusal('quorum', `is ${options.quorum} but the trust file lists only ${options.trust.size} key(s): nothing could ever be adopted`, 400);
  }

  get quorum(): number {
    return this.options.quorum;
  }

  private now(): string {
    return new Date(this.options.clock.now()).toISOString();
  }

  /** POST /v1/artifacts: a signed envelope; its signatures count towards the quorum. */
  async submit(input: unknown): Promise<ArtifactStatus> {
    const { envelope } = verifyEnvelope(input, { ...this.options });
    const { store } = this.options;
    const distinct = envelope.signatures.filter((sig, i) => envelope.signatures.findIndex((x) => x.keyId === sig.keyId) === i);
    // The envelope row is the compare-and-set that decides who journals "submitted"; a new envelope has no
    // signers yet, so only a re-submission needs to read the signers it had before.
    const added = await store.putEnvelope(envelope.hash, envelope, this.now());
    const stored = added ? envelope : parseEnvelope(await store.getEnvelope(envelope.hash));
    const before = added ? [] : await this.allSigners(stored);
    const at = this.now();
    // Writes that do not depend on each other go out together (an embedded store saves them once, a database takes them in parallel).
    const [lists] = await Promise.all([
      Promise.all(distinct.map((sig) => store.addSignature(envelope.hash, sig.keyId, sig.sig))),
      ...(added ? [store.appendJournal({ at, action: 'submitted', hash: envelope.hash, detail: { artifactId: envelope.payload.artifactId, version: envelope.payload.version, by: envelope.signatures[0]!.keyId } })] : []),
      ...distinct.filter((sig) => !before.includes(sig.keyId)).map((sig) => store.appendJournal({ at, action: 'signed', hash: envelope.hash, detail: { keyId: sig.keyId } })),
    ]);
    return this.answered(this.settle(stored, unionInOrder(lists)));
  }

  /** POST /v1/artifacts/<hash>/signatures: one more signature over the stored payload. */
  async sign(hash: string, input: unknown): Promise<ArtifactStatus> {
    const envelope = await this.envelope(hash);
    const parsed = SignatureSchema.safeParse(input);
    if (!parsed.success) throw refusalFromIssues('', parsed.error.issues);
    verifySignature(envelope.payload, parsed.data, '', this.options);
    const signers = await this.record(envelope, parsed.data, await this.allSigners(envelope));
    return this.answered(this.settle(envelope, signers));
  }

  /** POST /v1/artifacts/<hash>/rollback: a trusted key's signature over `rollbackStatement(hash)`. */
  async rollback(hash: string, input: unknown): Promise<ArtifactStatus> {
    const envelope = await this.envelope(hash);
    const parsed = SignatureSchema.safeParse(input);
    if (!parsed.success) throw refusalFromIssues('', parsed.error.issues);
    verifySignature(rollbackStatement(hash), parsed.data, '', this.options);
    const { appended } = await this.options.store.transition(hash, 'adopt', 'rollback', this.now(), {
      action: 'rolled-back',
      detail: { by: parsed.data.keyId, artifactId: envelope.payload.artifactId, version: envelope.payload.version },
    });
    if (!appended) throw new CollectiveRefusal('hash', 'is not adopted, so there is nothing to roll back', 409);
    return this.answered(this.status(hash));
  }

  /**
   * POST /v1/stats `{"stats": kaizen.stats/1, "keyId", "sig"}`: a trusted key's signature over the canonical
   * statistics; each node's contribution is kept when its version is newer. Returns what was kept.
   */
  async submitStats(input: unknown): Promise<{ kept: string[]; ignored: string[] }> {
    const body = input as { stats?: unknown; keyId?: unknown; sig?: unknown } | null;
    if (typeof body !== 'object' || body === null) throw new CollectiveRefusal('(body)', 'expected {"stats","keyId","sig"}', 400);
    const stats = parseStatsFile(body.stats, 'stats');
    const sig = SignatureSchema.safeParse({ keyId: body.keyId, sig: body.sig });
    if (!sig.success) throw refusalFromIssues('', sig.error.issues);
    verifySignature(stats, sig.data, '', this.options);
    const report = this.options.validator.validate(stats, 'stats');
    if (!report.ok) throw new CollectiveRefusal(report.findings[0]!.field, `looks like PII (${report.findings[0]!.entityType}); redact it before sharing`);
    await this.checkNodeBindings(Object.keys(stats.contributions), sig.data.keyId);
    const kept: string[] = [];
    const ignored: string[] = [];
    for (const [node, c] of Object.entries(stats.contributions)) {
      const isNew = await this.options.store.putStatsContribution({ node, version: c.version, payload: { k: stats.k, patterns: c.patterns } });
      (isNew ? kept : ignored).push(node);
    }
    if (kept.length) await this.options.store.appendJournal({ at: this.now(), action: 'stats', detail: { by: sig.data.keyId, kept, versions: kept.map((n) => stats.contributions[n]!.version) } });
    return this.answered(Promise.resolve({ kept, ignored }));
  }

  /**
   * A contribution that claims node N must be signed by the key bound to N: by the trust file (`nodes`)
   * or, failing that, by the first key that contributed for N on this hub (recorded and journaled). Every
   * node is checked before anything is bound or stored, so a refused file changes nothing.
   */
  private async checkNodeBindings(nodes: readonly string[], signer: string): Promise<void> {
    const { trust, store } = this.options;
    const field = (node: string) => `stats.contributions.${node}`;
    const allowed = trust.nodesOf(signer);
    const firstUse: string[] = [];
    for (const node of nodes) {
      const pinned = trust.keyForNode(node);
      if (pinned !== undefined && pinned !== signer) throw new CollectiveRefusal(field(node), `node "${node}" is bound to key "${pinned}" by the trust file, but this file is signed by "${signer}"`, 403);
      if (allowed !== undefined && !allowed.includes(node)) throw new CollectiveRefusal(field(node), `key "${signer}" may sign statistics only for ${allowed.map((n) => `"${n}"`).join(', ')} (its "nodes" in the trust file)`, 403);
      if (pinned !== undefined) continue;
      const bound = await store.nodeKey(node);
      if (bound !== undefined && bound !== signer) throw new CollectiveRefusal(field(node), `node "${node}" is bound to key "${bound}" (the first key that contributed its statistics to this hub), but this file is signed by "${signer}"`, 403);
      if (bound === undefined) firstUse.push(node);
    }
    for (const node of firstUse) {
      const r = await store.bindNodeKey(node, signer, this.now());
      // Another replica bound the node to another key in the meantime.
      if (r.keyId !== signer) throw new CollectiveRefusal(field(node), `node "${node}" is bound to key "${r.keyId}" (the first key that contributed its statistics to this hub), but this file is signed by "${signer}"`, 403);
      if (r.bound) await store.appendJournal({ at: this.now(), action: 'node-bound', detail: { node, keyId: signer } });
    }
  }

  /** A request's answer, once every write it made is durable (an embedded store saves them together here). */
  private async answered<T>(result: Promise<T>): Promise<T> {
    const value = await result;
    await this.options.store.flush();
    return value;
  }

  /** GET /v1/stats: every node's newest contribution, merged. */
  async stats(): Promise<StatsFile> {
    const rows = await this.options.store.statsContributions();
    const files = rows.map((r) => {
      const p = r.payload as { k: number; patterns: StatsFile['totals'] };
      return parseStatsFile({ kind: STATS_KIND, k: p.k, contributions: { [r.node]: { version: r.version, patterns: p.patterns } }, totals: {} }, `stored ${r.node}`);
    });
    return files.length ? mergeStats(files) : { kind: STATS_KIND, k: 1, contributions: {}, totals: {} };
  }

  /** GET /v1/artifacts/<hash> (the server adds `applied`). */
  async status(hash: string): Promise<ArtifactStatus> {
    const envelope = await this.envelope(hash);
    const latest = await this.options.store.latestAdoption(hash);
    return {
      hash,
      status: latest === undefined ? 'pending' : latest.action === 'adopt' ? 'adopted' : 'rolled-back',
      signers: await this.signers(envelope),
      quorum: this.options.quorum,
      artifactId: envelope.payload.artifactId,
      version: envelope.payload.version,
    };
  }

  async applied(hash: string): Promise<string[]> {
    return this.options.store.appliedBy(hash);
  }

  /** An agent acknowledged applying an adoption (idempotent). */
  async ack(hash: string, agentId: string, action: 'adopt' | 'rollback'): Promise<void> {
    if (action !== 'adopt') return;
    await this.options.store.markApplied(hash, agentId, this.now());
  }

  /**
   * The frame of an entry its store just announced with the entry before it: no log read, and no
   * envelope read when this service handled the envelope a moment ago or the store passed it along.
   */
  async frameOf(appended: AppendedAdoption): Promise<ArtifactFrame> {
    const { entry, prev } = appended;
    const envelope = this.recent.get(entry.hash) ?? (appended.envelope !== undefined ? parseEnvelope(appended.envelope) : await this.envelope(entry.hash));
    return { type: 'artifact', id: String(entry.cursor), prev: prev > 0 ? String(prev) : null, action: entry.action, hash: entry.hash, envelope };
  }

  /** Remembers a verified envelope for `frameOf` (the most recent few). */
  private remember(envelope: Envelope): void {
    this.recent.delete(envelope.hash);
    this.recent.set(envelope.hash, envelope);
    if (this.recent.size > RECENT_ENVELOPES) this.recent.delete(this.recent.keys().next().value!);
  }

  /** Log entries after `after` as frames, ascending; `prev` chains them from `after`. */
  async framesAfter(after: number, limit = 256): Promise<ArtifactFrame[]> {
    const entries = await this.options.store.adoptionsAfter(after, limit);
    const frames: ArtifactFrame[] = [];
    let prev = after;
    for (const e of entries) {
      const envelope = await this.envelope(e.hash);
      frames.push({ type: 'artifact', id: String(e.cursor), prev: prev > 0 ? String(prev) : null, action: e.action, hash: e.hash, envelope });
      prev = e.cursor;
    }
    return frames;
  }

  private async envelope(hash: string): Promise<Envelope> {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new CollectiveRefusal('hash', 'must be 64 hex digits (the envelope\'s content hash)', 400);
    const stored = await this.options.store.getEnvelope(hash);
    if (stored === undefined) throw new CollectiveRefusal('hash', `no artifact ${hash} on this hub (POST /v1/artifacts first)`, 404);
    return parseEnvelope(stored);
  }

  /** Stores one verified signature; journals it when it is a new signer. Returns every signer afterwards. */
  private async record(envelope: Envelope, signature: EnvelopeSignature, before: readonly string[]): Promise<string[]> {
    const { store } = this.options;
    const [signers] = await Promise.all([
      store.addSignature(envelope.hash, signature.keyId, signature.sig),
      ...(before.includes(signature.keyId) ? [] : [store.appendJournal({ at: this.now(), action: 'signed', hash: envelope.hash, detail: { keyId: signature.keyId } })]),
    ]);
    return signers;
  }

  /**
   * Every signer of a stored envelope. The port lists signers as a side result of `addSignature`, which
   * ignores a second signature by the same key: re-adding the stored envelope's first (verified, always
   * stored) signature reads the list without changing it.
   */
  private async allSigners(envelope: Envelope): Promise<string[]> {
    const first = envelope.signatures[0]!;
    return this.options.store.addSignature(envelope.hash, first.keyId, first.sig);
  }

  /** The distinct signers the current trust file still trusts. */
  private async signers(envelope: Envelope): Promise<string[]> {
    return (await this.allSigners(envelope)).filter((k) => this.options.trust.publicKey(k) !== undefined);
  }

  /**
   * Adopts once the quorum is met, unless the artifact was ever adopted or rolled back (a late signature
   * never re-adopts it): the store's transition is a compare-and-set, so replicas that complete the quorum
   * at the same moment record and journal one adoption. `allSigners` is the stored signer list after this
   * request's writes.
   */
  private async settle(envelope: Envelope, allSigners: readonly string[]): Promise<ArtifactStatus> {
    const signers = allSigners.filter((k) => this.options.trust.publicKey(k) !== undefined);
    const { store, quorum } = this.options;
    if (signers.length >= quorum) this.remember(envelope);
    const latest =
      signers.length >= quorum
        ? (await store.transition(envelope.hash, 'none', 'adopt', this.now(), { action: 'adopted', detail: { signers, quorum, artifactId: envelope.payload.artifactId, version: envelope.payload.version } })).entry
        : await store.latestAdoption(envelope.hash);
    return {
      hash: envelope.hash,
      status: latest === undefined ? 'pending' : latest.action === 'adopt' ? 'adopted' : 'rolled-back',
      signers,
      quorum,
      artifactId: envelope.payload.artifactId,
      version: envelope.payload.version,
    };
  }
}

/** The signer lists returned by writes issued together, merged (each is in stored order; the longest first). */
function unionInOrder(lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const list of [...lists].sort((a, b) => b.length - a.length)) for (const k of list) if (!out.includes(k)) out.push(k);
  return out;
}

/** The bytes a rollback signature is made over. */
export function rollbackBytes(hash: string): Uint8Array {
  return canonicalBytes(rollbackStatement(hash));
}
