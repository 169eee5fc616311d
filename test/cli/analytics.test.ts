import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox, withOfflinePage } from './helpers';
import type { CliSandbox } from './helpers';
import type { KpiTable, RoiResult } from '../../src/engine/analytics';

const FIXTURES = path.resolve(__dirname, '../fixtures/analytics');
const EPS = 1e-9;

/**
 * Three Retell webhook bodies (versions 3, 3, 4) and two Vapi end-of-call reports (version 4), written
 * by hand in test/fixtures/analytics. Expected KPIs, computed by hand:
 * v3 = r1, r2: call_successful ✓ ✗ → 0.5; r2 ended by call_transfer → containment 0.5, escalation 0.5;
 *   AHT (60 + 120)/2 = 90 s; e2e values [1000, 1400] + [2000]: p50 1400, p90 h = 2·0.9 = 1.8 → 1400 + 0.8·600 = 1880;
 *   combined_cost 12 and 20 cents → (0.12 + 0.20)/2 = 0.16 USD; r1's lookup error (first seen).
 * v4 = r3, vapi-1, vapi-2: ✓ ✗("false") ✓("true") → 2/3; vapi-2 assistant-forwarded-call → containment 2/3,
 *   escalation 1/3; AHT (30 + 90 + 45)/3 = 55; latencies [800, 900, 1000] + turnLatencies [1200, 1600]:
 *   p50 1000, p90 h = 3.6 → 1200 + 0.6·400 = 1440; cost (0.06 + 0.30 + 0.10)/3; r3's lookup error repeats r1's.
 */
const V3 = { key: '3', calls: 2, successRate: 0.5, containment: 0.5, escalation: 0.5, ahtSeconds: 90, p50: 1400, p90: 1880, cost: 0.16, errors: 1, repeats: 0 };
const V4 = { key: '4', calls: 3, successRate: 2 / 3, containment: 2 / 3, escalation: 1 / 3, ahtSeconds: 55, p50: 1000, p90: 1440, cost: 0.46 / 3, errors: 1, repeats: 1 };

function near(a: number | null, b: number, what: string): void {
  assert.ok(a !== null && Math.abs(a - b) <= EPS, `${what}: ${a} ≠ ${b}`);
}

function checkRow(row: KpiTable['rows'][number], e: typeof V3, key: string, improvement: number | null): void {
  assert.equal(row.key, key);
  assert.equal(row.calls, e.calls);
  near(row.successRate, e.successRate, `${key} success`);
  near(row.containment, e.containment, `${key} containment`);
  near(row.escalation, e.escalation, `${key} escalation`);
  near(row.ahtSeconds, e.ahtSeconds, `${key} AHT`);
  near(row.latencyMs.p50, e.p50, `${key} p50`);
  near(row.latencyMs.p90, e.p90, `${key} p90`);
  near(row.costPerCallUsd, e.cost, `${key} cost`);
  assert.equal(row.errors, e.errors);
  assert.equal(row.repeatErrors, e.repeats);
  if (improvement === null) assert.equal(row.improvementRate, null);
  else near(row.improvementRate, improvement, `${key} improvement`);
}

describe('cli: kaizen analytics, report KPIs and experiment monitor', function () {
  this.timeout(180_000);
  let box: CliSandbox;
  before(async () => {
    box = cliSandbox('kaizen-cli-analytics-');
    cpSync(FIXTURES, box.cwd, { recursive: true });
    const r = await box.run('import', 'retell_bodies.jsonl', 'vapi_bodies.jsonl', '--store', 'k.db');
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => box.dispose());

  async function kpis(store: string, by: string): Promise<KpiTable> {
    const r = await box.run('analytics', 'kpis', '--by', by, '--store', store, '--json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as KpiTable;
  }

  it('kpis --by prompt-version and --by month equal the hand computation', async () => {
    const byVersion = await kpis('k.db', 'prompt-version');
    assert.equal(byVersion.by, 'prompt-version');
    assert.deepEqual(Object.keys(byVersion.rows[0]!), ['key', 'calls', 'successRate', 'containment', 'escalation', 'ahtSeconds', 'latencyMs', 'costPerCallUsd', 'errors', 'repeatErrors', 'improvementRate']);
    checkRow(byVersion.rows[0]!, V3, '3', null);
    checkRow(byVersion.rows[1]!, V4, '4', null);
    const byMonth = await kpis('k.db', 'month');
    // v3 ran in April, v4 in May: (2/3) / (1/2) − 1 = 1/3.
    checkRow(byMonth.rows[0]!, V3, '2026-04', null);
    checkRow(byMonth.rows[1]!, V4, '2026-05', 1 / 3);
    const byAgent = await kpis('k.db', 'agent');
    assert.deepEqual(byAgent.rows.map((r) => [r.key, r.calls]), [['agent-orders', 3], ['asst-parcels', 2]]);
    const bad = await box.run('analytics', 'kpis', '--by', 'week', '--store', 'k.db');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /prompt-version, month or agent/);
  });

  it('Retell and Vapi bodies import the same as JSONL, a JSON array, or one body per file', async () => {
    assert.equal((await box.run('import', 'retell_bodies.json', 'vapi_bodies.json', '--store', 'array.db')).code, 0);
    const files = ['retell_r1.json', 'retell_r2.json', 'retell_r3.json', 'vapi_vapi-1.json', 'vapi_vapi-2.json'].map((f) => path.join('one-per-file', f));
    assert.equal((await box.run('import', ...files, '--store', 'files.db')).code, 0);
    const reference = await kpis('k.db', 'prompt-version');
    assert.deepEqual(await kpis('array.db', 'prompt-version'), reference);
    assert.deepEqual(await kpis('files.db', 'prompt-version'), reference);
  });

  it('roi --cost-model prices saved transfers and minutes against the baseline', async () => {
    const r = await box.run('analytics', 'roi', '--cost-model', 'cost_model.json', '--store', 'k.db', '--json');
    assert.equal(r.code, 0, r.stderr);
    const roi = JSON.parse(r.stdout) as RoiResult;
    // savedTransfers = 3·(2/3 − 1/2) = 0.5; savedMinutes = 3·(90 − 55)/60 = 1.75; benefit = 0.5·5 + 1.75·0.2 = 2.85;
    // cost = 1.5 + 0.25·40 = 11.5; ROI = 2.85 / 11.5.
    assert.deepEqual(Object.keys(roi), ['baseline', 'benefitUsd', 'costUsd', 'roi', 'rows']);
    assert.equal(roi.baseline, '3');
    assert.equal(roi.rows.length, 1);
    assert.equal(roi.rows[0]!.key, '4');
    assert.equal(roi.rows[0]!.calls, 3);
    near(roi.rows[0]!.savedTransfers, 0.5, 'savedTransfers');
    near(roi.rows[0]!.savedMinutes, 1.75, 'savedMinutes');
    near(roi.rows[0]!.benefitUsd, 2.85, 'benefit');
    near(roi.benefitUsd, 2.85, 'benefitUsd');
    near(roi.costUsd, 11.5, 'costUsd');
    near(roi.roi, 2.85 / 11.5, 'roi');
    // Without llmSpendUsd the store's Claude ledger is used: nothing spent here, so cost = 0.25·40 = 10.
    const { llmSpendUsd: _spend, ...model } = JSON.parse(readFileSync(path.join(box.cwd, 'cost_model.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(box.cwd, 'ledger_model.json'), JSON.stringify(model));
    const fromLedger = JSON.parse((await box.run('analytics', 'roi', '--cost-model', 'ledger_model.json', '--store', 'k.db', '--json')).stdout) as RoiResult;
    near(fromLedger.costUsd, 10, 'cost from the ledger');
    near(fromLedger.roi, 0.285, 'roi from the ledger');
    // At zero cost (no spend, no review) there is no ratio: roi is null, the benefit is still reported.
    writeFileSync(path.join(box.cwd, 'free_model.json'), JSON.stringify({ ...model, llmSpendUsd: 0, reviewHours: 0 }));
    const free = await box.run('analytics', 'roi', '--cost-model', 'free_model.json', '--store', 'k.db', '--json');
    assert.equal(free.code, 0, free.stderr);
    const freeRoi = JSON.parse(free.stdout) as RoiResult;
    assert.equal(freeRoi.costUsd, 0);
    assert.equal(freeRoi.roi, null);
    near(freeRoi.benefitUsd, 2.85, 'benefit at zero cost');
    const freeText = await box.run('analytics', 'roi', '--cost-model', 'free_model.json', '--store', 'k.db');
    assert.equal(freeText.code, 0, freeText.stderr);
    assert.match(freeText.stdout, /^benefit \$2\.85 \/ cost \$0\.00: no ROI ratio \(learning cost nothing: no LLM spend, no review time\); "roi" is null in --json$/m);
  });

  it('roi: a missing or negative cost-model field is an error naming it, exit ≠ 0', async () => {
    const model = JSON.parse(readFileSync(path.join(box.cwd, 'cost_model.json'), 'utf8')) as Record<string, unknown>;
    const { hourlyRateUsd: _gone, ...missing } = model;
    writeFileSync(path.join(box.cwd, 'missing.json'), JSON.stringify(missing));
    const a = await box.run('analytics', 'roi', '--cost-model', 'missing.json', '--store', 'k.db', '--json');
    assert.notEqual(a.code, 0);
    assert.match(a.stderr, /missing\.json: cost model: hourlyRateUsd is missing/);
    writeFileSync(path.join(box.cwd, 'negative.json'), JSON.stringify({ ...model, reviewHours: -2 }));
    const b = await box.run('analytics', 'roi', '--cost-model', 'negative.json', '--store', 'k.db');
    assert.notEqual(b.code, 0);
    assert.match(b.stderr, /reviewHours must not be negative/);
    assert.equal(b.stdout, '');
  });

  it('report --format md carries the KPI tables', async () => {
    const r = await box.run('report', '--format', 'md', '--out', 'out/report.md', '--store', 'k.db');
    assert.equal(r.code, 0, r.stderr);
    const md = readFileSync(path.join(box.cwd, 'out', 'report.md'), 'utf8');
    assert.match(md, /^## KPIs by prompt version$/m);
    assert.match(md, /^\| 3 \| 2 \| 50\.0 % \| 50\.0 % \| 50\.0 % \| 90\.0 \| 1400 \| 1880 \| 0\.1600 \| 1 \| 0 \|$/m);
    assert.match(md, /^\| 4 \| 3 \| 66\.7 % \| 66\.7 % \| 33\.3 % \| 55\.0 \| 1000 \| 1440 \| 0\.1533 \| 1 \| 1 \|$/m);
    assert.match(md, /^\| 2026-05 \| 3 \| 66\.7 % .* \| \+33\.3 % \|$/m);
    // r1 (April) and r3 (May) failed lookup_order with the same errors-stage fingerprint (its mask turns the
    // JSON body's quoted values into wildcards).
    assert.match(md, /^## Error trends/m);
    assert.match(md, /^\| lookup_order \| \{ <\*>: <\*> \} \| 2 \| 1 \| 1 \| 1 \|$/m);
  });

  it('report --format html: standalone, trend chart drawn by the inlined chart.js in Chromium, no request', async () => {
    const r = await box.run('report', '--format', 'html', '--out', 'out/report.html', '--store', 'k.db');
    assert.equal(r.code, 0, r.stderr);
    const file = path.join(box.cwd, 'out', 'report.html');
    const html = readFileSync(file, 'utf8');
    const markup = html.replace(/<script>[\s\S]*?<\/script>/g, '');
    assert.ok(!/<script[^>]+src=/i.test(html) && !/<link /i.test(markup) && !/@import|url\(|https?:/i.test(markup), 'nothing remote');
    assert.match(html, /content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-/);
    assert.match(html, /<td class="num">1880<\/td>/);
    await withOfflinePage(file, async (page, problems) => {
      await page.waitForFunction(
        "(() => { const c = document.getElementById('kpi-trend-chart'); return c !== null && window.Chart !== undefined && window.Chart.getChart(c) !== undefined; })()",
        undefined,
        { timeout: 30_000 },
      );
      const drawn = (await page.evaluate(
        "(() => { const c = document.getElementById('kpi-trend-chart'); const chart = window.Chart.getChart(c); const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let ink = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ink++; return { labels: chart.data.labels, success: chart.data.datasets[0].data, points: chart.getDatasetMeta(0).data.length, ink }; })()",
      )) as { labels: string[]; success: number[]; points: number; ink: number };
      assert.deepEqual(drawn.labels, ['2026-04', '2026-05']);
      assert.deepEqual(drawn.success, [50, 66.67]);
      assert.equal(drawn.points, 2);
      assert.ok(drawn.ink > 1000, `the canvas has ink (${drawn.ink} pixels)`);
      assert.deepEqual(problems, []);
    });
  });

  it('experiment monitor replays cumulative looks into ship / rollback / continue', async () => {
    const look = (experiment: string, n: number, c: [number, number], t: [number, number]) =>
      JSON.stringify({ experiment, look: n, metric: 'binary', variants: [{ variant: 'control', users: c[0], conversions: c[1] }, { variant: 'test', users: t[0], conversions: t[1] }] });
    // Same looks as test/engine/experiments/monitor.test.ts (p-values from scipy there): 'up' crosses 0.05 at
    // look 3 (p = 0.0048), 'down' stays at p = 0.0504 at look 4 and crosses at look 5 (p = 0.0068).
    const lines = [
      look('up', 1, [1000, 100], [1000, 110]),
      look('down', 1, [1000, 100], [1000, 95]),
      look('up', 2, [2000, 200], [2000, 240]),
      look('down', 2, [2000, 200], [2000, 170]),
      look('up', 3, [4000, 400], [4000, 520]),
      look('down', 3, [4000, 400], [4000, 320]),
      look('down', 4, [5000, 500], [5000, 410]),
      look('down', 5, [6000, 600], [6000, 480]),
      look('flat', 1, [1000, 100], [1000, 102]),
    ];
    writeFileSync(path.join(box.cwd, 'looks.jsonl'), `${lines.join('\n')}\n`);
    const r = await box.run('experiment', 'monitor', '--looks', 'looks.jsonl');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown), [
      { experiment: 'up', decision: 'ship', stoppedAtLook: 3 },
      { experiment: 'down', decision: 'rollback', stoppedAtLook: 5 },
      { experiment: 'flat', decision: 'continue', stoppedAtLook: null },
    ]);
    writeFileSync(path.join(box.cwd, 'bad.jsonl'), `${lines[0]}\n{"experiment":"x","look":1,"metric":"binary","variants":[{"variant":"a","users":5,"conversions":9},{"variant":"b","users":5,"conversions":1}]}\n`);
    const bad = await box.run('experiment', 'monitor', '--looks', 'bad.jsonl');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.jsonl:2: variants: conversions must not exceed users/);
  });
});

describe('cli: kaizen simulate (the learning loop on a simulated fleet)', function () {
  this.timeout(300_000);
  it('prints the run as JSON and the month lines on stderr; bad numbers are usage errors', async () => {
    const box = cliSandbox('kaizen-cli-simulate-');
    try {
      const r = await box.run('simulate', '--seed', '3', '--agents', '2', '--months', '2', '--calls', '300', '--json');
      assert.equal(r.code, 0, r.stderr);
      const run = JSON.parse(r.stdout) as { conversations: number; monthly: Array<{ month: string; calls: number }>; experiments: { run: number }; rulesLearned: number; artifactsShared: number };
      assert.equal(run.conversations, 1200);
      // Month 1's errors became avoidance rules that the in-process hub adopted (nothing written to disk).
      assert.ok(run.rulesLearned > 0 && run.artifactsShared >= run.rulesLearned, r.stderr);
      assert.deepEqual(run.monthly.map((m) => [m.month, m.calls]), [['2026-01', 600], ['2026-02', 600]]);
      assert.match(r.stderr, /^month 2026-02: 600 calls/m);
      assert.deepEqual(readdirSync(box.cwd), [], 'nothing is stored');
      const bad = await box.run('simulate', '--agents', '0');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /"0" is not a whole number ≥ 1/);
    } finally {
      box.dispose();
    }
  });
});
