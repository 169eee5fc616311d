// `npm test`: every test layer, with one closing line that sums them all.
// Layers: type-check + lint, engine/CLI unit tests (mocha, files in parallel workers), webview tests in
// headless Chromium, end-to-end tests in real VS Code (code-server). Independent layers run at the
// same time in three lanes — static checks; unit tests; one build, then the two browser layers on it —
// so the wall time is the longest lane, not the sum. A layer that needs a browser installs what it can
// and otherwise stops with the exact package to install; nothing is skipped silently.
// `node scripts/test-all.mjs unit e2e` runs only the named layers; `--serial` runs one layer at a time.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const serial = args.includes('--serial');
const only = args.filter((a) => !a.startsWith('--'));
const resultsDir = 'test-results';
mkdirSync(path.join(resultsDir, 'logs'), { recursive: true });

/** Each counting suite writes a JSON summary {passed, failed} to test-results/<name>.json. */
const mochaJobs = String(Math.max(2, Number(process.env.KAIZEN_TEST_JOBS) || 2));
const layers = {
  typecheck: { cmd: 'npm', args: ['run', '--silent', 'typecheck'] },
  lint: { cmd: 'npm', args: ['run', '--silent', 'lint'] },
  // One production build serves the webview layer and the packaged extension of the e2e layer.
  build: { cmd: 'node', args: ['esbuild.mjs', '--production'] },
  unit: { cmd: 'npx', args: ['mocha', '--parallel', '--jobs', mochaJobs, '--reporter', path.resolve('scripts/mocha-summary-reporter.cjs')], counts: true },
  webviews: { cmd: 'node', args: ['scripts/run-webview-tests.mjs'], counts: true, when: 'scripts/run-webview-tests.mjs' },
  e2e: { cmd: 'node', args: ['scripts/run-e2e.mjs'], counts: true, when: 'scripts/run-e2e.mjs', env: { KAIZEN_PREBUILT: '1' } },
};
const lanes = [['typecheck', 'lint'], ['unit'], ['build', 'webviews', 'e2e']];

let passed = 0;
let failed = 0;
const times = {};
const wallStarted = Date.now();

/** Runs one layer with its output in test-results/logs/<name>.log, printed whole when it ends. */
function runLayer(name) {
  const layer = layers[name];
  const summaryFile = path.join(resultsDir, `${name}.json`);
  rmSync(summaryFile, { force: true });
  const logFile = path.join(resultsDir, 'logs', `${name}.log`);
  const log = createWriteStream(logFile);
  const started = Date.now();
  console.log(`=== ${name} started`);
  return new Promise((resolve) => {
    const child = spawn(layer.cmd, layer.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...layer.env, KAIZEN_TEST_SUMMARY: summaryFile, FORCE_COLOR: '0' } });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('close', (code) => {
      log.end(() => {
        const seconds = (Date.now() - started) / 1000;
        times[name] = seconds;
        console.log(`\n=== ${name} (${seconds.toFixed(1)} s) ===`);
        process.stdout.write(readFileSync(logFile, 'utf8'));
        let ok = code === 0;
        if (layer.counts && existsSync(summaryFile)) {
          const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
          passed += s.passed;
          failed += s.failed;
          if (code !== 0 && s.failed === 0) failed += 1; // a crash after the last test still fails the run
          console.log(`--- ${name}: ${s.passed} passed, ${s.failed} failed (${seconds.toFixed(1)} s)`);
        } else if (code === 0) {
          passed += 1;
          console.log(`--- ${name}: ok (${seconds.toFixed(1)} s)`);
        } else {
          failed += 1;
          console.log(`--- ${name}: FAILED with exit code ${code} (${seconds.toFixed(1)} s)`);
        }
        resolve(ok);
      });
    });
  });
}

async function runLane(names) {
  for (const name of names) {
    if (only.length && !only.includes(name)) continue;
    if (layers[name].when && !existsSync(layers[name].when)) continue;
    const ok = await runLayer(name);
    // The browser layers test the build; without one they cannot run.
    if (!ok && name === 'build') {
      for (const rest of names.slice(names.indexOf(name) + 1)) {
        failed += 1;
        console.log(`--- ${rest}: not run (the build failed)`);
      }
      return;
    }
  }
}

if (serial) for (const lane of lanes) await runLane(lane);
else await Promise.all(lanes.map(runLane));

const wall = (Date.now() - wallStarted) / 1000;
console.log(`\nlayer times: ${Object.entries(times).map(([n, s]) => `${n} ${s.toFixed(1)} s`).join(', ')}; wall ${wall.toFixed(1)} s${serial ? ' (serial)' : ' (lanes in parallel)'}`);
console.log(`\n${passed} passed, ${failed} failed`);
writeFileSync(path.join(resultsDir, 'total.json'), JSON.stringify({ passed, failed, wallSeconds: wall, layerSeconds: times }));
process.exitCode = failed > 0 ? 1 : 0;
