import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ZodError } from 'zod';
import type { ExperimentAnalysis } from '../../engine/experiments';
import { ExperimentNotFoundError, ExperimentService, ExperimentStateError } from '../../engine/experiments';
import type { ExperimentInput } from '../../engine/experiments';
import { PLAYBOOK_STAGES, plantedPlaybookPrompts, runPlaybookScenario } from '../../engine/experiments';
import { SummaryInputError, analyzeSummary } from '../../engine/experiments';
import { buildExperimentView } from '../../engine/experiments';
import { LayerFullError } from '../../engine/experiments';
import { CallObservationSchema } from '../../engine/experiments';
import { MonitorInputError, MonitorLookSchema, monitorExperiments } from '../../engine/experiments';
import type { MonitorLook } from '../../engine/experiments';
import type { CallObservation } from '../../engine/experiments';
import type { LearningStore } from '../../engine/store';
import type { Clock } from '../../engine/ports';
import type { CliContext } from '../context';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openGatedStore } from '../workspace';
import type { RegisterCommand } from './index';

/** The looks file, one JSON object a line; a bad line is an error naming its number and field. */
async function readLooks(ctx: CliContext, file: string): Promise<MonitorLook[]> {
  let text: string;
  try {
    text = await readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch (err) {
    throw new CliError(`${file}: cannot read it (${(err as Error).message})`, ExitCode.usage);
  }
  const looks: MonitorLook[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]!);
    } catch {
      throw new CliError(`${file}:${i + 1}: not JSON; each line is one look`, ExitCode.usage);
    }
    const r = MonitorLookSchema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new CliError(`${file}:${i + 1}: ${issue.path.join('.') || 'look'}: ${issue.message}`, ExitCode.usage);
    }
    looks.push(r.data);
  }
  if (looks.length === 0) throw new CliError(`${file}: no looks in it`, ExitCode.usage);
  return looks;
}

interface StoreOpts {
  store: string;
  json?: boolean;
}

async function withService<T>(
  ctx: CliContext,
  storePath: string,
  fn: (svc: ExperimentService, store: LearningStore) => Promise<T>,
  clock: Clock = ctx.ports.clock,
  create = false,
): Promise<T> {
  // Only `experiment create` and `simulate` may start a store; the rest read one that must be there.
  // The privacy gate checks every experiment, journal entry and artifact this command writes.
  const store = await openGatedStore(ctx, storePath, { clock, create });
  try {
    return await fn(new ExperimentService(store, clock), store);
  } catch (err) {
    if (err instanceof ExperimentNotFoundError || err instanceof ExperimentStateError || err instanceof LayerFullError) throw new CliError(err.message, ExitCode.usage);
    if (err instanceof ZodError) throw new CliError(zodWords(err), ExitCode.usage);
    throw err;
  } finally {
    await store.close();
  }
}

function zodWords(err: ZodError): string {
  return err.issues.map((i) => `${i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '') || '(input)'}: ${i.message}`).join('; ');
}

async function readJson(ctx: CliContext, file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${what} ${file}: ${(err as Error).message}`, ExitCode.usage);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`, ExitCode.usage);
  }
}

const positiveNumber = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a number above 0, got "${v}"`);
  return n;
};
const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a whole number above 0, got "${v}"`);
  return n;
};
const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `name`, or `name=artifactId@version`. */
function parseVariant(spec: string, weight: number) {
  const m = /^([^=@\s]+)(?:=([^@\s]+)@(\d+))?$/.exec(spec);
  if (!m) throw new CliError(`--variant "${spec}": use name or name=artifactId@version (e.g. treatment=prompt-greeting@4)`);
  return { name: m[1]!, weight, ...(m[2] ? { artifactId: m[2], artifactVersion: Number(m[3]) } : {}) };
}

/** `metric:-0.02` or `metric:-0.02:lower-is-better`. */
function parseGuardrail(spec: string) {
  const [metric, threshold, direction] = spec.split(':');
  const t = Number(threshold);
  if (!metric || !Number.isFinite(t) || t > 0) throw new CliError(`--guardrail "${spec}": use metric:maxRelativeDegradation[:higher-is-better|lower-is-better], e.g. escalation:-0.05:lower-is-better`);
  if (direction !== undefined && direction !== 'higher-is-better' && direction !== 'lower-is-better') throw new CliError(`--guardrail "${spec}": direction must be higher-is-better or lower-is-better`);
  return { metric, maxRelativeDegradation: t, direction: (direction ?? 'higher-is-better') as 'higher-is-better' | 'lower-is-better' };
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

function analysisText(a: ExperimentAnalysis): string {
  const lines: string[] = [];
  lines.push(`units per variant: ${Object.entries(a.unitsPerVariant).map(([k, v]) => `${k} ${v}`).join(', ')}; SRM p = ${a.srm.pValue.toPrecision(3)}`);
  for (const m of a.metrics) {
    lines.push(`${m.label} (${m.kind}, ${m.direction})`);
    for (const r of m.rows) {
      const est = m.kind === 'binary' ? pct(r.estimate) : r.estimate.toPrecision(4);
      if (r.isControl || !r.comparison) {
        lines.push(`  ${r.variant.padEnd(16)} n=${String(r.n).padEnd(7)} ${est}  (control)`);
        continue;
      }
      const c = r.comparison;
      const seq = r.sequential ? `  always-valid p=${r.sequential.pValueAdjusted.toPrecision(3)}` : '';
      const pBetter = r.bayes ? (m.direction === 'higher-is-better' ? r.bayes.chanceToBeatControl : 1 - r.bayes.chanceToBeatControl) : 0;
      const bayes = r.bayes ? `  P(better than control)=${pBetter.toFixed(3)}` : '';
      lines.push(
        `  ${r.variant.padEnd(16)} n=${String(r.n).padEnd(7)} ${est}  lift ${c.absoluteLift >= 0 ? '+' : ''}${c.absoluteLift.toPrecision(3)} [${c.absoluteCi[0].toPrecision(3)}, ${c.absoluteCi[1].toPrecision(3)}] (${c.relativeLift >= 0 ? '+' : ''}${pct(c.relativeLift)})  p=${c.pValue.toPrecision(3)} (Holm ${r.pValueAdjusted!.toPrecision(3)})${seq}${bayes}`,
      );
      if (r.cuped) {
        const k = r.cuped.comparison;
        lines.push(`  ${''.padEnd(16)} CUPED (θ=${r.cuped.theta.toPrecision(3)}, variance −${pct(r.cuped.varianceReduction)}): lift ${k.absoluteLift >= 0 ? '+' : ''}${k.absoluteLift.toPrecision(3)} [${k.absoluteCi[0].toPrecision(3)}, ${k.absoluteCi[1].toPrecision(3)}]  p=${k.pValue.toPrecision(3)}`);
      }
    }
  }
  for (const g of a.guardrails) lines.push(`guardrail ${g.breached ? 'BREACHED' : 'ok'}: ${g.reason}`);
  return `${lines.join('\n')}\n`;
}

function storeOption(cmd: Command): Command {
  return cmd.option('--store <path>', 'learning store file', DEFAULT_STORE).option('--json', 'machine-readable JSON output');
}

export const register: RegisterCommand = (program, ctx) => {
  const exp = program
    .command('experiment')
    .description('A/B experiments on agent artifacts: sticky allocation, trustworthy statistics, automatic winners and guarded staged rollout.');

  exp
    .command('monitor')
    .description('Replay cumulative looks through the always-valid sequential test (mSPRT, α = 0.05 two-sided): one JSON line per experiment {"experiment","decision":"continue"|"ship"|"rollback","stoppedAtLook"}.')
    .requiredOption('--looks <file.jsonl>', 'lines {"experiment","look","metric":"binary","variants":[{"variant","users","conversions"}…]} (cumulative, control first)')
    .option('--mixing-sd <x>', 'mixing standard deviation τ of the test, on the scale of the difference in rate (default: 10 % of the control rate at the first look)', positiveNumber)
    .action(async (opts: { looks: string; mixingSd?: number }) => {
      const looks = await readLooks(ctx, opts.looks);
      let decisions;
      try {
        decisions = monitorExperiments(looks, { alpha: 0.05, ...(opts.mixingSd !== undefined ? { mixingSd: opts.mixingSd } : {}) });
      } catch (err) {
        if (err instanceof MonitorInputError) throw new CliError(`${opts.looks}: ${err.message}`, ExitCode.usage);
        throw err;
      }
      for (const d of decisions) writeJsonLine(ctx.stdout, d);
    });

  storeOption(
    exp
      .command('create')
      .description('Create an experiment (draft unless --start). Give variants by flags or the whole definition with --file.')
      .option('--file <json>', 'experiment definition as JSON (id, variants, primaryMetric, guardrails, policy, ...)')
      .option('--id <id>', 'experiment id (letters, digits, . _ -)')
      .option('--name <text>', 'display name')
      .option('--variant <spec>', 'variant, control first: name or name=artifactId@version (repeat)', collect)
      .option('--weights <list>', 'comma-separated weights, one per variant (default equal)')
      .option('--metric <name>', 'primary metric: resolution, escalation, repeatError, handleTime, csat, resolutionPerCall', 'resolution')
      .option('--guardrail <spec>', 'metric:maxRelativeDegradation[:direction], e.g. escalation:-0.05:lower-is-better (repeat)', collect)
      .option('--unit <unit>', 'randomisation unit: call, caller or agent', 'call')
      .option('--layer <name>', 'mutually exclusive layer (experiments in one layer never share a unit)', 'default')
      .option('--traffic <fraction>', 'share of the layer in the experiment (0–1]', positiveNumber)
      .option('--holdout <fraction>', 'share of the experiment traffic held out on control', Number)
      .option('--min-sample <n>', 'units per variant before any decision', positiveInt)
      .option('--alpha <a>', 'significance level', positiveNumber)
      .option('--max-days <d>', 'stop without a winner after this many days', positiveNumber)
      .option('--mixing-sd <tau>', 'mSPRT mixing sd τ on the metric difference scale (default 10 % of the control estimate)', positiveNumber)
      .option('--stages <list>', 'rollout stages in percent (default 1,5,25,50,100)')
      .option('--min-stage-sample <n>', 'winner units each rollout stage needs before its gate can pass', positiveInt)
      .option('--force <unit=variant>', 'QA override: always serve this unit this variant (repeat)', collect)
      .option('--start', 'start the experiment at once'),
  ).action(async (opts: StoreOpts & Record<string, unknown>) => {
    let input: ExperimentInput;
    if (opts.file) {
      input = (await readJson(ctx, String(opts.file), 'experiment file')) as ExperimentInput;
    } else {
      if (!opts.id) throw new CliError('create needs --id (or --file)');
      const specs = (opts.variant as string[] | undefined) ?? [];
      if (specs.length < 2) throw new CliError('create needs at least two --variant options (control first)');
      const weights = opts.weights ? String(opts.weights).split(',').map(Number) : specs.map(() => 1);
      if (weights.length !== specs.length || weights.some((w) => !(w > 0))) throw new CliError(`--weights: give ${specs.length} positive numbers, one per --variant`);
      const policy: Record<string, unknown> = {};
      if (opts.minSample !== undefined) policy.minSamplePerVariant = opts.minSample;
      if (opts.alpha !== undefined) policy.alpha = opts.alpha;
      if (opts.maxDays !== undefined) policy.maxDurationDays = opts.maxDays;
      if (opts.mixingSd !== undefined) policy.mixingSd = opts.mixingSd;
      if (opts.minStageSample !== undefined) policy.minSamplePerStage = opts.minStageSample;
      if (opts.stages !== undefined) policy.stages = String(opts.stages).split(',').map(Number);
      const forced: Record<string, string> = {};
      for (const f of (opts.force as string[] | undefined) ?? []) {
        const [u, v] = f.split('=');
        if (!u || !v) throw new CliError(`--force "${f}": use unitId=variant`);
        forced[u] = v;
      }
      input = {
        id: String(opts.id),
        ...(opts.name ? { name: String(opts.name) } : {}),
        variants: specs.map((s, i) => parseVariant(s, weights[i]!)),
        primaryMetric: String(opts.metric),
        guardrails: ((opts.guardrail as string[] | undefined) ?? []).map(parseGuardrail),
        unit: opts.unit as 'call',
        layer: String(opts.layer),
        ...(opts.traffic !== undefined ? { trafficFraction: opts.traffic as number } : {}),
        ...(opts.holdout !== undefined ? { holdoutFraction: opts.holdout as number } : {}),
        policy,
        forcedAssignments: forced,
      };
    }
    await withService(ctx, opts.store, async (svc) => {
      let e = await svc.create(input);
      if (opts.start) e = await svc.start(e.id);
      if (opts.json) writeJsonLine(ctx.stdout, e);
      else ctx.stdout.write(`Created experiment ${e.id} (${e.status}): ${e.variants.map((v) => v.name).join(' vs ')} on ${e.primaryMetric}, layer ${e.layer} slice ${e.layerRange?.join('–')} of 10000.\n`);
    }, undefined, true);
  });

  storeOption(exp.command('start <id>').description('Start a draft experiment: traffic is split from now on.')).action(async (id: string, opts: StoreOpts) => {
    await withService(ctx, opts.store, async (svc) => {
      const e = await svc.start(id);
      if (opts.json) writeJsonLine(ctx.stdout, e);
      else ctx.stdout.write(`Experiment ${id} is running.\n`);
    });
  });

  storeOption(
    exp
      .command('assign <id> <unitIds...>')
      .description('Which variant and artifact version each unit is served (deterministic, sticky).')
      .option('--log', 'record these as exposures in the store journal'),
  ).action(async (id: string, unitIds: string[], opts: StoreOpts & { log?: boolean }) => {
    await withService(ctx, opts.store, async (svc) => {
      const as = [];
      for (const u of unitIds) as.push(await svc.assign(id, u));
      if (opts.log) await svc.logExposures(id, as);
      for (const a of as) {
        if (opts.json) writeJsonLine(ctx.stdout, a);
        else ctx.stdout.write(`${a.unitId}\t${a.variant}\t${a.artifactId ? `${a.artifactId}@${a.artifactVersion}` : '-'}\t${a.reason}\n`);
      }
    });
  });

  storeOption(
    exp
      .command('record <id> <file>')
      .description('Record calls handled under the experiment: a JSONL file of {callId, unitId, variant, ts, resolved, escalated, repeatError, handleTimeSec, csat, pre?: {metric: pre-period value}}.'),
  ).action(async (id: string, file: string, opts: StoreOpts) => {
    let text: string;
    try {
      text = await readFile(path.resolve(ctx.cwd, file), 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
    }
    const obs: CallObservation[] = [];
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new CliError(`${file}:${i + 1}: not valid JSON`);
      }
      const r = CallObservationSchema.safeParse(raw);
      if (!r.success) throw new CliError(`${file}:${i + 1}: ${zodWords(r.error)}`);
      obs.push(r.data);
    });
    await withService(ctx, opts.store, async (svc) => {
      await svc.recordCalls(id, obs);
      if (opts.json) writeJsonLine(ctx.stdout, { recorded: obs.length });
      else ctx.stdout.write(`Recorded ${obs.length} calls for ${id}.\n`);
    });
  });

  storeOption(exp.command('status [id]').description('List experiments, or show one: status, rollout stage, decision history.')).action(async (id: string | undefined, opts: StoreOpts) => {
    await withService(ctx, opts.store, async (svc) => {
      if (!id) {
        const all = await svc.list();
        if (opts.json) {
          for (const e of all) writeJsonLine(ctx.stdout, { id: e.id, name: e.name, status: e.status, primaryMetric: e.primaryMetric, rollout: e.rollout ?? null });
        } else if (all.length === 0) ctx.stdout.write('No experiments.\n');
        else for (const e of all) ctx.stdout.write(`${e.id}\t${e.status}${e.rollout ? ` (${e.rollout.variant} at ${e.rollout.percent} %)` : ''}\t${e.primaryMetric}\n`);
        return;
      }
      const e = await svc.get(id);
      const history = await svc.history(id);
      if (opts.json) {
        writeJsonLine(ctx.stdout, { experiment: e, history });
        return;
      }
      ctx.stdout.write(`${e.id} — ${e.name}\nstatus: ${e.status}${e.rollout ? `; rollout of ${e.rollout.variant} at ${e.rollout.percent} %` : ''}\n`);
      for (const h of history) {
        const p = h.payload as { reason?: string };
        ctx.stdout.write(`${new Date(h.ts).toISOString()}  ${h.kind.padEnd(20)} ${p.reason ?? ''}\n`);
      }
    });
  });

  storeOption(
    exp
      .command('analyze [id]')
      .description('Analyse a stored experiment, or per-variant summary statistics from any source with --summary <file.json>.')
      .option('--summary <file>', '{"metric":"binary"|"continuous","expectedSplit":[...],"variants":[{variant,users,conversions}|{variant,n,mean,sd}]}; first variant is control')
      .option('--view', 'with --json: print the Experiment Statistics webview data instead'),
  ).action(async (id: string | undefined, opts: StoreOpts & { summary?: string; view?: boolean }) => {
    if (opts.summary) {
      const raw = await readJson(ctx, opts.summary, 'summary file');
      let result;
      try {
        result = analyzeSummary(raw);
      } catch (err) {
        if (err instanceof SummaryInputError) throw new CliError(`${opts.summary}: ${err.issues.join('; ')}`);
        throw err;
      }
      if (opts.json) {
        writeJsonLine(ctx.stdout, result);
        return;
      }
      ctx.stdout.write(`${result.test}, alpha ${result.alpha}; SRM p = ${result.srm.pValue.toPrecision(3)}\n`);
      for (const v of result.variants) {
        ctx.stdout.write(
          v.pValue === null
            ? `  ${v.variant.padEnd(16)} ${v.estimate.toPrecision(4)}  (control)\n`
            : `  ${v.variant.padEnd(16)} ${v.estimate.toPrecision(4)}  lift ${v.lift.toPrecision(3)} [${v.ci[0].toPrecision(3)}, ${v.ci[1].toPrecision(3)}]  p=${v.pValue.toPrecision(3)}  Holm p=${v.pValueAdjusted!.toPrecision(3)}\n`,
        );
      }
      ctx.stdout.write(`decision: ${result.decision}. ${result.reason}\n`);
      return;
    }
    if (!id) throw new CliError('analyze needs an experiment id or --summary <file.json>');
    await withService(ctx, opts.store, async (svc) => {
      const e = await svc.get(id);
      const analysis = await svc.analyze(id);
      if (opts.json && opts.view) {
        writeJsonLine(ctx.stdout, buildExperimentView(e, analysis, await svc.history(id)));
        return;
      }
      if (opts.json) {
        writeJsonLine(ctx.stdout, analysis);
        return;
      }
      ctx.stdout.write(`${e.id} (${e.status})\n${analysisText(analysis)}`);
    });
  });

  storeOption(
    exp
      .command('decide <id>')
      .description('Take the automatic decision now (continue / ship / stop); safe after every batch thanks to always-valid p-values.')
      .option('--auto-ship', 'start the staged rollout when the decision is ship'),
  ).action(async (id: string, opts: StoreOpts & { autoShip?: boolean }) => {
    await withService(ctx, opts.store, async (svc) => {
      const { decision } = await svc.decide(id, { autoShip: Boolean(opts.autoShip) });
      if (opts.json) writeJsonLine(ctx.stdout, decision);
      else ctx.stdout.write(`${decision.action}: ${decision.reason}\n`);
    });
  });

  storeOption(exp.command('ship <id>').description('Start the staged rollout of a variant (1 → 5 → 25 → 50 → 100 % by default).').option('--variant <name>', 'variant to ship (default the first test variant)')).action(
    async (id: string, opts: StoreOpts & { variant?: string }) => {
      await withService(ctx, opts.store, async (svc) => {
        const e = await svc.ship(id, opts.variant, 'Shipped by hand.');
        if (opts.json) writeJsonLine(ctx.stdout, e);
        else ctx.stdout.write(`Rolling out ${e.rollout!.variant} at ${e.rollout!.percent} %.\n`);
      });
    },
  );

  storeOption(exp.command('advance <id>').description("Check the current rollout stage's guardrail gate: hold, move to the next stage, complete, or roll back.")).action(async (id: string, opts: StoreOpts) => {
    await withService(ctx, opts.store, async (svc) => {
      const { step, experiment } = await svc.advance(id);
      if (opts.json) writeJsonLine(ctx.stdout, { step, status: experiment.status, percent: experiment.rollout?.percent ?? null });
      else ctx.stdout.write(`${step.kind}: ${step.reason}\n`);
    });
  });

  storeOption(exp.command('rollback <id>').description('Roll back to the last good artifact version at once.').requiredOption('--reason <text>', 'why, in plain words (kept in the journal)')).action(
    async (id: string, opts: StoreOpts & { reason: string }) => {
      await withService(ctx, opts.store, async (svc) => {
        const e = await svc.rollback(id, opts.reason);
        if (opts.json) writeJsonLine(ctx.stdout, e);
        else ctx.stdout.write(`Rolled back ${id}: everyone is served ${e.variants[0]!.name} again.\n`);
      });
    },
  );

  storeOption(exp.command('kill <id>').description('Kill switch: stop the experiment at once; every unit gets the control.').requiredOption('--reason <text>', 'why, in plain words')).action(
    async (id: string, opts: StoreOpts & { reason: string }) => {
      await withService(ctx, opts.store, async (svc) => {
        const e = await svc.kill(id, opts.reason);
        if (opts.json) writeJsonLine(ctx.stdout, e);
        else ctx.stdout.write(`Killed ${id}.\n`);
      });
    },
  );

  storeOption(
    exp
      .command('simulate')
      .description('End-to-end demo on the sample-call generator: an experiment with a planted true effect is detected and shipped stage by stage; with --regression-stage the shipped version regresses at that stage and is rolled back.')
      .option('--id <id>', 'experiment id', 'playbook-sim')
      .option('--seed <n>', 'seed for the sample calls and the traffic', positiveInt, 7)
      .option('--calls-per-batch <n>', 'calls between two looks', positiveInt, 400)
      .option('--max-batches <n>', 'give up after this many batches', positiveInt, 200)
      .option('--regression-stage <percent>', 'plant a regression in the shipped variant from this rollout stage on (e.g. 25)', positiveNumber)
      .option('--break-rate <share>', 'share of calls the planted regression breaks', positiveNumber, 0.35)
      .option('--min-stage-sample <n>', 'winner units each rollout stage needs', positiveInt, 100)
      .option('--pool <n>', 'sample calls generated to draw outcomes from', positiveInt, 6000),
  ).action(async (opts: StoreOpts & { id: string; seed: number; callsPerBatch: number; maxBatches: number; regressionStage?: number; breakRate: number; minStageSample: number; pool: number }) => {
    let t = ctx.ports.clock.now();
    const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
    await withService(
      ctx,
      opts.store,
      async (_svc, store) => {
        if (opts.regressionStage !== undefined && !(PLAYBOOK_STAGES as readonly number[]).includes(opts.regressionStage)) {
          throw new CliError(`--regression-stage must be one of ${PLAYBOOK_STAGES.join(', ')}`);
        }
        // The two prompt versions under test live in the store as versions 1 and 2 of one artifact, so a
        // rollback is a new version with version 1's text and the whole history stays visible.
        const run = await runPlaybookScenario(store, clock, {
          id: opts.id,
          seed: opts.seed,
          callsPerBatch: opts.callsPerBatch,
          maxBatches: opts.maxBatches,
          regressionStage: opts.regressionStage,
          breakRate: opts.breakRate,
          minStageSample: opts.minStageSample,
          poolSize: opts.pool,
          prompts: plantedPlaybookPrompts(opts.id),
        });
        const e = run.experiment;
        const steps = run.steps;
        const history = run.history;
        const v1 = run.artifact[0]!;
        const artifact = run.artifact.map((a) => ({ version: a.version, status: a.status, note: a.note ?? null }));
        if (opts.json) {
          writeJsonLine(ctx.stdout, { experiment: e.id, status: e.status, rollout: e.rollout ?? null, artifact, batches: steps.length, calls: steps.reduce((n, s) => n + s.calls, 0), events: history.map((h) => ({ kind: h.kind, ts: h.ts, reason: (h.payload as { reason?: string }).reason ?? null })) });
          return;
        }
        ctx.stdout.write(`Simulated ${steps.reduce((n, s) => n + s.calls, 0)} calls in ${steps.length} batches from the sample-call generator (seed ${opts.seed}).\n`);
        for (const h of history) if (h.kind !== 'rollout.held' && h.kind !== 'decision') ctx.stdout.write(`  ${h.kind.padEnd(20)} ${(h.payload as { reason?: string }).reason ?? ''}\n`);
        ctx.stdout.write(`Final status: ${e.status}${e.rollout ? ` (${e.rollout.variant} at ${e.rollout.percent} %)` : ''}.\n`);
        ctx.stdout.write(`Artifact ${v1.artifactId} versions: ${artifact.map((a) => `v${a.version} ${a.status}`).join(', ')}.\n`);
      },
      clock,
      true,
    );
  });
};
