import type { Command } from 'commander';
import { COMMAND_MODULES } from './commands';
import type { CommandModuleName } from './commands';
import { COMMAND_MANIFEST } from './commands/manifest';
import type { CliContext } from './context';
import { createCliContext } from './context';
import { baseProgram, commandNamed, manifestProgram, runProgram } from './program';

/** The program with every command module loaded (what `--help` describes; tests compare the two). */
export async function buildProgram(ctx: CliContext): Promise<Command> {
  const program = baseProgram(ctx);
  for (const load of Object.values(COMMAND_MODULES)) (await load()).register(program, ctx);
  return program;
}

/**
 * The program for one run. The command the arguments name has its module loaded; every other
 * command is listed from the manifest (name, term, description) without loading its module, so
 * `kaizen stats` loads only the store's. A name the manifest does not know (a typo, or a command
 * missing from the manifest) loads every module, as before.
 */
export async function programFor(ctx: CliContext, argv: readonly string[]): Promise<Command> {
  const named = commandNamed(argv);
  if (named !== undefined && !COMMAND_MANIFEST.some((c) => c.name === named)) return buildProgram(ctx);
  const module = COMMAND_MANIFEST.find((c) => c.name === named)?.module as CommandModuleName | undefined;
  if (module === undefined) return manifestProgram(ctx);
  const { register } = await COMMAND_MODULES[module]();
  return manifestProgram(ctx, { module, register: (program) => register(program, ctx) });
}

/** Runs a command with its module loaded (main.ts sends every run that names a command here). */
export async function runCommand(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const ctx = createCliContext(overrides);
  return runProgram(await programFor(ctx, argv), argv, ctx);
}
