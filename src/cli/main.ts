import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { CliContext } from './context';
import { createCliContext } from './context';
import { commandNamed, manifestProgram, runProgram } from './program';
import type * as Run from './run';

/**
 * The command modules and the engine, loaded only when a run names a command. Bundled, they are a
 * second bundle beside this one (dist/cli-run.js), so `kaizen --help` and `kaizen --version` compile
 * none of their code (the whole CLI is ~5 MB of JavaScript); a computed path through createRequire keeps
 * esbuild from inlining it. From the TypeScript sources (tests, tsx) it is ./run.ts.
 */
function loadRunner(): typeof Run {
  const file = __filename.endsWith('.ts') ? path.join(__dirname, 'run.ts') : path.join(__dirname, 'cli-run.js');
  return createRequire(__filename)(file) as typeof Run;
}

/** Runs the CLI and resolves to the exit code (never calls process.exit itself). */
export async function runCli(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  if (commandNamed(argv) === undefined) {
    const ctx = createCliContext(overrides);
    return runProgram(manifestProgram(ctx), argv, ctx);
  }
  return loadRunner().runCommand(argv, overrides);
}

/**
 * `kaizen … | head` closes the pipe early: that is the reader saying "enough", not an error, so the
 * process ends quietly instead of crashing with an unhandled EPIPE.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

if (require.main === module) {
  exitQuietlyOnClosedPipe(process.stdout);
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
