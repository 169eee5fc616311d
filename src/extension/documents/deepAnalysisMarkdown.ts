import type { DeepAnalysisResult } from '../../engine/pipeline';

/** Model text is shown, never interpreted: no raw HTML, no accidental headings or links. */
const text = (s: string) => s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!).replace(/\n+/g, ' ');

/** The findings of `kaizen deep-analyze` as a Markdown document (the same result object the CLI prints). */
export function deepAnalysisMarkdown(result: DeepAnalysisResult): string {
  const u = result.usage;
  const lines = [
    '# Kaizen deep analysis',
    '',
    result.mode === 'claude'
      ? `Claude (${result.model}): ${result.requests} billed answers, ${u.inputTokens} input + ${u.outputTokens} output tokens, cache ${u.cacheCreationInputTokens} written / ${u.cacheReadInputTokens} read — $${result.costUsd.toFixed(4)}.`
      : 'Offline: the engine\'s own findings (no request sent). Enable `kaizen.claude.enabled` and run **Kaizen: Set Anthropic API Key** for Claude\'s explanations.',
    '',
  ];
  if (result.findings.length === 0) lines.push('No significant pattern or recurring error yet: import calls and run **Kaizen: Analyze** first.');
  for (const f of result.findings) {
    lines.push(`## ${text(f.summary)}`, '', '**Hypotheses**', '', ...f.hypotheses.map((h) => `- ${text(h)}`), '');
    lines.push(`**Evidence** (from the engine): calls ${f.evidence.calls.map((c) => `\`${c}\``).join(', ') || '—'}; fingerprints ${f.evidence.fingerprints.map((c) => `\`${c}\``).join(', ') || '—'}`, '');
    lines.push(`<sub>${f.id}</sub>`, '');
  }
  return `${lines.join('\n')}\n`;
}
