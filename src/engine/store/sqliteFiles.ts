import type { EnginePorts } from '../ports';
import { joinPath } from './paths';

// The side files a store keeps beside its main file (transcript archives, call segments) share one
// layout: immutable `<id>.sqlite` files in the store's own folder, written atomically.

/** A new file id: a prefix, the time and 4 random bytes, so two writers never pick the same name. */
export function newSqliteFileId(prefix: string, ports: Pick<EnginePorts, 'clock' | 'hashing'>): string {
  return `${prefix}${ports.clock.now().toString(36)}-${[...ports.hashing.randomBytes(4)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Deletes, in the store's own side-file folder only, the `.sqlite` files whose id `live` does not list
 * and left-over `.tmp` files of an interrupted atomic write; any other file there is left alone.
 */
export async function removeOrphanSqliteFiles(ports: Pick<EnginePorts, 'fs'>, dir: string, live: ReadonlySet<string>): Promise<string[]> {
  if (!(await ports.fs.exists(dir))) return [];
  const removed: string[] = [];
  for (const name of await ports.fs.readdir(dir)) {
    const id = name.endsWith('.sqlite') ? name.slice(0, -'.sqlite'.length) : undefined;
    if ((id !== undefined && !live.has(id)) || name.endsWith('.tmp')) {
      await ports.fs.remove(joinPath(dir, name));
      removed.push(name);
    }
  }
  return removed;
}
