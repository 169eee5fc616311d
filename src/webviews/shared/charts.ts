import { BarController, BarElement, CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { themeColor } from './dom';
import { dedupeRunLabels } from '../../shared/format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

export { Chart };

export interface IntervalPoint {
  label: string;
  value: number;
  low: number;
  high: number;
}

function colors() {
  return {
    fg: themeColor('--vscode-foreground', '#cccccc'),
    grid: themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)'),
    bar: themeColor('--vscode-charts-blue', '#3794ff'),
    point: themeColor('--vscode-charts-orange', '#d18616'),
    font: themeColor('--vscode-font-family', 'sans-serif'),
  };
}

/**
 * A rate with its confidence interval per category: the interval as a floating bar, the estimate as a
 * point on it. Animation is off so the first paint is the final picture.
 */
export function intervalChart(canvas: HTMLCanvasElement, points: IntervalPoint[], options: { percent: boolean; yLabel: string }): Chart {
  const c = colors();
  const fmt = (v: number) => (options.percent ? `${(v * 100).toFixed(1)}%` : v.toFixed(3));
  // A mixed chart (floating bars + points) does not fit chart.js's single-type generics.
  return new Chart<'bar' | 'line', Array<number | [number, number]>, string>(canvas, {
    data: {
      labels: points.map((p) => p.label),
      datasets: [
        {
          type: 'bar',
          label: '95% interval',
          data: points.map((p) => [p.low, p.high] as [number, number]),
          backgroundColor: `${c.bar}66`,
          borderColor: c.bar,
          borderWidth: 1,
          barPercentage: 0.5,
        },
        {
          type: 'line',
          label: options.yLabel,
          data: points.map((p) => p.value),
          showLine: false,
          pointRadius: 5,
          pointHoverRadius: 7,
          pointBackgroundColor: c.point,
          borderColor: c.point,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      color: c.fg,
      scales: {
        x: { ticks: { color: c.fg }, grid: { color: c.grid } },
        y: {
          ticks: { color: c.fg, callback: (v) => fmt(Number(v)) },
          grid: { color: c.grid },
          ...(options.percent ? { min: 0, max: 1 } : {}),
          title: { display: true, text: options.yLabel, color: c.fg },
        },
      },
      plugins: {
        legend: { labels: { color: c.fg } },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const p = points[ctx.dataIndex];
              return p ? `${fmt(p.value)} (95% CI ${fmt(p.low)} – ${fmt(p.high)})` : '';
            },
          },
        },
      },
    },
  });
}

/** A line over time with its interval band drawn as two thin lines. */
export function bandChart(canvas: HTMLCanvasElement, series: Array<{ ts: number; value: number; low: number; high: number }>, yLabel: string): Chart {
  const c = colors();
  // Days when the series spans days; hours and minutes when it all happened within two days.
  const span = series.length > 1 ? series[series.length - 1]!.ts - series[0]!.ts : 0;
  const full = series.map((s) => (span > 2 * 86400000 ? new Date(s.ts).toISOString().slice(0, 10) : new Date(s.ts).toISOString().slice(5, 16).replace('T', ' ')));
  // Several points a day share a date: the axis names each date once, the tooltip keeps the full label.
  const labels = dedupeRunLabels(full);
  const thin = { borderWidth: 1, pointRadius: 0, borderDash: [4, 3], borderColor: c.grid };
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: yLabel, data: series.map((s) => s.value), borderColor: c.bar, pointRadius: 2 },
        { label: '95% low', data: series.map((s) => s.low), ...thin },
        { label: '95% high', data: series.map((s) => s.high), ...thin },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      color: c.fg,
      scales: {
        x: { ticks: { color: c.fg }, grid: { color: c.grid } },
        y: { ticks: { color: c.fg, callback: (v) => `${(Number(v) * 100).toFixed(1)}%` }, grid: { color: c.grid }, title: { display: true, text: yLabel, color: c.fg } },
      },
      plugins: { legend: { labels: { color: c.fg } }, tooltip: { callbacks: { title: (items) => full[items[0]?.dataIndex ?? 0] ?? '' } } },
    },
  });
}
