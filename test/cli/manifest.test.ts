import assert from 'node:assert/strict';
import { Help } from 'commander';
import { COMMAND_MANIFEST } from '../../src/cli/commands/manifest';
import { createCliContext } from '../../src/cli/context';
import { buildProgram, programFor } from '../../src/cli/run';
import { createNodePorts } from '../../src/node/nodePorts';

describe('cli: the command manifest (kaizen --help without loading command modules)', () => {
  const ctx = createCliContext({ ports: createNodePorts() });

  it('lists exactly what the command modules register, so --help reads the same either way', async () => {
    const full = await buildProgram(ctx);
    const help = new Help();
    const actual = full.commands.map((c) => ({ name: c.name(), term: help.subcommandTerm(c), description: c.description() }));
    const listed = COMMAND_MANIFEST.map(({ name, term, description }) => ({ name, term, description }));
    assert.deepEqual(listed, actual, `update src/cli/commands/manifest.ts to:\n${JSON.stringify(actual, null, 2)}`);
    assert.equal((await programFor(ctx, ['--help'])).helpInformation(), full.helpInformation());
  });

  it('loads the module of the named command and gives it its real options', async () => {
    const program = await programFor(ctx, ['stats', '--json']);
    const stats = program.commands.find((c) => c.name() === 'stats');
    assert.ok(stats?.options.some((o) => o.long === '--json'));
    const placeholder = program.commands.find((c) => c.name() === 'import');
    assert.equal(placeholder?.options.length, 0, 'commands of other modules are listed, not loaded');
    const unknown = await programFor(ctx, ['statz']);
    assert.equal(unknown.commands.length, COMMAND_MANIFEST.length, 'an unknown name loads every module (commander suggests the right one)');
  });
});
