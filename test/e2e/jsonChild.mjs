/**
 * A child process that announces itself with one line of JSON on stdout (`kaizen serve`, `kaizen serve
 * --hub`): the end-to-end specs start one and wait, bounded, for that line.
 */
import { spawn } from 'node:child_process';

/** Spawns `node …args`; `ready` resolves with the first stdout line parsed as JSON, or rejects with stderr. */
export function spawnJsonChild(args, label, { cwd, timeout = 60000 } = {}) {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${label} printed nothing within ${timeout} ms: ${err}`)), timeout);
    child.stderr.on('data', (d) => (err += d.toString()));
    child.stdout.on('data', (d) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out.slice(0, nl)));
      } catch {
        reject(new Error(`${label}: first line is not JSON: ${out.slice(0, nl)}`));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code}: ${err}`));
    });
  });
  return { child, ready };
}
