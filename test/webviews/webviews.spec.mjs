/* global document -- page code inside page.evaluate */
// Webview tests: each bundle in headless Chromium, driven by protocol messages from the harness host.
import assert from 'node:assert/strict';
import { HarnessPage } from './harness.mjs';
import { evidenceFor, experimentView, patternData } from './fixtures.mjs';

/** @type {Array<{name: string, fn: (env: {browser: any, origin: string, log: (s: string) => void}) => Promise<void>}>} */
export const tests = [];
const test = (name, fn) => tests.push({ name, fn });

async function withPage(env, app, fn) {
  const h = await HarnessPage.open(env.browser, env.origin, app);
  try {
    await fn(h);
    assert.deepEqual(h.cspViolations, [], 'the page must run under its CSP without violations');
    assert.deepEqual(h.console.filter((l) => l.startsWith('pageerror')), [], 'no uncaught errors');
  } finally {
    await h.close();
  }
}

test('pattern explorer: ready handshake, then an honest empty state', async (env) => {
  await withPage(env, 'patternExplorer', async (h) => {
    const ready = await h.next('ready');
    assert.deepEqual(ready, { type: 'ready', app: 'patternExplorer' });
    await h.send({ type: 'patterns', data: { patterns: [], totalCalls: 0, source: '.kaizen/learning.db' } });
    await h.page.waitForSelector('#empty-state', { timeout: 5000 });
    assert.match(await h.page.textContent('#empty-state'), /No calls yet — run Kaizen: Import Calls/);
    await h.send({ type: 'patterns', data: { patterns: [], totalCalls: 40, source: 'x' } });
    await h.page.waitForFunction(() => /Kaizen: Analyze/.test(document.querySelector('#empty-state')?.textContent ?? ''), null, { timeout: 5000 });
    env.log(`screenshot ${await h.screenshot('pattern-explorer-empty')}`);
  });
});

test('pattern explorer: 10,000 patterns paint fast in a virtualised list', async (env) => {
  const data = patternData(10000);
  await withPage(env, 'patternExplorer', async (h) => {
    await h.next('ready');
    const sent = Date.now();
    await h.send({ type: 'patterns', data });
    const rendered = await h.next('rendered');
    const wall = Date.now() - sent;
    assert.equal(rendered.rows, 10000);
    env.log(`first paint with 10,000 patterns: ${rendered.firstPaintMs.toFixed(1)} ms in the webview (message received → validated → rendered → next frame), ${wall} ms harness post → rendered message (includes playwright serialising 10,000 rows)`);
    env.metrics.firstPaintMs = rendered.firstPaintMs;
    const domRows = await h.page.locator('.vl .row').count();
    assert.ok(domRows > 5 && domRows < 100, `only the rows in view exist in the DOM (got ${domRows})`);
    assert.match(await h.page.textContent('#count'), /10,000 of 10,000 patterns/);
    // The chart pools by strategy: one bar per strategy in the data, as the accessible table lists.
    const strategies = new Set(data.patterns.map((p) => p.strategy)).size;
    assert.equal(await h.page.locator('#strategy-table tr').count(), strategies + 1);
    // Scroll to the end: the last rows render.
    await h.page.locator('.vl').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await h.page.waitForSelector('.vl .row[data-index="9999"]', { timeout: 5000 });
    env.log(`screenshot ${await h.screenshot('pattern-explorer-10k')}`);
  });
});

test('pattern explorer: filter by intent and outcome, sort by support', async (env) => {
  const data = patternData(600, 11);
  await withPage(env, 'patternExplorer', async (h) => {
    await h.next('ready');
    await h.send({ type: 'patterns', data });
    await h.next('rendered');
    const pick = async (id, value) => {
      await h.page.locator(`#${id}`).evaluate((el, v) => {
        el.value = v;
        el.dispatchEvent(new Event('change'));
      }, value);
    };
    await pick('filter-intent', 'shipping_issue');
    await pick('filter-outcome', 'success');
    const expected = data.patterns.filter((p) => p.intent === 'shipping_issue' && p.effect === 'success');
    assert.ok(expected.length > 0, 'fixture has matching rows');
    await h.page.waitForFunction((n) => document.querySelector('#count')?.textContent?.startsWith(`${n} of 600`), expected.length, { timeout: 5000 });
    await pick('sort', 'support');
    const maxSupport = Math.max(...expected.map((p) => p.support));
    await h.page.waitForFunction((s) => document.querySelector('.vl .row[data-index="0"] span:last-child')?.textContent === String(s), maxSupport, { timeout: 5000 });
    // Every visible row honours the filters.
    const intents = await h.page.locator('.vl .row span:first-child').allTextContents();
    assert.ok(intents.every((t) => t.startsWith('shipping_issue')), intents.join(','));
    env.log(`screenshot ${await h.screenshot('pattern-explorer-filtered')}`);
  });
});

test('pattern explorer: keyboard drill-down into evidence, open the call', async (env) => {
  const data = patternData(50, 3);
  await withPage(env, 'patternExplorer', async (h) => {
    await h.next('ready');
    await h.send({ type: 'patterns', data });
    await h.next('rendered');
    const order = await h.page.locator('.vl .row').evaluateAll((rows) => rows.map((r) => r.getAttribute('title')));
    await h.page.locator('.vl').focus();
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('Enter');
    const req = await h.next('getEvidence');
    assert.equal(typeof req.id, 'number');
    const pattern = data.patterns.find((p) => p.id === req.patternId);
    assert.ok(pattern, 'the request names a real pattern');
    assert.equal(`${pattern.intent} · ${pattern.trigger} → ${pattern.strategy}`, order[2], 'Enter opened the third row');
    assert.equal(req.limit, 5);
    // A stale reply (wrong id) is ignored; the right one renders.
    await h.send({ type: 'evidence', id: req.id + 100, data: evidenceFor(req.patternId, ['stale-call']) });
    await h.send({ type: 'evidence', id: req.id, data: evidenceFor(req.patternId, pattern.exampleCallIds) });
    await h.page.waitForSelector('.evidence-call', { timeout: 5000 });
    assert.equal(await h.page.locator('.evidence-call').count(), 2);
    const text = await h.page.textContent('#detail');
    assert.match(text, /\[CUSTOMER_NAME_1\]/);
    assert.doesNotMatch(text, /stale-call/);
    assert.equal(await h.page.locator('#detail b').count(), 0, 'transcript markup stays text');
    env.log(`screenshot ${await h.screenshot('pattern-explorer-evidence')}`);
    await h.page.locator(`vscode-button[data-call="${pattern.exampleCallIds[1]}"]`).click();
    const open = await h.next('openCall');
    assert.deepEqual(open, { type: 'openCall', callId: pattern.exampleCallIds[1] });
  });
});

test('pattern explorer: drops malformed host messages and shows host errors', async (env) => {
  await withPage(env, 'patternExplorer', async (h) => {
    await h.next('ready');
    await h.send({ type: 'patterns', data: patternData(20) });
    await h.next('rendered');
    const before = await h.page.textContent('#summary');
    await h.send({ type: 'patterns', data: { patterns: [{ id: 'x', successRate: 7 }], totalCalls: -1 } });
    await h.send({ type: 'evalThis', code: 'alert(1)' });
    await h.page.waitForTimeout(100);
    assert.equal(await h.page.textContent('#summary'), before, 'bad data did not replace good data');
    assert.equal(h.console.filter((l) => l.includes('dropped a host message')).length, 2);
    await h.send({ type: 'error', message: 'The learning store is locked by another window.' });
    await h.page.waitForSelector('.error-banner:not([hidden])', { timeout: 5000 });
    assert.match(await h.page.textContent('.error-banner'), /locked by another window/);
  });
});

test('experiment: per-variant intervals, verdict, SRM, cumulative lift, rollout', async (env) => {
  await withPage(env, 'experiment', async (h) => {
    assert.deepEqual(await h.next('ready'), { type: 'ready', app: 'experiment' });
    await h.send({ type: 'experiment', data: experimentView(), experiments: [{ id: 'exp-greeting', name: 'Empathetic greeting v2' }, { id: 'exp-2', name: 'Refund policy wording' }] });
    const rendered = await h.next('rendered');
    assert.equal(rendered.rows, 2);
    env.log(`experiment first paint: ${rendered.firstPaintMs.toFixed(1)} ms`);
    assert.equal(await h.page.textContent('#experiment-name'), 'Empathetic greeting v2');
    assert.match(await h.page.textContent('#verdict'), /significant win/);
    assert.match(await h.page.textContent('#verdict'), /\(p < 0\.001, α = 0\.05\)/);
    assert.doesNotMatch(await h.page.textContent('#verdict'), /p = </, 'never "p = < 0.001"');
    const rows = await h.page.locator('#variants tr').allTextContents();
    assert.equal(rows.length, 3);
    assert.match(rows[2], /treatment.*4,988.*2,993.*60\.0% \[58\.6% – 61\.4%\].*\+4\.0 pp \[\+2\.1 pp – \+5\.9 pp\]/);
    assert.match(await h.page.textContent('#srm'), /Sample ratio OK/);
    assert.match(await h.page.textContent('#rollout'), /canary 10%/);
    assert.equal(await h.page.locator('canvas#lift-chart').count(), 1);
    assert.match(await h.page.textContent('#guardrails'), /escalation.*4\.5% \[-2\.0% – 11\.0%\].*-10\.0%.*held/);
    // The sign convention is explained on screen, not only to screen readers.
    assert.ok(await h.page.locator('#guardrail-legend').isVisible());
    assert.match(await h.page.textContent('#guardrail-legend'), /negative is worse/);
    const history = await h.page.locator('#timeline li').allTextContents();
    assert.equal(history.length, 2);
    assert.match(history[1], /rollout\.advanced · 10% — Stage 5 % passed/);
    env.log(`screenshot ${await h.screenshot('experiment-statistics')}`);
    await h.page.locator('#experiment-picker').evaluate((el) => {
      el.value = 'exp-2';
      el.dispatchEvent(new Event('change'));
    });
    assert.deepEqual(await h.next('selectExperiment'), { type: 'selectExperiment', experimentId: 'exp-2' });
  });
});

test('experiment: a sample-ratio mismatch is called out; no experiment is an honest empty state', async (env) => {
  await withPage(env, 'experiment', async (h) => {
    await h.next('ready');
    await h.send({ type: 'experiment', data: experimentView({ srm: { ok: false, pValue: 0.0000001, expectedShares: [0.5, 0.5], observedCounts: [5400, 4600] } }) });
    await h.page.waitForSelector('#srm.bad', { timeout: 5000 });
    assert.match(await h.page.textContent('#srm'), /Sample ratio mismatch/);
    await h.send({ type: 'experiment', data: null });
    await h.page.waitForSelector('#empty-state', { timeout: 5000 });
    assert.match(await h.page.textContent('#empty-state'), /No experiments yet/);
  });
});

test('publishing: approve → gates → target → publish → live version → rollback, all as protocol messages', async (env) => {
  const artifact = (status, gatesOk) => ({
    artifactId: 'prompt:support',
    version: status === 'draft' ? 1 : 2,
    status,
    kind: 'prompt',
    title: 'Support prompt',
    text: 'Validate the purchase before offering a refund.',
    gates: [
      { name: 'approved', ok: gatesOk, detail: `status ${status}` },
      { name: 'privacy', ok: true, detail: 'no PII found' },
      { name: 'evidence', ok: true, detail: 'written, not learned: no call count to check' },
      { name: 'experiment', ok: true, detail: 'no experiment references it' },
    ],
  });
  await withPage(env, 'publishing', async (h) => {
    assert.deepEqual(await h.next('ready'), { type: 'ready', app: 'publishing' });
    await h.send({ type: 'publishing', data: { artifacts: [artifact('draft', false)], history: [] } });
    await h.page.waitForSelector('article.artifact', { timeout: 5000 });
    assert.equal(await h.page.locator('button.publish').isDisabled(), true, 'publish waits for every gate');
    assert.equal(await h.page.locator('.gates li.bad').count(), 1);
    await h.page.click('button.approve');
    assert.deepEqual(await h.next('approveArtifact'), { type: 'approveArtifact', artifactId: 'prompt:support' });
    await h.send({ type: 'publishing', data: { artifacts: [artifact('approved', true)], history: [] } });
    await h.page.waitForSelector('article.artifact .status:text("approved")', { timeout: 5000 });
    await h.page.selectOption('#target-kind', 'vapi');
    await h.page.fill('#target-url', 'http://127.0.0.1:9999');
    await h.page.fill('#target-assistant', 'asst_kaizen');
    await h.page.click('button.publish');
    assert.deepEqual(await h.next('publishArtifact'), {
      type: 'publishArtifact',
      artifactId: 'prompt:support',
      target: { kind: 'vapi', url: 'http://127.0.0.1:9999', assistantId: 'asst_kaizen' },
    });
    await h.send({ type: 'published', artifactId: 'prompt:support', liveVersion: '2', action: 'published', message: 'Live on vapi as version 2.' });
    await h.page.waitForFunction(() => /Live on vapi as version 2/.test(document.querySelector('#result')?.textContent ?? ''), null, { timeout: 5000 });
    const history = [{ artifactId: 'prompt:support', artifactVersion: 2, target: 'vapi', liveVersion: '2', action: 'published', ts: Date.UTC(2026, 11, 3, 10) }];
    await h.send({ type: 'publishing', data: { artifacts: [artifact('rolled-out', true)], history, target: { kind: 'vapi', url: 'http://127.0.0.1:9999', assistantId: 'asst_kaizen' } } });
    await h.page.waitForSelector('#history tr:nth-child(2)', { timeout: 5000 });
    assert.match(await h.page.textContent('#history'), /prompt:support v2.*published.*vapi.*2/s);
    env.log(`screenshot ${await h.screenshot('publishing')}`);
    await h.page.click('button.rollback');
    const rollback = await h.next('rollbackArtifact');
    assert.equal(rollback.target.kind, 'vapi');
    assert.equal(rollback.target.assistantId, 'asst_kaizen', 'the form kept the last target');
  });
});

test('publishing: the collective hub — watch a hub, then signers against the quorum and the agents applied per artifact', async (env) => {
  const artifact = { artifactId: 'strategy:billing', version: 1, status: 'approved', kind: 'strategy', title: 'Billing', text: 'Explain the fee first.', gates: [{ name: 'approved', ok: true, detail: 'status approved' }] };
  await withPage(env, 'publishing', async (h) => {
    assert.deepEqual(await h.next('ready'), { type: 'ready', app: 'publishing' });
    await h.send({ type: 'publishing', data: { artifacts: [artifact], history: [] } });
    await h.page.waitForSelector('#hub #hub-url', { timeout: 5000 });
    await h.page.fill('#hub-url', 'http://127.0.0.1:7777');
    await h.page.click('#hub-watch');
    assert.deepEqual(await h.next('setHub'), { type: 'setHub', url: 'http://127.0.0.1:7777' });
    const hash = 'a'.repeat(64);
    const hub = { url: 'http://127.0.0.1:7777', reachable: true, quorum: 2, artifacts: [{ artifactId: 'strategy:billing', version: 1, hash, status: 'adopted', signers: ['ed25519:aaaa', 'ed25519:bbbb'], applied: ['agent-1', 'agent-2', 'agent-3'] }] };
    await h.send({ type: 'publishing', data: { artifacts: [artifact], history: [], hub } });
    await h.page.waitForSelector(`#hub-artifacts tr[data-hash="${hash}"]`, { timeout: 5000 });
    assert.match(await h.page.textContent('#hub-quorum'), /quorum 2/);
    assert.equal(await h.page.textContent(`#hub-artifacts tr[data-hash="${hash}"] .hub-status`), 'adopted');
    assert.equal(await h.page.textContent(`#hub-artifacts tr[data-hash="${hash}"] .hub-signers`), '2 of 2: ed25519:aaaa, ed25519:bbbb');
    assert.equal(await h.page.textContent(`#hub-artifacts tr[data-hash="${hash}"] .hub-applied`), '3: agent-1, agent-2, agent-3');
    env.log(`screenshot ${await h.screenshot('publishing-hub')}`);
    assert.equal(await h.page.locator(`#hub-artifacts tr[data-hash="${hash}"] button.hub-sign`).isDisabled(), true, 'an adopted artifact needs no more signatures');
    await h.send({ type: 'publishing', data: { artifacts: [artifact], history: [], hub: { ...hub, artifacts: [{ ...hub.artifacts[0], status: 'not-submitted', signers: [], applied: [] }] } } });
    await h.page.waitForSelector(`#hub-artifacts tr[data-hash="${hash}"] button.hub-sign:not([disabled])`, { timeout: 5000 });
    await h.page.click(`#hub-artifacts tr[data-hash="${hash}"] button.hub-sign`);
    assert.deepEqual(await h.next('signForHub'), { type: 'signForHub', artifactId: 'strategy:billing' });
    await h.send({ type: 'publishing', data: { artifacts: [artifact], history: [], hub: { ...hub, reachable: false, message: 'hub not reachable: connect ECONNREFUSED', artifacts: [] } } });
    await h.page.waitForSelector('#hub-message', { timeout: 5000 });
    assert.match(await h.page.textContent('#hub-message'), /not reachable/);
  });
});

/** One KPI row as `kaizen analytics kpis` prints it. */
const kpiRow = (key, calls, successRate, improvementRate = null) => ({
  key, calls, successRate, containment: 0.8, escalation: 0.25, ahtSeconds: 95.5, latencyMs: { p50: 1100, p90: 1880 },
  costPerCallUsd: 0.1375, errors: 3, repeatErrors: 1, improvementRate,
});
const dashboardView = (months) => ({
  totalCalls: months.reduce((n, m) => n + m[1], 0),
  computedAt: Date.UTC(2026, 11, 3, 12),
  byVersion: { by: 'prompt-version', rows: [kpiRow('3', 40, 0.5), kpiRow('4', 60, 0.6)] },
  byMonth: { by: 'month', rows: months.map(([key, calls, rate, imp]) => kpiRow(key, calls, rate, imp)) },
  byAgent: { by: 'agent', rows: [kpiRow('agent-orders', 100, 0.56)] },
});

test('dashboard: empty state, KPI tables and the trend chart, updated as calls arrive; bad data is dropped', async (env) => {
  await withPage(env, 'dashboard', async (h) => {
    assert.deepEqual(await h.next('ready'), { type: 'ready', app: 'dashboard' });
    await h.send({ type: 'kpis', data: null });
    await h.page.waitForSelector('#empty-state', { timeout: 5000 });
    assert.match(await h.page.textContent('#empty-state'), /No calls yet/);
    const rendered = await h.next('rendered');
    assert.equal(rendered.app, 'dashboard');
    assert.equal(rendered.rows, 0, 'the first paint is the empty state');

    await h.send({ type: 'kpis', data: dashboardView([['2026-04', 40, 0.5, null], ['2026-05', 60, 0.6, 0.2]]) });
    await h.page.waitForSelector('#by-month tr[data-key="2026-05"]', { timeout: 5000 });
    assert.match(await h.page.textContent('#by-month tr[data-key="2026-05"]'), /^2026-0560.*60\.0%.*80\.0%.*25\.0%.*95\.5.*1100 ms.*1880 ms.*\$0\.1375.*31\+20\.0%$/);
    assert.match(await h.page.textContent('#summary'), /^100 calls/);
    const chart = () =>
      h.page.evaluate(() => {
        const c = document.getElementById('trend-chart');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ink++;
        return { ink, width: c.width };
      });
    const first = await chart();
    assert.ok(first.width > 0 && first.ink > 1000, `the trend chart is drawn (${JSON.stringify(first)})`);

    // A live call arrives: the host pushes new KPIs and the page follows without a reload.
    await h.send({ type: 'kpis', data: dashboardView([['2026-04', 40, 0.5, null], ['2026-05', 60, 0.6, 0.2], ['2026-06', 1, 1, 0.6667]]) });
    await h.page.waitForSelector('#by-month tr[data-key="2026-06"]', { timeout: 5000 });
    assert.match(await h.page.textContent('#summary'), /^101 calls/);
    assert.ok((await chart()).ink > 1000);

    // A message that breaks the protocol (a rate as text) is dropped: the page keeps the last good data.
    const bad = dashboardView([['2026-07', 5, 0.5, null]]);
    bad.byMonth.rows[0].successRate = '50%';
    await h.send({ type: 'kpis', data: bad });
    await h.send({ type: 'error', message: 'marker' });
    await h.page.waitForSelector('.error-banner', { timeout: 5000 });
    assert.equal(await h.page.locator('#by-month tr[data-key="2026-07"]').count(), 0);
    assert.equal(await h.page.locator('#by-month tr[data-key="2026-06"]').count(), 1);

    await h.page.click('#refresh');
    assert.deepEqual(await h.next('refresh'), { type: 'refresh' });
    env.log(`screenshot ${await h.screenshot('dashboard')}`);

    // A simulated fleet run is labelled as such, and its button goes back to the store.
    await h.send({ type: 'kpis', data: { ...dashboardView([['2026-01', 2000, 0.56, null]]), source: 'simulation' } });
    await h.page.waitForFunction(() => /of a simulated fleet/.test(document.querySelector('#summary')?.textContent ?? ''), null, { timeout: 5000 });
    assert.match(await h.page.textContent('#refresh'), /Show my store/);
  });
});

test('prompt diff: gates → open in the diff editor → edit → accept → versioned artifact → draft experiment; reject needs a reason', async (env) => {
  const base = '# Support agent\n\nHelp the caller.\n';
  const line = '- [pb-hecaogkloj] When a caller raises price objection, use value reframing: it resolved 83 % of 89 such calls vs 50 % with other moves.';
  const proposedText = `${base}\n<!-- kaizen:playbook -->\n## Learned playbook\n\n### purchase dispute\n${line}\n<!-- /kaizen:playbook -->\n`;
  const proposal = (id, passed) => ({
    id,
    hypothesis: 'purchase dispute calls with price objection resolve more often with value reframing (83 % vs 50 %, n=89, q=0.00012)',
    section: 'purchase dispute',
    patch: `--- a/prompts/agent.md\n+++ b/prompts/agent.md\n@@ -1,3 +1,9 @@\n # Support agent\n \n Help the caller.\n+\n+<!-- kaizen:playbook -->\n+${line}\n`,
    proposedText,
    bullets: [{ id: 'pb-hecaogkloj', section: 'purchase dispute', text: line.slice(17), support: 89 }],
    gates: [
      { name: 'privacy', passed: true, reason: 'no PII in the bullets or the added lines' },
      { name: 'conflicts', passed: true, reason: 'no conflict with 0 active bullet(s) or 0 avoidance rule(s)' },
      { name: 'prompt-budget', passed: true, reason: 'about 80 of 6000 tokens' },
      { name: 'evidence', passed, reason: passed ? 'every bullet rests on at least 30 calls (fewest: 89)' : 'pb-x (12 calls) below the minimum of 30 calls; wait for more calls' },
    ],
  });
  await withPage(env, 'promptDiff', async (h) => {
    assert.deepEqual(await h.next('ready'), { type: 'ready', app: 'promptDiff' });
    await h.send({ type: 'promptDiff', data: { target: 'prompts/agent.md', proposals: [proposal('prop-aaaabbbbcccc', true), proposal('prop-ddddeeeeffff', false)] } });
    await h.page.waitForSelector('article.proposal', { timeout: 5000 });
    assert.equal(await h.page.locator('article.proposal').count(), 2);
    assert.equal(await h.page.locator('#proposal-1 button.accept').isDisabled(), true, 'a blocked proposal cannot be accepted');
    assert.equal(await h.page.locator('#proposal-1 .gates li.bad').count(), 1);
    assert.match(await h.page.textContent('#proposal-0 pre.patch'), /\+- \[pb-hecaogkloj\] When a caller raises price objection/);
    env.log(`screenshot ${await h.screenshot('prompt-diff')}`);

    await h.page.click('#proposal-0 button.open-diff');
    assert.deepEqual(await h.next('openDiff'), { type: 'openDiff', proposalId: 'prop-aaaabbbbcccc' });

    // Reject without a reason is refused in the page; with one it goes to the host.
    await h.page.click('#proposal-1 button.reject');
    await h.page.waitForFunction(() => /Give a reason/.test(document.querySelector('#result')?.textContent ?? ''), null, { timeout: 5000 });
    await h.page.fill('#reason-1', 'too few calls yet');
    await h.page.click('#proposal-1 button.reject');
    assert.deepEqual(await h.next('reject'), { type: 'reject', proposalId: 'prop-ddddeeeeffff', reason: 'too few calls yet' });

    // Edit: the proposed prompt in a text area; accept sends the designer's text.
    await h.page.click('#proposal-0 button.edit');
    await h.page.waitForSelector('#edit-0', { timeout: 5000 });
    assert.equal(await h.page.inputValue('#edit-0'), proposedText);
    const edited = proposedText.replace('use value reframing', 'reframe the value (warranty, free returns)');
    await h.page.fill('#edit-0', edited);
    await h.page.click('#proposal-0 button.accept');
    assert.deepEqual(await h.next('accept'), { type: 'accept', proposalId: 'prop-aaaabbbbcccc', editedText: edited });

    const artifact = { id: 'pe-fphljjnaoddh', version: 1, hash: 'a'.repeat(64), status: 'approved' };
    await h.send({ type: 'decided', proposalId: 'prop-aaaabbbbcccc', action: 'accepted', message: 'Accepted prop-aaaabbbbcccc (edited): pe-fphljjnaoddh v1, playbook v1.' });
    await h.send({ type: 'promptDiff', data: { target: 'prompts/agent.md', proposals: [], accepted: { proposalId: 'prop-aaaabbbbcccc', artifact }, note: 'No proposals: the playbook already holds what the analysis found.' } });
    await h.page.waitForSelector('#accepted .artifact-ref', { timeout: 5000 });
    assert.match(await h.page.textContent('#accepted'), /pe-fphljjnaoddh v1 \(approved, sha-256 aaaaaaaaaaaa…\)/);
    assert.match(await h.page.textContent('#result'), /Accepted prop-aaaabbbbcccc \(edited\)/);
    await h.page.click('#accepted button.create-experiment');
    assert.deepEqual(await h.next('createExperiment'), { type: 'createExperiment', proposalId: 'prop-aaaabbbbcccc' });
    await h.send({ type: 'promptDiff', data: { target: 'prompts/agent.md', proposals: [], accepted: { proposalId: 'prop-aaaabbbbcccc', artifact, experimentId: 'improve-pe-fphljjnaoddh-v1' } } });
    await h.page.waitForFunction(() => /Draft experiment improve-pe-fphljjnaoddh-v1/.test(document.querySelector('#accepted')?.textContent ?? ''), null, { timeout: 5000 });
    env.log(`screenshot ${await h.screenshot('prompt-diff-accepted')}`);
  });
});
