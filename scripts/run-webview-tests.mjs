// Webview layer of `npm test`: every webview bundle in headless Debian Chromium (playwright-core),
// driven through the harness page (test/webviews/harness.mjs). Writes {"passed","failed"} to
// $KAIZEN_TEST_SUMMARY and exits non-zero on any failure. Missing Chromium is a failure with the
// exact install command, never a silent skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
const summaryFile = process.env.KAIZEN_TEST_SUMMARY;
const writeSummary = (passed, failed) => summaryFile && writeFileSync(summaryFile, JSON.stringify({ passed, failed }));
const CHROMIUM = process.env.KAIZEN_CHROMIUM ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log('webviews: installing chromium (apt-get)');
    const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0 || !existsSync(CHROMIUM)) {
      console.error('webviews: FAILED — chromium is missing and apt-get could not install it. Run: apt-get update && apt-get install -y chromium');
      writeSummary(0, 1);
      process.exit(1);
    }
  } else {
    console.error('webviews: FAILED — Debian chromium is missing. Run: sudo apt-get install -y chromium');
    writeSummary(0, 1);
    process.exit(1);
  }
}

if (['patternExplorer', 'experiment', 'publishing', 'dashboard', 'promptDiff'].some((app) => !existsSync(`dist/webviews/${app}.js`)) || process.argv.includes('--build')) {
  const r = spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) {
    writeSummary(0, 1);
    process.exit(1);
  }
}
mkdirSync('test-results/screenshots', { recursive: true });

const { startServer, CHROMIUM_ARGS } = await import('../test/webviews/harness.mjs');
const { tests } = await import('../test/webviews/webviews.spec.mjs');
const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30000 });
const metrics = {};
let passed = 0;
let failed = 0;
const grep = process.env.KAIZEN_GREP;
try {
  for (const t of tests) {
    if (grep && !t.name.includes(grep)) continue;
    const lines = [];
    const started = Date.now();
    try {
      await Promise.race([
        t.fn({ browser, origin: server.origin, log: (s) => lines.push(s), metrics }),
        new Promise((_, reject) => setTimeout(() => reject(new Error('test timed out after 120 s')), 120000).unref()),
      ]);
      passed++;
      console.log(`  ✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.log(`  ✘ ${t.name}\n    ${String(err?.stack ?? err).split('\n').join('\n    ')}`);
    }
    for (const l of lines) console.log(`      ${l}`);
  }
} finally {
  await browser.close();
  await server.close();
}
if (metrics.firstPaintMs !== undefined) {
  console.log(`webviews: Pattern Explorer first paint with 10,000 patterns = ${metrics.firstPaintMs.toFixed(1)} ms (target < 500 ms)`);
}
console.log(`webviews: ${passed} passed, ${failed} failed`);
writeSummary(passed, failed);
process.exitCode = failed > 0 ? 1 : 0;
