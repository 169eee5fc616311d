// End-to-end in real VS Code for the live path (issue 16): the extension connects to `kaizen serve`
// (the agent side as a real peer on loopback), live calls appear in the Calls view and the status bar
// shows the connection, then an artifact is approved, published to the loopback Vapi fake from the
// Publishing webview, and rolled back. Screenshots in test-results/screenshots/e2e-live-*.png.
//
// For scripts/run-e2e.mjs (owned by the e2e harness): import `liveTests` and run them in the trusted
// session after the existing trusted tests (they need a built dist/cli.js, which the harness already
// builds, and the workspace store the harness seeds). The tests start and stop their own peers.
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnJsonChild } from './jsonChild.mjs';

const root = path.resolve(import.meta.dirname, '../..');
export const liveTests = [];
const test = (name, fn) => liveTests.push({ name, fn });
const children = [];

/** Starts a child process and resolves with its first stdout line parsed as JSON (bounded wait). */
function startPeer(args, label, timeout = 60000) {
  const { child, ready } = spawnJsonChild(args, label, { cwd: root, timeout });
  children.push(child);
  return ready;
}

export function stopLivePeers() {
  for (const c of children.splice(0)) c.kill('SIGTERM');
}

const peers = {};

test('live: Connect to Agent Endpoint streams kaizen serve into the Calls view; the status bar shows it', async ({ wb, log }) => {
  // 40 generated calls at 20× their recorded speed, calls 10 s (recorded) apart: a stream that lasts a while.
  peers.serve = await startPeer([path.join(root, 'dist/cli.js'), 'serve', '--count', '40', '--speed', '20', '--stagger-ms', '10000'], 'kaizen serve');
  log(`kaizen serve: ${JSON.stringify(peers.serve)}`);
  await wb.runCommand('Kaizen: Connect to Agent Endpoint');
  const input = wb.page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(peers.serve.stream);
  await input.press('Enter');
  const status = wb.page.locator('.statusbar-item', { hasText: 'Kaizen:' }).first();
  await status.filter({ hasText: /connected · \d+ ev\/s · \d+ corrections/ }).waitFor({ timeout: 60000 });
  log(`status bar: ${(await status.innerText()).replace(/\s+/g, ' ')}`);
  await wb.openViewContainer('Kaizen');
  const live = wb.viewRows('Calls').filter({ hasText: '(live)' }).first();
  await live.waitFor({ timeout: 60000 });
  log(`Calls view: ${(await live.innerText()).replace(/\s+/g, ' ')}`);
  assert.match(await live.innerText(), /\d+ calls/);
  log(`screenshot ${await wb.screenshot('e2e-live-connected')}`);
  await wb.runCommand('Kaizen: Disconnect from Agent Endpoint');
});

test('publishing: approve → gates → Vapi (loopback fake) → live version → one-click rollback', async ({ wb, log }) => {
  peers.fakes = await startPeer(['--import', 'tsx', path.join(root, 'test/fakes/platformFakes.ts')], 'platform fakes');
  log(`fakes: ${JSON.stringify(peers.fakes)}`);
  await wb.runCommand('Kaizen: Open Publishing');
  const frame = wb.webviewFrame();
  await frame.locator('article.artifact').first().waitFor({ timeout: 30000 });
  // A learned artifact still in draft: the seeded store's prompt versions already went through an
  // experiment (one shipped, one rolled back), and the gates rightly refuse those.
  const drafts = frame.locator('article.artifact', { has: frame.locator('.status', { hasText: /^draft$/ }) });
  const first = (await drafts.count()) > 0 ? drafts.first() : frame.locator('article.artifact').first();
  await frame.locator('#target-kind').selectOption('vapi');
  await frame.locator('#target-url').fill(peers.fakes.vapi);
  await frame.locator('#target-assistant').fill('asst_kaizen');
  // Approved from the webview if it is still a draft.
  const id = await first.getAttribute('data-artifact-id');
  const card = frame.locator(`article.artifact[data-artifact-id="${id}"]`);
  if ((await card.locator('.status').innerText()).trim() === 'draft') {
    await card.locator('button.approve').click();
    await card.locator('.status', { hasText: /^approved$/ }).waitFor({ timeout: 30000 });
  }
  assert.equal(await card.locator('.gates li.bad').count(), 0, `gates: ${await card.locator('.gates').innerText()}`);
  await frame.locator('#target-kind').selectOption('vapi');
  await frame.locator('#target-url').fill(peers.fakes.vapi);
  await frame.locator('#target-assistant').fill('asst_kaizen');
  await card.locator('button.publish').click();
  // The Vapi API key is asked once (password box) and kept in SecretStorage.
  const key = wb.page.locator('.quick-input-widget input.input');
  await key.waitFor({ state: 'visible', timeout: 15000 });
  await key.fill('e2e-test-key');
  await key.press('Enter');
  await frame.locator('#result', { hasText: /Live on vapi as version 2/ }).waitFor({ timeout: 30000 });
  log(`published: ${await frame.locator('#result').innerText()}`);
  const versions = await (await fetch(`${peers.fakes.vapi}/assistant/asst_kaizen/versions`, { headers: { authorization: 'Bearer e2e' } })).json();
  assert.equal(versions.find((v) => v.current).version, 2);
  log(`screenshot ${await wb.screenshot('e2e-live-published')}`);

  await frame.locator('#target-kind').selectOption('vapi');
  await frame.locator('#target-url').fill(peers.fakes.vapi);
  await frame.locator('#target-assistant').fill('asst_kaizen');
  await frame.locator(`article.artifact[data-artifact-id="${id}"] button.rollback`).click();
  await frame.locator('#result', { hasText: /Rolled back: vapi version 3 is live/ }).waitFor({ timeout: 30000 });
  const after = await (await fetch(`${peers.fakes.vapi}/assistant/asst_kaizen/versions`, { headers: { authorization: 'Bearer e2e' } })).json();
  const current = after.find((v) => v.current);
  assert.equal(current.prompt, after[0].prompt, 'the pre-Kaizen prompt is live again');
  // History: a header row, the publication and the rollback (the list refreshes after the action).
  await frame.locator('#history tr', { hasText: 'rolled-back' }).first().waitFor({ timeout: 30000 });
  assert.ok((await frame.locator('#history tr').count()) >= 3, 'history lists the publication and the rollback');
  log(`screenshot ${await wb.screenshot('e2e-live-rolled-back')}`);
  stopLivePeers();
});
