/**
 * The closed-loop fleet simulation of issue 18, in memory: a seeded fleet (agents × months) from the
 * sample-call generator with its planted effects (moves that truly work better per situation) and its
 * planted tool-error modes. The loop runs unattended with the engine's own pieces: every call is
 * analyzed (the analyzer never sees the generator's truth), patterns are scored, new winners become A/B
 * experiments monitored with the always-valid test over weekly looks, what ships rolls out in two gated
 * stages, and every recurring error becomes a correction the agents obey. The truth is used only to
 * score pattern recovery. `npm run bench:learning` runs it at scale; tests run a small fleet.
 */
import { callFactsOf, computeKpis, maskErrorMessage } from '../analytics';
import type { CallFacts } from '../analytics';
import { addCall, analyzeEvents, emptyPatternCounts, scorePatterns } from '../analysis';
import type { CallAnalysis } from '../analysis';
import { monitorExperiments } from '../experiments';
import type { MonitorLook } from '../experiments';
import { ConversationEventSchema, assembleConversation } from '../model';
import { PLANTED_PATTERNS, SeededRandom, iterateSampleCalls, scorePatternRecovery } from '../samples';
import type { SampleIntent, SampleStrategy, SampleTrigger } from '../samples';

export interface FleetSimulationOptions {
  seed: number;
  agents: number;
  months: number;
  callsPerAgentMonth: number;
  /** Progress lines (a month's figures, proposals, decisions). */
  onLog?: (line: string) => void;
}

export interface FleetMonth {
  month: string;
  calls: number;
  successRate: number | null;
  errors: number;
  repeatErrors: number;
  preventedErrors: number;
}

export interface FleetSimulationResult {
  conversations: number;
  /** Planted-pattern recovery from the first month's calls (before any policy change). */
  patternRecovery: { planted: number; found: number; truePositives: number; precision: number; recall: number };
  /** Of the repeat errors the planted modes would have caused in the last month, the share prevented. */
  repeatErrorReduction: number | null;
  monthly: FleetMonth[];
  aaTests: number;
  aaFalsePositiveRate: number | null;
  experiments: { run: number; shipped: number; rolledBack: number };
  /** Situation → the move every agent now makes. */
  adopted: Record<string, string>;
}

const LOOKS_PER_MONTH = 4;
/** A/A tests: independent random splits of each situation's calls per month, each monitored at a daily look. */
const AA_SPLITS = 10;
export const FLEET_AA_LOOKS = 27;
const AA_LOOKS = FLEET_AA_LOOKS;
/** An error key seen this many times in the fleet becomes a correction every agent obeys. */
const RULE_AFTER = 2;
/** Months an experiment may run without a decision before it is stopped. */
const MAX_EXPERIMENT_MONTHS = 3;

/** One simulated month as it ends: its calls' facts (for KPIs and the dashboard). */
export interface FleetMonthFacts {
  month: string;
  facts: CallFacts[];
}

/** Runs the whole simulation at once. */
export function runFleetSimulation(options: FleetSimulationOptions): FleetSimulationResult {
  const months = simulateFleet(options);
  let step = months.next();
  while (!step.done) step = months.next();
  return step.value;
}

/**
 * The simulation month by month: yields each month's facts when it ends and returns the result, so a
 * host can show the fleet live (and give its event loop a turn between months).
 */
export function* simulateFleet(options: FleetSimulationOptions): Generator<FleetMonthFacts, FleetSimulationResult> {
  const { seed, agents, months, callsPerAgentMonth } = options;
  for (const [k, v] of Object.entries({ seed, agents, months, callsPerAgentMonth })) {
    if (!Number.isInteger(v) || v < (k === 'seed' ? 0 : 1)) throw new RangeError(`${k} must be a whole number${k === 'seed' ? '' : ' ≥ 1'} (got ${v})`);
  }
  const log = (line: string) => options.onLog?.(line.replace(/\n$/, ''));
  type Situation = `${string}|${string}`;
  const situationOf = (intent: string, trigger: string): Situation => `${intent}|${trigger}`;
  interface RunningExperiment {
    id: string;
    situation: Situation;
    strategy: SampleStrategy;
    startedMonth: number;
    looks: MonitorLook[];
    control: { users: number; conversions: number };
    test: { users: number; conversions: number };
  }

  const adopted = new Map<Situation, SampleStrategy>();
  /** Shipped moves in their first rollout stage (half the calls for a month, gated before everyone gets them). */
  const rollouts = new Map<Situation, RunningExperiment>();
  const ROLLOUT_SHARE = 0.5;
  const rejected = new Set<string>();
  const running = new Map<Situation, RunningExperiment>();
  const rules = new Set<string>();
  const errorKeyCounts = new Map<string, number>();
  const experiments = { run: 0, shipped: 0, rolledBack: 0 };
  let aaTests = 0;
  let aaFalsePositives = 0;
  let recovery: ReturnType<typeof scorePatternRecovery> | undefined;
  const monthly: Array<{ month: string; calls: number; successRate: number | null; errors: number; repeatErrors: number; preventedErrors: number }> = [];
  const seenErrorKeys = new Set<string>();

  let conversations = 0;
  for (let m = 0; m < months; m++) {
    const monthStart = Date.UTC(2026, m, 1);
    const monthKey = new Date(monthStart).toISOString().slice(0, 7);
    let prevented = 0;
    const monthFacts: CallFacts[] = [];
    const arms: Array<'control' | 'test' | undefined> = [];
    const analyses: CallAnalysis[] = [];
    const armRandom = new SeededRandom(seed * 1_000_003 + m);
    for (let a = 0; a < agents; a++) {
      const generator = iterateSampleCalls({
        seed: seed * 100_000 + m * 1_000 + a,
        count: callsPerAgentMonth,
        agentId: `agent-${a}`,
        startTs: monthStart,
        spanDays: 27,
        // The agent's policy: adopted moves; in a running experiment, half the calls get the proposed move.
        chooseStrategy: (intent: SampleIntent, trigger: SampleTrigger, uniform: SampleStrategy) => {
          const s = situationOf(intent, trigger);
          const exp = running.get(s) ?? rollouts.get(s);
          if (exp) {
            const arm = armRandom.chance(running.has(s) ? 0.5 : ROLLOUT_SHARE) ? 'test' : 'control';
            arms.push(arm);
            return arm === 'test' ? exp.strategy : (adopted.get(s) ?? uniform);
          }
          arms.push(undefined);
          return adopted.get(s) ?? uniform;
        },
        // The agent obeys every learned correction: a check before the tool call avoids the failure mode.
        preventError: (_intent, tool, _code, message) => {
          if (!rules.has(`${tool}\u0000${maskErrorMessage(message)}`)) return false;
          prevented++;
          return true;
        },
      });
      for (const call of generator) {
        const events = call.events.map((e) => ConversationEventSchema.parse(e));
        const analysis = analyzeEvents(events);
        analyses.push(analysis);
        const opening = analysis.fragments.find((f) => f.opening && f.primary);
        const facts = callFactsOf(assembleConversation(events), {
          outcomeLabel: analysis.outcome.label,
          signalKinds: analysis.signals.map((s) => s.kind),
          ...(opening ? { opening: { intent: analysis.intent, situation: opening.trigger, move: opening.strategy } } : {}),
        });
        monthFacts.push(facts);
        conversations++;
      }
    }

    // Experiments: weekly cumulative looks on the platform's verdict (else the analyzer's label).
    const week = (ts: number) => Math.min(LOOKS_PER_MONTH - 1, Math.floor((ts - monthStart) / (7 * 86_400_000)));
    const day = (ts: number) => Math.min(AA_LOOKS - 1, Math.floor((ts - monthStart) / 86_400_000));
    const aaCalls = new Map<Situation, Array<{ d: number; success: boolean }>>();
    const byWeek = new Map<Situation, Array<{ w: number; arm: 'control' | 'test'; success: boolean }>>();
    monthFacts.forEach((f, i) => {
      if (f.success === undefined || !f.opening) return;
      const s = situationOf(f.opening.intent, f.opening.situation);
      const arm = arms[i];
      if (arm && (running.has(s) || rollouts.has(s))) {
        const list = byWeek.get(s) ?? [];
        list.push({ w: week(f.startedAt), arm, success: f.success });
        byWeek.set(s, list);
      } else if (!running.has(s) && !rollouts.has(s)) {
        // A/A candidates: the same policy on both sides.
        const list = aaCalls.get(s) ?? [];
        list.push({ d: day(f.startedAt), success: f.success });
        aaCalls.set(s, list);
      }
    });
    const addLooks = (s: Situation, exp: RunningExperiment) => {
      const obs = byWeek.get(s) ?? [];
      for (let w = 0; w < LOOKS_PER_MONTH; w++) {
        for (const o of obs.filter((x) => x.w === w)) {
          const arm = o.arm === 'test' ? exp.test : exp.control;
          arm.users++;
          if (o.success) arm.conversions++;
        }
        exp.looks.push({ experiment: exp.id, look: exp.looks.length + 1, metric: 'binary', variants: [{ variant: 'control', ...exp.control }, { variant: 'test', ...exp.test }] });
      }
    };
    // Rollout gate: the shipped move against the old policy over the stage's looks; a significant regression rolls back.
    for (const [s, stage] of rollouts) {
      addLooks(s, stage);
      const gate = monitorExperiments(stage.looks)[0]!;
      log(`  rollout ${s} → ${stage.strategy}: ${gate.decision === 'rollback' ? 'rolled back' : 'to everyone'}\n`);
      if (gate.decision === 'rollback') {
        experiments.rolledBack++;
        rejected.add(`${s}|${stage.strategy}`);
      } else adopted.set(s, stage.strategy);
      rollouts.delete(s);
    }
    for (const [s, exp] of running) {
      addLooks(s, exp);
      const [d] = monitorExperiments(exp.looks);
      log(`  experiment ${s} → ${exp.strategy}: ${d!.decision}${d!.stoppedAtLook ? ` at look ${d!.stoppedAtLook}` : ''}\n`);
      if (d!.decision === 'ship') {
        experiments.shipped++;
        rollouts.set(s, { ...exp, id: `rollout-${exp.id}`, looks: [], control: { users: 0, conversions: 0 }, test: { users: 0, conversions: 0 } });
        running.delete(s);
      } else if (d!.decision === 'rollback' || m - exp.startedMonth + 1 >= MAX_EXPERIMENT_MONTHS) {
        if (d!.decision === 'rollback') experiments.rolledBack++;
        rejected.add(`${s}|${exp.strategy}`);
        running.delete(s);
      }
    }
    const splitRandom = new SeededRandom(seed * 7_919 + m);
    for (const [s, obs] of aaCalls) {
      for (let k = 0; k < AA_SPLITS; k++) {
        const arms = obs.map(() => (splitRandom.chance(0.5) ? 1 : 0));
        const c = { users: 0, conversions: 0 };
        const t = { users: 0, conversions: 0 };
        const looks: MonitorLook[] = [];
        for (let d = 0; d < AA_LOOKS; d++) {
          obs.forEach((o, j) => {
            if (o.d !== d) return;
            const arm = arms[j] === 1 ? t : c;
            arm.users++;
            if (o.success) arm.conversions++;
          });
          looks.push({ experiment: `aa-${m}-${s}-${k}`, look: d + 1, metric: 'binary', variants: [{ variant: 'control', ...c }, { variant: 'test', ...t }] });
        }
        if (c.users < 20 || t.users < 20) continue;
        aaTests++;
        if (monitorExperiments(looks)[0]!.decision !== 'continue') aaFalsePositives++;
      }
    }

    // Learn from this month: significant patterns become proposals (one experiment per situation).
    const counts = emptyPatternCounts();
    for (const a of analyses) addCall(counts, a);
    const significant = scorePatterns(counts).filter((p) => p.significant);
    if (m === 0) recovery = scorePatternRecovery(significant, PLANTED_PATTERNS);
    for (const p of significant) {
      const s = situationOf(p.intent, p.trigger);
      if (p.lift <= 0 || adopted.has(s) || running.has(s) || rollouts.has(s) || rejected.has(`${s}|${p.strategy}`)) continue;
      experiments.run++;
      log(`  proposal ${s} → ${p.strategy} (lift ${(100 * p.lift).toFixed(1)} pts): experiment next month\n`);
      running.set(s, { id: `exp-${m}-${s}`, situation: s, strategy: p.strategy as SampleStrategy, startedMonth: m + 1, looks: [], control: { users: 0, conversions: 0 }, test: { users: 0, conversions: 0 } });
    }

    // Errors: repeats against everything seen before; a recurring error becomes a correction.
    let errors = 0;
    let repeats = 0;
    for (const f of monthFacts) {
      for (const e of f.errors) {
        errors++;
        if (seenErrorKeys.has(e.key)) repeats++;
        else seenErrorKeys.add(e.key);
        const n = (errorKeyCounts.get(e.key) ?? 0) + 1;
        errorKeyCounts.set(e.key, n);
        if (n >= RULE_AFTER) rules.add(e.key);
      }
    }
    const row = computeKpis(monthFacts, 'month').rows.find((r) => r.key === monthKey);
    monthly.push({ month: monthKey, calls: monthFacts.length, successRate: row?.successRate ?? null, errors, repeatErrors: repeats, preventedErrors: prevented });
    log(`month ${monthKey}: ${monthFacts.length} calls, success ${((row?.successRate ?? 0) * 100).toFixed(1)} %, errors ${errors} (repeats ${repeats}, prevented ${prevented}), adopted ${adopted.size}, rolling out ${rollouts.size}, running ${running.size}\n`);
    yield { month: monthKey, facts: monthFacts };
  }

  const last = monthly[monthly.length - 1]!;
  const wouldHaveRepeated = last.repeatErrors + last.preventedErrors;
  return {
    conversations,
    patternRecovery: {
      planted: recovery!.planted,
      found: recovery!.discovered,
      truePositives: recovery!.matched,
      precision: recovery!.precision,
      recall: recovery!.recall,
    },
    repeatErrorReduction: wouldHaveRepeated > 0 ? last.preventedErrors / wouldHaveRepeated : null,
    monthly,
    aaTests,
    aaFalsePositiveRate: aaTests ? aaFalsePositives / aaTests : null,
    experiments,
    adopted: Object.fromEntries(adopted),
  };
}
