import type { EnginePorts } from '../ports';
import { joinPath } from './paths';

// The side files a store keeps beside its main file (transcript archives, call segments) share one
// layout: immutable `<id>.sqlite` files in the store's own folder, written atomically.

/** A new file id: a prefix, the time and 4 random bytes, so two writers never pick the same name. */
export function newSqliteFileId(prefix: string, ports: Pick<EnginePorts, 'clock' | 'hashing'>): string {
  return `${prefix}${ports.clock.now().toString(36)}-${[...ports.hashing.randomBytes(4)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The shape `newSqliteFileId` gives (`s` segments, `t` transcript archives): only such files are the store's to delete. */
const SIDE_FILE_ID_RE = /^[st][0-9a-z]{1,12}-[0-9a-f]{8}$/;
/** An interrupted atomic write of one (`<id>.sqlite.<pid>.<ms>.tmp`). */
const SIDE_FILE_TEMP_RE = /^[st][0-9a-z]{1,12}-[0-9a-f]{8}\.sqlite\.\d+\.\d+\.tmp$/;

/**
 * Deletes, in the store's own side-file folder only, the `.sqlite` files the store made (by their id's
 * shape) whose id `live` does not list, and left-over temp files of their interrupted atomic writes.
 * Any other file there (a user's copy, a backup, notes) is left alone: nothing is deleted that Kaizen
 * did not create.
 */
export async function removeOrphanSqliteFiles(ports: Pick<EnginePorts, 'fs'>, dir: string, live: ReadonlySet<string>): Promise<string[]> {
  if (!(await ports.fs.exists(dir))) return [];
  const removed: string[] = [];
  for (const name of await ports.fs.readdir(dir)) {
    const id = name.endsWith('.sqlite') ? name.slice(0, -'.sqlite'.length) : undefined;
    if ((id !== undefined && SIDE_FILE_ID_RE.test(id) && !live.has(id)) || SIDE_FILE_TEMP_RE.test(name)) {
      await ports.fs.remove(joinPath(dir, name));
      removed.push(name);
    }
  }
  return removed;
}
