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
  /** The folder's entries the demo created (names at its top level); any other entry is someone else's. */
  files?: string[];
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

export function prepareDemoFolder(options: { cwd: string; out: string; store: string; outputs?: readonly string[] }): DemoFolder {
  const outDir = path.resolve(options.cwd, options.out);
  const storePath = path.resolve(options.cwd, options.store);
  const shown = (p: string) => path.relative(options.cwd, p) || '.';
  const markerFile = path.join(outDir, DEMO_MARKER);
  let marker: DemoMarker | undefined;
  if (fs.existsSync(outDir)) {
    if (!fs.statSync(outDir).isDirectory()) throw new CliError(`--out ${shown(outDir)} is a file; give a new folder for the demo`, ExitCode.usage);
    const entries = fs.readdirSync(outDir);
    marker = readMarker(markerFile);
    // A marker (copied with a folder, or left by a run long ago) vouches only for the files that run made.
    const storeBase = path.basename(storePath);
    const ownStoreFile = (e: string) => marker!.storeCreatedByDemo && path.dirname(storePath) === outDir && (e === storeBase || e.startsWith(`${storeBase}.`));
    // With the list, another's file is left alone unless it has the name of an output the demo would write over.
    // A marker without it (from before the list, or copied into someone's folder) vouches for a folder that holds
    // nothing but the demo's outputs and store.
    const outputs = options.outputs ?? [];
    const foreign = !marker
      ? []
      : marker.files
        ? entries.filter((e) => outputs.includes(e) && !marker!.files!.includes(e))
        : entries.filter((e) => e !== DEMO_MARKER && !outputs.includes(e) && !ownStoreFile(e));
    if (foreign.length > 0) {
      throw new CliError(
        `--out ${shown(outDir)} holds files an earlier demo did not create (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); ` +
          'nothing was changed. Move them out, or give a new or empty folder, e.g. --out kaizen-demo',
        ExitCode.usage,
      );
    }
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
  const before = new Set(fs.existsSync(outDir) ? fs.readdirSync(outDir) : []);
  return {
    outDir,
    storePath,
    run,
    commit: () => {
      fs.mkdirSync(outDir, { recursive: true });
      // What this run added to the folder, with what earlier runs made (a folder from before this list: what was there is vouched for).
      // The outputs the run is about to write count from the start, so a run that dies half-way leaves a folder the next run accepts.
      const planned = (options.outputs ?? []).filter((e) => !before.has(e));
      const made = new Set([...(marker?.files ?? []), ...planned, ...fs.readdirSync(outDir).filter((e) => !before.has(e))]);
      made.delete(DEMO_MARKER);
      const next: DemoMarker = {
        createdBy: 'kaizen demo',
        store: path.relative(outDir, storePath),
        storeCreatedByDemo: storeExists ? ownStore : true,
        runs: run,
        files: [...made].sort(),
      };
      fs.writeFileSync(markerFile, `${JSON.stringify(next, null, 2)}\n`);
    },
  };
}
