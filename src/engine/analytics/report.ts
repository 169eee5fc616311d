import { z } from 'zod';
import type { TreeNode } from '../knowledge';
import { PatternSchema } from '../model';
import { ReportKpisSchema, kpiChartScript, kpiMarkdownLines, kpiTrendSvg } from './kpiReport';
import { treeToSvg } from './treeSvg';

/** A learned decision tree as stored (`knowledge/decisionTree.ts`), checked by shape at the boundary. */
const TreeNodeSchema = z.custom<TreeNode>(
  (v) => typeof v === 'object' && v !== null && ((v as { type?: unknown }).type === 'leaf' || (v as { type?: unknown }).type === 'split'),
  'a decision-tree node ({type: "leaf" | "split", …})',
);

/**
 * The run report: what was imported, what was learned, and how sure we are. One typed object, rendered
 * to Markdown (for terminals and PRs) and to a self-contained HTML page (no network; chart.js inlined
 * when the host passes it, else an SVG chart).
 */
export const RunReportSchema = z.object({
  title: z.string(),
  generatedAt: z.number(),
  import: z.object({
    files: z.array(z.string()),
    calls: z.number(),
    events: z.number(),
    /** A run's own import figures; a report on a store that was filled earlier has none. */
    rejected: z.number().optional(),
    duplicates: z.number().optional(),
    seconds: z.number().optional(),
  }),
  privacy: z.object({ entitiesRedacted: z.number(), byType: z.record(z.string(), z.number()) }).optional(),
  outcomes: z.object({ success: z.number(), failure: z.number(), unknown: z.number() }).optional(),
  intents: z.array(z.object({ intent: z.string(), calls: z.number(), successRate: z.number() })).default([]),
  topPatterns: z.array(PatternSchema).default([]),
  /** Every learned tree; `root` lets the HTML page draw it. */
  decisionTrees: z.array(z.object({ intent: z.string(), mermaid: z.string(), root: TreeNodeSchema.optional() })).default([]),
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
  /** KPI tables per prompt version, month and agent (see kpis.ts), and the monthly trend chart. */
  kpis: ReportKpisSchema.optional(),
});
export type RunReport = z.output<typeof RunReportSchema>;
export type RunReportInput = z.input<typeof RunReportSchema>;

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} pts`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderReportMarkdown(input: RunReportInput): string {
  return markdownOf(RunReportSchema.parse(input), true);
}

function markdownOf(r: RunReport, withTrees: boolean): string {
  const lines: string[] = [];
  lines.push(`# ${r.title}`, '', `Generated ${new Date(r.generatedAt).toISOString()}`, '');
  lines.push('## Import', '');
  const im = r.import;
  const files = `${im.calls.toLocaleString('en-US')} calls (${im.events.toLocaleString('en-US')} events) from ${im.files.length} file(s)`;
  const speed = im.seconds !== undefined ? ` in ${im.seconds.toFixed(2)} s (${Math.round(im.calls / Math.max(im.seconds, 1e-9)).toLocaleString('en-US')} calls/s)` : '';
  const skipped = im.rejected !== undefined || im.duplicates !== undefined ? `; ${im.rejected ?? 0} rejected, ${im.duplicates ?? 0} duplicate events skipped` : '';
  lines.push(`${files}${speed}${skipped}.`, '');
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
  if (r.kpis) lines.push(...kpiMarkdownLines(r.kpis));
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
  if (withTrees) for (const t of r.decisionTrees) lines.push(`## Decision tree: ${t.intent}`, '', '```mermaid', t.mermaid, '```', '');
  if (Object.keys(r.timings).length) {
    lines.push('## Timings', '', ...Object.entries(r.timings).map(([k, v]) => `- ${k}: ${v.toFixed(2)} s`), '');
  }
  return lines.join('\n');
}

/** Label of a pattern row in the charts. */
function patternLabel(p: RunReport['topPatterns'][number]): string {
  return `${p.intent} · ${p.trigger} · ${p.strategy}`;
}

/** Roughly the width of a 12 px system-ui string: enough to keep every axis label inside the picture. */
const textWidth = (s: string) => Math.ceil(s.length * 6.8);

/** A horizontal bar chart of success rates with interval whiskers, as inline SVG (no script). */
function patternChartSvg(patterns: RunReport['topPatterns']): string {
  const rowH = 26;
  const labels = patterns.map(patternLabel);
  const left = Math.min(520, Math.max(...labels.map(textWidth))) + 16;
  const plotW = 420;
  const width = left + plotW + 30;
  const top = 10;
  const h = top + patterns.length * rowH + 44;
  const x = (v: number) => left + v * plotW;
  const rows = patterns
    .map((p, i) => {
      const y = top + i * rowH;
      const color = p.lift >= 0 ? 'var(--good)' : 'var(--bad)';
      const label = labels[i]!;
      const shown = textWidth(label) > left - 16 ? `${label.slice(0, Math.floor((left - 16) / 6.8) - 1)}…` : label;
      return (
        `<text x="${left - 8}" y="${y + 15}" text-anchor="end"><title>${escapeHtml(label)}</title>${escapeHtml(shown)}</text>` +
        `<rect x="${left}" y="${y + 4}" width="${(p.successRate * plotW).toFixed(1)}" height="14" fill="${color}" opacity="0.75"><title>${pct(p.successRate)} (n=${p.support})</title></rect>` +
        `<line x1="${x(p.confidence.low).toFixed(1)}" x2="${x(p.confidence.high).toFixed(1)}" y1="${y + 11}" y2="${y + 11}" stroke="var(--fg)" stroke-width="1.5"/>` +
        `<line x1="${x(p.confidence.low).toFixed(1)}" x2="${x(p.confidence.low).toFixed(1)}" y1="${y + 6}" y2="${y + 16}" stroke="var(--fg)"/>` +
        `<line x1="${x(p.confidence.high).toFixed(1)}" x2="${x(p.confidence.high).toFixed(1)}" y1="${y + 6}" y2="${y + 16}" stroke="var(--fg)"/>`
      );
    })
    .join('');
  const axisY = top + patterns.length * rowH + 4;
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => `<line x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${axisY}" stroke="var(--grid)"/><text x="${x(t)}" y="${axisY + 14}" text-anchor="middle">${t * 100}%</text>`)
    .join('');
  const axisTitle = `<text x="${left + plotW / 2}" y="${axisY + 34}" text-anchor="middle" class="axis">success rate (bar) with 95% interval (whiskers)</text>`;
  return `<svg role="img" aria-label="Success rate with 95% interval per pattern" viewBox="0 0 ${width} ${h}" width="100%" style="max-width:${width}px">${ticks}${rows}${axisTitle}</svg>`;
}

/** What the host may pass so the page draws its chart with chart.js, inlined (the page still loads nothing). */
export interface ReportHtmlOptions {
  /** The chart.js UMD bundle's source text (`chart.umd.min.js`). */
  chartJs?: string;
  /** base64 SHA-256 of a script, for the page's CSP (`script-src 'sha256-…'`). Needed with `chartJs`. */
  sha256Base64?: (text: string) => string;
}

/** JSON safe inside a <script> element: no `</script>` or `<!--` can be formed by the data. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The chart.js version of the pattern chart: floating interval bars over success-rate bars. */
function chartInitScript(patterns: RunReport['topPatterns']): string {
  const data = {
    labels: patterns.map(patternLabel),
    rates: patterns.map((p) => +(p.successRate * 100).toFixed(1)),
    intervals: patterns.map((p) => [+(p.confidence.low * 100).toFixed(1), +(p.confidence.high * 100).toFixed(1)]),
    good: patterns.map((p) => p.lift >= 0),
  };
  return `(function(){var d=${scriptJson(data)};var css=getComputedStyle(document.documentElement);var c=function(n){return css.getPropertyValue(n).trim()};
var el=document.getElementById('pattern-chart');el.parentElement.style.height=(d.labels.length*30+70)+'px';
new Chart(el,{type:'bar',data:{labels:d.labels,datasets:[
{label:'success rate (%)',data:d.rates,backgroundColor:d.good.map(function(g){return g?c('--good'):c('--bad')}),barPercentage:0.5,grouped:false,order:2},
{label:'95% interval (%)',data:d.intervals,backgroundColor:c('--muted'),barPercentage:0.12,grouped:false,order:1}]},
options:{indexAxis:'y',animation:false,maintainAspectRatio:false,responsive:true,
scales:{x:{min:0,max:100,title:{display:true,text:'success rate (%), with 95% interval'},ticks:{color:c('--fg')},grid:{color:c('--grid')}},
y:{ticks:{autoSkip:false,color:c('--fg')},grid:{display:false}}},plugins:{legend:{labels:{color:c('--fg')}}}}});})();`;
}

/** Self-contained HTML: inline CSS, SVG and (when given) chart.js; a CSP that forbids every load. */
export function renderReportHtml(input: RunReportInput, options: ReportHtmlOptions = {}): string {
  const r = RunReportSchema.parse(input);
  // Tables and paragraphs from the Markdown, so both renderings always say the same thing.
  const body = markdownToHtml(markdownOf(r, false));
  const canChart = options.chartJs !== undefined && options.sha256Base64 !== undefined;
  const useChartJs = canChart && r.topPatterns.length > 0;
  const kpiChartJs = canChart && r.kpis !== undefined && r.kpis.byMonth.rows.length > 0;
  const scripts = [
    ...(useChartJs || kpiChartJs ? [options.chartJs!] : []),
    ...(useChartJs ? [chartInitScript(r.topPatterns)] : []),
    ...(kpiChartJs ? [kpiChartScript(r.kpis!, scriptJson)] : []),
  ];
  const trend =
    r.kpis && r.kpis.byMonth.rows.length
      ? `<h2>Trend by month</h2>${kpiChartJs ? '<div class="chart" style="height:320px"><canvas id="kpi-trend-chart" role="img" aria-label="KPI trend by month"></canvas></div>' : kpiTrendSvg(r.kpis)}`
      : '';
  const chart = r.topPatterns.length
    ? `<h2>Success rate by pattern (95 % interval)</h2>${useChartJs ? '<div class="chart"><canvas id="pattern-chart" role="img" aria-label="Success rate with 95% interval per pattern"></canvas></div>' : patternChartSvg(r.topPatterns)}`
    : '';
  // The chart goes under the title and the date line, before the sections.
  const cut = body.indexOf('</p>');
  const page = cut >= 0 ? `${body.slice(0, cut + 4)}\n${trend}\n${chart}\n${body.slice(cut + 4)}` : `${trend}\n${chart}\n${body}`;
  const trees = r.decisionTrees
    .map(
      (t) =>
        `<h2>Decision tree: ${escapeHtml(t.intent)}</h2>` +
        (t.root ? `<div class="tree-wrap">${treeToSvg(t.root, `Decision tree for ${t.intent}`)}</div>` : '') +
        `<details><summary>Mermaid source</summary><pre><code>${escapeHtml(t.mermaid)}</code></pre></details>`,
    )
    .join('\n');
  const scriptSrc = scripts.length ? `; script-src ${scripts.map((s) => `'sha256-${options.sha256Base64!(s)}'`).join(' ')}` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${scriptSrc}">
<title>${escapeHtml(r.title)}</title>
<style>
:root{--fg:#1f2328;--bg:#fff;--muted:#59636e;--grid:#d1d9e0;--good:#1a7f37;--bad:#cf222e;--accent:#0969da;color-scheme:light dark}
@media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--grid:#30363d;--good:#3fb950;--bad:#f85149;--accent:#4493f8}}
body{font:14px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:1100px;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid var(--grid);padding:.25rem .5rem}td.num,th.num{text-align:right}
pre{background:color-mix(in srgb,var(--grid) 30%,transparent);padding:.75rem;overflow:auto}svg text{fill:var(--fg);font-size:12px}
svg text.axis{fill:var(--muted)}.chart{position:relative;width:100%}.tree-wrap{overflow-x:auto}
svg.tree rect{fill:var(--bg);stroke:var(--muted)}svg.tree .good rect{stroke:var(--good);stroke-width:2}svg.tree .bad rect{stroke:var(--bad);stroke-width:2}
svg.tree .question rect{fill:color-mix(in srgb,var(--grid) 35%,transparent)}svg.tree text.strong{font-weight:600}svg.tree text.edge{fill:var(--muted);font-size:11px}
</style></head><body>
${page}
${trees}
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
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
