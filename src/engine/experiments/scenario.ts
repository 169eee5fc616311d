import type { Experiment, LearningArtifact } from '../model';
import { SeededRandom } from '../samples';
import type { JournalEntry, LearningStore } from '../store/learningStore';
import { ExperimentService } from './service';
import { SampleCallPool, simulateExperiment } from './simulation';
import type { ArmBehaviour, SimulationStep, SteppableClock } from './simulation';

export const PLAYBOOK_STAGES = [1, 5, 25, 50, 100] as const;

export interface PlaybookScenarioOptions {
  id: string;
  seed: number;
  /** The simulated traffic draws from this pool (shared across scenarios to save generating it twice). */
  pool?: SampleCallPool;
  /** Seed of the traffic's random draws (default: derived from `seed`). */
  trafficSeed?: number;
  callsPerBatch?: number;
  maxBatches?: number;
  /** Plant a regression in the shipped variant from this rollout stage (a percent in PLAYBOOK_STAGES). */
  regressionStage?: number;
  /** Share of calls that would resolve that the planted regression breaks (default 0.35). */
  breakRate?: number;
  /** Units of the winner each rollout stage needs before its gate is judged (default 100). */
  minStageSample?: number;
  /** Generated calls in the pool when no pool is given (default 6,000). */
  poolSize?: number;
  name?: string;
  /**
   * The two prompt versions under test, as the caller made them (the demo: its current prompt and the
   * prompt with the playbook the improvement engine proposed from its calls), and how an agent behaves
   * under the second one (the demo: following the moves its bullets cite).
   */
  prompts: ScenarioPrompts;
}

export interface ScenarioPrompts {
  target: string;
  control: string;
  treatment: string;
  /** Why the treatment exists (kept as the version's note). */
  note: string;
  treatmentBehaviour: ArmBehaviour;
}

export interface PlaybookScenarioResult {
  experiment: Experiment;
  steps: SimulationStep[];
  history: JournalEntry[];
  artifact: LearningArtifact[];
  calls: number;
}

/**
 * The standard end-to-end experiment on generated calls: the current prompt (v1) against a playbook
 * prompt (v2, given by the caller with the behaviour it causes) stored as two versions of one artifact,
 * resolution as the primary metric, escalation and CSAT as guardrails, automatic decisions after every
 * batch and the staged rollout. A planted regression makes the rollout gate roll back to v1.
 */
export async function runPlaybookScenario(store: LearningStore, clock: SteppableClock, options: PlaybookScenarioOptions): Promise<PlaybookScenarioResult> {
  const { id, seed } = options;
  if (options.regressionStage !== undefined && !(PLAYBOOK_STAGES as readonly number[]).includes(options.regressionStage)) {
    throw new RangeError(`regressionStage must be one of ${PLAYBOOK_STAGES.join(', ')} (got ${options.regressionStage})`);
  }
  const svc = new ExperimentService(store, clock);
  const { target, control, treatment, note, treatmentBehaviour } = options.prompts;
  const v1 = await store.saveArtifact({ payload: { kind: 'prompt', target, text: control }, status: 'rolled-out', title: `${id} agent prompt` });
  const v2 = await store.saveArtifact({ artifactId: v1.artifactId, payload: { kind: 'prompt', target, text: treatment }, status: 'testing', note });
  const stages: number[] = [...PLAYBOOK_STAGES];
  await svc.create({
    id,
    name: options.name ?? 'Playbook prompt: use the strategy that works in each situation',
    salt: `${id}:${seed}`,
    variants: [
      { name: 'control', weight: 1, artifactId: v1.artifactId, artifactVersion: v1.version },
      { name: 'playbook', weight: 1, artifactId: v2.artifactId, artifactVersion: v2.version },
    ],
    primaryMetric: 'resolution',
    guardrails: [
      { metric: 'escalation', maxRelativeDegradation: -0.1, direction: 'lower-is-better' },
      { metric: 'csat', maxRelativeDegradation: -0.05, direction: 'higher-is-better' },
    ],
    policy: { minSamplePerVariant: 500, minSamplePerStage: options.minStageSample ?? 100, mixingSd: 0.05, stages },
  });
  const pool = options.pool ?? new SampleCallPool(seed, options.poolSize ?? 6000);
  const steps = await simulateExperiment(svc, clock, id, pool, new SeededRandom(options.trafficSeed ?? seed + 1), {
    behaviours: { playbook: treatmentBehaviour },
    ...(options.regressionStage !== undefined
      ? { regression: { fromStageIndex: stages.indexOf(options.regressionStage), behaviour: { ...treatmentBehaviour, breakRate: options.breakRate ?? 0.35 } } }
      : {}),
    callsPerBatch: options.callsPerBatch ?? 400,
    maxBatches: options.maxBatches ?? 200,
    batchMs: 3_600_000,
  });
  return {
    experiment: await svc.get(id),
    steps,
    history: await svc.history(id),
    artifact: await store.artifactHistory(v1.artifactId),
    calls: steps.reduce((n, s) => n + s.calls, 0),
  };
}
