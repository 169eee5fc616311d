import type { Command } from 'commander';
import type { CliContext } from '../context';

/**
 * Each command module exports `register(program, ctx)`. Add one line here per module (and its
 * commands to manifest.ts); commands stay in their own files so stages can grow their CLI without
 * touching each other. A run loads only the module of the command it names, so `kaizen --help` and a
 * read-only command never load the engine code of the others.
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export interface CommandModule {
  register: RegisterCommand;
}

// `require` inside a function, not `import()`: esbuild keeps the module in the one CLI bundle but
// evaluates it only when called, and the tests' TypeScript loader (tsx/cjs) resolves it.
/* eslint-disable @typescript-eslint/no-require-imports */
const load = (get: () => CommandModule): Promise<CommandModule> => Promise.resolve().then(get);

export const COMMAND_MODULES = {
  demo: () => load(() => require('./demo') as CommandModule),
  samples: () => load(() => require('./samples') as CommandModule),
  import: () => load(() => require('./import') as CommandModule),
  calls: () => load(() => require('./calls') as CommandModule),
  store: () => load(() => require('./store') as CommandModule),
  test: () => load(() => require('./test') as CommandModule),
  experiment: () => load(() => require('./experiment') as CommandModule),
  analyze: () => load(() => require('./analyze') as CommandModule),
  patterns: () => load(() => require('./patterns') as CommandModule),
  graph: () => load(() => require('./graph') as CommandModule),
  redact: () => load(() => require('./redact') as CommandModule),
  intents: () => load(() => require('./intents') as CommandModule),
  doctor: () => load(() => require('./doctor') as CommandModule),
  live: () => load(() => require('./live') as CommandModule),
  artifact: () => load(() => require('./artifact') as CommandModule),
  report: () => load(() => require('./report') as CommandModule),
  fixtures: () => load(() => require('./fixtures') as CommandModule),
  improve: () => load(() => require('./improve') as CommandModule),
  analytics: () => load(() => require('./analytics') as CommandModule),
  simulate: () => load(() => require('./simulate') as CommandModule),
  errors: () => load(() => require('./errors') as CommandModule),
  deepAnalyze: () => load(() => require('./deepAnalyze') as CommandModule),
  keys: () => load(() => require('./keys') as CommandModule),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export type CommandModuleName = keyof typeof COMMAND_MODULES;
