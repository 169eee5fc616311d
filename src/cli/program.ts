import { Command, CommanderError, Help } from 'commander';
import { COMMAND_MANIFEST } from './commands/manifest';
import type { CliContext } from './context';
import { CliError, ExitCode } from './context';

/** The program without commands: name, version, output and error handling. */
export function baseProgram(ctx: CliContext): Command {
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

/** The command the arguments name (`help <name>` names <name>); undefined for `--help`, `--version`, nothing. */
export function commandNamed(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * Every command of the manifest listed (name, term, description) without loading its module, except
 * the module `loaded` names, which registers its commands in full.
 */
export function manifestProgram(ctx: CliContext, loaded?: { module: string; register: (program: Command) => void }): Command {
  const program = baseProgram(ctx);
  const terms = new Map<Command, string>();
  const modules = [...new Set(COMMAND_MANIFEST.map((c) => c.module))];
  for (const module of modules) {
    if (module === loaded?.module) {
      loaded.register(program);
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

/** Parses and runs; resolves to the exit code (never calls process.exit itself). */
export async function runProgram(program: Command, argv: string[], ctx: CliContext): Promise<number> {
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
