import { ExperimentService } from '../../engine/experiments/service';
import { SampleCallPool, simulateExperiment } from '../../engine/experiments/simulation';
import type { EnginePorts } from '../../engine/ports';
import { SeededRandom } from '../../engine/samples';
import type { LearningStore } from '../../engine/store';

export interface DemoExperimentResult {
  name: string;
  decision: string;
  reason: string;
  stages: string[];
  outcome: string;
}

/**
 * The demo's experiment: the playbook the analysis found (use the strategy that works in each
 * situation) against the current prompt, on simulated traffic drawn from generated calls; the
 * automatic decision ships it through the staged rollout while guardrails watch.
 */
export async function runDemoExperiment(store: LearningStore, ports: EnginePorts, seed: number): Promise<DemoExperimentResult> {
  let t = ports.clock.now();
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const svc = new ExperimentService(store, clock);
  const id = 'demo-playbook';
  const stages = [1, 5, 25, 50, 100];
  const target = 'prompts/acme-support.md';
  const v1 = await store.saveArtifact({ payload: { kind: 'prompt', target, text: 'Help the customer. Choose how to respond as you see fit.' }, status: 'rolled-out', title: 'acme-support prompt' });
  const v2 = await store.saveArtifact({
    artifactId: v1.artifactId,
    payload: {
      kind: 'prompt',
      target,
      text: 'Help the customer. Price objection: reframe the value. Refund request: empathise and offer options. Locked out: verify identity first. Cancel request: offer a discount.',
    },
    status: 'testing',
    note: 'playbook from the significant patterns',
  });
  await svc.create({
    id,
    name: 'Playbook prompt vs current prompt',
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
    policy: { minSamplePerVariant: 500, minSamplePerStage: 100, mixingSd: 0.05, stages },
  });
  const steps = await simulateExperiment(svc, clock, id, new SampleCallPool(seed, 6000), new SeededRandom(seed + 1), {
    behaviours: { playbook: { playbook: true } },
    callsPerBatch: 400,
    maxBatches: 200,
    batchMs: 3_600_000,
  });
  const e = await svc.get(id);
  const decided = steps.find((s) => s.action === 'ship' || s.action === 'stop');
  const calls = steps.reduce((n, s) => n + s.calls, 0);
  return {
    name: e.name,
    decision: decided ? `${decided.action} after ${steps.indexOf(decided) + 1} looks` : 'still running',
    reason: decided?.reason ?? 'no decision within the simulated traffic',
    stages: stages.map((s) => `${s} %`),
    outcome: `${e.status}${e.rollout ? ` (${e.rollout.variant} at ${e.rollout.percent} %)` : ''} after ${calls.toLocaleString('en-US')} simulated calls`,
  };
}
