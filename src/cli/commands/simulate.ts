import { InvalidArgumentError } from 'commander';
import { runFleetSimulation } from '../../engine/pipeline';
import { writeJsonLine } from '../context';
import type { RegisterCommand } from './index';

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 1`);
  return n;
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('simulate')
    .description('Watch the learning loop on a simulated fleet (sample calls with planted effects and error modes, no production data): analyze → patterns → experiments with the always-valid test → staged rollout; avoidance rules from the errors stage; moves and rules shared through an in-process hub and applied by every agent. Nothing is stored.')
    .option('--seed <n>', 'seed of the fleet', wholeNumber, 1)
    .option('--agents <n>', 'agents in the fleet', wholeNumber, 4)
    .option('--months <n>', 'months simulated', wholeNumber, 4)
    .option('--calls <n>', 'calls per agent and month', wholeNumber, 500)
    .option('--json', 'print the result as one JSON object')
    .action(async (opts: { seed: number; agents: number; months: number; calls: number; json?: boolean }) => {
      const run = await runFleetSimulation({
        seed: opts.seed,
        agents: opts.agents,
        months: opts.months,
        callsPerAgentMonth: opts.calls,
        ports: ctx.ports,
        onLog: (line) => ctx.stderr.write(`${line}\n`),
      });
      if (opts.json) return writeJsonLine(ctx.stdout, run);
      for (const m of run.monthly) {
        ctx.stdout.write(`${m.month}  ${String(m.calls).padStart(6)} calls  success ${pct(m.successRate).padStart(7)}  errors ${m.errors} (repeats ${m.repeatErrors}, prevented ${m.preventedErrors})\n`);
      }
      const r = run.patternRecovery;
      ctx.stdout.write(`planted patterns found in month 1: ${r.truePositives} of ${r.planted} (precision ${r.precision.toFixed(2)}, recall ${r.recall.toFixed(2)})\n`);
      ctx.stdout.write(`experiments: ${run.experiments.run} run, ${run.experiments.shipped} shipped, ${run.experiments.rolledBack} rolled back; A/A false positives ${pct(run.aaFalsePositiveRate)} of ${run.aaTests}\n`);
      ctx.stdout.write(`avoidance rules learned: ${run.rulesLearned}; artifacts shared through the hub: ${run.artifactsShared} (applied ${run.artifactsApplied} times by agents)\n`);
      for (const [situation, move] of Object.entries(run.adopted)) ctx.stdout.write(`adopted: ${situation} → ${move}\n`);
    });
};
