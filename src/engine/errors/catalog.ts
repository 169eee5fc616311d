import type { ErrorFingerprint } from '../model';
import { fingerprintError } from './fingerprint';
import type { Hash } from './fingerprint';
import type { ErrorOccurrence } from './occurrences';
import type { FingerprintRule } from './rules';

/** Calls kept as examples per fingerprint (the store links every one to the fingerprint). */
const MAX_EXAMPLE_CALLS = 50;

export interface CatalogEntry extends ErrorFingerprint {
  /** Distinct calls with this error. */
  calls: number;
}

/**
 * Groups occurrences by fingerprint, counting them and the calls they came from; the result is
 * ordered by count (then id) so re-analysis of the same calls gives the same catalog.
 */
export class ErrorCatalogBuilder {
  private readonly entries = new Map<string, { fp: ErrorFingerprint; calls: Set<string> }>();

  constructor(
    private readonly hash: Hash,
    private readonly rules: readonly FingerprintRule[] = [],
  ) {}

  /** Adds one occurrence; returns its fingerprint id. */
  add(o: ErrorOccurrence): string {
    const { fingerprint, template } = fingerprintError(o, this.hash, this.rules);
    let entry = this.entries.get(fingerprint);
    if (!entry) {
      entry = {
        fp: {
          fingerprint, template, code: o.code, stage: o.stage, ...(o.tool !== undefined ? { tool: o.tool } : {}),
          firstSeen: o.ts, lastSeen: o.ts, count: 0, exampleCallIds: [],
        },
        calls: new Set(),
      };
      this.entries.set(fingerprint, entry);
    }
    const fp = entry.fp;
    fp.count++;
    fp.firstSeen = Math.min(fp.firstSeen, o.ts);
    fp.lastSeen = Math.max(fp.lastSeen, o.ts);
    if (!entry.calls.has(o.callId)) {
      entry.calls.add(o.callId);
      if (fp.exampleCallIds.length < MAX_EXAMPLE_CALLS) fp.exampleCallIds.push(o.callId);
    }
    return fingerprint;
  }

  entriesList(): CatalogEntry[] {
    return [...this.entries.values()]
      .map(({ fp, calls }) => ({ ...fp, exampleCallIds: [...fp.exampleCallIds].sort(), calls: calls.size }))
      .sort((a, b) => b.count - a.count || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  }

  /** The catalog as the store keeps it. */
  fingerprints(): ErrorFingerprint[] {
    return this.entriesList().map(({ calls: _calls, ...fp }) => fp);
  }
}
