import { z } from 'zod';
import type { Clock } from '../ports';
import type { Experiment } from '../model';
import { ExperimentSchema, GuardrailSchema, VariantSchema, ExperimentPolicySchema } from '../model';
import type { JournalEntry, JournalEntryInput, LearningStore } from '../store/learningStore';
import type { Assignment } from './allocation';
import { assign, reserveLayerRange } from './allocation';
import type { ExperimentAnalysis } from './analysis';
import { analyzeExperiment } from './analysis';
import type { CallObservation } from './metrics';
import { CallObservationSchema, METRICS } from './metrics';
import type { Decision } from './policy';
import { decide } from './policy';
import type { RolloutStep } from './rollout';
import { evaluateStage } from './rollout';

/** What a caller gives to create an experiment; the rest (salt, layer slice, status) is filled in. */
export const ExperimentInputSchema = z.object({
  id: z.string().min(1).regex(/^[A-Za-z0-9._-]+$/, 'use letters, digits, ".", "_" or "-"'),
  name: z.string().min(1).optional(),
  salt: z.string().min(1).optional(),
  unit: z.enum(['call', 'caller', 'agent']).default('call'),
  layer: z.string().min(1).default('default'),
  trafficFraction: z.number().gt(0).max(1).default(1),
  holdoutFraction: z.number().min(0).lt(1).default(0),
  variants: z.array(VariantSchema).min(2, 'needs a control and at least one test variant'),
  primaryMetric: z.string().refine((m) => m in METRICS, { message: `must be one of ${Object.keys(METRICS).join(', ')}` }),
  guardrails: z.array(GuardrailSchema.refine((g) => g.metric in METRICS, { message: 'unknown guardrail metric' })).default([]),
  policy: ExperimentPolicySchema.partial().default({}),
  forcedAssignments: z.record(z.string(), z.string()).default({}),
});
export type ExperimentInput = z.input<typeof ExperimentInputSchema>;

/** The journal streams of one experiment: decisions and transitions; exposures; call observations. */
export const streams = (id: string) => ({ events: `experiment:${id}`, exposures: `experiment:${id}:exposures`, calls: `experiment:${id}:calls` });

export class ExperimentNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`no experiment "${id}" in the store (kaizen experiment status lists them)`);
    this.name = 'ExperimentNotFoundError';
  }
}

export class ExperimentStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExperimentStateError';
  }
}

/** A stored batch of call observations and the phase of the experiment that served them. */
interface StoredBatch {
  /** null during the experiment; the rollout stage index during the rollout. */
  stage: number | null;
  calls: CallObservation[];
}

/**
 * The experiment lifecycle on top of the learning store. Every decision and transition is a journal
 * event with a plain-words reason, so `status` can replay the history and any step can be explained.
 */
export class ExperimentService {
  constructor(
    private readonly store: LearningStore,
    private readonly clock: Clock,
  ) {}

  async create(input: ExperimentInput): Promise<Experiment> {
    const parsed = ExperimentInputSchema.parse(input);
    if (await this.store.getExperiment(parsed.id)) throw new ExperimentStateError(`experiment "${parsed.id}" already exists`);
    const names = new Set(parsed.variants.map((v) => v.name));
    if (names.size !== parsed.variants.length) throw new ExperimentStateError('variants: names must be unique');
    for (const [unit, v] of Object.entries(parsed.forcedAssignments)) {
      if (!names.has(v)) throw new ExperimentStateError(`forcedAssignments.${unit}: "${v}" is not a variant (${[...names].join(', ')})`);
    }
    const others = await this.store.listExperiments();
    const now = this.clock.now();
    const experiment = ExperimentSchema.parse({
      ...parsed,
      name: parsed.name ?? parsed.id,
      salt: parsed.salt ?? `${parsed.id}:${now}`,
      layerRange: reserveLayerRange(parsed.layer, parsed.trafficFraction, others.map((e) => ExperimentSchema.parse(e))),
      status: 'draft',
      createdAt: now,
    });
    await this.store.putExperiment(experiment);
    await this.event(experiment.id, 'created', { reason: `Created with variants ${experiment.variants.map((v) => `${v.name} (weight ${v.weight})`).join(', ')} on ${experiment.primaryMetric}.`, experiment });
    return experiment;
  }

  async get(id: string): Promise<Experiment> {
    const raw = await this.store.getExperiment(id);
    if (!raw) throw new ExperimentNotFoundError(id);
    return ExperimentSchema.parse(raw);
  }

  async list(): Promise<Experiment[]> {
    return (await this.store.listExperiments()).map((e) => ExperimentSchema.parse(e));
  }

  async start(id: string): Promise<Experiment> {
    const e = await this.get(id);
    if (e.status !== 'draft' && e.status !== 'stopped') throw new ExperimentStateError(`experiment "${id}" is ${e.status}; only a draft or stopped experiment can start`);
    return this.transition(e, { status: 'running', startedAt: e.startedAt ?? this.clock.now() }, 'started', 'Started: traffic is now split between the variants.');
  }

  async assign(id: string, unitId: string): Promise<Assignment> {
    return assign(await this.get(id), unitId);
  }

  /**
   * Exposure log: one journal entry per batch of assignments actually served (an entry per exposure
   * costs a row each in sql.js; a batch keeps the log complete and the store small).
   */
  async logExposures(id: string, assignments: readonly Assignment[]): Promise<void> {
    if (assignments.length === 0) return;
    const items = assignments.map((a) => ({ unitId: a.unitId, variant: a.variant, artifactVersion: a.artifactVersion ?? null, reason: a.reason, inAnalysis: a.inAnalysis }));
    await this.store.appendJournal([{ stream: streams(id).exposures, kind: 'exposures', ts: this.clock.now(), payload: { items } }]);
  }

  /** Records calls handled under the experiment (one journal entry per batch), tagged with the phase. */
  async recordCalls(id: string, observations: readonly CallObservation[]): Promise<void> {
    if (observations.length === 0) return;
    const e = await this.get(id);
    const stage = e.status === 'shipping' && e.rollout ? e.rollout.stageIndex : null;
    const known = new Set(e.variants.map((v) => v.name));
    const calls = observations.map((o, i) => {
      const parsed = CallObservationSchema.safeParse(o);
      if (!parsed.success) throw new ExperimentStateError(`observations[${i}]: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      if (!known.has(parsed.data.variant)) throw new ExperimentStateError(`observations[${i}].variant: "${parsed.data.variant}" is not a variant of ${id} (${[...known].join(', ')})`);
      return parsed.data;
    });
    const entry: JournalEntryInput = { stream: streams(id).calls, kind: 'calls', ts: this.clock.now(), payload: { stage, calls } satisfies StoredBatch };
    await this.store.appendJournal([entry]);
  }

  private async calls(id: string, stage: number | null): Promise<CallObservation[]> {
    const rows = await this.store.readJournal(streams(id).calls, { kind: 'calls' });
    return rows.flatMap((r) => {
      const b = r.payload as StoredBatch;
      return b.stage === stage ? b.calls : [];
    });
  }

  /** The experiment-phase analysis (rollout-stage calls excluded). */
  async analyze(id: string): Promise<ExperimentAnalysis> {
    const e = await this.get(id);
    const calls = await this.calls(id, null);
    return analyzeExperiment(e, calls, { now: this.clock.now() });
  }

  /** The automatic decision; with `autoShip`, a "ship" decision starts the staged rollout at once. */
  async decide(id: string, options: { autoShip?: boolean } = {}): Promise<{ decision: Decision; analysis: ExperimentAnalysis }> {
    const e = await this.get(id);
    if (e.status !== 'running') throw new ExperimentStateError(`experiment "${id}" is ${e.status}; decisions are made while it runs`);
    const analysis = await this.analyze(id);
    const decision = decide(e, analysis, this.clock.now());
    await this.event(id, 'decision', { ...decision, srmPValue: analysis.srm.pValue, unitsPerVariant: analysis.unitsPerVariant });
    if (decision.action === 'stop') await this.transition(e, { status: 'stopped', endedAt: this.clock.now() }, 'stopped', decision.reason);
    if (decision.action === 'ship' && options.autoShip) await this.ship(id, decision.variant!, decision.reason);
    return { decision, analysis };
  }

  /** Starts the staged rollout of `variant` (from a decision or by hand). */
  async ship(id: string, variant?: string, reason?: string): Promise<Experiment> {
    const e = await this.get(id);
    if (e.status !== 'running' && e.status !== 'stopped') throw new ExperimentStateError(`experiment "${id}" is ${e.status}; only a running or stopped experiment can ship`);
    const winner = variant ?? e.variants[1]!.name;
    if (!e.variants.some((v, i) => i > 0 && v.name === winner)) throw new ExperimentStateError(`variant: "${winner}" is not a test variant of "${id}" (${e.variants.slice(1).map((v) => v.name).join(', ')})`);
    const control = e.variants[0]!;
    const stages = e.policy.stages;
    const rollout = {
      variant: winner,
      stageIndex: 0,
      percent: stages[0]!,
      stageStartedAt: this.clock.now(),
      ...(control.artifactId !== undefined && control.artifactVersion !== undefined ? { lastGood: { artifactId: control.artifactId, version: control.artifactVersion } } : {}),
    };
    return this.transition(e, { status: 'shipping', rollout }, 'rollout.started', `${reason ? `${reason} ` : ''}Rollout of ${winner} started at ${stages[0]} % of traffic (stages ${stages.join(' → ')} %).`);
  }

  /** Checks the gate of the current rollout stage and acts on it: hold, advance, complete or roll back. */
  async advance(id: string): Promise<{ step: RolloutStep; experiment: Experiment }> {
    const e = await this.get(id);
    if (e.status !== 'shipping' || !e.rollout) throw new ExperimentStateError(`experiment "${id}" is ${e.status}; nothing is rolling out`);
    const { step } = evaluateStage(e, await this.calls(id, e.rollout.stageIndex), this.clock.now());
    switch (step.kind) {
      case 'hold':
        await this.event(id, 'rollout.held', { reason: step.reason, percent: e.rollout.percent });
        return { step, experiment: e };
      case 'advance': {
        const rollout = { ...e.rollout, stageIndex: step.toStageIndex, percent: step.toPercent, stageStartedAt: this.clock.now() };
        return { step, experiment: await this.transition(e, { rollout }, 'rollout.advanced', step.reason, { fromPercent: step.fromPercent, toPercent: step.toPercent }) };
      }
      case 'complete':
        return { step, experiment: await this.complete(e, step.reason) };
      case 'rollback':
        return { step, experiment: await this.rollback(id, step.reason, true) };
    }
  }

  private async complete(e: Experiment, reason: string): Promise<Experiment> {
    const r = e.rollout!;
    const winner = e.variants.find((v) => v.name === r.variant)!;
    let lastGood = r.lastGood;
    if (winner.artifactId !== undefined) {
      const a = await this.store.setArtifactStatus(winner.artifactId, 'rolled-out', `shipped by experiment ${e.id}: ${reason}`);
      lastGood = { artifactId: a.artifactId, version: a.version };
    }
    const rollout = { ...r, stageIndex: e.policy.stages.length - 1, percent: 100, stageStartedAt: this.clock.now(), ...(lastGood ? { lastGood } : {}) };
    return this.transition(e, { status: 'shipped', rollout, endedAt: this.clock.now() }, 'rollout.completed', reason, { artifact: lastGood ?? null });
  }

  /**
   * Rolls back to the last good version: when the winner is a later version of the control's artifact,
   * the store gets a new version with the good payload; a separate artifact is retired. Everyone is
   * served the control again.
   */
  async rollback(id: string, reason: string, automatic = false): Promise<Experiment> {
    const e = await this.get(id);
    if (!['running', 'shipping', 'shipped'].includes(e.status)) throw new ExperimentStateError(`experiment "${id}" is ${e.status}; there is nothing to roll back`);
    const control = e.variants[0]!;
    const winnerName = e.rollout?.variant;
    const winner = e.variants.find((v) => v.name === winnerName);
    let restored: { artifactId: string; version: number } | null = null;
    let missing = '';
    if (winner?.artifactId !== undefined && !(await this.store.getArtifact(winner.artifactId))) {
      // The variants name an artifact this store does not hold (e.g. versions managed elsewhere): serving
      // the control is still the rollback; there is just no stored version to restore.
      missing = ` (artifact ${winner.artifactId} is not in this store, so no stored version was changed)`;
    } else if (winner?.artifactId !== undefined) {
      if (winner.artifactId === control.artifactId && control.artifactVersion !== undefined) {
        const a = await this.store.rollbackArtifact(winner.artifactId, control.artifactVersion, `rollback by experiment ${e.id}: ${reason}`);
        restored = { artifactId: a.artifactId, version: a.version };
      } else {
        await this.store.setArtifactStatus(winner.artifactId, 'retired', `rolled back by experiment ${e.id}: ${reason}`);
      }
    }
    const restoredWords = restored
      ? ` Restored ${restored.artifactId} to the content of v${control.artifactVersion} (now v${restored.version}); everyone is served the control.`
      : ` Everyone is served the control again${missing}.`;
    return this.transition(e, { status: 'rolled-back', endedAt: this.clock.now() }, 'rollout.rolled-back', `${reason}${restoredWords}`, {
      automatic,
      restoredTo: restored ?? (control.artifactId !== undefined ? { artifactId: control.artifactId, version: control.artifactVersion ?? null } : null),
      atPercent: e.rollout?.percent ?? null,
    });
  }

  /** The kill switch: stops the experiment at once; every unit gets the control from the next assignment on. */
  async kill(id: string, reason: string): Promise<Experiment> {
    const e = await this.get(id);
    if (e.status === 'killed') return e;
    return this.transition(e, { status: 'killed', endedAt: this.clock.now() }, 'killed', `Killed: ${reason}. Every unit is served the control from now on.`, { previousStatus: e.status });
  }

  async history(id: string): Promise<JournalEntry[]> {
    return this.store.readJournal(streams(id).events);
  }

  async exposureCounts(id: string): Promise<Record<string, number>> {
    const rows = await this.store.readJournal(streams(id).exposures, { kind: 'exposures' });
    const seen = new Map<string, Set<string>>();
    for (const r of rows) {
      for (const p of (r.payload as { items: Array<{ unitId: string; variant: string; inAnalysis: boolean }> }).items) {
        if (!p.inAnalysis) continue;
        const s = seen.get(p.variant) ?? new Set<string>();
        s.add(p.unitId);
        seen.set(p.variant, s);
      }
    }
    return Object.fromEntries([...seen].map(([k, v]) => [k, v.size]));
  }

  private async transition(e: Experiment, change: Partial<Experiment>, kind: string, reason: string, extra: Record<string, unknown> = {}): Promise<Experiment> {
    const next = ExperimentSchema.parse({ ...e, ...change });
    await this.store.putExperiment(next);
    await this.event(e.id, kind, { reason, from: e.status, to: next.status, percent: next.rollout?.percent ?? null, ...extra });
    return next;
  }

  private async event(id: string, kind: string, payload: Record<string, unknown>): Promise<void> {
    await this.store.appendJournal([{ stream: streams(id).events, kind, ts: this.clock.now(), payload }]);
  }
}
