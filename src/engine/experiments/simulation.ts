import type { Experiment } from '../model';
import type { SeededRandom} from '../samples';
import { PLANTED_PATTERNS, iterateSampleCalls } from '../samples';
import { assign } from './allocation';
import type { ExperimentService } from './service';
import type { CallObservation } from './metrics';

/** One generated call reduced to what the experiment metrics read. */
export interface PooledCall {
  intent: string;
  trigger: string;
  strategy: string;
  resolved: boolean;
  escalated: boolean;
  repeatError: boolean;
  handleTimeSec: number;
  csat: number;
}

/** A move a prompt tells the agent to make (`use`) or not to make in a situation, as its playbook bullets cite it. */
export interface PromptMove {
  intent: string;
  trigger: string;
  strategy: string;
  use: boolean;
}

/** How the agent behaves under one variant's prompt. */
export interface ArmBehaviour {
  /** The prompt tells the agent to use the strategy that truly works in each situation (the generator's planted positive patterns). */
  playbook?: boolean;
  /**
   * The agent follows the moves its prompt's bullets cite, and only those: in a situation a bullet
   * covers it makes the cited move (or any move but an avoided one); elsewhere it behaves as before.
   * Whether that helps is then up to the generated calls, not to an answer key.
   */
  follow?: readonly PromptMove[];
  /**
   * A planted regression: this share of calls lose their resolution (a call that would have gone
   * well is replaced by a failed call of the same situation), as a broken prompt version would do.
   */
  breakRate?: number;
}

/**
 * A pool of calls from the sample-call generator (src/engine/samples), indexed by situation and
 * strategy, so a variant's behaviour picks real generated calls: the control draws calls as generated
 * (strategies at random), a "playbook" variant draws from the planted winning strategy's calls.
 */
export class SampleCallPool {
  private readonly all: PooledCall[] = [];
  private readonly byCell = new Map<string, PooledCall[]>();
  private readonly failedBySituation = new Map<string, PooledCall[]>();
  private readonly bySituation = new Map<string, PooledCall[]>();
  private readonly best = new Map<string, string>();

  constructor(seed: number, count: number) {
    for (const { events, truth } of iterateSampleCalls({ seed, count })) {
      const ended = [...events].reverse().find((e) => e.type === 'call.ended');
      const outcome = ended?.type === 'call.ended' ? ended.outcome : undefined;
      const span = Number(events[events.length - 1]!.ts) - Number(events[0]!.ts);
      const call: PooledCall = {
        intent: truth.intent,
        trigger: truth.trigger,
        strategy: truth.strategy,
        resolved: truth.success,
        escalated: truth.escalated,
        repeatError: truth.errorCodes.length > 0,
        handleTimeSec: (outcome?.durationMs ?? span) / 1000,
        // The generator's CSAT follows the outcome (4–5 resolved, 1–2 not) when the platform reports it.
        csat: outcome?.csat ?? (truth.success ? 4.5 : 1.5),
      };
      this.all.push(call);
      const cell = `${call.intent}|${call.trigger}|${call.strategy}`;
      (this.byCell.get(cell) ?? this.byCell.set(cell, []).get(cell)!).push(call);
      const situation = `${call.intent}|${call.trigger}`;
      (this.bySituation.get(situation) ?? this.bySituation.set(situation, []).get(situation)!).push(call);
      if (!call.resolved) {
        const sit = `${call.intent}|${call.trigger}`;
        (this.failedBySituation.get(sit) ?? this.failedBySituation.set(sit, []).get(sit)!).push(call);
      }
    }
    for (const p of PLANTED_PATTERNS) if (p.effect === 'positive') this.best.set(`${p.intent}|${p.trigger}`, p.strategy);
  }

  private following(rng: SeededRandom, call: PooledCall, moves: readonly PromptMove[]): PooledCall {
    const here = moves.filter((m) => m.intent === call.intent && m.trigger === call.trigger);
    if (here.length === 0) return call;
    const situation = `${call.intent}|${call.trigger}`;
    const use = here.find((m) => m.use);
    if (use) {
      const cell = this.byCell.get(`${situation}|${use.strategy}`);
      return cell && cell.length > 0 ? rng.pick(cell) : call;
    }
    const avoided = new Set(here.map((m) => m.strategy));
    if (!avoided.has(call.strategy)) return call;
    const others = (this.bySituation.get(situation) ?? []).filter((c) => !avoided.has(c.strategy));
    return others.length > 0 ? rng.pick(others) : call;
  }

  get size(): number {
    return this.all.length;
  }

  draw(rng: SeededRandom, behaviour: ArmBehaviour): PooledCall {
    let call = rng.pick(this.all);
    const situation = `${call.intent}|${call.trigger}`;
    const best = this.best.get(situation);
    if (behaviour.playbook && best) {
      const cell = this.byCell.get(`${situation}|${best}`);
      if (cell && cell.length > 0) call = rng.pick(cell);
    }
    if (behaviour.follow) call = this.following(rng, call, behaviour.follow);
    if (behaviour.breakRate && call.resolved && rng.chance(behaviour.breakRate)) {
      const failed = this.failedBySituation.get(situation);
      if (failed && failed.length > 0) call = rng.pick(failed);
    }
    return call;
  }
}

export interface SimulationPlan {
  behaviours: Record<string, ArmBehaviour>;
  /** From this rollout stage index on, the winner's calls carry this regression. */
  regression?: { fromStageIndex: number; behaviour: ArmBehaviour };
  callsPerBatch: number;
  maxBatches: number;
  /** Simulated time between batches. */
  batchMs: number;
}

export interface SimulationStep {
  batch: number;
  status: Experiment['status'];
  percent: number | null;
  action: string;
  reason: string;
  calls: number;
}

/** The clock the simulation moves; the service must have been built with the same one. */
export interface SteppableClock {
  now(): number;
  advance(ms: number): void;
}

/**
 * Runs an experiment end to end on simulated traffic: each batch assigns fresh units, serves each the
 * behaviour of its variant, logs exposures and calls into the store, then takes the automatic
 * decision (while running, peeking after every batch) or checks the rollout gate (while shipping).
 */
export async function simulateExperiment(
  service: ExperimentService,
  clock: SteppableClock,
  experimentId: string,
  pool: SampleCallPool,
  rng: SeededRandom,
  plan: SimulationPlan,
): Promise<SimulationStep[]> {
  const steps: SimulationStep[] = [];
  let unit = 0;
  let e = await service.get(experimentId);
  if (e.status === 'draft') e = await service.start(experimentId);
  for (let batch = 1; batch <= plan.maxBatches; batch++) {
    if (e.status !== 'running' && e.status !== 'shipping') break;
    const assignments = [];
    const observations: CallObservation[] = [];
    const ts = clock.now();
    for (let i = 0; i < plan.callsPerBatch; i++) {
      const unitId = `${experimentId}-u${unit++}`;
      // Pure assignment against the experiment as it stands this batch (what an agent SDK would cache).
      const a = assign(e, unitId);
      assignments.push(a);
      const regressed = plan.regression && e.rollout && a.variant === e.rollout.variant && e.rollout.stageIndex >= plan.regression.fromStageIndex;
      const behaviour = regressed ? plan.regression!.behaviour : (plan.behaviours[a.variant] ?? {});
      const c = pool.draw(rng, behaviour);
      observations.push({
        callId: `${unitId}-c1`,
        unitId,
        variant: a.variant,
        ts: ts + i,
        resolved: c.resolved,
        escalated: c.escalated,
        repeatError: c.repeatError,
        handleTimeSec: c.handleTimeSec,
        csat: c.csat,
      });
    }
    await service.logExposures(experimentId, assignments);
    await service.recordCalls(experimentId, observations);
    clock.advance(plan.batchMs);
    if (e.status === 'running') {
      const { decision } = await service.decide(experimentId, { autoShip: true });
      e = await service.get(experimentId);
      steps.push({ batch, status: e.status, percent: e.rollout?.percent ?? null, action: decision.action, reason: decision.reason, calls: plan.callsPerBatch });
    } else {
      const before = e.rollout?.percent ?? null;
      const { step, experiment } = await service.advance(experimentId);
      e = experiment;
      steps.push({ batch, status: e.status, percent: before, action: step.kind, reason: step.reason, calls: plan.callsPerBatch });
    }
  }
  return steps;
}
