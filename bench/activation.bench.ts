// Activation timing ONLY (not a test), then the CLI's cold start (whole `kaizen --help` processes). Loads the built dist/extension.js under a do-nothing `vscode`
// shim and times what activation costs in Node: requiring the host bundle, then everything activate()
// does, and whether the engine bundle (dist/extension-engine.js) got loaded on the way. The shim
// answers every API call with an inert object, so this says nothing about behaviour; real VS Code
// measurements belong to the end-to-end layer. Each run is a fresh process (a warm require cache
// would hide the cost). Build first: `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';

const dist = path.resolve(__dirname, '..', 'dist');
const RUNS = 15;

/** An object every property, call and construction of which yields another such object. */
function inert(): unknown {
  // A function, so the proxy can be called and constructed; `set` swallows writes (e.g. to `name`).
  const target = function () {} as unknown as object;
  const proxy: unknown = new Proxy(target, {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : proxy),
    apply: () => proxy,
    construct: () => proxy as object,
    set: () => true,
    defineProperty: () => true,
  });
  return proxy;
}

// The bundle copies the module's own names (esbuild's __toESM), so the shim names the API's namespaces.
const API_NAMES = ['window', 'workspace', 'commands', 'tests', 'languages', 'env', 'extensions', 'Uri', 'Disposable', 'EventEmitter', 'TreeItem', 'ThemeIcon',
  'ThemeColor', 'MarkdownString', 'Range', 'Position', 'Location', 'RelativePattern', 'StatusBarAlignment', 'TreeItemCollapsibleState', 'TestRunProfileKind',
  'TestMessage', 'ViewColumn', 'ProgressLocation', 'CancellationTokenSource'];

function oneRun(): void {
  const shim = Object.fromEntries(API_NAMES.map((name) => [name, inert()]));
  const resolve = (Module as unknown as { _resolveFilename: (r: string, ...a: unknown[]) => string })._resolveFilename;
  (Module as unknown as { _resolveFilename: (r: string, ...a: unknown[]) => string })._resolveFilename = (request: string, ...rest: unknown[]) =>
    request === 'vscode' ? 'vscode-shim' : resolve(request, ...rest);
  require.cache['vscode-shim'] = { id: 'vscode-shim', filename: 'vscode-shim', loaded: true, exports: shim } as unknown as NodeJS.Module;
  const context = new Proxy({ subscriptions: [] as unknown[], extensionUri: shim, extension: shim, secrets: shim, globalStorageUri: { fsPath: '/tmp' } }, {
    get: (t, key) => (key in t ? t[key as keyof typeof t] : shim),
  });
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test is CommonJS, loaded at a measured moment
  const ext = require(path.join(dist, 'extension.js')) as { activate: (c: unknown) => { activationMs: number } };
  const t1 = performance.now();
  // Code past the shim's reach (e.g. a settings read that loads the engine) may throw on inert values;
  // the time up to there is still what activation cost, and the run says it failed.
  let reported = Number.NaN;
  let failed: string | undefined;
  try {
    reported = ext.activate(context).activationMs;
  } catch (err) {
    failed = (err as Error).message;
  }
  const t2 = performance.now();
  const engineLoaded = Object.keys(require.cache).some((k) => k.endsWith('extension-engine.js'));
  process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, reported, engineLoaded, failed }));
  process.exit(0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall time of whole CLI processes as a user starts them (`node bin/kaizen.js …`), beside `node -e 0`. */
function cliColdStart(): void {
  const bin = path.resolve(__dirname, '..', 'bin', 'kaizen.js');
  const time = (args: string[]): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    return performance.now() - t0;
  };
  const runs = (args: string[]) => Array.from({ length: RUNS }, () => time(args));
  const f = (xs: number[]) => `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
  console.log(`CLI cold start, ${RUNS} fresh processes each, wall medians (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
  console.log(`  node -e 0                   ${f(runs(['-e', '0']))}`);
  console.log(`  kaizen --help               ${f(runs([bin, '--help']))}`);
  console.log(`  kaizen --version            ${f(runs([bin, '--version']))}`);
  console.log(`  kaizen import --help        ${f(runs([bin, 'import', '--help']))}`);
}

if (process.env.KAIZEN_ACTIVATION_RUN) {
  oneRun();
} else if (!existsSync(path.join(dist, 'extension.js'))) {
  console.log('activation: dist/extension.js is missing; run `npm run build` first (skipped)');
} else {
  const runs: Array<{ requireMs: number; activateMs: number; reported: number; engineLoaded: boolean; failed?: string }> = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename], { env: { ...process.env, KAIZEN_ACTIVATION_RUN: '1' }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`activation run failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout));
  }
  const f = (xs: number[]) => `${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
  console.log(`activation under a vscode shim, ${RUNS} fresh processes, medians:`);
  console.log(`  require dist/extension.js   ${f(runs.map((r) => r.requireMs))}`);
  console.log(`  activate() measured around  ${f(runs.map((r) => r.activateMs))}`);
  const reported = runs.map((r) => r.reported).filter((x) => typeof x === 'number' && !Number.isNaN(x));
  if (reported.length) console.log(`  activate() self-reported    ${f(reported)}`);
  console.log(`  engine bundle loaded during activation: ${runs.filter((r) => r.engineLoaded).length} of ${RUNS} runs`);
  const failures = runs.filter((r) => r.failed);
  if (failures.length) console.log(`  ${failures.length} runs stopped on the shim's inert values (${failures[0]!.failed}); their time is up to that point`);
}
if (!process.env.KAIZEN_ACTIVATION_RUN) {
  if (existsSync(path.join(dist, 'cli.js'))) cliColdStart();
  else console.log('CLI cold start: dist/cli.js is missing; run `npm run build` first (skipped)');
}
