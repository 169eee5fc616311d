import type { ComplianceValidator } from '../privacy';
import type { PlaybookBullet } from '../model';
import type { AvoidanceRule } from './hypotheses';
import { words } from './hypotheses';
import { isScaffoldLine } from './render';
import type { GateResult, PlaybookDelta } from './schema';

/** Estimated tokens of a text (about four characters each in English prompts). */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/** Privacy: the bullets and every line the patch adds must pass the compliance validator in strict mode. */
export function privacyGate(validator: ComplianceValidator, bullets: readonly PlaybookBullet[], patch: string): GateResult {
  const added = patch
    .split(/\r?\n/)
    .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
    .map((l) => l.slice(1))
    .filter((l) => l.trim() !== '' && !isScaffoldLine(l));
  const report = validator.validate({ bullets: bullets.map((b) => ({ section: b.section, text: b.text })), added }, 'proposal');
  if (report.ok) return { name: 'privacy', passed: true, reason: 'no PII in the bullets or the added lines' };
  const shown = report.findings.slice(0, 5).map((f) => `${f.field} (${f.entityType})`).join(', ');
  return { name: 'privacy', passed: false, reason: `looks like PII: ${shown}; edit the bullet text to use placeholders` };
}

/**
 * Conflicts: a new or edited bullet may not contradict an active bullet the proposal keeps (another
 * move recommended for the same situation, or the same move both used and avoided), nor recommend a
 * move or tool that an avoidance rule names as a precursor of an error.
 */
export function conflictGate(playbook: readonly PlaybookBullet[], deltas: readonly PlaybookDelta[], proposed: readonly PlaybookBullet[], rules: readonly AvoidanceRule[]): GateResult {
  const leaving = new Set(deltas.flatMap((d) => (d.op === 'deprecate' ? [d.id] : d.op === 'dedupe' ? [d.drop] : [])));
  const kept = playbook.filter((b) => b.status === 'active' && !leaving.has(b.id));
  const problems: string[] = [];
  for (const n of proposed) {
    if (n.cite?.kind !== 'move') continue;
    const c = n.cite;
    for (const k of [...kept, ...proposed]) {
      if (k.id === n.id || k.cite?.kind !== 'move') continue;
      const o = k.cite;
      if (o.intent !== c.intent || o.trigger !== c.trigger) continue;
      if (o.strategy === c.strategy && o.use !== c.use) problems.push(`${n.id} ${c.use ? 'uses' : 'avoids'} ${words(c.strategy)} but ${k.id} ${o.use ? 'uses' : 'avoids'} it`);
      else if (o.use && c.use && o.strategy !== c.strategy) problems.push(`${n.id} and ${k.id} recommend different moves (${words(c.strategy)}, ${words(o.strategy)}) for ${words(c.trigger)}`);
    }
    if (c.use) {
      for (const r of rules) {
        if (r.precursors.some((p) => p === c.strategy || words(p) === words(c.strategy))) problems.push(`${n.id} recommends ${words(c.strategy)}, a precursor of ${r.fingerprint} in avoidance rule ${r.artifactId}`);
      }
    }
  }
  const unique = [...new Set(problems)];
  return unique.length === 0
    ? { name: 'conflicts', passed: true, reason: `no conflict with ${kept.length} active bullet(s) or ${rules.length} avoidance rule(s)` }
    : { name: 'conflicts', passed: false, reason: `${unique.slice(0, 3).join('; ')}${unique.length > 3 ? `; and ${unique.length - 3} more` : ''}; deprecate one of them first` };
}

/** Prompt size: the whole proposed prompt must fit the budget. */
export function budgetGate(proposedPrompt: string, budgetTokens: number): GateResult {
  const tokens = estimateTokens(proposedPrompt);
  return tokens <= budgetTokens
    ? { name: 'prompt-budget', passed: true, reason: `about ${tokens} of ${budgetTokens} tokens` }
    : { name: 'prompt-budget', passed: false, reason: `about ${tokens} tokens, over the budget of ${budgetTokens}; deprecate weaker bullets or raise the budget` };
}

/** Minimum evidence: every added or edited analysis bullet rests on enough calls. */
export function evidenceGate(proposed: readonly PlaybookBullet[], minCalls: number): GateResult {
  const weak = proposed.filter((b) => b.cite && b.support < minCalls);
  if (proposed.length === 0) return { name: 'evidence', passed: true, reason: 'no new or changed bullet' };
  return weak.length === 0
    ? { name: 'evidence', passed: true, reason: `every bullet rests on at least ${minCalls} calls (fewest: ${Math.min(...proposed.map((b) => b.support))})` }
    : { name: 'evidence', passed: false, reason: `${weak.map((b) => `${b.id} (${b.support} calls)`).join(', ')} below the minimum of ${minCalls} calls; wait for more calls` };
}
