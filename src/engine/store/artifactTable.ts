import type { SqlValue } from 'sql.js';
import type { ArtifactStatus, LearningArtifact } from '../model';
import { LearningArtifactSchema } from '../model';
import type { EnginePorts } from '../ports';
import { canonicalJson, packJson, unpackJson } from './codec';
import type { DeflateCodec } from './codec';
import type { ArtifactFilter, SaveArtifactInput } from './learningStore';
import type { SqlDb } from './sqlDb';
import { nul, whereClause } from './sqlDb';

const ARTIFACT_COLUMNS = 'artifact_id, version, parent_version, status, content_hash, agent_id, title, note, payload, created_at';

/**
 * `artifact_versions`: every change to an artifact is a new row with its parent version, status and
 * content hash. Writes run inside the store's transaction; reads check each artifact.
 */
export class ArtifactTable {
  constructor(
    private readonly sql: SqlDb,
    private readonly ports: Pick<EnginePorts, 'hashing' | 'clock'>,
    private readonly codec: DeflateCodec,
    /** Named in the errors about a tampered artifact. */
    private readonly path: string | undefined,
  ) {}

  /** sha-256 of the canonical JSON of the payload (which carries its kind). */
  contentHash(payload: LearningArtifact['payload']): string {
    return this.ports.hashing.sha256(canonicalJson(payload));
  }

  private newArtifactId(): string {
    return `art-${[...this.ports.hashing.randomBytes(8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  }

  insertVersion(a: LearningArtifact): void {
    this.sql.run(
      `INSERT INTO artifact_versions (artifact_id, version, parent_version, status, content_hash, kind, agent_id, title, note, payload, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [a.artifactId, a.version, a.parentVersion, a.status, a.contentHash, a.payload.kind, nul(a.agentId), a.title, nul(a.note), packJson(a.payload, this.codec), a.createdAt],
    );
  }

  private toArtifact(r: SqlValue[]): LearningArtifact {
    const a: LearningArtifact = {
      artifactId: r[0] as string,
      version: Number(r[1]),
      parentVersion: r[2] === null ? null : Number(r[2]),
      status: r[3] as ArtifactStatus,
      contentHash: r[4] as string,
      payload: unpackJson<LearningArtifact['payload']>(r[8] as Uint8Array, this.codec),
      title: r[6] as string,
      createdAt: Number(r[9]),
    };
    if (r[5] !== null) a.agentId = r[5] as string;
    if (r[7] !== null) a.note = r[7] as string;
    this.check(a);
    return a;
  }

  /**
   * Artifacts are what agents get served, and a store file can be edited outside Kaizen: each one
   * read is checked against its schema and its content hash (a few µs; artifacts are few and small).
   */
  private check(a: LearningArtifact): void {
    const where = `Artifact ${a.artifactId} v${a.version}${this.path ? ` in ${this.path}` : ''}`;
    const parsed = LearningArtifactSchema.safeParse(a);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${where} is malformed (${issue.path.join('.')}: ${issue.message}); the file was changed outside Kaizen. Restore it from a bundle.`);
    }
    if (this.contentHash(a.payload) !== a.contentHash) {
      throw new Error(`${where} does not match its content hash; the file was changed outside Kaizen. Restore it from a bundle.`);
    }
  }

  latest(artifactId: string): LearningArtifact | undefined {
    const r = this.sql.rows(`SELECT ${ARTIFACT_COLUMNS} FROM artifact_versions WHERE artifact_id = ? ORDER BY version DESC LIMIT 1`, [artifactId])[0];
    return r ? this.toArtifact(r) : undefined;
  }

  get(artifactId: string, version?: number): LearningArtifact | undefined {
    if (version === undefined) return this.latest(artifactId);
    const r = this.sql.rows(`SELECT ${ARTIFACT_COLUMNS} FROM artifact_versions WHERE artifact_id = ? AND version = ?`, [artifactId, version])[0];
    return r ? this.toArtifact(r) : undefined;
  }

  /** The stored hash of one version, unchecked (bundle merges compare it). */
  storedHash(artifactId: string, version: number): string | undefined {
    return this.sql.scalar('SELECT content_hash FROM artifact_versions WHERE artifact_id = ? AND version = ?', [artifactId, version]) as string | undefined;
  }

  /**
   * A save that changes nothing (same payload hash, status, title) returns the current version
   * instead of adding one, so a synthesizer re-run does not pile up identical versions.
   * Run inside a transaction.
   */
  save(input: SaveArtifactInput): { artifact: LearningArtifact; changed: boolean } {
    const current = input.artifactId !== undefined ? this.latest(input.artifactId) : undefined;
    const contentHash = this.contentHash(input.payload);
    const status = input.status ?? 'draft';
    const title = input.title ?? current?.title ?? '';
    if (current && current.contentHash === contentHash && current.status === status && current.title === title && input.note === undefined) {
      return { artifact: current, changed: false };
    }
    if (current && current.payload.kind !== input.payload.kind) {
      throw new Error(`Artifact ${current.artifactId} is a ${current.payload.kind}; a new version cannot be a ${input.payload.kind}.`);
    }
    const artifact: LearningArtifact = {
      artifactId: input.artifactId ?? this.newArtifactId(),
      version: (current?.version ?? 0) + 1,
      parentVersion: current?.version ?? null,
      status,
      contentHash,
      payload: input.payload,
      title,
      createdAt: this.ports.clock.now(),
    };
    const agentId = input.agentId ?? current?.agentId;
    if (agentId !== undefined) artifact.agentId = agentId;
    if (input.note !== undefined) artifact.note = input.note;
    this.insertVersion(artifact);
    return { artifact, changed: true };
  }

  history(artifactId: string): LearningArtifact[] {
    return this.sql.rows(`SELECT ${ARTIFACT_COLUMNS} FROM artifact_versions WHERE artifact_id = ? ORDER BY version`, [artifactId]).map((r) => this.toArtifact(r));
  }

  list(filter: ArtifactFilter = {}): LearningArtifact[] {
    const w = whereClause();
    if (filter.latestOnly ?? true) w.add('version = (SELECT MAX(version) FROM artifact_versions v WHERE v.artifact_id = a.artifact_id)');
    if (filter.kind !== undefined) w.add('kind = ?', filter.kind);
    if (filter.status !== undefined) w.add('status = ?', filter.status);
    if (filter.agentId !== undefined) w.add('agent_id = ?', filter.agentId);
    return this.sql.rows(`SELECT ${ARTIFACT_COLUMNS} FROM artifact_versions a ${w.sql()} ORDER BY artifact_id, version`, w.params).map((r) => this.toArtifact(r));
  }

  allVersions(): LearningArtifact[] {
    return this.sql.rows(`SELECT ${ARTIFACT_COLUMNS} FROM artifact_versions ORDER BY artifact_id, version`).map((r) => this.toArtifact(r));
  }

  /** The new version takes the payload and status of `toVersion`; its parent is the current version. Run inside a transaction. */
  rollback(artifactId: string, toVersion: number, note?: string): LearningArtifact {
    const current = this.latest(artifactId);
    if (!current) throw new Error(`No artifact ${artifactId} to roll back.`);
    const from = this.get(artifactId, toVersion);
    if (!from) throw new Error(`Artifact ${artifactId} has no version ${toVersion} (versions 1..${current.version}).`);
    return this.deriveVersion(current, { payload: from.payload, contentHash: from.contentHash, status: from.status, note: note ?? `rollback to v${toVersion}` });
  }

  /** Run inside a transaction. */
  setStatus(artifactId: string, status: ArtifactStatus, note?: string): LearningArtifact {
    const current = this.latest(artifactId);
    if (!current) throw new Error(`No artifact ${artifactId} to change the status of.`);
    return this.deriveVersion(current, { payload: current.payload, contentHash: current.contentHash, status, note });
  }

  private deriveVersion(current: LearningArtifact, change: Pick<LearningArtifact, 'payload' | 'contentHash' | 'status'> & { note: string | undefined }): LearningArtifact {
    const next: LearningArtifact = {
      artifactId: current.artifactId,
      version: current.version + 1,
      parentVersion: current.version,
      status: change.status,
      contentHash: change.contentHash,
      payload: change.payload,
      title: current.title,
      createdAt: this.ports.clock.now(),
    };
    if (current.agentId !== undefined) next.agentId = current.agentId;
    if (change.note !== undefined) next.note = change.note;
    this.insertVersion(next);
    return next;
  }

  counts(): { artifacts: number; versions: number } {
    const [artifacts, versions] = this.sql.rows('SELECT COUNT(DISTINCT artifact_id), COUNT(*) FROM artifact_versions')[0]!;
    return { artifacts: Number(artifacts), versions: Number(versions) };
  }
}
