import { Command, CommanderError } from 'commander';
import { commandModules } from './commands';
import type { CliContext } from './context';
import { CliError, ExitCode, createCliContext } from './context';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('kaizen')
    .description('Kaizen: make voice and chat agents learn from every call.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .exitOverride()
    // Lets a command with subcommands (`calls show`) keep options after the subcommand for it.
    .enablePositionalOptions();
  for (const register of commandModules) register(program, ctx);
  return program;
}

/** Runs the CLI and resolves to the exit code (never calls process.exit itself). */
export async function runCli(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const ctx = createCliContext(overrides);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.ok;
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (err instanceof CliError) {
      // An empty message: the command already said everything (e.g. `kaizen test`'s summary line).
      if (err.message) ctx.stderr.write(`kaizen: ${err.message}\n`);
      return err.exitCode;
    }
    const e = err as Error & { reason?: string };
    ctx.stderr.write(`kaizen: ${e.message ?? String(err)}\n`);
    if (e.name === 'StoreFileError') return ExitCode.dataError;
    return ExitCode.problems;
  }
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
