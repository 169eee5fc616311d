import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main';
import type { SecretStore } from '../../src/engine/ports';
import { createNodePorts, memorySecretStore } from '../../src/node/nodePorts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A writable stream that remembers what was written to it. */
export function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (d: Buffer) => (out += d.toString('utf8')));
  return { stream, text: () => out };
}

/** A throwaway working folder with its own secrets, and a way to run `kaizen` in it in-process. */
export interface CliSandbox {
  cwd: string;
  secrets: SecretStore;
  run(...argv: string[]): Promise<CliRun>;
  /** `interactive`: stderr behaves as a terminal (progress lines are drawn). */
  runWith(options: { interactive?: boolean }, ...argv: string[]): Promise<CliRun>;
  dispose(): void;
}

export function cliSandbox(prefix = 'kaizen-cli-'): CliSandbox {
  const cwd = mkdtempSync(path.join(os.tmpdir(), prefix));
  const secrets = memorySecretStore();
  const runWith = async (options: { interactive?: boolean }, ...argv: string[]): Promise<CliRun> => {
    const out = capture();
    const err = capture();
    const code = await runCli(argv, { cwd, stdout: out.stream, stderr: err.stream, interactive: options.interactive ?? false, ports: createNodePorts({ secrets }) });
    return { code, stdout: out.text(), stderr: err.text() };
  };
  return {
    cwd,
    secrets,
    run: (...argv) => runWith({}, ...argv),
    runWith,
    dispose: () => rmSync(cwd, { recursive: true, force: true }),
  };
}
