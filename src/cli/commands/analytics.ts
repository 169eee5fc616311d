import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { CostModelError, KpiGroupingSchema, computeKpis, computeRoi, loadCallFacts, parseCostModel } from '../../engine/analytics';
import type { KpiGrouping, KpiRow } from '../../engine/analytics';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openWorkspace } from '../workspace';
import type { RegisterCommand } from './index';

function parseGrouping(value: string): KpiGrouping {
  const r = KpiGroupingSchema.safeParse(value);
  if (!r.success) throw new InvalidArgumentError('use prompt-version, month or agent');
  return r.data;
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const fixed = (x: number | null, d: number) => (x === null ? '–' : x.toFixed(d));

function kpiLine(r: KpiRow): string {
  return [
    r.key.padEnd(14),
    String(r.calls).padStart(7),
    pct(r.successRate).padStart(8),
    pct(r.containment).padStart(8),
    pct(r.escalation).padStart(8),
    fixed(r.ahtSeconds, 1).padStart(8),
    `${fixed(r.latencyMs.p50, 0)}/${fixed(r.latencyMs.p90, 0)}`.padStart(11),
    fixed(r.costPerCallUsd, 4).padStart(8),
    `${r.errors}/${r.repeatErrors}`.padStart(10),
    (r.improvementRate === null ? '–' : `${r.improvementRate >= 0 ? '+' : ''}${(100 * r.improvementRate).toFixed(1)}%`).padStart(8),
  ].join(' ');
}

export const register: RegisterCommand = (program, ctx) => {
  const analytics = program.command('analytics').description('KPIs of your stored calls per prompt version, month or agent, and the ROI of prompt versions against a baseline.');

  analytics
    .command('kpis')
    .description('Success, containment, escalation, AHT, latency p50/p90, cost per call, errors and repeats, improvement rate; grouped by prompt version, month (UTC) or agent.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--by <grouping>', 'prompt-version | month | agent', parseGrouping, 'prompt-version' as KpiGrouping)
    .option('--json', 'one JSON object {"by","rows":[…]}')
    .action(async (opts: { store: string; by: KpiGrouping; json?: boolean }) => {
      const ws = await openWorkspace(ctx, opts.store);
      let facts;
      try {
        facts = await loadCallFacts(ws.store);
      } finally {
        await ws.close();
      }
      const table = computeKpis(facts, opts.by);
      if (opts.json) return writeJsonLine(ctx.stdout, table);
      if (table.rows.length === 0) return void ctx.stdout.write('no calls in the store (import some with `kaizen import`)\n');
      ctx.stdout.write(`${[opts.by.padEnd(14), 'calls'.padStart(7), 'success'.padStart(8), 'contain'.padStart(8), 'escal.'.padStart(8), 'AHT s'.padStart(8), 'p50/p90 ms'.padStart(11), 'USD/call'.padStart(8), 'err/rep'.padStart(10), 'improve'.padStart(8)].join(' ')}\n`);
      for (const r of table.rows) ctx.stdout.write(`${kpiLine(r)}\n`);
    });

  analytics
    .command('roi')
    .description('Benefit of each prompt version against the baseline (saved transfers and minutes, priced by your cost model) over what learning cost (LLM spend + review time).')
    .requiredOption('--cost-model <file>', 'JSON {"baselineVersion","humanCallCostUsd","aiCostPerMinuteUsd","llmSpendUsd"?,"reviewHours","hourlyRateUsd"}')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'one JSON object {"baseline","benefitUsd","costUsd","roi","rows":[…]}')
    .action(async (opts: { store: string; costModel: string; json?: boolean }) => {
      const file = path.resolve(ctx.cwd, opts.costModel);
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        throw new CliError(`${opts.costModel}: cannot read the cost model as JSON (${(err as Error).message})`, ExitCode.usage);
      }
      let model;
      try {
        model = parseCostModel(raw);
      } catch (err) {
        if (err instanceof CostModelError) throw new CliError(`${opts.costModel}: ${err.message}`, ExitCode.usage);
        throw err;
      }
      const ws = await openWorkspace(ctx, opts.store);
      let facts;
      let ledgerSpendUsd: number;
      try {
        facts = await loadCallFacts(ws.store);
        // Without llmSpendUsd in the model, the LLM spend is what the store's Claude ledger recorded.
        ledgerSpendUsd = (await ws.store.llmSpend()).costUsd;
      } finally {
        await ws.close();
      }
      let result;
      try {
        result = computeRoi(computeKpis(facts, 'prompt-version'), model, ledgerSpendUsd);
      } catch (err) {
        if (err instanceof CostModelError) throw new CliError(`${opts.costModel}: ${err.message}`, ExitCode.usage);
        throw err;
      }
      if (opts.json) return writeJsonLine(ctx.stdout, result);
      for (const r of result.rows) {
        ctx.stdout.write(`version ${r.key}: ${r.calls} calls, ${r.savedTransfers.toFixed(1)} transfers and ${r.savedMinutes.toFixed(1)} minutes saved against ${result.baseline} → $${r.benefitUsd.toFixed(2)}\n`);
      }
      if (result.roi === null) {
        // A ratio over a cost of 0 is not a number: say so rather than print Infinity or 0.
        ctx.stdout.write(`benefit $${result.benefitUsd.toFixed(2)} / cost $0.00: no ROI ratio (learning cost nothing: no LLM spend, no review time); "roi" is null in --json\n`);
      } else ctx.stdout.write(`benefit $${result.benefitUsd.toFixed(2)} / cost $${result.costUsd.toFixed(2)} = ROI ${result.roi.toFixed(2)}×\n`);
    });
};
