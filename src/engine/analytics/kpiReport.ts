/**
 * The KPI sections of the report: tables per prompt version, per month (with the improvement rate) and
 * per agent, and the month-over-month trend chart (chart.js when the host inlines it, else SVG).
 */
import { z } from 'zod';
import { KpiTableSchema } from './kpis';
import { ErrorTrendSchema } from './errorTrends';
import { PatternEffectSchema, PatternReuseSchema } from './patternEffect';
import type { KpiRow, KpiTable } from './kpis';

export const ReportKpisSchema = z.object({
  byVersion: KpiTableSchema,
  byMonth: KpiTableSchema,
  byAgent: KpiTableSchema.optional(),
  patternEffects: z.array(PatternEffectSchema).optional(),
  reuse: PatternReuseSchema.optional(),
  errorTrends: z.array(ErrorTrendSchema).optional(),
});
export type ReportKpis = z.infer<typeof ReportKpisSchema>;

const pctOrDash = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);
const numOrDash = (x: number | null, digits: number) => (x === null ? '–' : x.toFixed(digits));
const signedPct = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`);

function table(title: string, keyName: string, t: KpiTable, withImprovement: boolean): string[] {
  const head = `| ${keyName} | calls | success | containment | escalation | AHT (s) | latency p50 (ms) | latency p90 (ms) | cost/call (USD) | errors | repeats |${withImprovement ? ' improvement |' : ''}`;
  const rule = `|---|${'---:|'.repeat(10)}${withImprovement ? '---:|' : ''}`;
  const rows = t.rows.map(
    (r: KpiRow) =>
      `| ${r.key} | ${r.calls} | ${pctOrDash(r.successRate)} | ${pctOrDash(r.containment)} | ${pctOrDash(r.escalation)} | ${numOrDash(r.ahtSeconds, 1)} | ${numOrDash(r.latencyMs.p50, 0)} | ${numOrDash(r.latencyMs.p90, 0)} | ${numOrDash(r.costPerCallUsd, 4)} | ${r.errors} | ${r.repeatErrors} |${withImprovement ? ` ${signedPct(r.improvementRate)} |` : ''}`,
  );
  return [`## ${title}`, '', head, rule, ...rows, ''];
}

export function kpiMarkdownLines(k: ReportKpis): string[] {
  return [
    ...table('KPIs by prompt version', 'version', k.byVersion, false),
    ...table('KPIs by month (UTC)', 'month', k.byMonth, true),
    ...(k.byAgent ? table('KPIs by agent', 'agent', k.byAgent, false) : []),
    ...effectLines(k),
    ...errorTrendLines(k),
  ];
}

function effectLines(k: ReportKpis): string[] {
  const out: string[] = [];
  if (k.patternEffects?.length) {
    out.push('## Pattern effectiveness', '', '| intent | situation | move | calls with | success with | calls without | success without | lift | 95 % interval |', '|---|---|---|---:|---:|---:|---:|---:|---|');
    for (const e of k.patternEffects) {
      const ci = e.liftInterval ? `${signedPct(e.liftInterval[0])} – ${signedPct(e.liftInterval[1])}` : '–';
      out.push(`| ${e.intent} | ${e.situation} | ${e.move} | ${e.used.calls} | ${pctOrDash(e.used.successRate)} | ${e.notUsed.calls} | ${pctOrDash(e.notUsed.successRate)} | ${signedPct(e.lift)} | ${ci} |`);
    }
    out.push('');
  }
  if (k.reuse && k.reuse.eligibleCalls > 0) {
    out.push('## Pattern reuse', '', `${k.reuse.reusedCalls} of ${k.reuse.eligibleCalls} calls in a situation with a learned pattern made its move (${pctOrDash(k.reuse.reuseRate)}).`, '');
    out.push('| month | eligible calls | reused | reuse rate |', '|---|---:|---:|---:|');
    for (const m of k.reuse.byMonth) out.push(`| ${m.month} | ${m.eligibleCalls} | ${m.reusedCalls} | ${pctOrDash(m.reuseRate)} |`);
    out.push('');
  }
  return out;
}

/** The series the trend chart draws, in percent. */
function trendSeries(k: ReportKpis) {
  const pctOf = (x: number | null) => (x === null ? null : +(100 * x).toFixed(2));
  return {
    labels: k.byMonth.rows.map((r) => r.key),
    success: k.byMonth.rows.map((r) => pctOf(r.successRate)),
    containment: k.byMonth.rows.map((r) => pctOf(r.containment)),
    escalation: k.byMonth.rows.map((r) => pctOf(r.escalation)),
  };
}

/** Month-over-month success, containment and escalation as a line chart in SVG (no script). */
export function kpiTrendSvg(k: ReportKpis): string {
  const s = trendSeries(k);
  const left = 44;
  const plotW = Math.max(240, 90 * s.labels.length);
  const plotH = 220;
  const top = 10;
  const width = left + plotW + 20;
  const height = top + plotH + 60;
  const x = (i: number) => left + (s.labels.length <= 1 ? plotW / 2 : (i * plotW) / (s.labels.length - 1));
  const y = (v: number) => top + plotH - (v / 100) * plotH;
  const line = (values: (number | null)[], color: string, name: string) => {
    const pts = values.flatMap((v, i) => (v === null ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`]));
    const dots = values.map((v, i) => (v === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${color}"><title>${name} ${s.labels[i]}: ${v} %</title></circle>`)).join('');
    return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(' ')}"/>${dots}`;
  };
  const grid = [0, 25, 50, 75, 100].map((t) => `<line x1="${left}" x2="${left + plotW}" y1="${y(t)}" y2="${y(t)}" stroke="var(--grid)"/><text x="${left - 6}" y="${y(t) + 4}" text-anchor="end">${t}%</text>`).join('');
  const labels = s.labels.map((l, i) => `<text x="${x(i).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle">${l}</text>`).join('');
  const legend = `<text x="${left}" y="${top + plotH + 40}" class="axis">success (green), containment (blue), escalation (red)</text>`;
  return `<svg role="img" aria-label="KPI trend by month" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">${grid}${labels}${line(s.success, 'var(--good)', 'success')}${line(s.containment, 'var(--accent)', 'containment')}${line(s.escalation, 'var(--bad)', 'escalation')}${legend}</svg>`;
}

/** chart.js version of the trend chart; `json` makes the data safe inside a <script> element. */
export function kpiChartScript(k: ReportKpis, json: (v: unknown) => string): string {
  return `(function(){var d=${json(trendSeries(k))};var css=getComputedStyle(document.documentElement);var c=function(n){return css.getPropertyValue(n).trim()};
new Chart(document.getElementById('kpi-trend-chart'),{type:'line',data:{labels:d.labels,datasets:[
{label:'success (%)',data:d.success,borderColor:c('--good'),backgroundColor:c('--good'),spanGaps:true},
{label:'containment (%)',data:d.containment,borderColor:c('--accent'),backgroundColor:c('--accent'),spanGaps:true},
{label:'escalation (%)',data:d.escalation,borderColor:c('--bad'),backgroundColor:c('--bad'),spanGaps:true}]},
options:{animation:false,maintainAspectRatio:false,responsive:true,scales:{y:{min:0,max:100,title:{display:true,text:'% of calls'},ticks:{color:c('--fg')},grid:{color:c('--grid')}},
x:{ticks:{color:c('--fg')},grid:{display:false}}},plugins:{legend:{labels:{color:c('--fg')}}}}});})();`;
}

function errorTrendLines(k: ReportKpis): string[] {
  const trends = k.errorTrends ?? [];
  if (!trends.length) return [];
  const months = trends[0]!.byMonth.map((m) => m.month);
  return [
    '## Error trends (one row per errors-stage fingerprint: tool, code and masked template)',
    '',
    `| tool | error | total | repeats | ${months.join(' | ')} |`,
    `|---|---|---:|---:|${months.map(() => '---:|').join('')}`,
    ...trends.map((t) => `| ${t.tool} | ${t.message.replace(/\|/g, '/')} | ${t.total} | ${t.repeats} | ${t.byMonth.map((m) => m.count).join(' | ')} |`),
    '',
  ];
}
