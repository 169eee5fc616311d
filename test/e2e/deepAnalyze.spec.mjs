// End-to-end in REAL VS Code: "Kaizen: Deep Analyze" asks Claude through the real Anthropic SDK in the
// extension host, pointed (ANTHROPIC_BASE_URL in code-server's environment) at the loopback server that
// speaks the Messages API (test/fakes/anthropicServer.ts, started by scripts/run-e2e.mjs). The key goes
// into SecretStorage through "Kaizen: Set Anthropic API Key" as a user would type it; the workspace
// setting kaizen.claude.enabled is on. The findings open rendered; the evidence comes from the engine,
// never from the model's answer. Screenshot test-results/screenshots/e2e-deep-analyze.png.
import assert from 'node:assert/strict';

/** The key the loopback server accepts (it answers 401 to any other). */
export const E2E_ANTHROPIC_KEY = 'sk-ant-e2e-loopback-key';

export const deepAnalyzeTests = [
  {
    name: 'deep analyze: the key into SecretStorage from the palette, Claude (loopback Messages API) explains the findings',
    fn: async ({ wb, anthropic, log }) => {
      assert.ok(anthropic, 'the loopback Messages API server is running');
      await wb.runCommand('View: Close All Editors');
      await wb.clearNotifications();
      await wb.runCommand('Kaizen: Set Anthropic API Key');
      await wb.quickInput(E2E_ANTHROPIC_KEY);
      await wb.notification(/Anthropic API key saved in SecretStorage/, 30000);
      await wb.clearNotifications();
      const answeredBefore = anthropic.answered.length;
      await wb.runCommand('Kaizen: Deep Analyze');
      // The rendered findings, or the error notification that says why not (then fail with its words).
      const preview = wb.page.locator('.tab', { hasText: /Preview/ }).first();
      const failure = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /deep analysis failed/ }).first();
      await preview.or(failure).waitFor({ timeout: 240000 });
      if (await failure.isVisible().catch(() => false)) assert.fail((await failure.innerText()).replace(/\s+/g, ' '));
      const doc = wb.webviewFrame();
      await doc.locator('h1', { hasText: 'Kaizen deep analysis' }).waitFor({ timeout: 60000 });
      const body = (await doc.locator('body').innerText()).replace(/\s+/g, ' ');
      const head = /Claude \((\S+)\): (\d+) billed answers, (\d+) input \+ (\d+) output tokens[^$]*\$(\d+\.\d+)/.exec(body);
      assert.ok(head, `the analysis ran with Claude, not offline: ${body.slice(0, 300)}`);
      const [, model, requests, input, output, cost] = head;
      log(`deep analysis: ${head[0]}`);
      const answered = anthropic.answered.length - answeredBefore;
      log(`loopback Messages API: ${anthropic.messageRequests().length} message requests, ${answered} answered, violations: ${anthropic.violations.length ? anthropic.violations.join('; ') : 'none'}`);
      assert.deepEqual(anthropic.violations, [], 'every request was one the API accepts, with no PII in it');
      // The server answers 401 to any other key: an answer means the key from SecretStorage was sent.
      assert.ok(answered >= 1, 'the extension host reached the loopback server with the key');
      assert.equal(Number(requests), answered, 'the billed answers reported are the ones the server answered');
      assert.ok(Number(input) > 0 && Number(output) > 0 && Number(cost) > 0, 'usage and cost are recorded');
      assert.equal(model, anthropic.answered[anthropic.answered.length - 1].model, 'the configured model was asked');
      assert.match(body, /The agent moves on before the caller agrees/, "Claude's explanation is shown");
      assert.doesNotMatch(body, /invented-call-999/, 'a call the model invented never becomes evidence');
      log(`screenshot ${await wb.screenshot('e2e-deep-analyze')}`);
      await wb.runCommand('View: Close All Editors');
    },
  },
];
