import { PLAYBOOK_STAGES, runPlaybookScenario } from '../../engine/experiments';
import type { EnginePorts } from '../../engine/ports';
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
export async function runDemoExperiment(store: LearningStore, ports: EnginePorts, seed: number, demoRun = 1): Promise<DemoExperimentResult> {
  let t = ports.clock.now();
  // A later demo run into the same store gets its own experiment (ids are unique in a store).
  let id = demoRun > 1 ? `demo-playbook-${demoRun}` : 'demo-playbook';
  for (let n = demoRun + 1; await store.getExperiment(id); n++) id = `demo-playbook-${n}`;
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const run = await runPlaybookScenario(store, clock, { id, seed, name: 'Playbook prompt vs current prompt' });
  const decided = run.steps.find((s) => s.action === 'ship' || s.action === 'stop');
  const e = run.experiment;
  return {
    name: e.name,
    decision: decided ? `${decided.action} after ${run.steps.indexOf(decided) + 1} looks` : 'still running',
    reason: decided?.reason ?? 'no decision within the simulated traffic',
    stages: PLAYBOOK_STAGES.map((s) => `${s} %`),
    outcome: `${e.status}${e.rollout ? ` (${e.rollout.variant} at ${e.rollout.percent} %)` : ''} after ${run.calls.toLocaleString('en-US')} simulated calls`,
  };
}
