import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { renderReportHtml, renderReportMarkdown } from '../../../src/engine/analytics/report';
import type { RunReportInput } from '../../../src/engine/analytics/report';

const report: RunReportInput = {
  title: 'Kaizen demo',
  generatedAt: Date.UTC(2026, 10, 25),
  import: { files: ['a.jsonl'], calls: 5000, events: 80000, rejected: 2, duplicates: 10, seconds: 0.5 },
  privacy: { entitiesRedacted: 120, byType: { EMAIL: 70, PHONE: 50 } },
  outcomes: { success: 3000, failure: 1800, unknown: 200 },
  intents: [{ intent: 'account_access', calls: 800, successRate: 0.61 }],
  topPatterns: [
    {
      id: 'p1',
      intent: 'purchase_dispute',
      trigger: 'price-objection',
      strategy: 'value-reframing <script>',
      support: 120,
      successes: 96,
      successRate: 0.8,
      confidence: { low: 0.72, high: 0.86, level: 0.95, method: 'wilson' },
      lift: 0.3,
      liftPValue: 1e-6,
      exampleCallIds: [],
      updatedAt: 0,
    },
  ],
  decisionTrees: [
    { intent: 'account_access', mermaid: 'flowchart TD\n  a-->b' },
    {
      intent: 'billing <b>',
      mermaid: 'flowchart TD\n  c-->d',
      root: {
        type: 'split',
        n: 40,
        feature: 'trigger',
        best: 'refund',
        bestRate: 0.7,
        branches: [
          { value: 'double-charge', node: { type: 'leaf', n: 25, best: 'refund-first', bestRate: 0.8, bestLow: 0.6, actions: [{ action: 'refund-first', n: 20, s: 16, rate: 0.8, low: 0.6, high: 0.92 }] } },
          { value: 'late-fee', node: { type: 'leaf', n: 15, best: 'policy-citation', bestRate: 0.4, bestLow: 0.2, actions: [{ action: 'policy-citation', n: 10, s: 4, rate: 0.4, low: 0.2, high: 0.7 }] } },
        ],
      },
    },
  ],
};

describe('run report', () => {
  it('renders the figures in Markdown', () => {
    const md = renderReportMarkdown(report);
    assert.match(md, /5,000 calls \(80,000 events\)/);
    assert.match(md, /10,000 calls\/s/);
    assert.match(md, /\| purchase_dispute \| price-objection \| value-reframing <script> \| 120 \| 80\.0 % \| 72\.0 % – 86\.0 % \| \+30\.0 pts \|/);
    assert.match(md, /```mermaid\nflowchart TD/);
  });

  it('renders self-contained HTML that escapes data and loads nothing', () => {
    const html = renderReportHtml(report);
    assert.ok(!html.includes('<script>'), 'data is escaped');
    assert.match(html, /value-reframing &lt;script&gt;/);
    assert.match(html, /default-src 'none'/);
    assert.ok(!/src=|href=/.test(html), 'no external resources');
    assert.match(html, /<svg role="img"/);
    assert.match(html, /<td class="num">120<\/td>/);
  });

  it('puts the chart under the title, keeps long axis labels inside the picture, and draws every decision tree', () => {
    const long = { ...report.topPatterns![0]!, intent: 'a_long_intent_name', trigger: 'an-equally-long-situation-label', strategy: 'and-a-long-move' };
    const html = renderReportHtml({ ...report, topPatterns: [long] });
    const title = html.indexOf('<h1>');
    const chart = html.indexOf('<svg role="img"');
    const importSection = html.indexOf('<h2>Import</h2>');
    assert.ok(title >= 0 && title < chart && chart < importSection, 'title, then the chart, then the sections');
    const viewBoxWidth = Number(/<svg role="img"[^>]*viewBox="0 0 (\d+)/.exec(html)![1]);
    const labelAnchor = Number(/<text x="(\d+)" y="\d+" text-anchor="end"><title>a_long_intent/.exec(html)![1]);
    assert.ok(labelAnchor >= 'a_long_intent_name · an-equally-long-situation-label · and-a-long-move'.length * 6.8, 'the label fits left of the plot');
    assert.ok(viewBoxWidth > labelAnchor + 400);
    assert.match(html, /success rate \(bar\) with 95% interval/, 'the x axis is labelled');
    assert.equal((html.match(/<h2>Decision tree: /g) ?? []).length, 2, 'every tree is listed');
    assert.equal((html.match(/<svg class="tree"/g) ?? []).length, 1, 'a tree with its root is drawn');
    assert.match(html, /refund-first/);
    assert.match(html, /80% success in 20 of 25/);
    assert.match(html, /billing &lt;b&gt;/);
    assert.ok(!html.includes('```'), 'no raw Mermaid fences');
  });

  it('inlines chart.js under a CSP that allows exactly the inlined scripts, and loads nothing', () => {
    const chartJs = '/* chart.js stand-in for the test: the real bundle is inlined by the CLI */ window.Chart = function () {};';
    const hash = (t: string) => createHash('sha256').update(t, 'utf8').digest('base64');
    const html = renderReportHtml(report, { chartJs, sha256Base64: hash });
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    assert.equal(scripts.length, 2);
    assert.equal(scripts[0], chartJs);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    assert.match(csp, /default-src 'none'/);
    for (const s of scripts) assert.ok(csp.includes(`'sha256-${hash(s)}'`), 'each inline script is allowed by its hash');
    assert.ok(!/<script[^>]+src=/.test(html) && !/<link /.test(html), 'no remote script or stylesheet');
    assert.ok(!scripts[1]!.includes('<script>'), 'the data in the init script is escaped');
    assert.match(html, /<canvas id="pattern-chart"/);
  });

  it('rejects a malformed report naming the field', () => {
    assert.throws(() => renderReportMarkdown({ ...report, import: { ...report.import, calls: 'many' as unknown as number } }), /import.*calls|calls/);
  });
});
