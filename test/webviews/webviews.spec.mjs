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
    await h.send({ type: 'publishing', data: { artifacts: [artifact], history: [], hub: { ...hub, reachable: false, message: 'hub not reachable: connect ECONNREFUSED', artifacts: [] } } });
    await h.page.waitForSelector('#hub-message', { timeout: 5000 });
    assert.match(await h.page.textContent('#hub-message'), /not reachable/);
  });
});
