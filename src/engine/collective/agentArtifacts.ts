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
  /** Versions per artifactId, ascending by version. */
  private readonly byArtifact = new Map<string, Version[]>();
  private readonly byHash = new Map<string, Version>();

  /** Applies one adoption or rollback; returns the artifact's live envelope afterwards (undefined: none). */
  apply(action: 'adopt' | 'rollback', envelope: Envelope): Envelope | undefined {
    const id = envelope.payload.artifactId;
    let v = this.byHash.get(envelope.hash);
    if (!v) {
      v = { hash: envelope.hash, version: envelope.payload.version, envelope, rolledBack: false };
      const versions = this.byArtifact.get(id) ?? [];
      // Versions mostly arrive in order: insert from the end instead of sorting the whole list each time.
      let at = versions.length;
      while (at > 0 && versions[at - 1]!.version > v.version) at--;
      versions.splice(at, 0, v);
      this.byArtifact.set(id, versions);
      this.byHash.set(v.hash, v);
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
