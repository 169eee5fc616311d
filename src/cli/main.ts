import { Command, CommanderError, Help } from 'commander';
import { COMMAND_MODULES } from './commands';
import type { CommandModuleName } from './commands';
import { COMMAND_MANIFEST } from './commands/manifest';
import type { CliContext } from './context';
import { CliError, ExitCode, createCliContext } from './context';

/** The program without commands: name, version, output and error handling. */
function baseProgram(ctx: CliContext): Command {
  return new Command('kaizen')
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
}

/** The program with every command module loaded (what `--help` describes; tests compare the two). */
export async function buildProgram(ctx: CliContext): Promise<Command> {
  const program = baseProgram(ctx);
  for (const load of Object.values(COMMAND_MODULES)) (await load()).register(program, ctx);
  return program;
}

/**
 * The program for one run. The command the arguments name has its module loaded; every other
 * command is listed from the manifest (name, term, description) without loading its module, so
 * `kaizen --help` loads no engine code and `kaizen stats` only the store's. A name the manifest does
 * not know (a typo, or a command missing from the manifest) loads every module, as before.
 */
export async function programFor(ctx: CliContext, argv: readonly string[]): Promise<Command> {
  const words = argv.filter((a) => !a.startsWith('-'));
  const named = words[0] === 'help' ? words[1] : words[0];
  if (named !== undefined && !COMMAND_MANIFEST.some((c) => c.name === named)) return buildProgram(ctx);
  const program = baseProgram(ctx);
  const loaded = COMMAND_MANIFEST.find((c) => c.name === named)?.module;
  const terms = new Map<Command, string>();
  const modules = [...new Set(COMMAND_MANIFEST.map((c) => c.module))];
  for (const module of modules) {
    if (module === loaded) {
      (await COMMAND_MODULES[module as CommandModuleName]()).register(program, ctx);
      continue;
    }
    for (const entry of COMMAND_MANIFEST.filter((c) => c.module === module)) {
      terms.set(program.command(entry.name).description(entry.description), entry.term);
    }
  }
  const help = new Help();
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd) ?? help.subcommandTerm(cmd) });
  return program;
}

/** Runs the CLI and resolves to the exit code (never calls process.exit itself). */
export async function runCli(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const ctx = createCliContext(overrides);
  const program = await programFor(ctx, argv);
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
