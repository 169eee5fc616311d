/* global document -- page code inside waitForFunction */
// End-to-end in REAL VS Code (code-server): the packaged .vsix installed, the folder trusted from the
// startup prompt, the empty state's first step, sample calls imported from the palette through the file
// picker, the Patterns view filling, the Pattern Explorer webview, calls and artifacts opened rendered,
// the experiment lifecycle from the editor (create, record, ship, advance, kill, roll back — each
// confirmed), a recorded-call fixture in Test Explorer, and Restricted Mode on a folder with its own
// store. Screenshots in test-results/screenshots/e2e-*.png.
import assert from 'node:assert/strict';
import { canvasInk } from './workbench.mjs';

export const trustedTests = [];
const test = (name, fn) => trustedTests.push({ name, fn });

test('workspace trust: the folder is trusted from the startup prompt', async ({ wb, log }) => {
  await wb.dialogButton(/Yes, I trust/i, 90000);
  log('answered the trust prompt: "Yes, I trust the authors"');
});

test('first five minutes: the empty Calls view offers Generate Sample Calls, not cut off', async ({ wb, log }) => {
  await wb.openViewContainer('Kaizen');
  const pane = wb.pane('Calls');
  const button = pane.locator('.welcome-view-content .monaco-button', { hasText: 'Generate Sample Calls' }).first();
  await button.waitFor({ state: 'visible', timeout: 60000 });
  const body = pane.locator('.pane-body').first();
  const b = await button.boundingBox();
  const p = await body.boundingBox();
  log(`Generate Sample Calls button at y ${b.y.toFixed(0)}–${(b.y + b.height).toFixed(0)}, pane body y ${p.y.toFixed(0)}–${(p.y + p.height).toFixed(0)}`);
  assert.ok(b.y >= p.y && b.y + b.height <= p.y + p.height && b.x >= p.x && b.x + b.width <= p.x + p.width, 'the whole button lies inside the pane');
  assert.match(await pane.innerText(), /No calls yet/);
  log(`screenshot ${await wb.screenshot('e2e-empty-state')}`);
});

test('activation: lazy, measured, readable from the palette', async ({ wb, log, metrics }) => {
  if (process.env.KAIZEN_E2E_SETTLE_MS) await wb.page.waitForTimeout(Number(process.env.KAIZEN_E2E_SETTLE_MS));
  await wb.runCommand('Kaizen: Show Activation Time', { timeout: 30000 });
  const text = await wb.notification(/Kaizen activated in [\d.]+ ms/, 30000);
  const ms = Number(/activated in ([\d.]+) ms/.exec(text)[1]);
  metrics.activationMs = ms;
  // Reported, not asserted: speed targets belong to benchmarks, and this machine may be loaded.
  log(`activation: ${ms} ms (target < 100 ms)`);
  await wb.clearNotifications();
  // VS Code's own figure (code loading + activate call), from Developer: Show Running Extensions.
  await wb.runCommand('Developer: Show Running Extensions');
  // The list is sorted by activation time and renders only the rows in view: wheel down to Kaizen's.
  const editor = wb.page.locator('.runtime-extensions-editor').first();
  await editor.locator('.monaco-list-row').first().waitFor({ timeout: 60000 });
  const row = editor.locator('.monaco-list-row', { hasText: 'Kaizen' }).first();
  for (let i = 0; i < 40 && !(await row.isVisible().catch(() => false)); i++) {
    const box = await editor.boundingBox();
    await wb.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await wb.page.mouse.wheel(0, 300);
    await wb.page.waitForTimeout(150);
  }
  await row.waitFor({ timeout: 30000 });
  const rowText = (await row.innerText()).replace(/\s+/g, ' ');
  const vs = /(\d+)\s*ms/.exec(rowText);
  metrics.vscodeActivationMs = vs ? Number(vs[1]) : undefined;
  log(`VS Code's running-extensions view: ${rowText}`);
  await wb.runCommand('View: Close Editor');
});

test('import: "Kaizen: Import Calls" from the palette with the file picker', async ({ wb, ws, log }) => {
  await wb.runCommand('Kaizen: Import Calls');
  await wb.pickFile(ws.samplesFile);
  const text = await wb.notification(/Kaizen: imported \d+ new calls \(\d+ in the store\)/, 180000);
  log(text.replace(/\s+/g, ' '));
  const [, inserted, total] = /imported (\d+) new calls \((\d+) in the store\)/.exec(text);
  assert.equal(Number(inserted), ws.sampleCalls);
  assert.ok(Number(total) >= ws.sampleCalls);
  assert.match(text, /\d+ patterns/);
});

test('views: Calls and Patterns fill; status bar counts calls', async ({ wb, log }) => {
  await wb.openViewContainer('Kaizen');
  const calls = wb.viewRows('Calls');
  await calls.filter({ hasText: 'acme-support.jsonl' }).first().waitFor({ timeout: 30000 });
  assert.match(await calls.filter({ hasText: 'acme-support.jsonl' }).first().innerText(), /1300 calls/);
  const patterns = wb.viewRows('Patterns');
  await patterns.first().waitFor({ timeout: 30000 });
  const intents = await patterns.allInnerTexts();
  log(`patterns view: ${intents.map((t) => t.replace(/\s+/g, ' ')).join(' | ')}`);
  assert.ok(intents.some((t) => /shipping_issue/.test(t)), 'intent nodes are listed');
  // intent → situation → move: expand the intent, then its first situation.
  // Children load asynchronously: wait for each level before expanding the next.
  await patterns.filter({ hasText: 'shipping_issue' }).first().click();
  await wb.page.keyboard.press('ArrowRight');
  const situation = wb.pane('Patterns').locator('.monaco-list-row[aria-level="2"]').first();
  await situation.waitFor({ timeout: 15000 });
  await situation.click();
  await wb.page.keyboard.press('ArrowRight');
  const child = wb.pane('Patterns').locator('.monaco-list-row[aria-level="3"]').first();
  await child.waitFor({ timeout: 15000 });
  const text = (await child.innerText()).replace(/\s+/g, ' ').trim();
  log(`a pattern row: ${text}`);
  assert.match(text, /^\d+% \[\d+–\d+%\]\s*\S+/);
  const cut = await child.locator('.monaco-icon-label-container').evaluate((el) => {
    const name = el.querySelector('.label-name');
    return name.getBoundingClientRect().right > el.getBoundingClientRect().right + 1;
  });
  assert.equal(cut, false, 'the rate and its interval are not cut off at the default sidebar width');
  const hover = await child.getAttribute('aria-label');
  log(`its accessible label: ${hover}`);
  const status = wb.page.locator('.statusbar-item', { hasText: 'Kaizen:' }).first();
  assert.match(await status.innerText(), /Kaizen: \d+ calls/);
  log(`screenshot ${await wb.screenshot('e2e-kaizen-views')}`);
});

test('pattern explorer: webview content, evidence, open the call', async ({ wb, log }) => {
  await wb.runCommand('Kaizen: Open Pattern Explorer');
  const frame = wb.webviewFrame();
  const summary = frame.locator('#summary');
  await summary.filter({ hasText: /patterns from [\d,]+ calls/ }).waitFor({ timeout: 30000 });
  log(`webview: ${await summary.innerText()}`);
  const paint = await frame.locator('body').getAttribute('data-first-paint-ms');
  log(`Pattern Explorer first paint inside real VS Code: ${paint} ms (message received → rendered → next frame)`);
  const rows = frame.locator('.vl .row');
  await rows.first().waitFor({ timeout: 10000 });
  assert.ok((await rows.count()) > 3);
  assert.ok((await frame.locator('#strategy-table tr').count()) > 2, 'one chart bar per strategy');
  const successCell = rows.first().locator('span').nth(2);
  log(`first row's success cell: ${await successCell.innerText()}`);
  assert.equal(await successCell.evaluate((el) => el.scrollWidth > el.clientWidth + 1), false, 'the success rate and its interval are not cut off');
  await rows.first().click();
  const evidence = frame.locator('.evidence-call').first();
  await evidence.waitFor({ timeout: 15000 });
  const text = await evidence.innerText();
  assert.match(text, /\[[A-Z_]+(?:_\d+)?\]/, 'evidence turns are redacted (typed placeholders)');
  log(`screenshot ${await wb.screenshot('e2e-pattern-explorer')}`);
  await evidence.locator('vscode-button').click();
  // The call opens rendered (Markdown preview): a heading, a facts table, the transcript; not source.
  await wb.page.locator('.tab', { hasText: /Preview .+\.md/ }).first().waitFor({ timeout: 30000 });
  const preview = wb.webviewFrame();
  const heading = preview.locator('h1', { hasText: /Call \S+/ });
  await heading.waitFor({ timeout: 30000 });
  const facts = await preview.locator('table').first().innerText();
  log(`call facts: ${facts.replace(/\s+/g, ' ').slice(0, 200)}`);
  assert.match(facts, /agent\s+acme-support/);
  assert.match(facts, /end reason\s+\w+/);
  assert.doesNotMatch(await preview.locator('body').innerText(), /\{"resolved"|"endReason"/, 'the outcome is in words, not a JSON blob');
  assert.match(await preview.locator('body').innerText(), /Acme\s+Outfitters/, 'kaizen.privacy.allowlist (workspace setting) reached the redactor');
  log(`screenshot ${await wb.screenshot('e2e-call-rendered')}`);
  await wb.runCommand('View: Close Editor');
});

test('dashboard: the store\'s KPIs per version, month and agent with the trend chart drawn', async ({ wb, ws, log }) => {
  await wb.runCommand('Kaizen: Open Dashboard');
  const frame = wb.webviewFrame();
  const summary = frame.locator('#summary');
  await summary.filter({ hasText: /^[\d,]+ calls/ }).waitFor({ timeout: 60000 });
  log(`dashboard: ${await summary.innerText()}`);
  const calls = Number((await summary.innerText()).replace(/,/g, '').match(/^(\d+) calls/)[1]);
  assert.ok(calls >= ws.sampleCalls, 'every imported call counts');
  assert.ok((await frame.locator('#by-month tr[data-key]').count()) >= 1);
  assert.ok((await frame.locator('#by-agent tr[data-key="acme-support"]').count()) === 1);
  const ink = await canvasInk(frame.locator('#trend-chart'));
  assert.ok(ink > 1000, `the trend chart is drawn (${ink} pixels)`);
  log(`screenshot ${await wb.screenshot('e2e-dashboard')}`);
  await wb.runCommand('View: Close Editor');
});

test('artifacts open as documents: a drawn decision tree, a prompt version as text, a strategy table', async ({ wb, log }) => {
  await wb.openViewContainer('Kaizen');
  const rows = wb.viewRows('Artifacts');
  await rows.first().waitFor({ timeout: 30000 });
  const all = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  log(`artifacts view: ${all.slice(0, 8).join(' | ')}${all.length > 8 ? ' | …' : ''}`);
  // The tree renders only the rows in view: wheel it (pointer on the pane body, no hover on a row) until
  // a row of this kind is there. Top to bottom: the prompt, the decision trees, then the strategies.
  const body = wb.pane('Artifacts').locator('.pane-body').first();
  const open = async (kind) => {
    await wb.runCommand('View: Close All Editors');
    const row = rows.filter({ hasText: kind }).first();
    for (let i = 0; i < 40 && !(await row.isVisible().catch(() => false)); i++) {
      const box = await body.boundingBox();
      await wb.page.mouse.move(box.x + box.width - 12, box.y + box.height / 2);
      await wb.page.mouse.wheel(0, 100);
      await wb.page.waitForTimeout(150);
    }
    await row.click();
    return wb.webviewFrame();
  };
  let doc = await open('prompt ·');
  const prompt = doc.locator('pre, code').filter({ hasText: /Help the customer/ }).first();
  await prompt.waitFor({ timeout: 30000 });
  log(`prompt version text: ${(await prompt.innerText()).slice(0, 80)}…`);
  log(`screenshot ${await wb.screenshot('e2e-artifact-prompt')}`);
  doc = await open('decision-tree');
  const img = doc.locator('img[src^="data:image/svg+xml"]').first();
  await img.waitFor({ timeout: 30000 });
  const drawn = await img.evaluate((el) => el.complete && el.naturalWidth > 0);
  assert.ok(drawn, 'the tree image is drawn (loaded from a data URI, no remote script)');
  log(`screenshot ${await wb.screenshot('e2e-artifact-decision-tree')}`);
  doc = await open('strategy');
  await doc.locator('table th', { hasText: 'Strategy' }).first().waitFor({ timeout: 30000 });
  assert.ok((await doc.locator('table tr').count()) >= 2, 'a ranking table');
  log(`screenshot ${await wb.screenshot('e2e-artifact-strategy')}`);
  await wb.runCommand('View: Close All Editors');
});

test('experiments and artifacts: the store experiment in the view and the statistics webview', async ({ wb, log }) => {
  await wb.openViewContainer('Kaizen');
  const exp = wb.viewRows('Experiments').first();
  await exp.waitFor({ timeout: 30000 });
  log(`experiments view: ${(await exp.innerText()).replace(/\s+/g, ' ')}`);
  const artifacts = await wb.viewRows('Artifacts').allInnerTexts();
  log(`artifacts view: ${artifacts.map((t) => t.replace(/\s+/g, ' ')).join(' | ')}`);
  assert.ok(artifacts.some((t) => /v\d+/.test(t)), 'artifacts show their versions');
  await exp.click();
  const frame = wb.webviewFrame();
  const name = frame.locator('#experiment-name');
  await name.waitFor({ timeout: 30000 });
  const rows = await frame.locator('#variants tr').allInnerTexts();
  log(`experiment webview: ${await name.innerText()} — ${(await frame.locator('#verdict').innerText()).replace(/\s+/g, ' ')}`);
  assert.ok(rows.length >= 3, 'a header row and one row per variant');
  assert.match(rows[1], /\d+\.\d% \[\d+\.\d% – \d+\.\d%\]/, 'rates with 95% intervals');
  assert.match(await frame.locator('#srm').innerText(), /Sample ratio (OK|mismatch)/);
  const history = await frame.locator('#timeline li').allInnerTexts();
  log(`experiment history: ${history.length} entries, last: ${history[history.length - 1]}`);
  assert.ok(history.some((t) => /rollout/.test(t)), 'the rollout history from the journal is shown');
  log(`screenshot ${await wb.screenshot('e2e-experiment-statistics')}`);
  await wb.runCommand('View: Close Editor');
});

test('experiments from the editor: create, record imported calls, ship, advance, kill, roll back — each confirmed', async ({ wb, log }) => {
  await wb.clearNotifications();
  await wb.runCommand('Kaizen: Create Experiment');
  await wb.quickInput('e2e-editor');
  await wb.quickInput('control,treatment');
  // Each variant serves an artifact version: the prompt's first and latest versions (prompts are listed first).
  await wb.quickPick('@1');
  await wb.quickPick('@2');
  await wb.quickPick('resolution');
  await wb.dialogButton('Create and Start');
  const created = (await wb.notification(/experiment e2e-editor created and running/, 60000)).replace(/\s+/g, ' ');
  log(created);
  assert.match(created, /control \([^)]+@1\) vs treatment \([^)]+@2\)/, 'both variants are linked to artifact versions');
  await wb.openViewContainer('Kaizen');
  const row = () => wb.viewRows('Experiments').filter({ hasText: 'e2e-editor' }).first();
  await row().waitFor({ timeout: 30000 });
  assert.match(await row().innerText(), /running/);

  await wb.contextMenu(row(), 'Record Calls into Experiment');
  await wb.quickPick('calls/acme-support.jsonl');
  await wb.dialogButton('Record');
  const recorded = await wb.notification(/recorded \d+ calls into e2e-editor/, 60000);
  log(recorded.replace(/\s+/g, ' '));
  assert.ok(Number(/recorded (\d+) calls/.exec(recorded)[1]) > 100, 'the imported calls were recorded (sticky assignment, observationFromConversation)');
  log(`screenshot ${await wb.screenshot('e2e-experiment-recorded')}`);

  await wb.contextMenu(row(), 'Ship Experiment Winner');
  await wb.dialogButton('Ship');
  log((await wb.notification(/e2e-editor is rolling out treatment at \d+%/, 60000)).replace(/\s+/g, ' '));
  await row().filter({ hasText: 'shipping' }).waitFor({ timeout: 30000 });

  await wb.contextMenu(row(), 'Advance Experiment Rollout');
  await wb.dialogButton('Check and Advance');
  log((await wb.notification(/e2e-editor rollout — (hold|advance|complete|rollback):/, 60000)).replace(/\s+/g, ' '));

  await wb.contextMenu(row(), 'Kill Experiment');
  await wb.quickInput('e2e: done with the check');
  await wb.dialogButton('Kill');
  await wb.notification(/e2e-editor killed/, 60000);
  await row().filter({ hasText: 'killed' }).waitFor({ timeout: 30000 });

  // Roll back the experiment the CLI shipped (its artifact goes back to the control's content).
  const shipped = wb.viewRows('Experiments').filter({ hasText: 'shipped' }).first();
  await wb.contextMenu(shipped, 'Roll Back Experiment');
  await wb.quickInput('e2e: roll back from the editor');
  await wb.dialogButton('Roll Back');
  await wb.notification(/rolled back/, 60000);
  await wb.viewRows('Experiments').filter({ hasText: 'rolled-back' }).first().waitFor({ timeout: 30000 });
  const listed = (await wb.viewRows('Experiments').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  log(`experiments view: ${listed.join(' | ')}`);
  log(`screenshot ${await wb.screenshot('e2e-experiment-lifecycle')}`);
});

test('test explorer: recorded-call fixtures replay; a failing expectation shows as a diff', async ({ wb, log }) => {
  await wb.runCommand('Testing: Focus on Test Explorer View');
  await wb.page.locator('.test-explorer .monaco-list-row', { hasText: 'support.calls.jsonl' }).first().waitFor({ timeout: 30000 });
  await wb.runCommand('Test: Run All Tests');
  // The Testing view's summary shows passed/total once the run ends.
  const summary = wb.page.locator('.pane-body').getByText(/^\d+\/\d+$/).first();
  await summary.waitFor({ timeout: 60000 });
  await wb.page.waitForFunction(() => !document.querySelector('.codicon-testing-loading-icon, .codicon-loading'), null, { timeout: 60000 });
  const text = (await summary.innerText()).trim();
  log(`test explorer: ${text} tests passed`);
  assert.equal(text, '3/4', 'support: 3 calls pass; regression: its one call fails');
  const support = wb.page.locator('.test-explorer .monaco-list-row', { hasText: 'support.calls.jsonl' }).first();
  assert.equal(await support.locator('.codicon-testing-passed-icon').count(), 1, 'the passing fixture is marked passed');
  const regression = wb.page.locator('.test-explorer .monaco-list-row', { hasText: 'regression.calls.jsonl' }).first();
  assert.equal(await regression.locator('.codicon-testing-failed-icon').count(), 1, 'the failing fixture is marked failed');
  // The failure message (expected vs actual) is listed under the failed call in Test Results.
  const message = wb.page.locator('.monaco-list-row', { hasText: /intent: expected account_access, got subscription_inquiry/ }).first();
  await message.waitFor({ timeout: 20000 });
  log(`test results: ${(await message.innerText()).replace(/\s+/g, ' ')}`);
  log(`screenshot ${await wb.screenshot('e2e-test-explorer')}`);
});

test('learning store: export a bundle through the save dialog and merge it back', async ({ wb, ws, log }) => {
  const { existsSync, statSync } = await import('node:fs');
  const path = await import('node:path');
  const target = path.join(ws.dir, 'exported.kaizen');
  await wb.runCommand('Kaizen: Export Learning Store');
  await wb.pickFile(target);
  const exported = await wb.notification(/Kaizen: exported the learning store \(\d+ KB\)/, 60000);
  log(exported.replace(/\s+/g, ' '));
  assert.ok(existsSync(target) && statSync(target).size > 1000, 'the bundle file was written');
  await wb.clearNotifications();
  await wb.runCommand('Kaizen: Import Learning Store');
  await wb.pickFile(target);
  const merged = await wb.notification(/Kaizen: merged \d+ new calls/, 60000);
  log(merged.replace(/\s+/g, ' '));
  assert.match(merged, /merged 0 new calls/, 'merging a store into itself adds nothing');
});

test('generate sample calls: the new-user path writes generated calls and imports them', async ({ wb, log }) => {
  await wb.runCommand('Kaizen: Generate Sample Calls');
  const input = wb.page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: 15000 });
  await input.fill('300');
  await input.press('Enter');
  const text = await wb.notification(/Kaizen: imported 300 new calls \(\d+ in the store\)/, 180000);
  log(text.replace(/\s+/g, ' '));
});

export const restrictedTests = [];
restrictedTests.push({
  name: 'restricted mode: the store `npm run demo` made loads (never "No calls yet" meanwhile); executing commands are hidden',
  fn: async ({ wb, ws, log }) => {
    await wb.dialogButton(/No, I don't trust|Don't Trust/i, 90000);
    await wb.openViewContainer('Kaizen');
    const pane = wb.pane('Calls');
    // Sample the pane until the store's calls are listed: "No calls" must never show while it loads.
    const seen = new Set();
    const deadline = Date.now() + 120000;
    for (;;) {
      const text = (await pane.innerText().catch(() => '')).replace(/\s+/g, ' ');
      if (/Loading the learning store/.test(text)) seen.add('loading');
      assert.doesNotMatch(text, /No calls/, `the Calls view claimed no calls while the store loads: ${text}`);
      if ((await pane.locator('.monaco-list-row').count()) > 0) break;
      assert.ok(Date.now() < deadline, 'the stored calls were listed within 120 s');
      await wb.page.waitForTimeout(100);
    }
    const source = (await pane.locator('.monaco-list-row').first().innerText()).replace(/\s+/g, ' ');
    log(`Calls view in Restricted Mode: ${source}${seen.has('loading') ? ' (the loading state was shown first)' : ''}`);
    // The row is labelled by the file's name (the tree labels are short; the path is in its tooltip).
    assert.match(source, new RegExp(`^acme-support\\.jsonl\\s*${ws.calls} calls`), 'the demo\'s calls, in the default store the extension opens');
    const experiments = (await wb.viewRows('Experiments').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    log(`Experiments view: ${experiments.join(' | ')}`);
    assert.ok(experiments.some((t) => /Playbook prompt vs current prompt/.test(t)), 'the demo\'s experiment is listed');
    await wb.page.keyboard.press('Control+Shift+P');
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor({ timeout: 10000 });
    await input.fill('>Kaizen: ');
    await wb.page.waitForTimeout(1000);
    const labels = await wb.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    log(`palette in Restricted Mode: ${labels.map((l) => l.split('\n')[0]).join(' | ')}`);
    assert.ok(labels.some((l) => /Open Pattern Explorer/.test(l)), 'read-only commands stay');
    assert.ok(!labels.some((l) => /Import Calls|Analyze|Generate Sample Calls|Connect to Agent Endpoint|Create Experiment|Kill Experiment/.test(l)), 'executing/connecting commands are hidden');
    await wb.page.keyboard.press('Escape');
    log(`screenshot ${await wb.screenshot('e2e-restricted-mode')}`);
  },
});
