import type { Clock, Ed25519, Hashing } from '../ports';
import type { ComplianceValidator } from '../privacy';
import { canonicalBytes } from './canonical';
import type { Envelope, EnvelopeSignature } from './envelope';
import { SignatureSchema, parseEnvelope, verifyEnvelope, verifySignature } from './envelope';
import type { AdoptionEntry, HubStore } from './hubStore';
import { CollectiveRefusal, refusalFromIssues } from './refusal';
import type { StatsFile } from './stats';
import { STATS_KIND, mergeStats, parseStatsFile } from './stats';
import type { TrustSet } from './trust';

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

const PAGE = 1000;

/**
 * Consensus over a HubStore, with no state of its own (replicas share the store): envelopes are
 * verified (hash, trusted signatures, privacy) before they are stored; an artifact is adopted once a
 * quorum of distinct trusted keys signed it; a trusted key may roll an adoption back. Every transition
 * is journaled; agents learn of adoptions and rollbacks through the store's adoption log.
 */
export class HubService {
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
    // Writes that do not depend on each other go out together, so an embedded store saves them once.
    const distinct = envelope.signatures.filter((sig, i) => envelope.signatures.findIndex((x) => x.keyId === sig.keyId) === i);
    const stored = await store.getEnvelope(envelope.hash);
    const before = stored === undefined ? [] : await this.allSigners(parseEnvelope(stored));
    const [added] = await Promise.all([store.putEnvelope(envelope.hash, envelope, this.now()), ...distinct.map((sig) => store.addSignature(envelope.hash, sig.keyId, sig.sig))]);
    const at = this.now();
    await Promise.all([
      ...(added ? [store.appendJournal({ at, action: 'submitted', hash: envelope.hash, detail: { artifactId: envelope.payload.artifactId, version: envelope.payload.version, by: envelope.signatures[0]!.keyId } })] : []),
      ...distinct.filter((sig) => !before.includes(sig.keyId)).map((sig) => store.appendJournal({ at, action: 'signed', hash: envelope.hash, detail: { keyId: sig.keyId } })),
    ]);
    return this.settle(added || stored === undefined ? envelope : parseEnvelope(stored));
  }

  /** POST /v1/artifacts/<hash>/signatures: one more signature over the stored payload. */
  async sign(hash: string, input: unknown): Promise<ArtifactStatus> {
    const envelope = await this.envelope(hash);
    const parsed = SignatureSchema.safeParse(input);
    if (!parsed.success) throw refusalFromIssues('', parsed.error.issues);
    verifySignature(envelope.payload, parsed.data, '', this.options);
    await this.record(envelope, parsed.data, await this.allSigners(envelope));
    return this.settle(envelope);
  }

  /** POST /v1/artifacts/<hash>/rollback: a trusted key's signature over `rollbackStatement(hash)`. */
  async rollback(hash: string, input: unknown): Promise<ArtifactStatus> {
    const envelope = await this.envelope(hash);
    const parsed = SignatureSchema.safeParse(input);
    if (!parsed.success) throw refusalFromIssues('', parsed.error.issues);
    verifySignature(rollbackStatement(hash), parsed.data, '', this.options);
    if ((await this.latest(hash))?.action !== 'adopt') throw new CollectiveRefusal('hash', 'is not adopted, so there is nothing to roll back', 409);
    const entry = await this.options.store.recordAdoption(hash, 'rollback', this.now());
    await this.options.store.appendJournal({ at: this.now(), action: 'rolled-back', hash, detail: { cursor: entry.cursor, by: parsed.data.keyId, artifactId: envelope.payload.artifactId, version: envelope.payload.version } });
    return this.status(hash);
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
    const kept: string[] = [];
    const ignored: string[] = [];
    for (const [node, c] of Object.entries(stats.contributions)) {
      const isNew = await this.options.store.putStatsContribution({ node, version: c.version, payload: { k: stats.k, patterns: c.patterns } });
      (isNew ? kept : ignored).push(node);
    }
    if (kept.length) await this.options.store.appendJournal({ at: this.now(), action: 'stats', detail: { by: sig.data.keyId, kept, versions: kept.map((n) => stats.contributions[n]!.version) } });
    return { kept, ignored };
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
    const latest = await this.latest(hash);
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

  /** Stores one verified signature; journals it when it is a new signer. */
  private async record(envelope: Envelope, signature: EnvelopeSignature, before: readonly string[]): Promise<void> {
    const { store } = this.options;
    await Promise.all([
      store.addSignature(envelope.hash, signature.keyId, signature.sig),
      ...(before.includes(signature.keyId) ? [] : [store.appendJournal({ at: this.now(), action: 'signed', hash: envelope.hash, detail: { keyId: signature.keyId } })]),
    ]);
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

  /** Adopts once the quorum is met, unless the artifact was rolled back (a late signature never re-adopts it). */
  private async settle(envelope: Envelope): Promise<ArtifactStatus> {
    const signers = await this.signers(envelope);
    let latest = await this.latest(envelope.hash);
    if (latest === undefined && signers.length >= this.options.quorum) {
      latest = await this.options.store.recordAdoption(envelope.hash, 'adopt', this.now());
      if (latest.action === 'adopt') {
        await this.options.store.appendJournal({ at: this.now(), action: 'adopted', hash: envelope.hash, detail: { cursor: latest.cursor, signers, quorum: this.options.quorum, artifactId: envelope.payload.artifactId, version: envelope.payload.version } });
      }
    }
    return {
      hash: envelope.hash,
      status: latest === undefined ? 'pending' : latest.action === 'adopt' ? 'adopted' : 'rolled-back',
      signers,
      quorum: this.options.quorum,
      artifactId: envelope.payload.artifactId,
      version: envelope.payload.version,
    };
  }

  /** The artifact's latest log entry (the log is short: one entry per adoption or rollback). */
  private async latest(hash: string): Promise<AdoptionEntry | undefined> {
    let found: AdoptionEntry | undefined;
    for (let after = 0; ; ) {
      const page = await this.options.store.adoptionsAfter(after, PAGE);
      for (const e of page) if (e.hash === hash) found = e;
      if (page.length < PAGE) return found;
      after = page[page.length - 1]!.cursor;
    }
  }
}

/** The bytes a rollback signature is made over. */
export function rollbackBytes(hash: string): Uint8Array {
  return canonicalBytes(rollbackStatement(hash));
}
