// `kaizen intents fit | classify | propose`: a team brings its own intent taxonomy (examples
// file), trains the in-process classifier, scores texts, and sees the unknown texts grouped into
// candidate new intents.
import * as path from 'node:path';
import type { Command } from 'commander';
import type { IntentModel } from '../../engine/analysis';
import {
  IntentModelError,
  IntentTrainingError,
  classify,
  detectExamplesFormat,
  loadIntentModel,
  parseIntentExamples,
  proposeFromUnknown,
  serializeIntentModel,
  trainIntentClassifier,
  UNKNOWN_INTENT,
} from '../../engine/analysis';
import { CALL_MERGE_SIMILARITY, callDocs, induceGroups, loadWordVectors, toolTerms } from '../../engine/analysis';
import type { WordVectors } from '../../engine/analysis';
import type { CallDocs } from '../../engine/analysis';
import type { CliContext } from '../context';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openWorkspace } from '../workspace';
import type { RegisterCommand } from './index';

async function readInput(ctx: CliContext, file: string | undefined, what: string): Promise<string> {
  if (file === undefined || file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return new TextDecoder().decode(await ctx.ports.fs.readFile(path.resolve(ctx.cwd, file)));
  } catch (err) {
    throw new CliError(`${what} ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

async function readModel(ctx: CliContext, file: string): Promise<IntentModel> {
  const text = await readInput(ctx, file, '--model');
  try {
    return loadIntentModel(JSON.parse(text));
  } catch (err) {
    const why = err instanceof IntentModelError || err instanceof SyntaxError ? err.message : String(err);
    throw new CliError(`--model ${file}: not a Kaizen intent model (${why}); train one with \`kaizen intents fit\``, ExitCode.dataError);
  }
}

function parseUnit(name: string, max = 1): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > max) throw new CliError(`${name} must be a number between 0 and ${max}, got "${v}"`);
    return n;
  };
}

function parsePositive(name: string, integer: boolean): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new CliError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got "${v}"`);
    return n;
  };
}

/** One text per line, or JSONL with a `text` field; bad lines are reported, not guessed at. */
function readTexts(ctx: CliContext, input: string): { texts: string[]; bad: number } {
  const texts: string[] = [];
  let bad = 0;
  input.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (!line.startsWith('{')) {
      texts.push(line);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      ctx.stderr.write(`line ${i + 1}: not JSON (${(err as Error).message}); skipped\n`);
      bad++;
      return;
    }
    const text = (value as { text?: unknown } | null)?.text;
    if (typeof text !== 'string' || text.trim() === '') {
      ctx.stderr.write(`line ${i + 1}: field "text" is missing or not a non-empty string; skipped\n`);
      bad++;
      return;
    }
    texts.push(text);
  });
  return { texts, bad };
}

interface FitOpts {
  model: string;
  format?: 'csv' | 'jsonl';
  skipBadRows?: boolean;
  c?: number;
  threshold?: number;
  json?: boolean;
}

async function fit(ctx: CliContext, file: string, opts: FitOpts): Promise<void> {
  const text = await readInput(ctx, file, 'examples file');
  const format = opts.format ?? detectExamplesFormat(file, text);
  const { examples, problems } = parseIntentExamples(text, format);
  for (const p of problems) ctx.stderr.write(`${file}:${p.line}: ${p.field} ${p.message}\n`);
  if (problems.length > 0 && !opts.skipBadRows) {
    throw new CliError(`${problems.length} bad row(s) in ${file}; fix them, or pass --skip-bad-rows to train on the ${examples.length} good ones`, ExitCode.problems);
  }
  const started = ctx.ports.clock.now();
  let model: IntentModel;
  try {
    model = trainIntentClassifier(examples, { ...(opts.c !== undefined ? { c: opts.c } : {}), ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}) });
  } catch (err) {
    if (err instanceof IntentTrainingError) throw new CliError(`${file}: ${err.message}`, ExitCode.problems);
    throw err;
  }
  const json = JSON.stringify(serializeIntentModel(model));
  const out = path.resolve(ctx.cwd, opts.model);
  await ctx.ports.fs.mkdirp(path.dirname(out));
  await ctx.ports.fs.writeFileAtomic(out, new TextEncoder().encode(json));
  const summary = {
    model: opts.model,
    examples: examples.length,
    skippedRows: problems.length,
    intents: model.labels.length,
    features: model.training.features,
    heldOut: model.training.calibration.heldOut,
    heldOutAccuracy: model.training.calibration.accuracy ?? null,
    threshold: model.threshold,
    bytes: json.length,
    seconds: (ctx.ports.clock.now() - started) / 1000,
  };
  if (opts.json) {
    writeJsonLine(ctx.stdout, summary);
    return;
  }
  const held = summary.heldOutAccuracy === null ? 'no held-out check (too few examples per intent)' : `held-out accuracy ${(100 * summary.heldOutAccuracy).toFixed(1)}% on ${summary.heldOut}`;
  ctx.stdout.write(
    `trained on ${summary.examples} examples, ${summary.intents} intents, ${summary.features} features in ${summary.seconds.toFixed(1)} s; ${held}; ` +
      `unknown below confidence ${summary.threshold.toFixed(3)}\nwrote ${opts.model} (${(summary.bytes / 1024).toFixed(0)} KB)\n`,
  );
}

interface ClassifyOpts {
  model: string;
  threshold?: number;
  top?: number;
}

async function classifyCommand(ctx: CliContext, file: string | undefined, opts: ClassifyOpts): Promise<void> {
  const model = await readModel(ctx, opts.model);
  const { texts, bad } = readTexts(ctx, await readInput(ctx, file, 'input'));
  for (const text of texts) {
    const p = classify(model, text, { ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}), ...(opts.top ? { topK: opts.top } : {}) });
    writeJsonLine(ctx.stdout, { text, intent: p.intent, confidence: Number(p.confidence.toFixed(4)), ...(p.ranked ? { ranked: p.ranked.map((r) => ({ intent: r.intent, confidence: Number(r.confidence.toFixed(4)) })) } : {}) });
  }
  if (bad > 0) throw new CliError(`${bad} input line(s) skipped (see above)`, ExitCode.problems);
}

interface ProposeOpts {
  model?: string;
  store: string;
  threshold?: number;
  similarity?: number;
  minSize?: number;
  json?: boolean;
}

/** Each stored call's goal and tools (what intent induction reads). */
async function storeDocs(ctx: CliContext, store: string): Promise<CallDocs[]> {
  const ws = await openWorkspace(ctx, store);
  try {
    const docs: CallDocs[] = [];
    for await (const conv of ws.store.iterateConversations()) docs.push(callDocs(conv.callId, conv.events));
    return docs;
  } finally {
    await ws.close();
  }
}

/**
 * The texts to propose intents from: a file's (or stdin's) lines, or — with no file and no model — the
 * goals of the store's calls that the last analysis left `unknown` (all goals if it never ran).
 */
async function proposeTexts(ctx: CliContext, file: string | undefined, opts: ProposeOpts): Promise<{ texts: string[]; bad: number; unknownAlready: boolean }> {
  if (file !== undefined || opts.model) return { ...readTexts(ctx, await readInput(ctx, file, 'input')), unknownAlready: false };
  const ws = await openWorkspace(ctx, opts.store);
  try {
    const texts: string[] = [];
    for await (const conv of ws.store.iterateConversations()) {
      const a = await ws.store.getCallAnalysis(conv.callId);
      if (a && a.intent !== UNKNOWN_INTENT) continue;
      const goal = callDocs(conv.callId, conv.events).goal;
      if (goal.trim()) texts.push(goal);
    }
    return { texts, bad: 0, unknownAlready: true };
  } finally {
    await ws.close();
  }
}

async function proposeCommand(ctx: CliContext, file: string | undefined, opts: ProposeOpts): Promise<void> {
  const model = opts.model ? await readModel(ctx, opts.model) : undefined;
  const { texts, bad, unknownAlready } = await proposeTexts(ctx, file, opts);
  const threshold = opts.threshold ?? model?.threshold ?? 0;
  const unknown = model && !unknownAlready ? texts.filter((t) => classify(model, t, { threshold }).intent === UNKNOWN_INTENT) : texts;
  const proposals = proposeFromUnknown(unknown, {
    ...(opts.similarity !== undefined ? { similarity: opts.similarity } : {}),
    ...(opts.minSize !== undefined ? { minSize: opts.minSize } : {}),
  });
  if (opts.json) {
    for (const p of proposals) writeJsonLine(ctx.stdout, p);
  } else {
    ctx.stdout.write(
      model
        ? `${unknown.length} of ${texts.length} texts are unknown (confidence < ${threshold.toFixed(3)}); ${proposals.length} candidate intent(s):\n`
        : `${unknown.length} call goal(s) without an intent in the store; ${proposals.length} candidate intent(s):\n`,
    );
    for (const p of proposals) {
      ctx.stdout.write(`\n  ${p.label}  (${p.size} texts)\n`);
      for (const e of p.examples) ctx.stdout.write(`    - ${e}\n`);
    }
  }
  if (bad > 0) throw new CliError(`${bad} input line(s) skipped (see above)`, ExitCode.problems);
}

export const register: RegisterCommand = (program: Command, ctx: CliContext) => {
  const intents = program.command('intents').description('Train, run and extend an intent classifier on your own taxonomy (in-process, no downloaded model).');
  intents
    .command('fit')
    .description('Train a classifier from labelled examples: CSV with a header naming "text" and "intent" (or "category"/"label"), or JSONL {"text","intent"}.')
    .argument('<examples>', 'examples file (.csv or .jsonl)')
    .requiredOption('--model <out.json>', 'where to write the model')
    .option('--format <format>', 'csv or jsonl (default: from the file name)', (v: string) => {
      if (v !== 'csv' && v !== 'jsonl') throw new CliError(`--format must be csv or jsonl, got "${v}"`);
      return v;
    })
    .option('--skip-bad-rows', 'train on the good rows when some are bad (each bad row is still reported)')
    .option('--c <cost>', 'SVM cost (default 1)', parsePositive('--c', false))
    .option('--threshold <t>', 'fix the unknown threshold instead of learning it from held-out examples', parseUnit('--threshold'))
    .option('--json', 'print the summary as one JSON line')
    .action((file: string, opts: FitOpts) => fit(ctx, file, opts));
  intents
    .command('classify')
    .description('Classify texts (one per line, or JSONL with a "text" field; from a file or stdin) into JSONL {"text","intent","confidence"}.')
    .argument('[file]', 'input file (default: stdin)')
    .requiredOption('--model <m.json>', 'a model from `kaizen intents fit`')
    .option('--threshold <t>', "answer unknown below this confidence (default: the model's)", parseUnit('--threshold'))
    .option('--top <k>', 'also list the top k intents with confidences', parsePositive('--top', true))
    .action((file: string | undefined, opts: ClassifyOpts) => classifyCommand(ctx, file, opts));
  intents
    .command('propose')
    .description('Group the texts the model calls unknown and propose each sizeable group as a new intent (top terms and examples).')
    .argument('[file]', 'input file (default: the goals of the store\'s calls without an intent)')
    .option('--model <m.json>', 'a model from `kaizen intents fit`: propose from the texts it calls unknown')
    .option('--store <path>', 'learning store file (used when no file and no model are given)', DEFAULT_STORE)
    .option('--threshold <t>', "unknown below this confidence (default: the model's)", parseUnit('--threshold'))
    .option('--similarity <s>', 'cosine similarity a text needs to join a group (default 0.25)', parseUnit('--similarity'))
    .option('--min-size <n>', 'smallest group worth proposing (default 3)', parsePositive('--min-size', true))
    .option('--json', 'one JSON line per proposed intent')
    .action((file: string | undefined, opts: ProposeOpts) => proposeCommand(ctx, file, opts));
  intents
    .command('induce')
    .description("Induce intents from the store's calls (each call's goal and tools), without labels: id, name, size, top terms, example calls.")
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--min-size <n>', 'smallest intent, in calls (smaller groups join their nearest)', parsePositive('--min-size', true))
    .option('--json', 'print {"intents":[{id,name,size,topTerms,exampleCallIds}]}')
    .option('--word-vectors', 'join pretrained English word vectors (GloVe) to the texts\' own terms')
    .action((opts: InduceOpts) => induceCommand(ctx, opts));
  intents
    .command('cluster')
    .description('Cluster texts (one per line, or JSONL with a "text" field) without labels into JSONL {"text","cluster","name"}.')
    .argument('<file>', 'input file ("-" for stdin)')
    .option('--min-size <n>', 'smallest cluster (smaller ones join their nearest)', parsePositive('--min-size', true))
    .option('--word-vectors', 'join pretrained English word vectors (GloVe) to the texts\' own terms')
    .action((file: string, opts: { minSize?: number; wordVectors?: boolean }) => clusterCommand(ctx, file, opts));
};

interface InduceOpts {
  store: string;
  minSize?: number;
  json?: boolean;
  wordVectors?: boolean;
}

async function induceCommand(ctx: CliContext, opts: InduceOpts): Promise<void> {
  const docs = (await storeDocs(ctx, opts.store)).filter((d) => d.goal.trim() || d.tools.length > 0);
  if (docs.length === 0) throw new CliError('the store has no calls with a user turn or a tool call; import calls first (`kaizen import`)', ExitCode.problems);
  const ws = await openWorkspace(ctx, opts.store);
  let previous;
  try {
    const art = await ws.store.getArtifact('vocabulary');
    previous = art?.payload.kind === 'vocabulary' ? art.payload.intents : undefined;
  } finally {
    await ws.close();
  }
  const wordVectors = opts.wordVectors ? await requireWordVectors(ctx) : undefined;
  const { model, assignments } = induceGroups(
    docs.map((d) => ({ text: d.goal, extraTerms: toolTerms(d.tools) })),
    { kind: 'intent', previous, mergeSimilarity: CALL_MERGE_SIMILARITY, ...(wordVectors ? { wordVectors } : {}), ...(opts.minSize ? { minSize: opts.minSize } : {}) },
  );
  const unassigned = assignments.filter((g) => g < 0).length;
  const intents = model.groups
    .map((g) => ({ id: g.id, name: g.name, size: g.size, topTerms: g.topTerms, exampleCallIds: g.examples.map((i) => docs[i]!.callId) }))
    .sort((a, b) => b.size - a.size || a.name.localeCompare(b.name));
  if (opts.json) {
    writeJsonLine(ctx.stdout, { intents, calls: docs.length, unassigned });
    return;
  }
  ctx.stdout.write(`${intents.length} intent(s) induced from ${docs.length} calls${unassigned ? ` (${unassigned} without any known word)` : ''}:\n`);
  for (const i of intents) ctx.stdout.write(`  ${i.name.padEnd(32)} ${String(i.size).padStart(6)}  ${i.topTerms.join(', ')}\n`);
}

async function requireWordVectors(ctx: CliContext): Promise<WordVectors> {
  const v = await loadWordVectors(ctx.ports);
  if (!v) throw new CliError('--word-vectors: word-vectors-100d.bin was not found beside the CLI (dist/) or in assets/; rebuild with `npm run build`', ExitCode.problems);
  return v;
}

async function clusterCommand(ctx: CliContext, file: string, opts: { minSize?: number; wordVectors?: boolean }): Promise<void> {
  const { texts, bad } = readTexts(ctx, await readInput(ctx, file, 'input'));
  if (texts.length === 0) throw new CliError(`${file}: no texts to cluster (one per line, or JSONL with a "text" field)`, ExitCode.problems);
  const wordVectors = opts.wordVectors ? await requireWordVectors(ctx) : undefined;
  const { model, assignments } = induceGroups(texts.map((text) => ({ text })), { kind: 'cluster', ...(wordVectors ? { wordVectors } : {}), ...(opts.minSize ? { minSize: opts.minSize } : {}) });
  texts.forEach((text, i) => {
    const g = assignments[i]!;
    writeJsonLine(ctx.stdout, { text, cluster: g, name: g >= 0 ? model.groups[g]!.name : 'unknown' });
  });
  if (bad > 0) throw new CliError(`${bad} input line(s) skipped (see above)`, ExitCode.problems);
}
