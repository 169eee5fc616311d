import * as fs from 'node:fs';
import * as path from 'node:path';
import { ZodError } from 'zod';
import { buildTaxonomy } from '../../engine/analysis';
import { analyzeStore } from '../../engine/pipeline';
import type { Taxonomy } from '../../engine/analysis';
import type { AnalyzeProgress, AnalyzeSummary } from '../../engine/pipeline';
import { IntentModelError, loadIntentModel } from '../../engine/analysis';
import type { IntentModel } from '../../engine/analysis';
import type { TreeNode } from '../../engine/knowledge';
import type { LearningStore } from '../../engine/store';
import type { CliContext } from '../context';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openWorkspace, reportUnreadableRows } from '../workspace';
import { bar, createStatusLine } from '../progress';
import { loadFingerprintRules } from '../fingerprintRules';
import type { RegisterCommand } from './index';

interface AnalyzeOpts {
  store: string;
  json?: boolean;
  seeds: 'auto' | 'on' | 'off';
  minIntentSize?: number;
  intentModel?: string;
  taxonomy?: string;
}

/** A taxonomy config file (JSON): triggers, strategies and intents with cue regexes, extending or replacing the built-ins. */
function loadTaxonomy(ctx: CliContext, file: string): Taxonomy {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path.resolve(ctx.cwd, file), 'utf8'));
  } catch (err) {
    throw new CliError(`--taxonomy ${file}: cannot read it as JSON (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return buildTaxonomy(json);
  } catch (err) {
    const why = err instanceof ZodError ? err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') : (err as Error).message;
    throw new CliError(`--taxonomy ${file}: ${why}`, ExitCode.dataError);
  }
}

function loadModel(ctx: CliContext, file: string): IntentModel {
  const abs = path.resolve(ctx.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (err) {
    throw new CliError(`--intent-model ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); train one with \`kaizen intents fit\``);
  }
  try {
    return loadIntentModel(JSON.parse(text));
  } catch (err) {
    const why = err instanceof IntentModelError || err instanceof SyntaxError ? err.message : String(err);
    throw new CliError(`--intent-model ${file}: not a Kaizen intent model (${why}); train one with \`kaizen intents fit\``, ExitCode.dataError);
  }
}

function progressBar(ctx: CliContext): { draw: (p: AnalyzeProgress) => void; done: () => void } {
  const line = createStatusLine(ctx);
  return {
    draw: (p) => line.show(`${p.phase.padEnd(10)} ${bar(p.done, p.total, 30)} ${p.done}/${p.total}`, p.done >= p.total),
    done: () => line.done(),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Which model scored the calls without an explicit outcome, and on what. */
function describeOutcomeModel(m: AnalyzeSummary['outcomeModel']): string {
  if (m.kind === 'store-fitted') return `store-fitted on ${m.examples} labelled calls${m.cvAuc !== undefined ? ` (cross-validated AUC ${m.cvAuc.toFixed(3)})` : ''}`;
  if (m.kind === 'prior') return `prior${m.domainCalls ? `, standardised on this store's ${m.domainCalls} calls` : ''} (too few labelled calls to fit one)`;
  return 'given';
}

export function formatSummary(s: AnalyzeSummary): string {
  const lines = [
    `${s.calls} calls analyzed in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `outcomes: ${s.outcomes.success} success, ${s.outcomes.failure} failure, ${s.outcomes.unknown} unknown ` +
      `(explicit ${s.outcomeSources.explicit}, from signals ${s.outcomeSources.signals}; outcome model ${describeOutcomeModel(s.outcomeModel)})`,
    `intents: ${Object.entries(s.intents)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `patterns: ${s.patterns} scored, ${s.significantPatterns} significant (BH FDR 5%); tool-order patterns: ${s.toolPatterns}`,
    `artifacts: ${s.artifacts.saved} new versions, ${s.artifacts.unchanged} unchanged`,
    `errors: ${s.errors.occurrences} in ${s.errors.fingerprints} fingerprints; ${s.errors.rules.length} avoidance rules${s.errors.rulesWithheld > 0 ? ` (${s.errors.rulesWithheld} withheld by the privacy gate)` : ''} (\`kaizen errors learn\` lists them)`,
  ];
  lines.push(`vocabulary: ${s.seeds.used ? 'built-in taxonomy as seeds' : 'induced from the calls'} (built-in intents cover ${pct(s.seeds.coverage)} of calls)`);
  if (s.vocabulary) {
    lines.push(`  induced intents ${s.vocabulary.intents.length}: ${s.vocabulary.intents.slice(0, 12).map((g) => `${g.name} (${g.size})`).join(', ')}`);
    lines.push(`  induced situations ${s.vocabulary.situations.length}, moves ${s.vocabulary.moves.length}`);
  }
  if (s.retired > 0) lines.push(`  ${s.retired} knowledge artifact(s) retired: no call supports them any more`);
  if (s.topPatterns.length > 0) {
    lines.push('top patterns:');
    for (const p of s.topPatterns)
      lines.push(`  ${p.lift >= 0 ? '+' : '-'} ${p.intent} / ${p.trigger} → ${p.strategy}: ${pct(p.successRate)} vs ${pct(p.baselineRate)} (n=${p.support}, q=${p.liftPValue.toExponential(1)})`);
  }
  for (const t of s.knowledge.toolPatterns.slice(0, 5)) lines.push(`  tool: ${t.rule}`);
  return `${lines.join('\n')}\n`;
}

function treeText(node: TreeNode, indent = ''): string {
  if (node.type === 'leaf') {
    const alts = node.actions
      .slice(0, 4)
      .map((a) => `${a.action} ${pct(a.rate)} n=${a.n}`)
      .join('; ');
    return `${indent}→ ${node.best} (${pct(node.bestRate)}, n=${node.n}) [${alts}]\n`;
  }
  return node.branches.map((b) => `${indent}${node.feature} = ${b.value}:\n${treeText(b.node, `${indent}  `)}`).join('');
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('analyze')
    .description('Analyze every stored call (signals, outcome, intent, situations and moves), then recompute patterns and knowledge artifacts.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'one JSON line per call on stdout: {callId, source, intent, outcome {label, probability, source, model?}, signals, situations, moves}; the summary goes to stderr')
    .option('--intent-model <file>', 'an intent model from `kaizen intents fit` (else the built-in taxonomy)')
    .option('--seeds <mode>', 'built-in taxonomy as seeds: auto (when it covers half the calls), on, off', (v: string) => {
      if (v !== 'auto' && v !== 'on' && v !== 'off') throw new CliError(`--seeds must be auto, on or off, got "${v}"`);
      return v;
    }, 'auto')
    .option('--min-intent-size <n>', 'smallest induced intent, situation or move, in calls', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 2) throw new CliError(`--min-intent-size must be a whole number ≥ 2, got "${v}"`);
      return n;
    })
    .option('--taxonomy <file>', 'JSON {triggers, strategies, intents: [{name, cues: [regex], priority?}], mode: extend|replace} added to the built-in taxonomy')
    .action(async (opts: AnalyzeOpts) => {
      const intentModel = opts.intentModel ? loadModel(ctx, opts.intentModel) : undefined;
      const taxonomy = opts.taxonomy ? loadTaxonomy(ctx, opts.taxonomy) : undefined;
      const ws = await openWorkspace(ctx, opts.store);
      const bar = progressBar(ctx);
      try {
        const summary = await analyzeStore(ws.store, {
          ports: ctx.ports,
          fingerprintRules: loadFingerprintRules(ctx),
          intentModel,
          taxonomy,
          seeds: opts.seeds,
          minInducedSize: opts.minIntentSize,
          onProgress: bar.draw,
          onCall: opts.json
            ? (a) =>
                writeJsonLine(ctx.stdout, {
                  callId: a.callId,
                  source: { file: a.source?.file ?? null, index: a.source?.index ?? null },
                  intent: a.intent,
                  // `model`: which outcome model scored an inferred outcome (prior / store-fitted / given, on how many labels).
                  outcome: { label: a.outcome.label, probability: Math.round(a.outcome.probability * 1e4) / 1e4, source: a.outcome.source, ...(a.outcome.model ? { model: a.outcome.model } : {}) },
                  signals: a.signals.map((s) => ({ kind: s.kind, polarity: s.polarity, turnIndex: s.turnIndex, strength: s.strength })),
                  situations: a.situations,
                  moves: a.moves,
                })
            : undefined,
        });
        bar.done();
        (opts.json ? ctx.stderr : ctx.stdout).write(formatSummary(summary));
        reportUnreadableRows(ctx, ws.store);
      } finally {
        bar.done();
        await ws.close();
      }
    });

  program
    .command('tree')
    .description('Show the learned decision tree of an intent (which move to make in which situation); without --intent, list every tree.')
    .option('--intent <intent>', 'the intent whose tree to show')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--mermaid', 'print a Mermaid flowchart')
    .option('--json', 'print the tree as JSON')
    .action(async (opts: { intent?: string; store: string; mermaid?: boolean; json?: boolean }) => {
      const ws = await openWorkspace(ctx, opts.store);
      try {
        if (opts.intent === undefined) {
          await listTrees(ctx, ws.store, opts.json === true);
          return;
        }
        const art = await ws.store.getArtifact(`decision-tree:${opts.intent}`);
        // A retired tree (its intent has no calls any more) is history, not a recommendation.
        if (!art || art.payload.kind !== 'decision-tree' || art.status === 'retired') {
          const known = (await ws.store.listArtifacts({ kind: 'decision-tree' }))
            .filter((a) => a.status !== 'retired')
            .map((a) => (a.payload.kind === 'decision-tree' ? a.payload.intent : ''))
            .filter(Boolean);
          throw new CliError(
            `no decision tree for intent "${opts.intent}"; ${known.length ? `known intents: ${known.join(', ')}` : 'run `kaizen analyze` first'}`,
            ExitCode.problems,
          );
        }
        const tree = art.payload.tree as { root: TreeNode; mermaid: string };
        if (opts.json) writeJsonLine(ctx.stdout, { intent: opts.intent, version: art.version, root: tree.root });
        else if (opts.mermaid) ctx.stdout.write(`${tree.mermaid}\n`);
        else ctx.stdout.write(`decision tree for ${opts.intent} (version ${art.version}):\n${treeText(tree.root, '  ')}`);
      } finally {
        await ws.close();
      }
    });
};

/** Every stored decision tree: intent, version, calls it was learned from, and its top recommendation. */
async function listTrees(ctx: CliContext, store: LearningStore, json: boolean): Promise<void> {
  const trees = (await store.listArtifacts({ kind: 'decision-tree' }))
    .flatMap((a) => (a.payload.kind === 'decision-tree' ? [{ intent: a.payload.intent, version: a.version, root: (a.payload.tree as { root: TreeNode }).root }] : []))
    .sort((a, b) => a.intent.localeCompare(b.intent));
  if (json) {
    for (const t of trees) writeJsonLine(ctx.stdout, { intent: t.intent, version: t.version, calls: t.root.n, best: t.root.best });
    return;
  }
  if (trees.length === 0) {
    ctx.stdout.write('No decision trees yet; run `kaizen analyze` first.\n');
    return;
  }
  ctx.stdout.write(`${trees.length} decision trees (show one with \`kaizen tree --intent <intent>\`):\n`);
  const w = Math.max(...trees.map((t) => t.intent.length));
  for (const t of trees) ctx.stdout.write(`  ${t.intent.padEnd(w)}  v${t.version}  ${t.root.n} calls  best overall: ${t.root.best || 'no data'}\n`);
}
