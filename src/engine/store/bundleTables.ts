import type { Conversation } from '../model';
import type { EnginePorts } from '../ports';
import type { AnalysisTable } from './analysisTable';
import type { ArtifactTable } from './artifactTable';
import type { BundleRecords, BundleSink, BundleSource } from './bundleIo';
import type { CallRow, CallTable } from './callTable';
import { emptyPutResult } from './callTable';
import type { ErrorTable } from './errorTable';
import type { ExperimentTable } from './experimentTable';
import type { JournalTable } from './journalTable';
import type { BundleImportResult } from './learningStore';
import type { PatternTable } from './patternTable';
import type { SqlDb } from './sqlDb';
import type { CallSegments } from './callSegments';

export interface StoreTables {
  calls: CallTable;
  analyses: AnalysisTable;
  patterns: PatternTable;
  artifacts: ArtifactTable;
  experiments: ExperimentTable;
  journal: JournalTable;
  errors: ErrorTable;
}

/**
 * Bundle I/O's view of the store: reads every section for an export and merges a checked bundle in
 * one transaction. `bundleIo.ts` sees only the `BundleSource`/`BundleSink` interfaces.
 */
export class BundleTables implements BundleSource, BundleSink {
  constructor(
    private readonly sql: SqlDb,
    private readonly t: StoreTables,
    private readonly segments: CallSegments,
    private readonly ports: Pick<EnginePorts, 'clock'>,
  ) {}

  calls(): AsyncIterable<CallRow> {
    return this.segments.allRows(this.t.calls);
  }
  async analyses() {
    return [...this.t.analyses.all(), ...(await this.segments.analyses())].sort((a, b) => (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0));
  }
  patterns() {
    return this.t.patterns.list();
  }
  artifacts() {
    return this.t.artifacts.allVersions();
  }
  experiments() {
    return this.t.experiments.list();
  }
  journal() {
    return this.t.journal.all();
  }
  errorFingerprints() {
    return this.t.errors.list();
  }
  async callFingerprints() {
    const links = [...this.t.analyses.allFingerprintLinks(), ...(await this.segments.fingerprintLinks())];
    return links.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0));
  }

  /**
   * New calls are inserted as they are; a known call gains the bundle's new events. Newer analyses
   * and patterns win; artifact versions are never overwritten (a different hash is a conflict);
   * experiments are added when new; journal entries are appended unless already there.
   */
  async merge(records: BundleRecords, fromSchemaVersion: number): Promise<BundleImportResult> {
    const { calls, analyses, patterns, artifacts, experiments, journal, errors } = this.t;
    // Sealed calls the bundle touches come back to the hot file first, where the merge can change them.
    await this.segments.unseal([...records.calls.map((c) => c.callId), ...records.analyses.map((a) => a.callId), ...records.callFingerprints.map((l) => l.callId)]);
    await calls.loadArchivesOf(records.calls.filter((c) => c.events).map((c) => c.callId));
    const result: BundleImportResult = {
      fromSchemaVersion,
      callsInserted: 0,
      callsMerged: 0,
      artifactVersionsInserted: 0,
      artifactVersionsSkipped: 0,
      patternsImported: 0,
      experimentsImported: 0,
      journalEntriesInserted: 0,
      analysesImported: 0,
      errorFingerprintsImported: 0,
      conflicts: [],
    };
    const now = this.ports.clock.now();
    this.sql.transaction(() => {
      const puts = emptyPutResult();
      for (const call of records.calls) {
        if (!calls.exists(call.callId)) {
          calls.insertRow(call);
          result.callsInserted++;
        } else if (call.events) {
          const conv: Conversation = { callId: call.callId, agentId: call.agentId, startedAt: call.startedAt, events: call.events };
          if (call.endedAt !== undefined) conv.endedAt = call.endedAt;
          if (call.source) conv.source = call.source;
          if (call.outcome) conv.outcome = call.outcome;
          calls.put(conv, now, puts);
        }
      }
      result.callsMerged = puts.callsMerged;
      for (const c of puts.conflicts ?? []) result.conflicts.push({ kind: 'call', ...c });
      for (const a of records.analyses) {
        const storedAt = analyses.analyzedAt(a.callId);
        if (storedAt !== undefined && storedAt >= a.analyzedAt) continue;
        analyses.put(a);
        result.analysesImported++;
      }
      for (const p of records.patterns) {
        const stored = patterns.get(p.id);
        if (stored !== undefined && stored.updatedAt >= p.updatedAt) continue;
        patterns.put(p);
        result.patternsImported++;
      }
      for (const a of records.artifacts) {
        const storedHash = artifacts.storedHash(a.artifactId, a.version);
        if (storedHash === undefined) {
          artifacts.insertVersion(a);
          result.artifactVersionsInserted++;
        } else {
          result.artifactVersionsSkipped++;
          if (storedHash !== a.contentHash) {
            result.conflicts.push({ kind: 'artifact-version', artifactId: a.artifactId, version: a.version, storedHash, bundleHash: a.contentHash });
          }
        }
      }
      for (const e of records.experiments) if (experiments.insertIfNew(e)) result.experimentsImported++;
      for (const j of records.journal) if (journal.merge(j)) result.journalEntriesInserted++;
      for (const f of records.errorFingerprints) if (errors.merge(f)) result.errorFingerprintsImported++;
      for (const link of records.callFingerprints) analyses.linkFingerprint(link.fingerprint, link.callId);
    });
    calls.trimArchives();
    return result;
  }
}
