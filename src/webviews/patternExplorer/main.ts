import '../shared/zodConfig';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import baseCss from '../shared/base.css';
import css from './style.css';
import type { PatternEvidence, PatternExplorerData, PatternRow } from '../../shared/viewModels';
import type { Chart } from '../shared/charts';
import { intervalChart } from '../shared/charts';
import { adoptStyles, clear, h, percent, signed } from '../shared/dom';
import { pText } from '../../shared/format';
import { patternExplorerProtocol } from '../../shared/patternExplorerProtocol';
import { createIpc, messageReceivedAt, loadUiState, newRequestId, saveUiState } from '../shared/ipc';
import type { Filters, SortKey } from './model';
import { ALL, applyFilters, defaultFilters, distinct, isFilters, strategyStats } from './model';
import { VirtualList } from './virtualList';

const { connect, post } = createIpc(patternExplorerProtocol);

adoptStyles(baseCss, css);

interface SelectElement extends HTMLElement {
  value: string;
}

const root = document.getElementById('app')!;
let data: PatternExplorerData | undefined;
let filters: Filters = loadUiState(isFilters) ?? { ...defaultFilters };
let visible: PatternRow[] = [];
let chart: Chart | undefined;
let pendingEvidence = 0;
let firstPaintReported = false;

const summary = h('p', { class: 'muted', id: 'summary' }, 'Loading patterns…');
const busy = h('span', { class: 'busy', hidden: true }, h('vscode-progress-ring', { 'aria-label': 'Working' }), h('span', {}, ''));
const errorBanner = h('div', { class: 'error-banner', role: 'alert', hidden: true });
const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Filters' });
const chartCanvas = h('canvas', { id: 'strategy-chart', role: 'img', 'aria-label': 'Success rate with 95% confidence interval per strategy' });
const chartTable = h('table', { class: 'sr-only', id: 'strategy-table' });
const chartSection = h('section', { 'aria-labelledby': 'chart-title' }, h('h2', { id: 'chart-title' }, 'Success rate by strategy (95% CI)'), h('div', { class: 'chart-box' }, chartCanvas), chartTable);
const countLabel = h('span', { class: 'muted', id: 'count' });
const detail = h('section', { class: 'detail', id: 'detail', 'aria-live': 'polite', 'aria-label': 'Pattern detail' }, h('p', { class: 'muted' }, 'Select a pattern (↑/↓, Enter) to see its evidence.'));

const list = new VirtualList<PatternRow>({
  rowHeight: 28,
  label: 'Patterns',
  renderRow: (p) =>
    h(
      'div',
      { class: 'row', title: `${p.intent} · ${p.trigger} → ${p.strategy}` },
      h('span', {}, `${p.intent} · ${p.trigger}`),
      h('span', {}, p.strategy),
      h('span', { class: p.effect }, `${percent(p.successRate)} [${percent(p.ciLow)}–${percent(p.ciHigh)}]`),
      h('span', { class: p.effect }, signed(p.lift)),
      h('span', {}, String(p.support)),
    ),
  onOpen: (p) => showDetail(p),
});

const listHeader = h('div', { class: 'row list-header', 'aria-hidden': 'true' }, h('span', {}, 'Intent · trigger'), h('span', {}, 'Strategy'), h('span', {}, 'Success [95% CI]'), h('span', {}, 'Lift'), h('span', {}, 'Calls'));
const content = h('div', { id: 'content' });

root.append(
  h('header', {}, h('h1', {}, 'Pattern Explorer'), h('div', {}, summary, busy)),
  errorBanner,
  content,
);

function select(id: string, label: string, options: Array<[string, string]>, value: string, onChange: (v: string) => void): HTMLElement {
  const el = h('vscode-single-select', { id, 'aria-label': label }) as SelectElement;
  for (const [v, text] of options) el.append(h('vscode-option', { value: v, selected: v === value }, text));
  el.addEventListener('change', () => onChange(el.value));
  return h('label', {}, label, el);
}

function buildToolbar(d: PatternExplorerData): void {
  clear(toolbar);
  const intents = distinct(d.patterns, 'intent');
  const strategies = distinct(d.patterns, 'strategy');
  if (filters.intent !== ALL && !intents.includes(filters.intent)) filters.intent = ALL;
  if (filters.strategy !== ALL && !strategies.includes(filters.strategy)) filters.strategy = ALL;
  const update = (patch: Partial<Filters>) => {
    filters = { ...filters, ...patch };
    saveUiState(filters);
    renderResults();
  };
  const refresh = h('vscode-button', { id: 'refresh', secondary: true }, 'Refresh');
  refresh.addEventListener('click', () => post({ type: 'refresh' }));
  toolbar.append(
    select('filter-intent', 'Intent', [[ALL, 'All intents'], ...intents.map((i): [string, string] => [i, i])], filters.intent, (v) => update({ intent: v })),
    select(
      'filter-outcome',
      'Outcome',
      [
        [ALL, 'All outcomes'],
        ['success', 'Raises success'],
        ['failure', 'Lowers success'],
        ['inconclusive', 'Inconclusive'],
      ],
      filters.effect,
      (v) => update({ effect: v as Filters['effect'] }),
    ),
    select('filter-strategy', 'Strategy', [[ALL, 'All strategies'], ...strategies.map((s): [string, string] => [s, s])], filters.strategy, (v) => update({ strategy: v })),
    select(
      'sort',
      'Sort by',
      [
        ['lift', 'Lift'],
        ['confidence', 'Confidence (CI lower bound)'],
        ['support', 'Support (calls)'],
      ],
      filters.sort,
      (v) => update({ sort: v as SortKey }),
    ),
    refresh,
  );
}

function renderChart(rows: PatternRow[]): void {
  const stats = strategyStats(rows).slice(0, 20);
  const points = stats.map((s) => ({ label: s.strategy, value: s.rate, low: s.low, high: s.high }));
  if (chart) {
    chart.destroy();
    chart = undefined;
  }
  clear(chartTable);
  chartTable.append(h('tr', {}, h('th', {}, 'Strategy'), h('th', {}, 'Success rate'), h('th', {}, '95% CI'), h('th', {}, 'Calls')));
  for (const s of stats) chartTable.append(h('tr', {}, h('td', {}, s.strategy), h('td', {}, percent(s.rate, 1)), h('td', {}, `${percent(s.low, 1)} – ${percent(s.high, 1)}`), h('td', {}, String(s.support))));
  if (points.length > 0) chart = intervalChart(chartCanvas, points, { percent: true, yLabel: 'Success rate' });
}

function renderResults(): void {
  if (!data) return;
  visible = applyFilters(data.patterns, filters);
  countLabel.textContent = `${visible.length.toLocaleString()} of ${data.patterns.length.toLocaleString()} patterns`;
  list.setItems(visible);
  renderChart(visible);
}

function render(d: PatternExplorerData): void {
  data = d;
  clear(content);
  const analyzed = d.analyzedAt ? ` · analyzed ${new Date(d.analyzedAt).toLocaleString()}` : '';
  summary.textContent = `${d.patterns.length.toLocaleString()} patterns from ${d.totalCalls.toLocaleString()} calls · ${d.source}${analyzed}`;
  if (d.patterns.length === 0) {
    const message =
      d.totalCalls === 0 ? 'No calls yet — run Kaizen: Import Calls (or Kaizen: Generate Sample Calls).' : 'No patterns yet — run Kaizen: Analyze to find them.';
    content.append(h('p', { class: 'empty', id: 'empty-state' }, message));
    return;
  }
  buildToolbar(d);
  content.append(
    toolbar,
    chartSection,
    h('div', { class: 'layout' }, h('section', { 'aria-label': 'Patterns' }, h('h2', {}, 'Patterns ', countLabel), listHeader, list.element), detail),
  );
  renderResults();
}

function showDetail(p: PatternRow): void {
  clear(detail);
  detail.append(
    h('h2', { id: 'detail-title' }, `${p.intent} · ${p.trigger} → ${p.strategy}`),
    h(
      'dl',
      {},
      h('dt', {}, 'Success rate'),
      h('dd', { class: p.effect }, `${percent(p.successRate, 1)} (95% CI ${percent(p.ciLow, 1)} – ${percent(p.ciHigh, 1)})`),
      h('dt', {}, 'Lift'),
      h('dd', {}, `${signed(p.lift)} over the situation's ordinary moves (${pText(p.liftPValue, 'adjusted p')}${p.liftPValue < 0.05 ? '' : ': not significant, may be chance'})`),
      h('dt', {}, 'Calls'),
      h('dd', {}, `${p.successes} of ${p.support} succeeded`),
    ),
    h('h2', {}, 'Evidence'),
  );
  if (p.template) detail.insertBefore(h('p', { class: 'template' }, p.template), detail.lastElementChild);
  if (p.exampleCallIds.length === 0) {
    detail.append(h('p', { class: 'muted' }, 'This pattern keeps no example calls.'));
    return;
  }
  const id = newRequestId();
  pendingEvidence = id;
  detail.append(h('p', { class: 'muted', id: 'evidence-loading' }, 'Loading redacted example calls…'));
  post({ type: 'getEvidence', id, patternId: p.id, limit: 5 });
}

function renderEvidence(ev: PatternEvidence): void {
  detail.querySelector('#evidence-loading')?.remove();
  if (ev.calls.length === 0) {
    detail.append(h('p', { class: 'muted' }, 'The example calls are no longer stored (retention).'));
    return;
  }
  for (const call of ev.calls) {
    const open = h('vscode-button', { secondary: true, 'data-call': call.callId, 'aria-label': `Open call ${call.callId}` }, 'Open call');
    open.addEventListener('click', () => post({ type: 'openCall', callId: call.callId }));
    const turns = call.turns.map((t) =>
      h('div', { class: `turn${t.signal ? ` signal-${t.signal}` : ''}`, title: t.signal ? `${t.signal} signal` : undefined }, h('span', { class: 'role' }, `${t.role}:`), t.text),
    );
    detail.append(h('article', { class: 'evidence-call', 'aria-label': `Call ${call.callId}` }, h('header', {}, h('strong', {}, call.callId), h('span', { class: call.outcome }, call.outcome), open), ...turns));
  }
}

connect({
  patterns: (m) => {
    const started = messageReceivedAt();
    errorBanner.hidden = true;
    render(m.data);
    requestAnimationFrame(() => {
      const ms = performance.now() - started;
      document.body.dataset.firstPaintMs = ms.toFixed(1);
      if (!firstPaintReported) {
        firstPaintReported = true;
        post({ type: 'rendered', app: 'patternExplorer', firstPaintMs: ms, rows: m.data.patterns.length });
      }
    });
  },
  evidence: (m) => {
    if (m.id === pendingEvidence) renderEvidence(m.data);
  },
  error: (m) => {
    errorBanner.textContent = m.message;
    errorBanner.hidden = false;
    if (m.id !== undefined && m.id === pendingEvidence) detail.querySelector('#evidence-loading')?.remove();
  },
  busy: (m) => {
    busy.hidden = !m.busy;
    busy.lastElementChild!.textContent = m.message ?? '';
  },
});
