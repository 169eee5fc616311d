import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError, ExitCode } from './context';

/**
 * Where `kaizen demo` may write, under the rule "no command deletes or overwrites what it did not
 * create". The demo folder is used only when it is new, empty, or holds the marker a previous demo
 * wrote; the store only when it does not exist yet or that marker says the demo created it. The demo
 * never removes a file: a second run rewrites its own generated files and adds to its own store.
 */
export const DEMO_MARKER = '.kaizen-demo.json';

interface DemoMarker {
  createdBy: 'kaizen demo';
  /** The store path (relative to the demo folder) and whether the demo created that file. */
  store: string;
  storeCreatedByDemo: boolean;
  runs: number;
}

export interface DemoFolder {
  outDir: string;
  storePath: string;
  /** 1 on the first run into this folder, then 2, 3… (names the run's experiment uniquely). */
  run: number;
  /** Records the run in the marker; call once the store is open (so "created" is true only for a file the demo made). */
  commit(): void;
}

function readMarker(file: string): DemoMarker | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DemoMarker>;
    return m.createdBy === 'kaizen demo' && typeof m.store === 'string' ? (m as DemoMarker) : undefined;
  } catch {
    return undefined;
  }
}

export function prepareDemoFolder(options: { cwd: string; out: string; store: string }): DemoFolder {
  const outDir = path.resolve(options.cwd, options.out);
  const storePath = path.resolve(options.cwd, options.store);
  const shown = (p: string) => path.relative(options.cwd, p) || '.';
  const markerFile = path.join(outDir, DEMO_MARKER);
  let marker: DemoMarker | undefined;
  if (fs.existsSync(outDir)) {
    if (!fs.statSync(outDir).isDirectory()) throw new CliError(`--out ${shown(outDir)} is a file; give a new folder for the demo`, ExitCode.usage);
    const entries = fs.readdirSync(outDir);
    marker = readMarker(markerFile);
    if (entries.length > 0 && !marker) {
      throw new CliError(
        `--out ${shown(outDir)} already holds files the demo did not create (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); ` +
          'nothing was changed. Give a new or empty folder, e.g. --out kaizen-demo',
        ExitCode.usage,
      );
    }
  }
  const storeExists = fs.existsSync(storePath);
  const ownStore = marker !== undefined && marker.storeCreatedByDemo && path.resolve(outDir, marker.store) === storePath;
  if (storeExists && !ownStore) {
    throw new CliError(
      `the store ${shown(storePath)} already exists and was not created by the demo; the demo never mixes generated calls into your store. ` +
        'Nothing was changed. Run it with --store <new file> (and --out <new folder>), or in an empty folder',
      ExitCode.usage,
    );
  }
  const run = (marker?.runs ?? 0) + 1;
  return {
    outDir,
    storePath,
    run,
    commit: () => {
      fs.mkdirSync(outDir, { recursive: true });
      const next: DemoMarker = { createdBy: 'kaizen demo', store: path.relative(outDir, storePath), storeCreatedByDemo: storeExists ? ownStore : true, runs: run };
      fs.writeFileSync(markerFile, `${JSON.stringify(next, null, 2)}\n`);
    },
  };
}
