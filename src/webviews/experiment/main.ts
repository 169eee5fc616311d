import '../shared/zodConfig';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import baseCss from '../shared/base.css';
import css from './style.css';
import type { ExperimentView } from '../../shared/viewModels';
import type { Chart } from '../shared/charts';
import { bandChart, intervalChart } from '../shared/charts';
import { adoptStyles, clear, h, percent } from '../shared/dom';
import { pText, pValueCell } from '../../shared/format';
import { experimentProtocol } from '../../shared/experimentProtocol';
import { createIpc, messageReceivedAt } from '../shared/ipc';

const { connect, post } = createIpc(experimentProtocol);

adoptStyles(baseCss, css);

const root = document.getElementById('app')!;
const charts: Chart[] = [];
let firstPaintReported = false;


function fmtLift(v: ExperimentView, x: number | undefined): string {
  if (x === undefined) return '—';
  const s = v.liftKind === 'relative' ? `${(x * 100).toFixed(1)}%` : `${(x * 100).toFixed(1)} pp`;
  return x > 0 ? `+${s}` : s;
}

function picker(experiments: Array<{ id: string; name: string }>, current: string | undefined): HTMLElement | null {
  if (experiments.length < 2) return null;
  const el = h('vscode-single-select', { id: 'experiment-picker', 'aria-label': 'Experiment' }) as HTMLElement & { value: string };
  for (const e of experiments) el.append(h('vscode-option', { value: e.id, selected: e.id === current }, e.name));
  el.addEventListener('change', () => post({ type: 'selectExperiment', experimentId: el.value }));
  return h('label', {}, 'Experiment ', el);
}

function render(v: ExperimentView | null, experiments: Array<{ id: string; name: string }>): number {
  for (const c of charts.splice(0)) c.destroy();
  clear(root);
  if (!v) {
    root.append(
      h('h1', {}, 'Experiment Statistics'),
      h('p', { class: 'empty', id: 'empty-state' }, 'No experiments yet — create one from an approved prompt enhancement (kaizen experiment create), then open it here.'),
    );
    return 0;
  }
  const control = v.variants.find((x) => x.isControl);
  const header = h(
    'header',
    {},
    h('h1', { id: 'experiment-name' }, v.name),
    h(
      'p',
      { class: 'muted' },
      `${v.status} · primary metric: ${v.primaryMetric}`,
      v.rollout ? h('span', { class: 'rollout', id: 'rollout' }, ' · rollout ', h('vscode-badge', {}, /%/.test(v.rollout.stage) ? v.rollout.stage : `${v.rollout.stage} ${v.rollout.percent}%`)) : null,
    ),
    picker(experiments, v.id),
  );
  const verdict = h(
    'div',
    { class: `verdict ${v.verdict.kind}`, id: 'verdict', role: 'status' },
    h('strong', {}, v.verdict.kind.replace(/-/g, ' ')),
    ` — ${v.verdict.summary}`,
    v.verdict.pValue !== undefined ? ` (${pText(v.verdict.pValue)}, α = ${v.verdict.alpha})` : '',
  );
  const table = h(
    'table',
    { class: 'stats', id: 'variants' },
    h('caption', { class: 'sr-only' }, 'Per-variant metrics with 95% intervals'),
    h('tr', {}, ...['Variant', 'Exposures', 'Conversions', 'Rate [95% CI]', `Lift vs ${control?.name ?? 'control'} [95% CI]`, 'p'].map((t) => h('th', { scope: 'col' }, t))),
    ...v.variants.map((x) =>
      h(
        'tr',
        {},
        h('td', {}, x.name, x.isControl ? h('span', { class: 'muted' }, ' (control)') : null),
        h('td', {}, x.exposures.toLocaleString()),
        h('td', {}, x.conversions.toLocaleString()),
        h('td', {}, `${percent(x.rate, 1)} [${percent(x.ciLow, 1)} – ${percent(x.ciHigh, 1)}]`),
        h('td', {}, x.isControl ? '—' : `${fmtLift(v, x.lift)} [${fmtLift(v, x.liftLow)} – ${fmtLift(v, x.liftHigh)}]`),
        h('td', {}, pValueCell(x.pValue)),
      ),
    ),
  );
  const expectedTotal = v.srm.observedCounts.reduce((a, b) => a + b, 0);
  const srm = h(
    'p',
    { class: `srm ${v.srm.ok ? 'ok' : 'bad'}`, id: 'srm' },
    v.srm.ok ? 'Sample ratio OK' : 'Sample ratio mismatch — the split is broken; do not trust the result',
    ` (${pText(v.srm.pValue, 'χ² p')}; observed ${v.srm.observedCounts.join(' / ')}, expected ${v.srm.expectedShares.map((s) => Math.round(s * expectedTotal)).join(' / ')})`,
  );
  const rateCanvas = h('canvas', { id: 'variant-chart', role: 'img', 'aria-label': 'Rate per variant with 95% interval' });
  const liftCanvas = h('canvas', { id: 'lift-chart', role: 'img', 'aria-label': 'Cumulative lift over time with 95% interval' });
  root.append(
    header,
    verdict,
    h('h2', {}, 'Variants'),
    table,
    srm,
    h(
      'div',
      { class: 'grid2' },
      h('section', {}, h('h2', {}, 'Rate per variant'), h('div', { class: 'chart-box' }, rateCanvas)),
      h(
        'section',
        {},
        h('h2', {}, 'Cumulative lift'),
        v.cumulative.length > 1 ? h('div', { class: 'chart-box' }, liftCanvas) : h('p', { class: 'muted' }, 'Not enough days of data for a trend yet.'),
      ),
    ),
  );
  if (v.guardrails.length > 0) {
    root.append(
      h('h2', {}, 'Guardrails'),
      h(
        'p',
        { class: 'muted', id: 'guardrail-legend' },
        'Change is relative to control and signed so that negative is worse, whatever the metric\'s direction (an escalation rise shows as negative). ' +
          'Limit is the worst change tolerated; a guardrail is breached when the change is past the limit and significantly worse than control.',
      ),
      h(
        'table',
        { class: 'stats', id: 'guardrails' },
        h('caption', { class: 'sr-only' }, 'Guardrail checks: relative change against control (negative is worse) with 95% interval and the limit'),
        h('tr', {}, ...['Variant', 'Metric', 'Change [95% CI]', 'Limit', 'Status'].map((t) => h('th', { scope: 'col' }, t))),
        ...v.guardrails.map((g) =>
          h(
            'tr',
            { title: g.reason },
            h('td', {}, g.variant),
            h('td', {}, g.metric),
            h('td', {}, `${(g.change * 100).toFixed(1)}% [${(g.ci[0] * 100).toFixed(1)}% – ${(g.ci[1] * 100).toFixed(1)}%]`),
            h('td', {}, `${(g.threshold * 100).toFixed(1)}%`),
            h('td', { class: g.breached ? 'failure' : 'success' }, g.breached ? 'breached' : 'held'),
          ),
        ),
      ),
    );
  }
  if (v.timeline.length > 0) {
    root.append(
      h('h2', {}, 'History'),
      h(
        'ol',
        { class: 'timeline', id: 'timeline' },
        ...v.timeline.map((t) =>
          h('li', {}, h('span', { class: 'muted' }, `${new Date(t.ts).toISOString().slice(0, 16).replace('T', ' ')} · ${t.kind}${t.percent !== null ? ` · ${t.percent}%` : ''} — `), t.reason),
        ),
      ),
    );
  }
  charts.push(intervalChart(rateCanvas, v.variants.map((x) => ({ label: x.name, value: x.rate, low: x.ciLow, high: x.ciHigh })), { percent: true, yLabel: v.primaryMetric }));
  if (v.cumulative.length > 1) charts.push(bandChart(liftCanvas, v.cumulative.map((c) => ({ ts: c.ts, value: c.lift, low: c.low, high: c.high })), 'Lift'));
  return v.variants.length;
}

root.append(h('p', { class: 'muted' }, 'Loading experiment…'));

connect({
  experiment: (m) => {
    const started = messageReceivedAt();
    const rows = render(m.data, m.experiments);
    requestAnimationFrame(() => {
      const ms = performance.now() - started;
      document.body.dataset.firstPaintMs = ms.toFixed(1);
      if (!firstPaintReported) {
        firstPaintReported = true;
        post({ type: 'rendered', app: 'experiment', firstPaintMs: ms, rows });
      }
    });
  },
  error: (m) => {
    root.prepend(h('div', { class: 'error-banner', role: 'alert' }, m.message));
  },
  busy: () => {},
});
