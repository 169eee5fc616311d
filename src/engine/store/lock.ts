import { strFromU8, strToU8 } from 'fflate';
import type { EnginePorts } from '../ports';
import { StoreFileError } from './learningStore';

/** Which process we are and whether another is alive: what a lock file needs that ports do not give. */
export interface StoreProcess {
  pid: number;
  isAlive(pid: number): boolean;
}

interface NodeLikeProcess {
  pid: number;
  kill(pid: number, signal: number): boolean;
}

/**
 * The host's process when there is one (Node, the extension host). The engine takes no Node import,
 * but `process` is a global there; in a browser there is no other process to race, so no lock.
 */
export function hostProcess(): StoreProcess | undefined {
  const proc = (globalThis as { process?: NodeLikeProcess }).process;
  if (!proc || typeof proc.pid !== 'number' || typeof proc.kill !== 'function') return undefined;
  return {
    pid: proc.pid,
    isAlive(pid) {
      try {
        proc.kill(pid, 0);
        return true;
      } catch (err) {
        // EPERM: the process exists but belongs to someone else.
        return (err as { code?: string }).code === 'EPERM';
      }
    },
  };
}

interface LockRecord {
  pid: number;
  token: string;
  acquiredAt: number;
}

export interface StoreLock {
  readonly path: string;
  /** False when another process has taken the lock over since (e.g. after judging us dead). */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

function parseLock(bytes: Uint8Array): LockRecord | undefined {
  try {
    const value = JSON.parse(strFromU8(bytes)) as Partial<LockRecord>;
    if (typeof value.pid === 'number' && typeof value.token === 'string') {
      return { pid: value.pid, token: value.token, acquiredAt: Number(value.acquiredAt ?? 0) };
    }
  } catch {
    // An unreadable lock is a torn write of a dead process: treat as stale.
  }
  return undefined;
}

/**
 * A lock file `<store>.lock` naming the owning pid. A lock whose pid is dead is stale and taken over.
 * The ports give no exclusive create, so after writing we read back and keep the lock only if our
 * token survived: two processes starting in the same instant both see the same winner.
 */
export async function acquireStoreLock(storePath: string, ports: EnginePorts, proc: StoreProcess): Promise<StoreLock> {
  const lockPath = `${storePath}.lock`;
  const readHolder = async (): Promise<LockRecord | undefined> => {
    try {
      return parseLock(await ports.fs.readFile(lockPath));
    } catch {
      return undefined;
    }
  };
  const busy = (holder: LockRecord): StoreFileError =>
    new StoreFileError(
      `The learning store ${storePath} is in use by process ${holder.pid} (lock ${lockPath}, taken ${new Date(holder.acquiredAt).toISOString()}). ` +
        'Close the other Kaizen window or command, or, if that process is not Kaizen, delete the lock file.',
      storePath,
      'locked',
    );

  const existing = await readHolder();
  if (existing && proc.isAlive(existing.pid)) throw busy(existing);
  if (existing) ports.logger.warn(`taking over the stale lock of dead process ${existing.pid}`, { lockPath });

  const token = [...ports.hashing.randomBytes(12)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const record: LockRecord = { pid: proc.pid, token, acquiredAt: ports.clock.now() };
  await ports.fs.writeFileAtomic(lockPath, strToU8(JSON.stringify(record)));
  const after = await readHolder();
  if (!after || after.token !== token) throw busy(after ?? existing ?? record);

  let released = false;
  return {
    path: lockPath,
    async stillHeld() {
      const holder = await readHolder();
      return holder?.token === token;
    },
    async release() {
      if (released) return;
      released = true;
      const holder = await readHolder();
      if (holder?.token === token) await ports.fs.remove(lockPath);
    },
  };
}
