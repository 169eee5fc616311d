import type { ErrorFingerprint, Pattern, PlaybookBullet } from '../model';
import type { ComplianceValidator } from '../privacy';
import { budgetGate, conflictGate, evidenceGate, privacyGate } from './gates';
import { hypothesesFromFingerprints, hypothesesFromPatterns } from './hypotheses';
import type { AvoidanceRule } from './hypotheses';
import { proposalId } from './ids';
import type { Sha256 } from './ids';
import { applyDeltas, planDeltas } from './playbook';
import { promptPatch, renderPlaybookSection, withPlaybookSection } from './render';
import { DEFAULT_IMPROVEMENT_OPTIONS } from './schema';
import type { ImprovementOptions, Proposal } from './schema';

export interface ProposeInput {
  /** The prompt file as the host names it (in the patch header) and its text (never written). */
  target: string;
  prompt: string;
  playbook: { bullets: readonly PlaybookBullet[]; version: number };
  patterns: readonly Pattern[];
  fingerprints: readonly ErrorFingerprint[];
  rules: readonly AvoidanceRule[];
  validator: ComplianceValidator;
  sha256: Sha256;
  options?: ImprovementOptions;
}

/**
 * Proposals from the analysis: hypotheses from significant patterns and recurring errors become
 * playbook deltas, grouped by playbook section (one reviewable change each), each rendered into the
 * prompt file as a unified diff and run through the gates. Pure: nothing is read or written.
 */
export function proposeImprovements(input: ProposeInput): Proposal[] {
  const o = { ...DEFAULT_IMPROVEMENT_OPTIONS, ...input.options };
  const hypotheses = [
    ...hypothesesFromPatterns(input.patterns, input.sha256, o),
    ...hypothesesFromFingerprints(input.fingerprints, input.rules, input.sha256, o),
  ];
  const planned = planDeltas(input.playbook.bullets, hypotheses);
  const sections = [...new Set(planned.map((p) => p.section))];
  const baseHash = input.sha256(input.prompt);
  return sections.map((section) => {
    const group = planned.filter((p) => p.section === section);
    const deltas = group.map((p) => p.delta);
    const after = applyDeltas(input.playbook.bullets, deltas);
    const touched = new Set(deltas.flatMap((d) => (d.op === 'add' ? [d.bullet.id] : d.op === 'edit' ? [d.id] : [])));
    const bullets = after.filter((b) => touched.has(b.id));
    const proposedPrompt = withPlaybookSection(input.prompt, renderPlaybookSection(after));
    const patch = promptPatch(input.target, input.prompt, proposedPrompt);
    const statements = group.map((p) => p.statement);
    const gates = [
      privacyGate(input.validator, bullets, patch),
      conflictGate(input.playbook.bullets, deltas, bullets, input.rules),
      budgetGate(proposedPrompt, o.promptBudgetTokens),
      evidenceGate(bullets, o.minEvidenceCalls),
    ];
    return {
      // The id covers what the designer reviews (the change and its gates), so a re-run under other
      // thresholds is another proposal rather than the first one with stale gates.
      id: proposalId(input.sha256, [input.target, baseHash, String(input.playbook.version), JSON.stringify(deltas), JSON.stringify(gates)]),
      hypothesis: statements.length === 1 ? statements[0]! : `${section}: ${statements.join('; ')}`,
      section,
      deltas,
      bullets,
      target: input.target,
      baseHash,
      patch,
      gates,
      playbookVersion: input.playbook.version,
    };
  });
}
