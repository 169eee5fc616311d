import '../shared/zodConfig';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import baseCss from '../shared/base.css';
import css from './style.css';
import type { DashboardView } from '../../shared/dashboardProtocol';
import { dashboardProtocol } from '../../shared/dashboardProtocol';
import type { KpiRow, KpiTable } from '../../shared/kpis';
import { Chart } from '../shared/charts';
import { adoptStyles, clear, h, themeColor } from '../shared/dom';
import { createIpc, messageReceivedAt } from '../shared/ipc';

const { connect, post } = createIpc(dashboardProtocol);

adoptStyles(baseCss, css);

const root = document.getElementById('app')!;
let trend: Chart | undefined;
let firstPaintReported = false;

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, d: number) => (x === null ? '–' : x.toFixed(d));

function kpiTable(id: string, caption: string, keyName: string, t: KpiTable): HTMLElement {
  const withImprovement = t.by === 'month';
  const head = [keyName, 'Calls', 'Success', 'Containment', 'Escalation', 'AHT (s)', 'Latency p50', 'Latency p90', 'Cost/call', 'Errors', 'Repeats', ...(withImprovement ? ['Improvement'] : [])];
  const row = (r: KpiRow) =>
    h(
      'tr',
      { 'data-key': r.key },
      h('td', {}, r.key),
      h('td', {}, r.calls.toLocaleString()),
      h('td', {}, pct(r.successRate)),
      h('td', {}, pct(r.containment)),
      h('td', {}, pct(r.escalation)),
      h('td', {}, fixed(r.ahtSeconds, 1)),
      h('td', {}, r.latencyMs.p50 === null ? '–' : `${r.latencyMs.p50.toFixed(0)} ms`),
      h('td', {}, r.latencyMs.p90 === null ? '–' : `${r.latencyMs.p90.toFixed(0)} ms`),
      h('td', {}, r.costPerCallUsd === null ? '–' : `$${r.costPerCallUsd.toFixed(4)}`),
      h('td', {}, String(r.errors)),
      h('td', {}, String(r.repeatErrors)),
      withImprovement
        ? h('td', { class: r.improvementRate === null ? '' : r.improvementRate >= 0 ? 'up' : 'down' }, r.improvementRate === null ? '–' : `${r.improvementRate >= 0 ? '+' : ''}${(r.improvementRate * 100).toFixed(1)}%`)
        : null,
    );
  return h('section', {}, h('h2', {}, caption), h('table', { class: 'kpis', id }, h('tr', {}, ...head.map((x) => h('th', { scope: 'col' }, x))), ...t.rows.map(row)));
}

/** Success, containment and escalation month by month (percent of calls). */
function trendChart(canvas: HTMLCanvasElement, months: KpiTable): Chart {
  const fg = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
  const series = (label: string, pick: (r: KpiRow) => number | null, color: string) => ({
    label,
    data: months.rows.map((r) => {
      const v = pick(r);
      return v === null ? null : +(v * 100).toFixed(2);
    }),
    borderColor: color,
    backgroundColor: color,
    spanGaps: true,
  });
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: months.rows.map((r) => r.key),
      datasets: [
        series('Success %', (r) => r.successRate, themeColor('--vscode-charts-green', '#89d185')),
        series('Containment %', (r) => r.containment, themeColor('--vscode-charts-blue', '#3794ff')),
        series('Escalation %', (r) => r.escalation, themeColor('--vscode-charts-red', '#f14c4c')),
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      color: fg,
      scales: { x: { ticks: { color: fg }, grid: { color: grid } }, y: { min: 0, max: 100, ticks: { color: fg }, grid: { color: grid }, title: { display: true, text: '% of calls', color: fg } } },
      plugins: { legend: { labels: { color: fg } } },
    },
  });
}

function render(v: DashboardView | null): number {
  trend?.destroy();
  trend = undefined;
  clear(root);
  root.append(h('h1', {}, 'Kaizen Dashboard'));
  if (!v || v.totalCalls === 0) {
    root.append(h('p', { class: 'empty', id: 'empty-state' }, 'No calls yet — run Kaizen: Import Calls or connect a live endpoint; the dashboard updates as calls arrive.'));
    return 0;
  }
  root.append(
    h('p', { class: 'muted', id: 'summary' }, `${v.totalCalls.toLocaleString()} calls${v.source === 'simulation' ? ' of a simulated fleet' : ''} · computed ${new Date(v.computedAt).toISOString().replace('T', ' ').slice(0, 19)} UTC`),
    h('vscode-button', { id: 'refresh' }, v.source === 'simulation' ? 'Show my store' : 'Refresh'),
  );
  root.querySelector('#refresh')!.addEventListener('click', () => post({ type: 'refresh' }));
  const canvas = h('canvas', { id: 'trend-chart', role: 'img', 'aria-label': 'Success, containment and escalation by month' });
  root.append(h('h2', {}, 'Trend by month'), h('div', { class: 'trend' }, canvas));
  root.append(kpiTable('by-version', 'By prompt version', 'Version', v.byVersion), kpiTable('by-month', 'By month (UTC)', 'Month', v.byMonth), kpiTable('by-agent', 'By agent', 'Agent', v.byAgent));
  if (v.byMonth.rows.length) trend = trendChart(canvas, v.byMonth);
  return v.byVersion.rows.length + v.byMonth.rows.length + v.byAgent.rows.length;
}

root.append(h('p', { class: 'muted' }, 'Loading KPIs…'));

connect({
  kpis: (m) => {
    const started = messageReceivedAt();
    const rows = render(m.data);
    requestAnimationFrame(() => {
      const ms = performance.now() - started;
      document.body.dataset.firstPaintMs = ms.toFixed(1);
      if (!firstPaintReported) {
        firstPaintReported = true;
        post({ type: 'rendered', app: 'dashboard', firstPaintMs: ms, rows });
      }
    });
  },
  error: (m) => {
    root.prepend(h('div', { class: 'error-banner', role: 'alert' }, m.message));
  },
  busy: () => {},
});
