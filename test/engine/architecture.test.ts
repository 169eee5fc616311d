import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * The engine's stage order, bottom to top (docs/ARCHITECTURE.md): a stage imports only stages at or
 * below its own level. Entries on one level are stages that do not import each other. Root files
 * `ports.ts` and `lifecycle.ts` sit below every stage; `workspace.ts` (the composition root) above.
 * Names not yet in src/engine are places reserved for stages the issues plan.
 */
export const STAGE_ORDER: readonly string[] = [
  'model',
  'stats',
  'store',
  'privacy',
  'llm',
  'ingest',
  'samples',
  'analysis',
  'knowledge',
  'errors',
  'replay',
  'experiments',
  'improvement',
  'realtime',
  'collective',
  'analytics',
  'pipeline',
  'workspace',
];

const BASE_FILES = new Set(['ports', 'lifecycle']);
const HOSTS = ['src/cli/', 'src/extension/', 'src/node/'];

export interface Violation {
  from: string;
  to: string;
  rule: 'upward' | 'unknown-stage' | 'host-deep-import';
  message: string;
}

/** The stage a repo-relative engine file belongs to: its first folder, or the root file's name. */
export function stageOf(file: string): string | undefined {
  if (!file.startsWith('src/engine/')) return undefined;
  const rest = file.slice('src/engine/'.length);
  const slash = rest.indexOf('/');
  if (slash >= 0) return rest.slice(0, slash);
  const name = rest.replace(/\.ts$/, '');
  if (BASE_FILES.has(name)) return 'base';
  return name === 'index' ? 'workspace' : name;
}

function levelOf(stage: string): number | undefined {
  if (stage === 'base') return -1;
  const i = STAGE_ORDER.indexOf(stage);
  return i < 0 ? undefined : i;
}

/**
 * Checks an import graph (repo-relative file → repo-relative files it imports, resolved): engine
 * stages import only downwards, and hosts reach a stage through its `index.ts` only.
 */
export function findViolations(graph: ReadonlyMap<string, readonly string[]>): Violation[] {
  const out: Violation[] = [];
  for (const [from, targets] of graph) {
    const fromStage = stageOf(from);
    const isHost = HOSTS.some((h) => from.startsWith(h));
    for (const to of targets) {
      const toStage = stageOf(to);
      if (toStage === undefined) continue;
      if (fromStage !== undefined) {
        if (fromStage === toStage) continue;
        const a = levelOf(fromStage);
        const b = levelOf(toStage);
        if (a === undefined || b === undefined) {
          const unknown = a === undefined ? fromStage : toStage;
          out.push({ from, to, rule: 'unknown-stage', message: `src/engine/${unknown} is not in the stage order; add it to STAGE_ORDER (test/engine/architecture.test.ts) and docs/ARCHITECTURE.md` });
        } else if (b > a) {
          out.push({ from, to, rule: 'upward', message: `${fromStage} imports ${toStage}, a stage above it (order: ${STAGE_ORDER.join(' → ')}); move the caller up (e.g. into pipeline/) or the callee down` });
        }
      } else if (isHost) {
        const rest = to.slice('src/engine/'.length);
        const deep = rest.includes('/') && !/^[^/]+\/index\.ts$/.test(rest);
        if (deep) out.push({ from, to, rule: 'host-deep-import', message: `a host imports ${to} past the stage's index.ts; export it from src/engine/${toStage}/index.ts and import that` });
      }
    }
  }
  return out;
}

const ROOT = path.resolve(__dirname, '../..');

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function resolveImport(fromFile: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Every static, re-export, type-only and dynamic import of the TypeScript under src/. */
export function sourceImportGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of listTs(path.join(ROOT, 'src'))) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const ref of info.importedFiles) {
      const resolved = resolveImport(file, ref.fileName);
      if (resolved) targets.push(path.relative(ROOT, resolved).split(path.sep).join('/'));
    }
    graph.set(path.relative(ROOT, file).split(path.sep).join('/'), targets);
  }
  return graph;
}

describe('architecture: the stage order and the hosts’ imports', () => {
  it('finds the stage of engine files and places every existing stage folder in the order', () => {
    assert.equal(stageOf('src/engine/store/sqlStore.ts'), 'store');
    assert.equal(stageOf('src/engine/ports.ts'), 'base');
    assert.equal(stageOf('src/cli/main.ts'), undefined);
    const folders = fs.readdirSync(path.join(ROOT, 'src/engine'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    assert.deepEqual(folders.filter((f) => !STAGE_ORDER.includes(f)), [], 'stage folders missing from STAGE_ORDER');
  });

  it('flags an upward import, an unknown stage and a host deep import (the checker can fail)', () => {
    const graph = new Map<string, string[]>([
      ['src/engine/analysis/a.ts', ['src/engine/knowledge/graph.ts', 'src/engine/model/index.ts', 'src/engine/ports.ts']],
      ['src/engine/knowledge/b.ts', ['src/engine/analysis/schema.ts']],
      ['src/engine/mystery/c.ts', ['src/engine/model/index.ts']],
      ['src/engine/ports.ts', ['src/engine/store/index.ts']],
      ['src/cli/commands/x.ts', ['src/engine/experiments/service.ts', 'src/engine/experiments/index.ts', 'src/engine/ports.ts', 'src/shared/stats.ts']],
      ['src/extension/y.ts', ['src/engine/analysis/intent/index.ts']],
    ]);
    const found = findViolations(graph).map((v) => `${v.rule} ${v.from} -> ${v.to}`);
    assert.deepEqual(found.sort(), [
      'host-deep-import src/cli/commands/x.ts -> src/engine/experiments/service.ts',
      'host-deep-import src/extension/y.ts -> src/engine/analysis/intent/index.ts',
      'unknown-stage src/engine/mystery/c.ts -> src/engine/model/index.ts',
      'upward src/engine/analysis/a.ts -> src/engine/knowledge/graph.ts',
      'upward src/engine/ports.ts -> src/engine/store/index.ts',
    ]);
  });

  it('holds for the code under src/', () => {
    const graph = sourceImportGraph();
    assert.ok(graph.size > 50, `read only ${graph.size} files`);
    const violations = findViolations(graph);
    assert.deepEqual(violations.map((v) => `${v.from} -> ${v.to}: ${v.message}`), []);
  });
});
