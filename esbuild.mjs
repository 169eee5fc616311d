// One build, several targets from one base: the extension host bundle, the CLI, and one browser
// bundle per webview app (src/webviews/<app>/main.ts). Type-checking is separate: `npm run typecheck`.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const base = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const nodeBase = { ...base, platform: 'node', format: 'cjs', target: 'node20' };

const targets = [];
if (existsSync('src/extension/extension.ts')) {
  // The engine is a second bundle the extension requires on first use, so activation stays light.
  const engineEntry = existsSync('src/extension/engine/heavy.ts') ? { 'extension-engine': 'src/extension/engine/heavy.ts' } : {};
  targets.push({ ...nodeBase, entryPoints: { extension: 'src/extension/extension.ts', ...engineEntry }, outdir: 'dist', external: ['vscode'] });
}
// The CLI: dist/cli.js answers --help/--version alone and loads dist/cli-run.js (the commands and the engine) when a
// command runs; `kaizen live` redacts in a worker thread (dist/liveRedactionWorker.js) and `--learn` re-analyses in
// another (dist/liveRelearnWorker.js), `kaizen import` redacts in a pool of
// them (dist/redactionWorker.js), beside the CLI bundle.
targets.push({ ...nodeBase, entryPoints: { cli: 'src/cli/main.ts', 'cli-run': 'src/cli/run.ts', liveRedactionWorker: 'src/node/liveRedactionWorker.ts', liveRelearnWorker: 'src/node/liveRelearnWorker.ts', redactionWorker: 'src/node/redactionWorker.ts' }, outdir: 'dist' });

// zod re-exports its ~40 message locales through the `z` namespace (~250 KB minified); the webviews
// show English messages only, so their bundles get just `en`.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales-en', namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(path.resolve('node_modules/zod/v4/locales/en.js'))};`,
      resolveDir: process.cwd(),
    }));
  },
};

const webviewRoot = 'src/webviews';
if (existsSync(webviewRoot)) {
  const apps = readdirSync(webviewRoot).filter(
    (name) => statSync(path.join(webviewRoot, name)).isDirectory() && existsSync(path.join(webviewRoot, name, 'main.ts')),
  );
  if (apps.length > 0) {
    targets.push({
      ...base,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      entryPoints: Object.fromEntries(apps.map((app) => [app, path.join(webviewRoot, app, 'main.ts')])),
      outdir: 'dist/webviews',
      loader: { '.css': 'text' },
      plugins: [zodEnglishOnly],
    });
  }
}

mkdirSync('dist', { recursive: true });
copyFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'), 'dist/sql-wasm.wasm');
// The HTML report inlines chart.js (kaizen report, demo); the CLI reads it from beside itself.
copyFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'dist/chart.umd.min.js');

if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`esbuild: watching ${targets.length} targets`);
} else {
  const started = Date.now();
  await Promise.all(targets.map((t) => esbuild.build(t)));
  console.error(`esbuild: built ${targets.length} target(s) in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
