import type { ScenarioPrompts } from './scenario';

/**
 * The prompts of the experiment machinery's own checks (`kaizen experiment simulate`, `npm run
 * eval:experiments`): there the effect under test must be known in advance, so the treatment follows
 * the generator's planted winning moves (its answer key). The demo does not use this: its treatment is
 * the prompt the improvement engine proposed from the demo's calls.
 */
export function plantedPlaybookPrompts(id: string): ScenarioPrompts {
  return {
    target: `prompts/${id}.md`,
    control: 'Help the customer. Choose how to respond as you see fit.',
    treatment: 'Help the customer. Price objection: reframe the value. Refund request: empathise and offer options. Locked out: verify identity first. Cancel request: offer a discount.',
    note: 'playbook from the planted winning strategies',
    treatmentBehaviour: { playbook: true },
  };
}
