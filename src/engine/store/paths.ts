/** Path helpers for both separators: the engine has no `node:path`. */
export function splitPath(path: string): { dir: string; base: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0) return { dir: '.', base: path };
  return { dir: cut === 0 ? path.slice(0, 1) : path.slice(0, cut), base: path.slice(cut + 1) };
}

export function joinPath(dir: string, base: string): string {
  if (dir === '.') return base;
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + base : dir + sep + base;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Names of temp files `writeFileAtomic` leaves when a process dies between write and rename:
 * `<base>.<pid>.<ms>.tmp` for the store, `<base>.lock.<pid>.<ms>.tmp` for its lock and
 * `<base>.saved.json.<pid>.<ms>.tmp` for its save record.
 */
export function staleTempPattern(base: string): RegExp {
  return new RegExp(`^${escapeRegExp(base)}(\\.lock|\\.saved\\.json)?\\.\\d+\\.\\d+\\.tmp$`);
}
