import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox, withOfflinePage } from './helpers';
import type { CliSandbox } from './helpers';


describe('cli: kaizen report on your own store', function () {
  this.timeout(180_000);
  let box: CliSandbox;
  before(async () => {
    box = cliSandbox('kaizen-cli-report-');
    assert.equal((await box.run('samples', '--count', '1500', '--out', 's')).code, 0);
    const file = readdirSync(path.join(box.cwd, 's')).find((f) => f.endsWith('.jsonl'))!;
    assert.equal((await box.run('import', path.join('s', file), '--store', 'k.db')).code, 0);
    const analyzed = await box.run('analyze', '--store', 'k.db');
    assert.equal(analyzed.code, 0, analyzed.stderr);
  });
  after(() => box.dispose());

  it('writes Markdown to stdout with every decision tree', async () => {
    const md = await box.run('report', '--store', 'k.db');
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Kaizen report\n/);
    assert.match(md.stdout, /^1,500 calls \(\d[\d,]* events\) from 1 file\(s\)\.$/m);
    assert.match(md.stdout, /^## Outcomes/m);
    assert.match(md.stdout, /^## Top patterns/m);
    assert.match(md.stdout, /^## KPIs by month \(UTC\)/m);
    assert.match(md.stdout, /^## Pattern effectiveness/m);
    assert.match(md.stdout, /^\d+ of \d+ calls in a situation with a learned pattern made its move/m);
    const trees = (await box.run('tree', '--store', 'k.db', '--json')).stdout.trim().split('\n');
    assert.equal((md.stdout.match(/^## Decision tree: /gm) ?? []).length, trees.length);
  });

  it('writes standalone HTML (chart.js inlined, trees drawn) that opens offline in Chromium without a request or an error', async () => {
    const r = await box.run('report', '--store', 'k.db', '--format', 'html', '--out', 'out/report.html');
    assert.equal(r.code, 0, r.stderr);
    const file = path.join(box.cwd, 'out', 'report.html');
    const html = readFileSync(file, 'utf8');
    assert.ok(!/<script[^>]+src=/i.test(html) && !/<link /i.test(html), 'no remote script or stylesheet');
    assert.match(html, /Chart\.js v4/, 'the chart.js bundle is inlined');
    assert.ok(html.indexOf('<h1>') < html.indexOf('<canvas id="pattern-chart"'), 'the chart is under the title');
    const trees = (await box.run('tree', '--store', 'k.db', '--json')).stdout.trim().split('\n');
    assert.equal((html.match(/<svg class="tree"/g) ?? []).length, trees.length, 'every tree is drawn');

    await withOfflinePage(file, async (page, problems) => {
      // Page code as strings: this test compiles without the DOM library.
      await page.waitForFunction(
        "(() => { const c = document.getElementById('pattern-chart'); return c !== null && c.width > 0 && window.Chart !== undefined && window.Chart.getChart(c) !== undefined; })()",
        undefined,
        { timeout: 30_000 },
      );
      assert.deepEqual(problems, []);
      // Every pattern label is drawn inside the canvas: chart.js sizes the y axis to its longest label.
      const axis = (await page.evaluate(
        "(() => { const chart = window.Chart.getChart(document.getElementById('pattern-chart')); return { left: chart.scales.y.left, width: chart.scales.y.width, labels: chart.data.labels.length }; })()",
      )) as { left: number; width: number; labels: number };
      assert.ok(axis.left >= 0 && axis.width > 100 && axis.labels > 0, JSON.stringify(axis));
      const drawn = (await page.evaluate("[...document.querySelectorAll('svg.tree')].map((s) => s.getBoundingClientRect().height)")) as number[];
      assert.ok(drawn.length === trees.length && drawn.every((h) => h > 40));
    });
  });

  it('refuses a missing store and an unknown format', async () => {
    const missing = await box.run('report', '--store', 'nope.db');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.db: no learning store there/);
    const bad = await box.run('report', '--store', 'k.db', '--format', 'pdf');
    assert.equal(bad.code, 2);
  });
});
