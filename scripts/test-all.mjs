// `npm test`: every test layer, in order, with one closing line that sums them all.
// Layers: type-check + lint, engine/CLI unit tests (mocha), webview tests in headless Chromium,
// end-to-end tests in real VS Code (code-server). A layer that needs a browser installs what it can
// and otherwise stops with the exact package to install; nothing is skipped silently.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const only = process.argv.slice(2);
const resultsDir = 'test-results';
mkdirSync(resultsDir, { recursive: true });

/** Each suite writes a JSON summary {passed, failed} to test-results/<name>.json. */
const suites = [
  { name: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'], counts: false },
  { name: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'], counts: false },
  { name: 'build', cmd: 'node', args: ['esbuild.mjs'], counts: false },
  { name: 'unit', cmd: 'npx', args: ['mocha', '--reporter', path.resolve('scripts/mocha-summary-reporter.cjs')], counts: true, json: 'unit' },
  { name: 'webviews', cmd: 'node', args: ['scripts/run-webview-tests.mjs'], counts: true, json: 'webviews', when: 'scripts/run-webview-tests.mjs' },
  { name: 'e2e', cmd: 'node', args: ['scripts/run-e2e.mjs'], counts: true, json: 'e2e', when: 'scripts/run-e2e.mjs' },
];

let passed = 0;
let failed = 0;
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  if (suite.when && !existsSync(suite.when)) continue;
  const summaryFile = path.join(resultsDir, `${suite.json ?? suite.name}.json`);
  rmSync(summaryFile, { force: true });
  console.log(`\n=== ${suite.name} ===`);
  const started = Date.now();
  const env = { ...process.env, KAIZEN_TEST_SUMMARY: summaryFile };
  const r = spawnSync(suite.cmd, suite.args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (suite.counts && existsSync(summaryFile)) {
    const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
    passed += s.passed;
    failed += s.failed;
    if (r.status !== 0 && s.failed === 0) failed += 1; // a crash after the last test still fails the run
    console.log(`--- ${suite.name}: ${s.passed} passed, ${s.failed} failed (${seconds} s)`);
  } else if (r.status === 0) {
    passed += 1;
    console.log(`--- ${suite.name}: ok (${seconds} s)`);
  } else {
    failed += 1;
    console.log(`--- ${suite.name}: FAILED with exit code ${r.status} (${seconds} s)`);
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
writeFileSync(path.join(resultsDir, 'total.json'), JSON.stringify({ passed, failed }));
process.exitCode = failed > 0 ? 1 : 0;
