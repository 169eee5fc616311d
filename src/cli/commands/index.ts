import type { Command } from 'commander';
import type { CliContext } from '../context';
import { register as samples } from './samples';
import { register as demo } from './demo';
import { register as storeCommands } from './store';
import { register as importCalls } from './import';
import { register as calls } from './calls';
import { register as experiment } from './experiment';
import { register as test } from './test';
import { register as analyze } from './analyze';
import { register as patterns } from './patterns';
import { register as graph } from './graph';
import { register as redact } from './redact';
import { register as intents } from './intents';
import { register as report } from './report';
import { register as fixtures } from './fixtures';
import { register as doctor } from './doctor';

/**
 * Each command module exports `register(program, ctx)`. Add one line here per module; commands
 * stay in their own files so stages can grow their CLI without touching each other.
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const commandModules: RegisterCommand[] = [
  demo,
  samples,
  importCalls,
  calls,
  storeCommands,
  test,
  experiment,
  analyze,
  patterns,
  graph,
  redact,
  intents,
  report,
  fixtures,
  doctor,
];
