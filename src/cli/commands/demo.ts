import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeStore } from '../../engine/pipeline';
import { renderReportHtml, renderReportMarkdown } from '../../engine/analytics';
import type { RunReportInput } from '../../engine/analytics';
import { importFile } from '../../engine/ingest';
import { treeToText } from '../../engine/knowledge';
import { createComplianceValidator } from '../../engine/privacy';
import { scorePatternRecovery } from '../../engine/samples';
import type { SampleTruth } from '../../engine/samples';
import { DEFAULT_STORE, ExitCode } from '../context';
import type { CliContext } from '../context';
import { prepareDemoFolder } from '../demoFolder';
import { createProgress } from '../progress';
import { openWorkspace } from '../workspace';
import { demoCollectiveLines, runDemoCollective } from './demoCollective';
import { runDemoExperiment } from './demoExperiment';
import { runDemoImprovement } from './demoImprove';
import { chartJsForReport } from './report';
import type { RegisterCommand } from './index';
import { parsePositiveInt, writeSampleFiles } from './samples';

/** Where `kaizen demo` writes its calls and report when no --out is given. */
export const DEFAULT_DEMO_OUT = path.join('.kaizen', 'demo');

interface DemoOptions {
  count: number;
  seed: number;
  out?: string;
  store?: string;
  json?: boolean;
}

const PLACEHOLDER_RE = /\[([A-Z][A-Z_]*?)(?:_\d+)?(?::[^\]]*)?\]/g;

/** Counts the typed placeholders in the stored transcripts: what the redactor took out. */
async function countRedactions(store: Awaited<ReturnType<typeof openWorkspace>>['store']): Promise<{ total: number; byType: Record<string, number> }> {
  const byType: Record<string, number> = {};
  let total = 0;
  for await (const conv of store.iterateConversations()) {
    for (const e of conv.events) {
      if (e.type !== 'turn') continue;
      for (const m of e.text.matchAll(PLACEHOLDER_RE)) {
        byType[m[1]!] = (byType[m[1]!] ?? 0) + 1;
        total++;
      }
    }
  }
  return { total, byType };
}

/** The decision trees of the intents with the most calls, as text (all of them are in the report). */
function demoTrees(trees: ReadonlyArray<{ intent: string; tree: Parameters<typeof treeToText>[0] }>): string[] {
  const shown = [...trees].sort((a, b) => b.tree.n - a.tree.n).slice(0, 2);
  return ['  Decision trees (which move to make in which situation; all intents in the report):', ...shown.flatMap((t) => [`    ${t.intent}:`, ...treeToText(t.tree, '      ')])];
}

/**
 * The whole product on generated calls: generate → import (redact) → analyze → synthesize → experiment
 * → report. Every stage is the real one the CLI and the extension use; nothing is precomputed.
 */
export async function runDemo(ctx: CliContext, opts: DemoOptions): Promise<number> {
  // Without --out the store is the workspace default (what every command and the extension open);
  // with --out the whole demo, store included, lives in that folder.
  const out = opts.out ?? DEFAULT_DEMO_OUT;
  const folder = prepareDemoFolder({
    cwd: ctx.cwd,
    out,
    store: opts.store ?? (opts.out ? path.join(opts.out, 'learning.db') : DEFAULT_STORE),
    outputs: ['calls', 'prompts', 'prompt.diff', 'report.md', 'report.html'],
  });
  folder.commit();
  const { outDir } = folder;
  const log = (s: string) => ctx.stderr.write(`${s}\n`);
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = (performance.now() - t0) / 1000;
    }
  };

  log(`Generating ${opts.count.toLocaleString('en-US')} sample calls (seed ${opts.seed})…`);
  const samples = await time('generate', () => writeSampleFiles({ outDir: path.join(outDir, 'calls'), count: opts.count, seed: opts.seed, errorModes: true }));
  const truth = JSON.parse(fs.readFileSync(samples.truthFile, 'utf8')) as SampleTruth;

  const ws = await openWorkspace(ctx, folder.storePath, { create: true });
  try {
    log('Importing (redacting PII before anything is stored)…');
    const progress = createProgress(ctx, 'import');
    const redactor = await ws.redactor();
    const imported = await time('import + redact + store', () =>
      importFile(samples.callsFile, {
        ports: ctx.ports,
        store: ws.store,
        redactor,
        sourceName: path.relative(ctx.cwd, samples.callsFile),
        onProgress: (p) => progress.update(p.bytesRead, p.bytesTotal, `${p.calls} calls`),
      }),
    );
    progress.done();
    const redactions = await time('count redactions', () => countRedactions(ws.store));

    log('Analyzing: signals, outcomes, intents, patterns, knowledge…');
    const aprog = createProgress(ctx, 'analyze');
    const analysis = await time('analyze + synthesize', () =>
      analyzeStore(ws.store, { ports: ctx.ports, onProgress: (p) => aprog.update(p.done, p.total, p.phase) }),
    );
    aprog.done();
    const recovery = scorePatternRecovery(analysis.significantPatternsList, truth.planted);

    log('Proposing playbook bullets from the significant patterns (a diff of the agent prompt, through the gates)…');
    const target = path.relative(ctx.cwd, path.join(outDir, 'prompts', 'agent.md')).split(path.sep).join('/');
    const improvement = await time('improve', () => runDemoImprovement(ws.store, ctx.ports, ws.policy, outDir, target));
    fs.writeFileSync(path.join(outDir, 'prompt.diff'), improvement.diff);

    log('Testing the proposed playbook in a simulated A/B experiment with a guarded rollout…');
    const experiment = await time('experiment', () => runDemoExperiment(ws.store, ctx.ports, opts.seed, folder.run, improvement));
    await ws.store.save();

    log('Sharing statistics with a second node (no calls leave either node)…');
    const collective = await time('collective', () =>
      runDemoCollective({ storeA: ws.store, ports: ctx.ports, redactor, validator: createComplianceValidator({ policy: ws.policy }), outDir, count: opts.count, seed: opts.seed }),
    );

    const intents = Object.entries(analysis.intents).map(([intent, calls]) => ({ intent, calls }));
    const intentRates = await Promise.all(
      intents.map(async ({ intent, calls }) => {
        const successes = await ws.store.countCalls({ intent, outcome: 'success' });
        return { intent, calls, successRate: calls ? successes / calls : 0 };
      }),
    );
    const errors = (await ws.store.listErrorFingerprints()).sort((a, b) => b.count - a.count).slice(0, 5);
    const report: RunReportInput = {
      title: 'Kaizen demo: what 5,000 calls taught us'.replace('5,000', opts.count.toLocaleString('en-US')),
      generatedAt: ctx.ports.clock.now(),
      import: {
        files: [imported.file],
        calls: imported.calls,
        events: imported.events,
        rejected: imported.rejected,
        duplicates: imported.duplicates,
        seconds: imported.durationMs / 1000,
      },
      privacy: { entitiesRedacted: redactions.total, byType: redactions.byType },
      outcomes: analysis.outcomes,
      intents: intentRates.sort((a, b) => b.calls - a.calls),
      topPatterns: analysis.significantPatternsList.slice(0, 12),
      // Every tree (the CLI says all of them are here), drawn in the HTML from its root.
      decisionTrees: analysis.knowledge.trees.map((t) => ({ intent: t.intent, mermaid: t.mermaid, root: t.tree })),
      toolPatterns: analysis.knowledge.toolPatterns.slice(0, 8).map((t) => ({
        intent: t.intent,
        sequence: t.sequence,
        support: t.support,
        successRate: t.successRate,
        lift: t.lift,
        pValue: t.pValue,
      })),
      errors: errors.map((e) => ({ fingerprint: e.fingerprint, template: e.template, count: e.count })),
      recovery: { precision: recovery.precision, recall: recovery.recall, planted: recovery.planted, discovered: recovery.discovered, matched: recovery.matched },
      experiment,
      timings,
    };
    const md = renderReportMarkdown(report);
    fs.writeFileSync(path.join(outDir, 'report.md'), md);
    fs.writeFileSync(path.join(outDir, 'report.html'), renderReportHtml(report, chartJsForReport()));
    folder.commit();
    const stats = await ws.store.stats();

    const errorCatalog = {
      fingerprints: analysis.errors.catalog.slice(0, 5).map((f) => ({ id: f.fingerprint, template: f.template, tool: f.tool ?? null, count: f.count, calls: f.calls })),
      rules: analysis.errors.rules.map((r) => ({ id: r.id, fingerprint: r.fingerprint, text: r.text, support: r.support, precision: r.precision })),
    };
    if (opts.json) {
      ctx.stdout.write(`${JSON.stringify({ report, improvement: { target: improvement.target, diff: improvement.diff, accepted: improvement.accepted, blocked: improvement.blocked, follow: improvement.follow }, collective, store: stats, outDir, errors: errorCatalog })}\n`);
    } else {
      const rel = (p: string) => path.relative(ctx.cwd, p) || '.';
      ctx.stdout.write(
        [
          '',
          `Kaizen demo — ${imported.calls.toLocaleString('en-US')} calls`,
          `  import     ${imported.calls} calls, ${imported.events} events in ${(imported.durationMs / 1000).toFixed(2)} s ` +
            `(${Math.round(imported.calls / Math.max(imported.durationMs / 1000, 1e-9)).toLocaleString('en-US')} calls/s); ${imported.rejected} rejected`,
          `  privacy    ${redactions.total} PII entities replaced by placeholders before storage (${Object.entries(redactions.byType)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 6)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')})`,
          `  outcomes   success ${analysis.outcomes.success}, failure ${analysis.outcomes.failure}, unknown ${analysis.outcomes.unknown}`,
          `  patterns   ${analysis.patterns} scored, ${analysis.significantPatterns} significant (FDR 5 %); ${analysis.toolPatterns} tool patterns`,
          `  recovery   planted ${recovery.planted}, found ${recovery.matched}, reported ${recovery.discovered}: precision ${(100 * recovery.precision).toFixed(0)} %, recall ${(100 * recovery.recall).toFixed(0)} %`,
          '',
          '  Top patterns (success rate, 95 % Wilson interval, lift over the other moves in the same situation):',
          ...analysis.significantPatternsList.slice(0, 6).map(
            (p) =>
              `    ${p.lift >= 0 ? '▲' : '▼'} ${p.intent} · ${p.trigger} → ${p.strategy}: ${(100 * p.successRate).toFixed(0)} % ` +
              `[${(100 * p.confidence.low).toFixed(0)}–${(100 * p.confidence.high).toFixed(0)}], lift ${p.lift >= 0 ? '+' : ''}${(100 * p.lift).toFixed(0)} pts, n=${p.support}`,
          ),
          '',
          '  Tool-usage patterns:',
          ...analysis.knowledge.toolPatterns.slice(0, 4).map((t) => `    ${t.intent ?? ''}: ${t.sequence.join(' → ')} — success ${(100 * t.successRate).toFixed(0)} %, lift ${t.lift >= 0 ? '+' : ''}${(100 * t.lift).toFixed(0)} pts`),
          '',
          ...demoTrees(analysis.knowledge.trees),
          '',
          `  errors     ${analysis.errors.occurrences} errors in ${analysis.errors.fingerprints} fingerprints; ${analysis.errors.rules.length} avoidance rules (checked before each tool call; \`kaizen errors learn\`)`,
          ...errorCatalog.fingerprints.slice(0, 4).map((f) => `    ×${f.count} in ${f.calls} calls  ${f.tool ?? '-'}: ${f.template}`),
          ...analysis.errors.rules.slice(0, 4).map((r) => `    rule (support ${r.support}, precision ${(100 * r.precision).toFixed(0)} %): ${r.text}`),
          '',
          `  improve    ${improvement.accepted.length} proposal(s) accepted, ${improvement.blocked.length} blocked by a gate; the agent prompt gains ${improvement.follow.length} move bullet(s) (${rel(path.join(outDir, 'prompt.diff'))}):`,
          ...improvement.diff.split('\n').filter((l) => l !== '').map((l) => `    ${l}`),
          '',
          `  experiment ${experiment.name}: ${experiment.decision} — ${experiment.reason}`,
          `             rollout ${experiment.stages.join(' → ')}: ${experiment.outcome}`,
          '',
          ...demoCollectiveLines(collective),
          '',
          `  store      ${rel(ws.storePath)} (${stats.calls} calls, ${stats.artifactVersions} artifact versions)`,
          `  report     ${rel(path.join(outDir, 'report.html'))} and report.md`,
          '',
        ].join('\n'),
      );
    }
    return imported.rejected > 0 ? ExitCode.problems : ExitCode.ok;
  } finally {
    await ws.close();
  }
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('demo')
    .description('Run every stage on generated sample calls: import with redaction, analysis, knowledge, an A/B experiment with a guarded rollout, and a report.')
    .option('-n, --count <n>', 'number of calls to generate', parsePositiveInt, 5000)
    .option('--seed <n>', 'random seed', parsePositiveInt, 7)
    .option('-o, --out <dir>', `folder for the generated calls and the report: a new or empty one, or one an earlier demo made (default ${DEFAULT_DEMO_OUT}; never deletes anything)`)
    .option('--store <path>', `learning store to fill (default ${DEFAULT_STORE}, the store every command and the extension open; with --out, <out>/learning.db); must be new or made by an earlier demo`)
    .option('--json', 'print the report as JSON')
    .action(async (opts: DemoOptions) => {
      process.exitCode = await runDemo(ctx, opts);
    });
};
