import type { EnginePorts } from '../ports';
import { openStoreBytes } from './fileCheck';
import type { DeflateCodec } from './codec';
import type { LearningStore } from './learningStore';
import { StoreFileError } from './learningStore';
import { acquireStoreLock, hostProcess } from './lock';
import type { StoreLock, StoreProcess } from './lock';
import { joinPath, splitPath, staleTempPattern } from './paths';
import { migrate, tuneConnection } from './schema';
import { loadSqlModule } from './sqlModule';
import { DEFAULT_ARCHIVE_POLICY, DEFAULT_SEGMENT_POLICY, SqlLearningStore } from './sqlStore';
import type { ArchivePolicy, SegmentPolicy } from './sqlStore';
import { TranscriptArchives } from './archive';
import { matchesSaveRecord, readSaveRecord, writeSaveRecord } from './saveRecord';
import { SegmentFiles } from './segmentFiles';

export * from './learningStore';
export { CURRENT_SCHEMA_VERSION, MIGRATIONS } from './schema';
export type { StoreProcess } from './lock';
export type { SqlLearningStore, ArchivePolicy, SegmentPolicy } from './sqlStore';
export { fflateCodec } from './codec';
export type { CallConflict } from './callMerge';
export type { UnreadableRow } from './rowGuard';
export type { DeflateCodec } from './codec';
export { BUNDLE_FORMAT, BundleManifestSchema } from './bundleIo';
export type { BundleManifest } from './bundleIo';
export { examineSegments, examineStore, quarantineCount, quarantineRows } from './doctor';
export type { DoctorReport, PiiLeak, SegmentExamination } from './doctor';

export interface OpenSqlStoreOptions {
  /** The store file; `undefined` keeps the store in memory and never saves it. */
  path?: string;
  ports: EnginePorts;
  /** Quiet time after the last write before the file is saved (default 2000 ms). */
  saveDebounceMs?: number;
  /**
   * Raw-DEFLATE for transcripts and payloads; default fflate. Node hosts may pass zlib's (faster,
   * same format): `{ deflateRaw: (d, dictionary) => zlib.deflateRawSync(d, { level: 1, dictionary }),
   * inflateRaw: (d, _size, dictionary) => zlib.inflateRawSync(d, { dictionary }) }`.
   */
  codec?: DeflateCodec;
  /**
   * When old transcripts move to archive files beside the store (file-backed stores only). Off unless
   * given (segments keep the hot file small); existing archives are always read.
   */
  archive?: Partial<ArchivePolicy>;
  /** When old calls are sealed into segment files beside the store (file-backed stores only). */
  segment?: Partial<SegmentPolicy>;
  /** Who holds the lock file; defaults to the host process (none in a browser, where nothing can race). */
  process?: StoreProcess;
  /**
   * Run SQLite's full `quick_check` even when the file's bytes match what the last save recorded
   * (`kaizen doctor` does). Without it, only a file that differs from the last save is checked in full.
   */
  verify?: boolean;
}

/**
 * Opens (or creates) a learning store. A file that is not ours, is damaged or is newer than this
 * build is refused with a `StoreFileError` and never written; an older one is migrated (a copy of the
 * original is kept beside it as `<path>.schema-v<N>.bak`).
 */
export async function openSqlStore(options: OpenSqlStoreOptions): Promise<LearningStore> {
  const { path, ports } = options;
  const SQL = await loadSqlModule(ports);
  const saveDebounceMs = options.saveDebounceMs ?? 2000;
  if (path === undefined) {
    const db = new SQL.Database();
    tuneConnection(db);
    migrate(db);
    return new SqlLearningStore({ db, ports, saveDebounceMs, codec: options.codec ?? ports.deflate, dirty: false });
  }

  const { dir, base } = splitPath(path);
  await ports.fs.mkdirp(dir);
  const archives = new TranscriptArchives(SQL, ports, `${path}.archive`);
  // Segments bound the hot file, so transcripts are archived only when asked for: archiving a
  // transcript that the next seal copies back out of its archive would only cost time.
  const archivePolicy = options.archive ? { ...DEFAULT_ARCHIVE_POLICY, ...options.archive } : { ...DEFAULT_ARCHIVE_POLICY, minCalls: Number.POSITIVE_INFINITY };
  const segments = new SegmentFiles(SQL, ports, `${path}.segments`);
  const segmentPolicy = { ...DEFAULT_SEGMENT_POLICY, ...options.segment };
  const proc = options.process ?? hostProcess();
  let lock: StoreLock | undefined;
  if (proc) lock = await acquireStoreLock(path, ports, proc);
  try {
    // Holding the lock, any temp file of this store is litter from a process killed mid-save.
    const stale = staleTempPattern(base);
    for (const name of await ports.fs.readdir(dir)) {
      if (stale.test(name)) await ports.fs.remove(joinPath(dir, name));
    }
    if (!(await ports.fs.exists(path))) {
      const db = new SQL.Database();
      tuneConnection(db);
      migrate(db);
      // Written at once, so a second process sees a store (and its lock) rather than nothing.
      // Archives of an earlier store at this path that is gone are not ours to read.
      const removed = [...(await archives.removeOrphans(new Set())), ...(await segments.removeOrphans(new Set()))];
      if (removed.length) ports.logger.warn(`removed ${removed.length} archive or segment file(s) left without their store file`, { path, removed });
      const store = new SqlLearningStore({ db, ports, path, lock, saveDebounceMs, codec: options.codec ?? ports.deflate, archives, archivePolicy, segments, segmentPolicy, dirty: true });
      try {
        await store.save();
      } catch (err) {
        // Frees the WASM memory; its own save fails the same way and is ignored.
        await store.close().catch(() => undefined);
        throw err;
      }
      return store;
    }
    const onDisk = await ports.fs.stat(path);
    const bytes = await ports.fs.readFile(path);
    // The bytes the last save wrote need no page-by-page check; anything else (changed outside Kaizen,
    // truncated, damaged on disk, an older build's file, `verify`) gets it.
    const digest = ports.hashing.sha256(bytes);
    const asSaved = !options.verify && matchesSaveRecord(await readSaveRecord(ports, path), bytes, digest);
    const db = openStoreBytes(SQL, bytes, path, { integrityCheck: !asSaved });
    let migrated: { from: number; to: number };
    try {
      tuneConnection(db);
      migrated = migrate(db);
    } catch (err) {
      db.close();
      if (err instanceof StoreFileError) throw err;
      // SQLite's own words ("attempt to write a readonly database", "database disk image is malformed")
      // mean the file is damaged in a way the checks above did not see.
      throw new StoreFileError(`${path} is a corrupt store (${(err as Error).message}). Kaizen left the file untouched. Restore it from a backup or an exported bundle.`, path, 'corrupt');
    }
    if (migrated.from !== migrated.to) {
      const backup = `${path}.schema-v${migrated.from}.bak`;
      try {
        if (!(await ports.fs.exists(backup))) await ports.fs.writeFileAtomic(backup, bytes);
      } catch (err) {
        db.close();
        throw err;
      }
      ports.logger.info(`migrated the learning store from schema v${migrated.from} to v${migrated.to}`, { path, backup });
    }
    try {
      // Archives the file does not list were written by a save that died before the main file.
      const live = new Set(db.exec('SELECT id FROM archives')[0]?.values.map((v) => String(v[0])) ?? []);
      const removed = await archives.removeOrphans(live);
      if (removed.length) ports.logger.warn(`removed ${removed.length} unlisted transcript archive file(s)`, { path, removed });
      // Likewise segments: one the file does not list was written by a seal whose save never landed.
      const liveSegments = new Set(db.exec('SELECT id FROM segments')[0]?.values.map((v) => String(v[0])) ?? []);
      const removedSegments = await segments.removeOrphans(liveSegments);
      if (removedSegments.length) ports.logger.warn(`removed ${removedSegments.length} unlisted segment file(s)`, { path, removed: removedSegments });
      // Checked in full just now: the next open of these same bytes can skip the check.
      if (!asSaved) await writeSaveRecord(ports, path, bytes.length, digest);
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqlLearningStore({ db, ports, path, lock, saveDebounceMs, codec: options.codec ?? ports.deflate, archives, archivePolicy, segments, segmentPolicy, dirty: migrated.from !== migrated.to, onDisk, integrityChecked: !asSaved });
  } catch (err) {
    await lock?.release();
    throw err;
  }
}
export { bundleKeyId, bundleTrustDecision, signBundle, verifyBundle } from './bundleSignature';
export type { BundleSigner, BundleTrustOptions, BundleVerification } from './bundleSignature';
// The sql.js building blocks, for other embedded databases of the engine (the collective's hub store).
export { SqlDb } from './sqlDb';
export { loadSqlModule } from './sqlModule';
export { acquireStoreLock, hostProcess } from './lock';
export type { StoreLock } from './lock';
