import { z } from 'zod';
import { PatternSchema } from '../model';

/**
 * The run report: what was imported, what was learned, and how sure we are. One typed object, rendered
 * to Markdown (for terminals and PRs) and to a self-contained HTML page (no scripts, no network).
 */
export const RunReportSchema = z.object({
  title: z.string(),
  generatedAt: z.number(),
  import: z.object({
    files: z.array(z.string()),
    calls: z.number(),
    events: z.number(),
    rejected: z.number(),
    duplicates: z.number(),
    seconds: z.number(),
  }),
  privacy: z.object({ entitiesRedacted: z.number(), byType: z.record(z.string(), z.number()) }).optional(),
  outcomes: z.object({ success: z.number(), failure: z.number(), unknown: z.number() }).optional(),
  intents: z.array(z.object({ intent: z.string(), calls: z.number(), successRate: z.number() })).default([]),
  topPatterns: z.array(PatternSchema).default([]),
  decisionTrees: z.array(z.object({ intent: z.string(), mermaid: z.string() })).default([]),
  toolPatterns: z
    .array(z.object({ intent: z.string().optional(), sequence: z.array(z.string()), support: z.number(), successRate: z.number(), lift: z.number(), pValue: z.number().optional() }))
    .default([]),
  errors: z.array(z.object({ fingerprint: z.string(), template: z.string(), count: z.number() })).default([]),
  recovery: z
    .object({ precision: z.number(), recall: z.number(), planted: z.number(), discovered: z.number(), matched: z.number() })
    .optional(),
  experiment: z
    .object({ name: z.string(), decision: z.string(), reason: z.string(), stages: z.array(z.string()), outcome: z.string() })
    .optional(),
  timings: z.record(z.string(), z.number()).default({}),
});
export type RunReport = z.output<typeof RunReportSchema>;
export type RunReportInput = z.input<typeof RunReportSchema>;

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} pts`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderReportMarkdown(input: RunReportInput): string {
  const r = RunReportSchema.parse(input);
  const lines: string[] = [];
  lines.push(`# ${r.title}`, '', `Generated ${new Date(r.generatedAt).toISOString()}`, '');
  lines.push('## Import', '');
  lines.push(
    `${r.import.calls.toLocaleString('en-US')} calls (${r.import.events.toLocaleString('en-US')} events) from ${r.import.files.length} file(s) ` +
      `in ${r.import.seconds.toFixed(2)} s (${Math.round(r.import.calls / Math.max(r.import.seconds, 1e-9)).toLocaleString('en-US')} calls/s); ` +
      `${r.import.rejected} rejected, ${r.import.duplicates} duplicate events skipped.`,
    '',
  );
  if (r.privacy) {
    const types = Object.entries(r.privacy.byType)
      .sort((a, b) => b[1] - a[1])
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    lines.push(`PII redacted before storage: ${r.privacy.entitiesRedacted.toLocaleString('en-US')} entities (${types}).`, '');
  }
  if (r.outcomes) {
    const total = r.outcomes.success + r.outcomes.failure + r.outcomes.unknown;
    lines.push('## Outcomes', '', `success ${r.outcomes.success} (${pct(r.outcomes.success / Math.max(total, 1))}), failure ${r.outcomes.failure}, unknown ${r.outcomes.unknown}`, '');
  }
  if (r.intents.length) {
    lines.push('## Intents', '', '| intent | calls | success rate |', '|---|---:|---:|');
    for (const i of r.intents) lines.push(`| ${i.intent} | ${i.calls} | ${pct(i.successRate)} |`);
    lines.push('');
  }
  if (r.topPatterns.length) {
    lines.push('## Top patterns', '', '| intent | situation | move | support | success | 95 % interval | lift | p |', '|---|---|---|---:|---:|---|---:|---:|');
    for (const p of r.topPatterns)
      lines.push(
        `| ${p.intent} | ${p.trigger} | ${p.strategy} | ${p.support} | ${pct(p.successRate)} | ${pct(p.confidence.low)} – ${pct(p.confidence.high)} | ${signed(p.lift)} | ${p.liftPValue.toExponential(1)} |`,
      );
    lines.push('');
  }
  if (r.toolPatterns.length) {
    lines.push('## Tool-usage patterns', '', '| intent | sequence | support | success | lift |', '|---|---|---:|---:|---:|');
    for (const t of r.toolPatterns) lines.push(`| ${t.intent ?? ''} | ${t.sequence.join(' → ')} | ${t.support} | ${pct(t.successRate)} | ${signed(t.lift)} |`);
    lines.push('');
  }
  if (r.errors.length) {
    lines.push('## Recurring errors', '', '| count | fingerprint | template |', '|---:|---|---|');
    for (const e of r.errors) lines.push(`| ${e.count} | ${e.fingerprint.slice(0, 10)} | ${e.template} |`);
    lines.push('');
  }
  if (r.recovery) {
    lines.push(
      '## Planted-pattern recovery',
      '',
      `The generator planted ${r.recovery.planted} effects; the analyzer reported ${r.recovery.discovered} significant patterns, ${r.recovery.matched} of them planted: precision ${pct(r.recovery.precision)}, recall ${pct(r.recovery.recall)}.`,
      '',
    );
  }
  if (r.experiment) {
    lines.push('## Experiment', '', `${r.experiment.name}: ${r.experiment.decision}. ${r.experiment.reason}`, '', `Rollout: ${r.experiment.stages.join(' → ')} — ${r.experiment.outcome}`, '');
  }
  for (const t of r.decisionTrees) lines.push(`## Decision tree: ${t.intent}`, '', '```mermaid', t.mermaid, '```', '');
  if (Object.keys(r.timings).length) {
    lines.push('## Timings', '', ...Object.entries(r.timings).map(([k, v]) => `- ${k}: ${v.toFixed(2)} s`), '');
  }
  return lines.join('\n');
}

/** A horizontal bar chart of success rates with interval whiskers, as inline SVG. */
function patternChartSvg(patterns: RunReport['topPatterns']): string {
  const rowH = 26;
  const left = 330;
  const width = 760;
  const plotW = width - left - 20;
  const h = patterns.length * rowH + 40;
  const x = (v: number) => left + v * plotW;
  const rows = patterns
    .map((p, i) => {
      const y = 20 + i * rowH;
      const color = p.lift >= 0 ? 'var(--good)' : 'var(--bad)';
      return (
        `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(`${p.intent} · ${p.trigger} · ${p.strategy}`)}</text>` +
        `<rect x="${left}" y="${y + 4}" width="${(p.successRate * plotW).toFixed(1)}" height="14" fill="${color}" opacity="0.75"><title>${pct(p.successRate)} (n=${p.support})</title></rect>` +
        `<line x1="${x(p.confidence.low).toFixed(1)}" x2="${x(p.confidence.high).toFixed(1)}" y1="${y + 11}" y2="${y + 11}" stroke="var(--fg)" stroke-width="1.5"/>` +
        `<line x1="${x(p.confidence.low).toFixed(1)}" x2="${x(p.confidence.low).toFixed(1)}" y1="${y + 6}" y2="${y + 16}" stroke="var(--fg)"/>` +
        `<line x1="${x(p.confidence.high).toFixed(1)}" x2="${x(p.confidence.high).toFixed(1)}" y1="${y + 6}" y2="${y + 16}" stroke="var(--fg)"/>`
      );
    })
    .join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => `<line x1="${x(t)}" x2="${x(t)}" y1="14" y2="${h - 18}" stroke="var(--grid)"/><text x="${x(t)}" y="${h - 4}" text-anchor="middle">${t * 100}%</text>`)
    .join('');
  return `<svg role="img" aria-label="Success rate with 95% interval per pattern" viewBox="0 0 ${width} ${h}" width="100%">${ticks}${rows}</svg>`;
}

/** Self-contained HTML: inline CSS and SVG only, so it opens anywhere and leaks nothing to the network. */
export function renderReportHtml(input: RunReportInput): string {
  const r = RunReportSchema.parse(input);
  const md = renderReportMarkdown(r);
  // Tables and paragraphs from the Markdown, so both renderings always say the same thing.
  const body = markdownToHtml(md);
  const chart = r.topPatterns.length ? `<h2>Success rate by pattern (95 % interval)</h2>${patternChartSvg(r.topPatterns)}` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(r.title)}</title>
<style>
:root{--fg:#1f2328;--bg:#fff;--muted:#59636e;--grid:#d1d9e0;--good:#1a7f37;--bad:#cf222e;color-scheme:light dark}
@media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--grid:#30363d;--good:#3fb950;--bad:#f85149}}
body{font:14px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:1000px;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid var(--grid);padding:.25rem .5rem}td.num,th.num{text-align:right}
pre{background:color-mix(in srgb,var(--grid) 30%,transparent);padding:.75rem;overflow:auto}svg text{fill:var(--fg);font-size:12px}
</style></head><body>
${chart}
${body}
</body></html>
`;
}

/** Just enough Markdown for our own report: headings, paragraphs, lists, pipe tables and fenced code. */
function markdownToHtml(md: string): string {
  const out: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) code.push(lines[i]!);
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
    } else if (line.startsWith('|')) {
      const rows: string[][] = [];
      let align: boolean[] = [];
      for (; i < lines.length && lines[i]!.startsWith('|'); i++) {
        const cells = lines[i]!.slice(1, -1).split('|').map((c) => c.trim());
        if (cells.every((c) => /^-+:?$/.test(c))) align = cells.map((c) => c.endsWith(':'));
        else rows.push(cells);
      }
      i--;
      const [head, ...rest] = rows;
      const cell = (tag: string, c: string, j: number) => `<${tag}${align[j] ? ' class="num"' : ''}>${escapeHtml(c)}</${tag}>`;
      out.push(
        `<table><thead><tr>${(head ?? []).map((c, j) => cell('th', c, j)).join('')}</tr></thead><tbody>${rest
          .map((r) => `<tr>${r.map((c, j) => cell('td', c, j)).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
    } else if (line.startsWith('# ')) out.push(`<h1>${escapeHtml(line.slice(2))}</h1>`);
    else if (line.startsWith('## ')) out.push(`<h2>${escapeHtml(line.slice(3))}</h2>`);
    else if (line.startsWith('- ')) out.push(`<li>${escapeHtml(line.slice(2))}</li>`);
    else if (line.trim()) out.push(`<p>${escapeHtml(line)}</p>`);
  }
  return out.join('\n');
}
