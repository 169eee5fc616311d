import { strFromU8, strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import type { EnginePorts } from '../ports';
import {
  CallOutcomeSchema,
  CallSourceSchema,
  ConversationEventSchema,
  ErrorFingerprintSchema,
  ExperimentSchema,
  IdSchema,
  LearningArtifactSchema,
  PatternSchema,
  jsonDepthExceeds,
} from '../model';
import { canonicalJson } from './codec';
import { unzipBounded } from './bundleZip';
import type { CallAnalysisRecord, BundleImportResult, JournalEntry } from './learningStore';
import { BundleError } from './learningStore';
import { CURRENT_SCHEMA_VERSION } from './schema';
import type { CallRow } from './callTable';
import type { ErrorFingerprint, Experiment, LearningArtifact, Pattern } from '../model';

/** Every record of a bundle, validated, by section. */
/**
 * The deepest nesting a bundle record may have: stored events passed ingest's limit (256), and a record wraps
 * them in a few levels more. Deeper is hostile: checking, hashing or merging it would overflow the stack.
 */
export const MAX_BUNDLE_RECORD_DEPTH = 512;

export interface BundleRecords {
  calls: CallRow[];
  analyses: CallAnalysisRecord[];
  patterns: Pattern[];
  artifacts: LearningArtifact[];
  experiments: Experiment[];
  journal: JournalEntry[];
  errorFingerprints: ErrorFingerprint[];
  callFingerprints: Array<{ fingerprint: string; callId: string }>;
}

/** What an export reads from a store: each section's records (calls streamed, the rest small). */
export interface BundleSource {
  calls(): AsyncIterable<CallRow>;
  analyses(): CallAnalysisRecord[] | Promise<CallAnalysisRecord[]>;
  patterns(): Pattern[];
  artifacts(): LearningArtifact[];
  experiments(): Experiment[];
  journal(): JournalEntry[];
  errorFingerprints(): ErrorFingerprint[];
  callFingerprints(): Array<{ fingerprint: string; callId: string }> | Promise<Array<{ fingerprint: string; callId: string }>>;
}

/** What an import writes into a store: the checked records, merged all-or-nothing. */
export interface BundleSink {
  merge(records: BundleRecords, fromSchemaVersion: number): Promise<BundleImportResult>;
}

/**
 * A bundle is a zip (fflate) of `manifest.json` and one NDJSON file per section. The manifest names
 * each section's sha-256 and record count, so a changed byte is caught before anything is imported,
 * and the error names the section; each record is then parsed with its zod schema, and the error
 * names the record.
 */
export const BUNDLE_FORMAT = 'kaizen-bundle';

export const BundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  schemaVersion: z.number().int().positive(),
  createdAt: z.number(),
  sections: z.record(z.string(), z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), count: z.number().int().nonnegative() })),
});
export type BundleManifest = z.output<typeof BundleManifestSchema>;

const CallRecordSchema = z
  .object({
    callId: IdSchema,
    agentId: IdSchema,
    startedAt: z.number(),
    endedAt: z.number().optional(),
    source: CallSourceSchema.optional(),
    outcome: CallOutcomeSchema.optional(),
    turnCount: z.number().int().nonnegative(),
    eventCount: z.number().int().nonnegative(),
    errorCount: z.number().int().nonnegative(),
    importedAt: z.number(),
    transcriptPurgedAt: z.number().optional(),
    events: z.array(ConversationEventSchema).optional(),
  })
  .refine((c) => !c.events || c.events.every((e) => e.callId === c.callId), { message: 'every event must carry the call\u2019s callId', path: ['events'] });

const CallAnalysisRecordSchema = z.object({
  callId: IdSchema,
  agentId: IdSchema,
  intent: z.string(),
  intentConfidence: z.number(),
  outcome: z.object({ label: z.enum(['success', 'failure', 'unknown']), probability: z.number() }),
  signals: z.array(z.object({ kind: z.string(), polarity: z.enum(['success', 'failure']), turnIndex: z.number().int(), strength: z.number() })),
  errorFingerprints: z.array(z.string()).optional(),
  detail: z.unknown().optional(),
  analyzedAt: z.number(),
});

const JournalRecordSchema = z.object({
  stream: z.string().min(1),
  seq: z.number().int().positive(),
  kind: z.string(),
  ts: z.number(),
  payload: z.unknown(),
});

const CallFingerprintRecordSchema = z.object({ fingerprint: z.string().min(1), callId: IdSchema });

/** The sections of the current format, in import order, with the schema of one record. */
const SECTIONS = {
  calls: CallRecordSchema,
  analyses: CallAnalysisRecordSchema,
  patterns: PatternSchema,
  artifacts: LearningArtifactSchema,
  experiments: ExperimentSchema,
  journal: JournalRecordSchema,
  errorFingerprints: ErrorFingerprintSchema,
  callFingerprints: CallFingerprintRecordSchema,
} as const;
type SectionName = keyof typeof SECTIONS;

/** Sections each older bundle version carried; what is absent is empty. */
const SECTIONS_BY_VERSION: Record<number, readonly SectionName[]> = {
  1: ['calls', 'analyses', 'patterns', 'artifacts', 'experiments', 'journal', 'errorFingerprints'],
  2: Object.keys(SECTIONS) as SectionName[],
  // v3 moved old transcripts into archive files; a bundle carries them inline as before.
  3: Object.keys(SECTIONS) as SectionName[],
  // v4 sealed old calls into segment files; a bundle carries them like any other call.
  4: Object.keys(SECTIONS) as SectionName[],
  // v5 added the llm cost ledger; it stays with the store that paid, so bundles do not carry it.
  5: Object.keys(SECTIONS) as SectionName[],
  // v6 added the quarantine table, which never leaves the machine.
  6: Object.keys(SECTIONS) as SectionName[],
};

/**
 * Record upgrades, one per schema step, applied to the raw JSON before validation (the same walk as
 * the file migrations in schema.ts). v1 call records had no `errorCount`.
 */
const RECORD_UPGRADES: Record<number, Partial<Record<SectionName, (record: Record<string, unknown>) => Record<string, unknown>>>> = {
  2: {
    calls: (r) => ({
      ...r,
      errorCount: Array.isArray(r.events) ? (r.events as Array<{ type?: unknown }>).filter((e) => e?.type === 'agent.error').length : 0,
    }),
  },
};

/**
 * JSON lines. Small sections are written canonically (sorted keys), so the same content exports to
 * the same checksum; calls are written as stored, because sorting every event's keys costs more than
 * the rest of the export (and events that came through zod are already in one stable order).
 */
async function ndjson(records: Iterable<unknown> | AsyncIterable<unknown>, canonical: boolean): Promise<{ bytes: Uint8Array; count: number }> {
  const lines: string[] = [];
  for await (const r of records) lines.push(canonical ? canonicalJson(r) : JSON.stringify(r));
  return { bytes: strToU8(lines.length ? `${lines.join('\n')}\n` : ''), count: lines.length };
}

export async function exportStoreBundle(store: BundleSource, ports: EnginePorts): Promise<Uint8Array> {
  const records: Record<SectionName, Iterable<unknown> | AsyncIterable<unknown>> = {
    calls: store.calls(),
    analyses: await store.analyses(),
    patterns: store.patterns(),
    artifacts: store.artifacts(),
    experiments: store.experiments(),
    journal: store.journal(),
    errorFingerprints: store.errorFingerprints(),
    callFingerprints: await store.callFingerprints(),
  };
  const files: Record<string, Uint8Array> = {};
  const manifest: BundleManifest = { format: BUNDLE_FORMAT, schemaVersion: CURRENT_SCHEMA_VERSION, createdAt: ports.clock.now(), sections: {} };
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    const { bytes, count } = await ndjson(records[name], name !== 'calls');
    const file = `${name}.ndjson`;
    files[file] = bytes;
    manifest.sections[name] = { file, sha256: ports.hashing.sha256(bytes), count };
  }
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  // Level 1: the sections are JSON text and shrink ~5× even so; level 6 costs ~2× the time for ~10 % less.
  return zipSync(files, { level: 1 });
}

function issueText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(record)'}: ${i.message}`)
    .join('; ');
}

/** Reads and checks a whole bundle; throws `BundleError` before the store is touched. */
export function readBundle(bytes: Uint8Array, ports: EnginePorts): { records: BundleRecords; schemaVersion: number } {
  const files = unzipBounded(bytes);
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) throw new BundleError('This zip is not a Kaizen bundle: it has no manifest.json.', 'format');
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(strFromU8(manifestBytes));
  } catch (err) {
    throw new BundleError(`The bundle's manifest.json is not JSON (${(err as Error).message}).`, 'format');
  }
  const parsedManifest = BundleManifestSchema.safeParse(manifestJson);
  if (!parsedManifest.success) throw new BundleError(`The bundle's manifest.json is invalid: ${issueText(parsedManifest.error)}.`, 'format');
  const manifest = parsedManifest.data;
  if (manifest.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new BundleError(
      `The bundle was exported by a newer Kaizen (schema v${manifest.schemaVersion}; this build knows up to v${CURRENT_SCHEMA_VERSION}). Update Kaizen to import it.`,
      'too-new',
    );
  }
  const expected = SECTIONS_BY_VERSION[manifest.schemaVersion];
  if (!expected) throw new BundleError(`The bundle names schema v${manifest.schemaVersion}, which no Kaizen release wrote.`, 'format');
  const listed = new Set([...Object.values(manifest.sections).map((s) => s.file), 'manifest.json']);
  for (const file of Object.keys(files)) {
    if (!listed.has(file)) throw new BundleError(`The bundle holds a file the manifest does not list: ${file}. It was altered after export.`, 'checksum', file);
  }

  const records: BundleRecords = {
    calls: [],
    analyses: [],
    patterns: [],
    artifacts: [],
    experiments: [],
    journal: [],
    errorFingerprints: [],
    callFingerprints: [],
  };
  for (const name of expected) {
    const entry = manifest.sections[name];
    if (!entry) throw new BundleError(`The bundle's manifest has no "${name}" section; a v${manifest.schemaVersion} bundle always has one.`, 'format', name);
    const data = files[entry.file];
    if (!data) throw new BundleError(`Section "${name}" (${entry.file}) is missing from the bundle.`, 'checksum', name);
    const actual = ports.hashing.sha256(data);
    if (actual !== entry.sha256) {
      throw new BundleError(
        `Section "${name}" (${entry.file}) fails its checksum (manifest sha-256 ${entry.sha256.slice(0, 12)}…, content ${actual.slice(0, 12)}…): the bundle was damaged or edited after export. Nothing was imported.`,
        'checksum',
        name,
      );
    }
    const lines = strFromU8(data).split('\n').filter((l) => l.length > 0);
    if (lines.length !== entry.count) {
      throw new BundleError(`Section "${name}" has ${lines.length} records; the manifest says ${entry.count}.`, 'checksum', name);
    }
    const schema = SECTIONS[name] as z.ZodType;
    const out = records[name] as unknown[];
    lines.forEach((line, index) => {
      let raw: unknown;
      const depth = jsonDepthExceeds(line, MAX_BUNDLE_RECORD_DEPTH);
      if (depth !== undefined) {
        throw new BundleError(
          `Section "${name}" record ${index + 1} nests deeper than ${MAX_BUNDLE_RECORD_DEPTH} levels (at least ${depth}); Kaizen never writes such a record. Nothing was imported.`,
          'record',
          name,
          index + 1,
        );
      }
      try {
        raw = JSON.parse(line);
      } catch (err) {
        throw new BundleError(`Section "${name}" record ${index + 1} is not JSON (${(err as Error).message}).`, 'record', name, index + 1);
      }
      for (let v = manifest.schemaVersion + 1; v <= CURRENT_SCHEMA_VERSION; v++) {
        const upgrade = RECORD_UPGRADES[v]?.[name];
        if (upgrade && raw !== null && typeof raw === 'object') raw = upgrade(raw as Record<string, unknown>);
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const id = describeRecord(raw);
        throw new BundleError(`Section "${name}" record ${index + 1}${id}: ${issueText(parsed.error)}. Nothing was imported.`, 'record', name, index + 1);
      }
      out.push(parsed.data);
    });
  }
  records.artifacts.forEach((a, index) => {
    const hash = ports.hashing.sha256(canonicalJson(a.payload));
    if (hash !== a.contentHash) {
      throw new BundleError(
        `Section "artifacts" record ${index + 1} (${a.artifactId} v${a.version}): contentHash does not match its payload (payload hashes to ${hash.slice(0, 12)}…). Nothing was imported.`,
        'record',
        'artifacts',
        index + 1,
      );
    }
  });
  return { records, schemaVersion: manifest.schemaVersion };
}

function describeRecord(raw: unknown): string {
  if (raw === null || typeof raw !== 'object') return '';
  const r = raw as Record<string, unknown>;
  for (const key of ['callId', 'artifactId', 'id', 'fingerprint', 'stream']) {
    if (typeof r[key] === 'string') return ` (${key} ${r[key] as string})`;
  }
  return '';
}

export async function importStoreBundle(store: BundleSink, ports: EnginePorts, bytes: Uint8Array): Promise<BundleImportResult> {
  const { records, schemaVersion } = readBundle(bytes, ports);
  return store.merge(records, schemaVersion);
}
