import type { Envelope } from './envelope';

interface Version {
  hash: string;
  version: number;
  envelope: Envelope;
  rolledBack: boolean;
}

/**
 * What an agent runs, per artifactId: the highest adopted version that was not rolled back. A rollback
 * of the live version makes the version before it live again; adopting an older version than the live
 * one keeps it in reserve.
 */
export class AgentArtifacts {
  private readonly byArtifact = new Map<string, Version[]>();

  /** Applies one adoption or rollback; returns the artifact's live envelope afterwards (undefined: none). */
  apply(action: 'adopt' | 'rollback', envelope: Envelope): Envelope | undefined {
    const id = envelope.payload.artifactId;
    const versions = this.byArtifact.get(id) ?? [];
    let v = versions.find((x) => x.hash === envelope.hash);
    if (!v) {
      v = { hash: envelope.hash, version: envelope.payload.version, envelope, rolledBack: false };
      versions.push(v);
      versions.sort((a, b) => a.version - b.version);
      this.byArtifact.set(id, versions);
    }
    v.rolledBack = action === 'rollback';
    return this.live(id);
  }

  live(artifactId: string): Envelope | undefined {
    const versions = this.byArtifact.get(artifactId) ?? [];
    for (let i = versions.length - 1; i >= 0; i--) if (!versions[i]!.rolledBack) return versions[i]!.envelope;
    return undefined;
  }

  /** Every artifact's live version (artifactId → version). */
  liveVersions(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const id of this.byArtifact.keys()) {
      const live = this.live(id);
      if (live) out[id] = live.payload.version;
    }
    return out;
  }
}
