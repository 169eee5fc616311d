// End-to-end layer of `npm test`: REAL VS Code (code-server from npm) in headless Debian Chromium.
// 1. installs what it needs (scripts/install-e2e-deps.sh: chromium + libkrb5-dev via apt when root,
//    Node 24 and code-server under .cache/; otherwise prints the exact command and FAILS),
// 2. packages the extension (npm run package → dist/kaizen.vsix) and installs the .vsix,
// 3. starts ONE code-server with workspace trust on, opens a workspace with the bundled sample calls
//    and a recorded-call fixture, trusts it from the startup prompt as a user would and drives the
//    workbench (test/e2e/e2e.spec.mjs, then the Prompt Diff in promptDiff.spec.mjs, Deep Analyze against a
//    loopback Messages API server in deepAnalyze.spec.mjs, the live specs, the simulated fleet on the dashboard
//    in fleet.spec.mjs, Sign & submit to a loopback hub in hub.spec.mjs); then opens a second folder with its
//    own store (made by the CLI, independent of the first run) in a fresh browser context and declines trust:
//    Restricted Mode.
// `node scripts/run-e2e.mjs --only fleet,hub` (or KAIZEN_E2E_ONLY=fleet,hub) runs only those specs (after
// the trust prompt, which every trusted spec needs), still with one code-server; `npm test` runs them all.
// Writes {"passed","failed"} to $KAIZEN_TEST_SUMMARY; exits non-zero on failure. Every wait is bounded;
// code-server is stopped by the pid this script started.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
const summaryFile = process.env.KAIZEN_TEST_SUMMARY;
/** The specs of this layer, in the order they run; `--only` picks some of them. */
const SPECS = ['workbench', 'promptDiff', 'deepAnalyze', 'live', 'fleet', 'hub', 'restricted'];
const onlyArg = process.argv.indexOf('--only');
const onlyList = (onlyArg >= 0 ? process.argv[onlyArg + 1] : process.env.KAIZEN_E2E_ONLY) ?? '';
const only = onlyList.split(',').map((s) => s.trim()).filter(Boolean);
let passed = 0;
let failed = 0;
const unknownSpecs = only.filter((s) => !SPECS.includes(s));
const selected = (spec) => only.length === 0 || only.includes(spec);
const writeSummary = () => summaryFile && writeFileSync(summaryFile, JSON.stringify({ passed, failed }));
const fail = (message) => {
  console.error(`e2e: FAILED — ${message}`);
  failed++;
  writeSummary();
  process.exit(1);
};

if (unknownSpecs.length || (onlyArg >= 0 && only.length === 0)) fail(`--only takes spec names separated by commas: ${SPECS.join(', ')} (got "${onlyList}")`);

// Several engineers (or CI jobs) may run this at once on one machine: installs and packaging take a
// lock, and each run works in its own folder.
const hasFlock = spawnSync('flock', ['--version']).status === 0;
// The lock is per checkout (its .cache/ and dist/ are what the lock guards), so another checkout's
// install does not hold this one up; apt-get waits for its own dpkg lock.
const checkoutKey = createHash('sha256').update(root).digest('hex').slice(0, 12);
const locked = (lock, cmd, args, opts) => (hasFlock ? spawnSync('flock', [`/tmp/kaizen-${lock}-${checkoutKey}.lock`, cmd, ...args], opts) : spawnSync(cmd, args, opts));

// ---- 1. dependencies -----------------------------------------------------------------------------
const deps = locked('e2e-deps', 'bash', ['scripts/install-e2e-deps.sh'], { stdio: 'inherit' });
if (deps.status !== 0) fail('the e2e dependencies are missing (see the message above for the command to run)');

// ---- 2. package ------------------------------------------------------------------------------------
const runDir = path.join(root, '.cache', `e2e-run-${process.pid}`);
rmSync(runDir, { recursive: true, force: true });
mkdirSync(runDir, { recursive: true });
const vsix = path.join(runDir, 'kaizen.vsix');
// Under `npm test` the production build already ran (KAIZEN_PREBUILT): package it without building again.
const packCmd = process.env.KAIZEN_PREBUILT
  ? 'npx vsce package --no-dependencies --allow-missing-repository --skip-license --out dist/kaizen.vsix'
  : 'npm run --silent package';
const pack = locked('e2e-package', 'sh', ['-c', `${packCmd} && cp dist/kaizen.vsix ${JSON.stringify(vsix)}`], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (pack.status !== 0 || !existsSync(vsix)) fail(`npm run package failed:\n${pack.stdout}`);
const sizes = ['dist/extension.js', 'dist/extension-engine.js', 'dist/webviews/patternExplorer.js', 'dist/webviews/experiment.js', 'dist/sql-wasm.wasm', 'dist/kaizen.vsix'].map((f) => `${f} ${(readFileSync(f).length / 1024).toFixed(0)} KB`);
console.log(`e2e: packaged dist/kaizen.vsix; bundle sizes: ${sizes.join(', ')}`);

const { chromium } = await import('playwright-core');
const { freePort, installExtension, startCodeServer, stopCodeServer, writeUserSettings, vscodeVersion } = await import('../test/e2e/codeServer.mjs');
const { Workbench } = await import('../test/e2e/workbench.mjs');
const { trustedTests, restrictedTests } = await import('../test/e2e/e2e.spec.mjs');
const { promptDiffTests } = await import('../test/e2e/promptDiff.spec.mjs');
const { deepAnalyzeTests, E2E_ANTHROPIC_KEY } = await import('../test/e2e/deepAnalyze.spec.mjs');
const { liveTests, stopLivePeers } = await import('../test/e2e/live.spec.mjs');
const { fleetTests } = await import('../test/e2e/fleet.spec.mjs');
const { hubTests, stopHubPeers } = await import('../test/e2e/hub.spec.mjs');
const { CHROMIUM_ARGS } = await import('../test/webviews/harness.mjs');

const engines = JSON.parse(readFileSync('package.json', 'utf8')).engines.vscode;
const version = vscodeVersion();
console.log(`e2e: code-server's VS Code ${version}; extension engines.vscode ${engines}`);
const [maj, min] = version.split('.').map(Number);
const [emaj, emin] = engines.replace(/^\^/, '').split('.').map(Number);
if (maj !== emaj || min < emin) fail(`VS Code ${version} does not satisfy engines.vscode ${engines}`);

// ---- 3. workspace, install, run ------------------------------------------------------------------
const ws = { dir: path.join(runDir, 'workspace') };
mkdirSync(path.join(ws.dir, 'calls'), { recursive: true });
mkdirSync(path.join(ws.dir, 'tests'), { recursive: true });
ws.samplesFile = path.join(ws.dir, 'calls', 'acme-support.jsonl');
cpSync('samples/acme-support.jsonl', ws.samplesFile);
ws.sampleCalls = readFileSync(ws.samplesFile, 'utf8').split('\n').filter((l) => l.includes('"call.started"')).length;
cpSync('test/fixtures/replay/support.calls.jsonl', path.join(ws.dir, 'tests', 'support.calls.jsonl'));
cpSync('test/fixtures/replay/support.expect.json', path.join(ws.dir, 'tests', 'support.expect.json'));
// A fixture whose expectations do not hold (and with two bad lines): Test Explorer must show the failure as a diff.
cpSync('test/fixtures/replay/regression.calls.jsonl', path.join(ws.dir, 'tests', 'regression.calls.jsonl'));
cpSync('test/fixtures/replay/regression.expect.json', path.join(ws.dir, 'tests', 'regression.expect.json'));
// The agent's prompt file, which the Prompt Diff proposes playbook changes to (the file itself is never written).
mkdirSync(path.join(ws.dir, 'prompts'), { recursive: true });
ws.promptFile = path.join(ws.dir, 'prompts', 'agent.md');
writeFileSync(ws.promptFile, '# Acme support agent\n\nHelp the customer with their order. Be brief and polite.\n');
// A workspace setting the engine must honour: the business name stays readable in redacted text.
mkdirSync(path.join(ws.dir, '.vscode'), { recursive: true });
// Deep Analyze may ask Claude (the key is typed into SecretStorage by the test).
writeFileSync(path.join(ws.dir, '.vscode', 'settings.json'), JSON.stringify({ 'kaizen.privacy.allowlist': ['Acme Outfitters'], 'kaizen.claude.enabled': true }, null, 2));
mkdirSync('test-results/screenshots', { recursive: true });

// A real experiment (and its artifact versions) in the workspace store, made by the CLI's own
// end-to-end experiment demo, so the Experiments view and the statistics webview show engine output.
const sim = spawnSync('node', ['dist/cli.js', 'experiment', 'simulate', '--store', path.join(ws.dir, '.kaizen', 'learning.db'), '--pool', '2000'], { encoding: 'utf8', timeout: 120000 });
if (sim.status !== 0) fail(`kaizen experiment simulate failed:\n${sim.stdout}\n${sim.stderr}`);
console.log(`e2e: workspace store seeded by kaizen experiment simulate: ${sim.stdout.trim().split('\n').slice(-2).join(' ')}`);

// The Restricted Mode folder gets its own store, made by `kaizen demo` with its defaults (the store the
// extension opens, .kaizen/learning.db) while the trusted session runs: it depends on nothing the trusted
// session does, and it shows that the demo's results are what VS Code opens.
// 3,000 calls: enough for the improvement engine's proposals to clear their evidence gate (30 calls a
// bullet), so the demo has a proposed prompt to test and its experiment shows in the Experiments view.
const restrictedWs = { dir: path.join(runDir, 'restricted-workspace'), calls: 3000 };
mkdirSync(restrictedWs.dir, { recursive: true });
const restrictedSeed = !selected('restricted') ? undefined : new Promise((resolve) => {
  const child = spawn('node', [path.join(root, 'dist', 'cli.js'), 'demo', '--count', String(restrictedWs.calls)], { cwd: restrictedWs.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.on('close', (code) => resolve({ code, out }));
});

const extensionsDir = path.join(runDir, 'extensions');
console.log(`e2e: ${installExtension(vsix, extensionsDir).split('\n').pop()}`);
const baseSettings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

// The Messages API on loopback for Deep Analyze: the real Anthropic SDK in the extension host finds it
// through ANTHROPIC_BASE_URL in code-server's environment (codeServer.mjs passes process.env on).
const { tsImport } = await import('tsx/esm/api');
const { FakeAnthropicServer } = await tsImport('../test/fakes/anthropicServer.ts', import.meta.url);
const anthropic = await new FakeAnthropicServer({ apiKey: E2E_ANTHROPIC_KEY }).start();
process.env.ANTHROPIC_BASE_URL = anthropic.url;

const metrics = {};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true, timeout: 60000 });

/** Runs a list of tests in one page; after a failure the rest are reported as not run. */
async function runTests(name, page, tests, ctx) {
  const wb = new Workbench(page);
  await wb.waitReady();
  let aborted = false;
  for (const t of tests) {
    const lines = [];
    const started = Date.now();
    if (aborted) {
      failed++;
      console.log(`  ✘ ${t.name} (not run: an earlier step failed)`);
      continue;
    }
    try {
      await Promise.race([
        t.fn({ wb, metrics, log: (s) => lines.push(s), ...ctx }),
        // A spec may give a step more time (t.timeoutMs): the fleet simulation runs in the loaded extension host.
        new Promise((_, reject) => setTimeout(() => reject(new Error(`step timed out after ${(t.timeoutMs ?? 300000) / 1000} s`)), t.timeoutMs ?? 300000).unref()),
      ]);
      passed++;
      console.log(`  ✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      aborted = true;
      const shot = await wb.screenshot(`e2e-failure-${name}`).catch(() => '(no screenshot)');
      console.log(`  ✘ ${t.name}\n    ${String(err?.stack ?? err).split('\n').slice(0, 8).join('\n    ')}\n    screenshot ${shot}`);
    }
    for (const l of lines) console.log(`      ${l}`);
  }
}

/** One window: a fresh browser context (its own storage) on a folder of the one server. */
async function window(server, name, folder, tests, ctx) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(60000);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`, { timeout: 120000 });
    await runTests(name, page, tests, ctx);
  } catch (err) {
    failed += tests.length;
    console.log(`  ✘ ${name} window could not open: ${err?.message ?? err}`);
  } finally {
    await context.close().catch(() => undefined);
  }
}

// One code-server for the whole layer, with workspace trust on: the first folder is trusted from the
// startup prompt, the second is not.
const userDataDir = path.join(runDir, 'user');
writeUserSettings(userDataDir, { ...baseSettings, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' });
let server;
try {
  server = await startCodeServer({ port: await freePort(), userDataDir, extensionsDir, folder: ws.dir, logFile: path.join(runDir, 'code-server.log'), timeoutMs: 180000 });
  console.log(`e2e: trusted workspace${only.length ? ` (only: ${only.join(', ')})` : ''}`);
  // Every trusted spec needs the folder trusted: the trust prompt's answer runs first even when filtered.
  const [trustPrompt, ...workbenchTests] = trustedTests;
  if (!/^workspace trust/.test(trustPrompt.name)) fail(`e2e.spec.mjs must start with the workspace trust step (found "${trustPrompt.name}")`);
  const bySpec = { workbench: workbenchTests, promptDiff: promptDiffTests, deepAnalyze: deepAnalyzeTests, live: liveTests, fleet: fleetTests, hub: hubTests };
  const trusted = Object.entries(bySpec).flatMap(([spec, tests]) => (selected(spec) ? tests : []));
  if (trusted.length) await window(server, 'trusted', ws.dir, [trustPrompt, ...trusted], { ws, anthropic });
  if (restrictedSeed) {
    const seeded = await restrictedSeed;
    if (seeded.code !== 0) fail(`seeding the Restricted Mode store failed:\n${seeded.out}`);
    console.log(`e2e: Restricted Mode (its own store, made by kaizen demo: ${(/^\s*store\s+(.*)$/m.exec(seeded.out) ?? [])[1] ?? '?'})`);
    await window(server, 'restricted', restrictedWs.dir, restrictedTests, { ws: restrictedWs });
  }
} catch (err) {
  failed++;
  console.log(`  ✘ code-server could not start: ${err?.message ?? err}`);
} finally {
  stopLivePeers();
  stopHubPeers();
  await anthropic.close();
  if (server) await stopCodeServer(server.child);
  await browser.close();
  // Keep the folder (logs, store) after a failure for diagnosis; remove it after a clean run.
  if (failed === 0) rmSync(runDir, { recursive: true, force: true });
}
if (metrics.activationMs !== undefined) console.log(`e2e: activation in real VS Code ${version}: activate() ${metrics.activationMs} ms; VS Code's running-extensions figure ${metrics.vscodeActivationMs ?? '?'} ms (code load + activate)`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
writeSummary();
process.exitCode = failed > 0 ? 1 : 0;
