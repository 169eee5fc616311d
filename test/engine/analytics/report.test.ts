import assert from 'node:assert/strict';
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
  decisionTrees: [{ intent: 'account_access', mermaid: 'flowchart TD\n  a-->b' }],
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

  it('rejects a malformed report naming the field', () => {
    assert.throws(() => renderReportMarkdown({ ...report, import: { ...report.import, calls: 'many' as unknown as number } }), /import.*calls|calls/);
  });
});
