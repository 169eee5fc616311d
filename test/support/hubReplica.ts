// One hub replica as its own process: the real CLI, `kaizen serve --hub --database postgres://…`, run
// from source through tsx, so a test can SIGKILL it mid-run the way a machine dies.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** The repository root, for script paths. */
export const ROOT = path.resolve(__dirname, '../..');

export interface HubReplica {
  /** http://127.0.0.1:<port> */
  http: string;
  /** ws://127.0.0.1:<port>/v1/hub */
  ws: string;
  /** The first line the CLI printed, parsed. */
  banner: Record<string, unknown>;
  child: ChildProcess;
  /** Dies at once (SIGKILL), as a crashed machine; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then waits. */
  stop(): Promise<void>;
  stderr(): string;
}

/** `args` follow `kaizen serve --hub --port 0`, e.g. ['--database', url, '--quorum', '2', '--trust', file]. */
export async function startHubReplica(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<HubReplica> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'serve', '--hub', '--port', '0', ...args], {
    // `--import tsx` resolves from the working folder: the repository's.
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  const banner = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hub replica printed no first line within ${options.timeoutMs ?? 90_000} ms:\n${stderr}`));
    }, options.timeoutMs ?? 90_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out.slice(0, nl)) as Record<string, unknown>);
      } catch {
        reject(new Error(`the hub replica's first line is not JSON: ${out.slice(0, nl)}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the hub replica exited (${code ?? signal}) before printing its first line:\n${stderr}`));
    });
  });
  // `kaizen serve --hub` prints {"hub":"ws://…/v1/hub","http":"http://…",…}.
  if (typeof banner.hub !== 'string' || typeof banner.http !== 'string') throw new Error(`the hub replica's first line lacks "hub"/"http": ${JSON.stringify(banner)}`);
  const http = banner.http;
  const wsUrl = banner.hub;
  const finish = async (signal: NodeJS.Signals) => {
    process.removeListener('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    http,
    ws: wsUrl,
    banner,
    child,
    kill: () => finish('SIGKILL'),
    stop: () => finish('SIGTERM'),
    stderr: () => stderr,
  };
}
