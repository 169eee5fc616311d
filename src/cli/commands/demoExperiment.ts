import { PLAYBOOK_STAGES, runPlaybookScenario } from '../../engine/experiments';
import type { EnginePorts } from '../../engine/ports';
import type { LearningStore } from '../../engine/store';
import type { DemoImprovement } from './demoImprove';

export interface DemoExperimentResult {
  name: string;
  decision: string;
  reason: string;
  stages: string[];
  outcome: string;
}

/**
 * The demo's experiment: the prompt with the playbook the improvement engine proposed from the demo's
 * calls against the current prompt, on simulated traffic drawn from generated calls where the agent
 * under the improved prompt makes the moves its bullets cite; the automatic decision ships it through
 * the staged rollout while guardrails watch.
 */
export async function runDemoExperiment(store: LearningStore, ports: EnginePorts, seed: number, demoRun: number, improvement: DemoImprovement): Promise<DemoExperimentResult> {
  if (improvement.improved === improvement.base) {
    // Nothing passed the gates (too few calls for any pattern to clear the evidence minimum): an A/A
    // test would only hold the traffic layer until it timed out, so there is nothing to run.
    const why = improvement.blocked.length > 0 ? `every proposal was blocked (${improvement.blocked[0]!.gates[0]})` : 'the analysis found no significant pattern to propose';
    return { name: 'Playbook prompt vs current prompt', decision: 'not run', reason: `nothing to test: ${why}`, stages: PLAYBOOK_STAGES.map((s) => `${s} %`), outcome: 'no experiment' };
  }
  let t = ports.clock.now();
  // A later demo run into the same store gets its own experiment (ids are unique in a store).
  let id = demoRun > 1 ? `demo-playbook-${demoRun}` : 'demo-playbook';
  for (let n = demoRun + 1; await store.getExperiment(id); n++) id = `demo-playbook-${n}`;
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const run = await runPlaybookScenario(store, clock, {
    id,
    seed,
    name: 'Playbook prompt vs current prompt',
    prompts: {
      target: improvement.target,
      control: improvement.base,
      treatment: improvement.improved,
      note: `playbook the engine proposed from the demo's calls (${improvement.accepted.map((a) => a.proposal).join(', ') || 'no proposal accepted'})`,
      // The simulated agent under the improved prompt makes the moves its bullets cite, nothing else.
      treatmentBehaviour: { follow: improvement.follow },
    },
  });
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
