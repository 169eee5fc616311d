import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main';
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
export function cliSandbox(prefix = 'kaizen-cli-'): { cwd: string; run: (...argv: string[]) => Promise<CliRun>; dispose: () => void } {
  const cwd = mkdtempSync(path.join(os.tmpdir(), prefix));
  const secrets = memorySecretStore();
  return {
    cwd,
    async run(...argv) {
      const out = capture();
      const err = capture();
      const code = await runCli(argv, { cwd, stdout: out.stream, stderr: err.stream, interactive: false, ports: createNodePorts({ secrets }) });
      return { code, stdout: out.text(), stderr: err.text() };
    },
    dispose: () => rmSync(cwd, { recursive: true, force: true }),
  };
}
