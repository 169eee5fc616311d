import * as path from 'node:path';
import type { EnginePorts } from '../engine/ports';
import { createNodePorts, fileSecretStore, stderrLogger } from '../node/nodePorts';

/** What every CLI command gets: ports, output streams and the global options. */
export interface CliContext {
  ports: EnginePorts;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  /** Whether stderr is a terminal (progress bars draw only then). */
  interactive: boolean;
  /** Environment variables (`ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`); tests pass their own. */
  env: Readonly<Record<string, string | undefined>>;
}

export const DEFAULT_STORE = path.join('.kaizen', 'learning.db');

export function createCliContext(overrides: Partial<CliContext> = {}): CliContext {
  const cwd = overrides.cwd ?? process.cwd();
  return {
    ports: createNodePorts({ logger: stderrLogger, secrets: fileSecretStore(path.join(cwd, '.kaizen', 'secrets.json')) }),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd,
    interactive: Boolean(process.stderr.isTTY),
    env: process.env,
    ...overrides,
  };
}

/** Exit codes scripts can rely on. */
export const ExitCode = {
  ok: 0,
  /** The command ran but found problems (rejected records, failed fixtures, blocked PII). */
  problems: 1,
  /** Wrong usage: unknown option, missing argument, unreadable file. */
  usage: 2,
  /** The store or another input is corrupt or foreign. */
  dataError: 3,
} as const;

/** An error the CLI prints as one clear line, with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function writeJsonLine(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(`${JSON.stringify(value)}\n`);
}
