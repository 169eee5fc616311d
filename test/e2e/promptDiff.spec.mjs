// End-to-end in REAL VS Code: a designer opens the workspace's prompt file, runs "Kaizen: Open Prompt
// Diff", opens a proposal in VS Code's diff editor, edits the proposed prompt, accepts the edit and
// creates a draft experiment from it. The artifact version and the draft experiment are then read back
// from the saved store file through the CLI (a separate process), and the experiment is found in the
// Experiments view. Screenshots in test-results/screenshots/e2e-prompt-diff-*.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Runs the packaged CLI on a copy of the workspace store file and parses its JSON answer. The window
 * holds the store's lock (one writer), so another process reads what the window saved: a copy of the file.
 */
function cliJson(ws, args) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaizen-e2e-store-'));
  try {
    const copy = path.join(dir, 'learning.db');
    copyFileSync(path.join(ws.dir, '.kaizen', 'learning.db'), copy);
    const r = spawnSync('node', [path.join(root, 'dist', 'cli.js'), ...args, '--store', copy, '--json'], { cwd: dir, encoding: 'utf8', timeout: 120000 });
    assert.equal(r.status, 0, `kaizen ${args.join(' ')} failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The designer's words appended to the first bullet of the proposed prompt (no digits: the privacy gate reads digit runs). */
const DESIGNER_EDIT = 'Confirm the caller agrees before moving on.';

export const promptDiffTests = [
  {
    name: 'prompt diff: open from the prompt file, diff editor, edit, accept → artifact version → draft experiment',
    fn: async ({ wb, ws, log }) => {
      assert.ok(ws.promptFile, 'the workspace has a prompt file');
      await wb.runCommand('View: Close All Editors');
      // The designer has the prompt open: the command targets the active editor's file.
      await wb.runCommand('Go to File...');
      await wb.quickInput(path.basename(ws.promptFile));
      await wb.page.locator('.tab', { hasText: path.basename(ws.promptFile) }).first().waitFor({ timeout: 30000 });
      await wb.runCommand('Kaizen: Open Prompt Diff');
      const frame = wb.webviewFrame();
      await frame.locator('#target', { hasText: path.basename(ws.promptFile) }).waitFor({ timeout: 60000 });
      // Proposing runs over the analysed store: wait for the cards (or the note saying why there are none).
      await frame.locator('article.proposal, #empty-state').first().waitFor({ timeout: 120000 });
      const cards = frame.locator('article.proposal');
      const titles = (await cards.locator('h2').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      log(`proposals: ${titles.join(' | ') || (await frame.locator('#empty-state').innerText())}`);
      const ready = cards.filter({ has: frame.locator('h2', { hasText: '· ready' }) }).first();
      await ready.waitFor({ timeout: 10000 });
      const proposalId = await ready.getAttribute('data-proposal-id');
      log(`hypothesis: ${await ready.locator('.hypothesis').innerText()}`);
      const gates = await ready.locator('.gates li').allInnerTexts();
      assert.ok(gates.length >= 4 && (await ready.locator('.gates li.bad').count()) === 0, `every gate passes: ${gates.join('; ')}`);
      assert.ok((await ready.locator('.patch .add').count()) > 0, 'the proposal shows its added lines');
      log(`screenshot ${await wb.screenshot('e2e-prompt-diff-proposals')}`);

      // VS Code's own diff editor: the prompt file against the proposed text.
      await ready.locator('button.open-diff').click();
      const diffTab = wb.page.locator('.tab', { hasText: `Kaizen proposal ${proposalId}` }).first();
      await diffTab.waitFor({ timeout: 60000 });
      const diff = wb.page.locator('.monaco-diff-editor').first();
      await diff.waitFor({ timeout: 30000 });
      await diff.locator('.view-line', { hasText: 'kaizen:playbook' }).first().waitFor({ timeout: 30000 });
      log(`diff editor: ${(await diffTab.innerText()).replace(/\s+/g, ' ')}; inserted lines marked: ${await diff.locator('.line-insert, .char-insert').count()}`);
      log(`screenshot ${await wb.screenshot('e2e-prompt-diff-editor')}`);
      await wb.page.locator('.tab', { hasText: 'Prompt Diff' }).first().click();

      // Edit the proposed prompt: the designer's words go onto the proposal's bullet line.
      const card = frame.locator(`article.proposal[data-proposal-id="${proposalId}"]`);
      await card.locator('button.edit').click();
      const area = card.locator('textarea.editor');
      await area.waitFor({ timeout: 30000 });
      const proposed = await area.inputValue();
      const lines = proposed.split('\n');
      const bullet = lines.findIndex((l) => /^- \[pb-[a-z]+\] /.test(l));
      assert.ok(bullet >= 0, `the proposed prompt carries a bullet line:\n${proposed}`);
      lines[bullet] = `${lines[bullet]} ${DESIGNER_EDIT}`;
      await area.fill(lines.join('\n'));
      log(`edited bullet: ${lines[bullet].slice(0, 160)}…`);
      log(`screenshot ${await wb.screenshot('e2e-prompt-diff-editing')}`);
      await card.locator('button.accept', { hasText: 'Accept edit' }).click();

      const result = frame.locator('#result');
      await result.filter({ hasText: /Accepted|rror|annot/ }).waitFor({ timeout: 120000 });
      const accepted = (await result.innerText()).trim();
      log(accepted);
      assert.match(accepted, new RegExp(`^Accepted ${proposalId} \\(edited\\): \\S+ v\\d+, playbook v\\d+\\.$`));
      const ref = (await frame.locator('#accepted .artifact-ref').innerText()).trim();
      const [, artifactId, version] = /^(\S+) v(\d+)$/.exec(ref);
      // The list was proposed again against the new playbook: the designer's wording is not proposed back.
      const bulletId = /\[(pb-[a-z]+)\]/.exec(lines[bullet])[1];
      // (The file is never written, so each patch adds the whole playbook section: the bullet's line must keep the edit.)
      const bulletLines = await frame.locator('.patch .add', { hasText: `[${bulletId}]` }).allInnerTexts();
      log(`proposals after the accept: ${await frame.locator('article.proposal').count()}; lines with ${bulletId}: ${bulletLines.length}`);
      assert.ok(bulletLines.every((l) => l.includes(DESIGNER_EDIT)), `no proposal rewords the designer's edit of ${bulletId} back: ${bulletLines.find((l) => !l.includes(DESIGNER_EDIT))}`);
      log(`screenshot ${await wb.screenshot('e2e-prompt-diff-accepted')}`);

      await frame.locator('#accepted button.create-experiment').click();
      await result.filter({ hasText: /Draft experiment|rror|annot/ }).waitFor({ timeout: 120000 });
      const drafted = (await result.innerText()).trim();
      log(drafted);
      const [, experimentId] = /^Draft experiment (\S+) created \(/.exec(drafted) ?? [];
      assert.ok(experimentId, `a draft experiment was created: ${drafted}`);
      await frame.locator('#accepted button.create-experiment', { hasText: `Draft experiment ${experimentId}` }).waitFor({ timeout: 60000 });
      log(`screenshot ${await wb.screenshot('e2e-prompt-diff-experiment')}`);

      // The store file, read by another process: the artifact version with the designer's words, the draft experiment on it.
      const shown = cliJson(ws, ['artifact', 'show', artifactId]);
      const stored = JSON.stringify(shown);
      assert.ok(stored.includes(DESIGNER_EDIT), 'the stored prompt enhancement carries the designer\'s edit');
      assert.equal(shown.artifact.artifactId, artifactId);
      assert.equal(shown.artifact.version, Number(version), 'the latest stored version is the accepted one');
      assert.equal(shown.artifact.payload.kind, 'prompt-enhancement');
      assert.equal(shown.artifact.payload.target, path.relative(ws.dir, ws.promptFile).split(path.sep).join('/'));
      log(`store: ${artifactId} v${shown.artifact.version} (${shown.artifact.payload.kind}, ${shown.artifact.status}) for ${shown.artifact.payload.target}`);
      const status = cliJson(ws, ['experiment', 'status', experimentId]);
      const text = JSON.stringify(status);
      assert.match(text, /"status":"draft"/, `the experiment is a draft: ${text.slice(0, 400)}`);
      assert.ok(text.includes(`${artifactId} v${version}`), 'the experiment tests the accepted enhancement version');
      assert.match(text, /"artifactVersion":\d+[^]*"artifactVersion":\d+/, 'both variants serve a prompt version');
      log(`store: experiment ${experimentId}: ${text.slice(0, 300)}`);

      // The Experiments view lists the new draft.
      await wb.runCommand('View: Close All Editors');
      await wb.openViewContainer('Kaizen');
      const row = wb.viewRows('Experiments').filter({ hasText: `Prompt enhancement ${artifactId}` }).first();
      await row.waitFor({ timeout: 60000 });
      log(`experiments view: ${(await wb.viewRows('Experiments').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')).join(' | ')}`);
      log(`screenshot ${await wb.screenshot('e2e-prompt-diff-experiments-view')}`);
    },
  },
];
