import * as fs from 'node:fs';
import * as path from 'node:path';
import { ImprovementService, bulletIdsIn, moveGuidance, promptPatch } from '../../engine/improvement';
import type { MoveGuidance } from '../../engine/improvement';
import type { EnginePorts } from '../../engine/ports';
import { createComplianceValidator } from '../../engine/privacy';
import type { PrivacyPolicy } from '../../engine/privacy';
import type { LearningStore } from '../../engine/store';

/** The demo agent's prompt before Kaizen: no advice about any situation. */
export const DEMO_BASE_PROMPT = '# Support agent\n\nYou answer customers on the phone. Help the caller; choose how to respond as you see fit.\n';

export interface DemoImprovement {
  /** The prompt file (relative to the demo folder's parent, as the CLI names files). */
  target: string;
  base: string;
  /** The prompt with the playbook the engine proposed from the demo's calls (and the demo accepted). */
  improved: string;
  /** The unified diff base → improved. */
  diff: string;
  accepted: Array<{ proposal: string; artifact: string; version: number; hypothesis: string }>;
  blocked: Array<{ proposal: string; gates: string[] }>;
  /** The moves the improved prompt's bullets cite: what an agent following it does differently. */
  follow: MoveGuidance[];
}

/**
 * The demo's improvement step: the current prompt goes into `<out>/prompts/agent.md`; the engine
 * proposes playbook bullets from the significant patterns of the demo's own calls; the demo accepts
 * every proposal whose gates pass (a designer would review each; `kaizen improve` is that path). The
 * improved prompt and the moves its bullets cite are what the demo's experiment then tests.
 */
export async function runDemoImprovement(store: LearningStore, ports: EnginePorts, policy: PrivacyPolicy, outDir: string, target: string): Promise<DemoImprovement> {
  const file = path.join(outDir, 'prompts', 'agent.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, DEMO_BASE_PROMPT);
  const base = fs.readFileSync(file, 'utf8');
  const svc = new ImprovementService(store, { clock: ports.clock, sha256: (s) => ports.hashing.sha256(s), validator: createComplianceValidator({ policy }) });
  const accepted: DemoImprovement['accepted'] = [];
  const blocked = new Map<string, string[]>();
  // Accepting one proposal moves the playbook on, so the rest are proposed again against it.
  for (let round = 0; round < 50; round++) {
    const proposals = await svc.propose(target, base);
    for (const p of proposals) {
      const failed = p.gates.filter((g) => !g.passed);
      if (failed.length > 0) blocked.set(p.section, failed.map((g) => `${g.name}: ${g.reason}`));
    }
    const next = proposals.find((p) => p.gates.every((g) => g.passed));
    if (!next) break;
    const r = await svc.accept(next.id, base);
    accepted.push({ proposal: next.id, artifact: r.artifact.artifactId, version: r.artifact.version, hypothesis: next.hypothesis });
  }
  const improved = await svc.renderPrompt(base);
  const playbook = await svc.playbook();
  return {
    target,
    base,
    improved,
    diff: promptPatch(target, base, improved),
    accepted,
    blocked: [...blocked.entries()].map(([proposal, gates]) => ({ proposal, gates })),
    follow: moveGuidance(bulletIdsIn(improved), playbook.bullets),
  };
}
