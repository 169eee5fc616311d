import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import {
  DAY_MS,
  ErrorDetector,
  ErrorLearner,
  fingerprintError,
  recordedToolCalls,
  repeatRates,
  rulesFromArtifacts,
  saveRuleArtifacts,
} from '../../engine/errors';
import type { AvoidanceRule } from '../../engine/errors';
import { IngestFormatError, SourceReader } from '../../engine/ingest';
import { assembleConversation } from '../../engine/model';
import type { ConversationEvent, ErrorFingerprint } from '../../engine/model';
import { createRedactor } from '../../engine/privacy';
import type { LearningStore } from '../../engine/store';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import type { CliContext } from '../context';
import { openWorkspace, reportUnreadableRows, sourceName } from '../workspace';
import { DEFAULT_FINGERPRINT_RULES, loadFingerprintRules } from '../fingerprintRules';
import type { RegisterCommand } from './index';

/** The store's catalog and rules when it exists; none (and no store created) when it does not. */
async function storedKnowledge(ctx: CliContext, storePath: string): Promise<{ fingerprints: ErrorFingerprint[]; rules: AvoidanceRule[] }> {
  if (!fs.existsSync(path.resolve(ctx.cwd, storePath))) return { fingerprints: [], rules: [] };
  const ws = await openWorkspace(ctx, storePath);
  try {
    return { fingerprints: await ws.store.listErrorFingerprints(), rules: rulesFromArtifacts(await ws.store.listArtifacts({ kind: 'avoidance-rule' })) };
  } finally {
    await ws.close();
  }
}

/** A redactor with a key of its own: these commands store nothing, so hashed ids need only agree within the run. */
function ephemeralRedactor(ctx: CliContext) {
  return createRedactor({ hashing: ctx.ports.hashing, hmacKey: ctx.ports.hashing.randomBytes(32) });
}

const hashOf = (ctx: CliContext) => (text: string) => ctx.ports.hashing.sha256(text);

function openInput(ctx: CliContext, file: string | undefined): NodeJS.ReadableStream {
  if (file === undefined || file === '-') return ctx.stdin;
  const abs = path.resolve(ctx.cwd, file);
  if (!fs.existsSync(abs)) throw new CliError(`${file}: no such file (give a text or JSONL file, or - for stdin)`);
  return fs.createReadStream(abs);
}

interface FingerprintInput {
  text: string;
  tool?: string;
  code?: string;
  stage?: string;
}

/** One input line: a JSON object with `text` (and optional tool, code, stage), or plain text. */
function parseFingerprintLine(line: string): FingerprintInput | string {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return { text: line };
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch (err) {
    return `not JSON (${(err as Error).message}); give one JSON object or one plain text per line`;
  }
  const r = raw as Record<string, unknown>;
  if (typeof r.text !== 'string') return `"text" is ${r.text === undefined ? 'missing' : `a ${typeof r.text}`}; every record needs the error message as a "text" string`;
  for (const key of ['tool', 'code', 'stage'] as const) if (r[key] !== undefined && typeof r[key] !== 'string') return `"${key}" must be a string`;
  return { text: r.text, ...(typeof r.tool === 'string' ? { tool: r.tool } : {}), ...(typeof r.code === 'string' ? { code: r.code } : {}), ...(typeof r.stage === 'string' ? { stage: r.stage } : {}) };
}

/** The calls of a file in any import format, with the reader's rejections (line, field, reason). */
async function readCalls(ctx: CliContext, file: string): Promise<{ calls: ConversationEvent[][]; problems: string[] }> {
  const abs = path.resolve(ctx.cwd, file);
  if (!fs.existsSync(abs)) throw new CliError(`${file}: no such file`);
  const name = sourceName(ctx, file);
  const reader = new SourceReader(abs, { fs: ctx.ports.fs, hashing: ctx.ports.hashing, sourceName: name });
  const calls: ConversationEvent[][] = [];
  const problems: string[] = [];
  try {
    for await (const item of reader.items()) {
      if (item.kind === 'call') calls.push(item.events);
      else if (item.kind === 'reject') {
        const r = item.rejection;
        problems.push(`${r.file}${r.line !== undefined ? `:${r.line}` : ''}: ${r.field}: ${r.reason}`);
      }
    }
  } catch (err) {
    if (err instanceof IngestFormatError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
  return { calls, problems };
}

function reportProblems(ctx: CliContext, problems: readonly string[], what: string): void {
  if (problems.length === 0) return;
  for (const p of problems.slice(0, 50)) ctx.stderr.write(`kaizen: ${p}\n`);
  if (problems.length > 50) ctx.stderr.write(`kaizen: … and ${problems.length - 50} more\n`);
  throw new CliError(`${problems.length} bad record${problems.length === 1 ? '' : 's'} skipped; ${what}`, ExitCode.problems);
}

/** Retires stored rules the new learning no longer supports (their history stays). */
async function retireStaleRules(store: LearningStore, live: ReadonlySet<string>): Promise<number> {
  let retired = 0;
  for (const a of await store.listArtifacts({ kind: 'avoidance-rule' })) {
    if (live.has(a.artifactId) || a.status === 'retired') continue;
    await store.setArtifactStatus(a.artifactId, 'retired', 'no longer supported by the stored calls');
    retired++;
  }
  return retired;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export const register: RegisterCommand = (program, ctx) => {
  const errors = program.command('errors').description('The error catalog: fingerprints, avoidance rules learned from past calls, warnings before a tool call, regression fixtures.');

  errors
    .command('fingerprint')
    .description('Fingerprint error messages: text lines or JSONL {"text","tool"?,"code"?,"stage"?} → JSONL {"fingerprint","template","known"} in input order (known: in the store\'s catalog).')
    .argument('[file]', 'input file (default: stdin)')
    .option('--store <path>', 'learning store whose catalog counts as known', DEFAULT_STORE)
    .option('--rules <file>', `user fingerprint rules (default ${DEFAULT_FINGERPRINT_RULES} when present)`)
    .action(async (file: string | undefined, opts: { store: string; rules?: string }) => {
      const rules = loadFingerprintRules(ctx, opts.rules);
      const input = openInput(ctx, file);
      const { fingerprints } = await storedKnowledge(ctx, opts.store);
      const knownIds = new Set(fingerprints.map((f) => f.fingerprint));
      const knownTemplates = new Set(fingerprints.map((f) => f.template));
      const redactor = ephemeralRedactor(ctx);
      const problems: string[] = [];
      const name = file === undefined || file === '-' ? '(stdin)' : file;
      let lineNo = 0;
      for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
        lineNo++;
        if (line.trim() === '') continue;
        const parsed = parseFingerprintLine(line);
        if (typeof parsed === 'string') {
          problems.push(`${name}:${lineNo}: ${parsed}`);
          continue;
        }
        // A tool's error is fingerprinted as a failed tool result is in the catalog (code tool_error, stage tool).
        const subject = {
          message: redactor.redactText(parsed.text).text,
          ...(parsed.tool !== undefined ? { tool: parsed.tool, code: parsed.code ?? 'tool_error', stage: parsed.stage ?? 'tool' } : {}),
          ...(parsed.tool === undefined && parsed.code !== undefined ? { code: parsed.code } : {}),
          ...(parsed.tool === undefined && parsed.stage !== undefined ? { stage: parsed.stage } : {}),
        };
        const fp = fingerprintError(subject, hashOf(ctx), rules);
        // A bare message (no tool, code or stage) is known when any stored group has its template.
        const bare = parsed.tool === undefined && parsed.code === undefined && parsed.stage === undefined;
        writeJsonLine(ctx.stdout, { fingerprint: fp.fingerprint, template: fp.template, known: knownIds.has(fp.fingerprint) || (bare && knownTemplates.has(fp.template)) });
      }
      reportProblems(ctx, problems, 'the other lines were fingerprinted');
    });

  errors
    .command('learn')
    .description('Learn the error catalog and avoidance rules from the stored calls and store them (rules as avoidance-rule artifacts); --json prints {"fingerprints","rules"}.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--rules <file>', `user fingerprint rules (default ${DEFAULT_FINGERPRINT_RULES} when present)`)
    .option('--min-support <n>', 'errors a rule must have caught (default 3)', (v: string) => wholeNumber('--min-support', v, 1))
    .option('--min-precision <p>', 'share of a rule\'s warnings followed by the error (default 0.6)', (v: string) => share('--min-precision', v))
    .option('--json', 'print JSON')
    .action(async (opts: { store: string; rules?: string; minSupport?: number; minPrecision?: number; json?: boolean }) => {
      const fingerprintRules = loadFingerprintRules(ctx, opts.rules);
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const learner = new ErrorLearner({ hash: hashOf(ctx), fingerprintRules, ...(opts.minSupport !== undefined ? { minSupport: opts.minSupport } : {}), ...(opts.minPrecision !== undefined ? { minPrecision: opts.minPrecision } : {}) });
        // Occurrences and call starts for the repeat rate per fingerprint and week (text output).
        const seen: Array<{ callId: string; ts: number; fingerprint: string }> = [];
        const starts = new Map<string, number>();
        for await (const conv of ws.store.iterateConversations()) {
          const found = learner.add(conv.events, (await ws.store.getCallAnalysis(conv.callId))?.intent);
          starts.set(conv.callId, conv.events[0]?.ts ?? 0);
          found.occurrences.forEach((o, i) => seen.push({ callId: o.callId, ts: o.ts, fingerprint: found.fingerprints[i]! }));
        }
        const learned = learner.finish();
        await ws.store.upsertErrorFingerprints(learned.catalog.map(({ calls: _calls, ...fp }) => fp));
        const saved = await saveRuleArtifacts(ws.store, learned.rules);
        const retired = await retireStaleRules(ws.store, new Set(saved.artifactIds));
        if (opts.json) {
          writeJsonLine(ctx.stdout, {
            fingerprints: learned.catalog.map((f) => ({ id: f.fingerprint, template: f.template, tool: f.tool ?? null, count: f.count, calls: f.exampleCallIds })),
            rules: learned.rules.map((r) => ({ id: r.id, fingerprint: r.fingerprint, text: r.text, support: r.support, precision: r.precision })),
          });
        } else {
          ctx.stdout.write(`${learned.catalog.length} error fingerprints from ${learned.occurrences} errors; ${learned.rules.length} avoidance rules (${saved.saved} new or changed, ${saved.unchanged} unchanged, ${retired} retired${saved.withheld > 0 ? `, ${saved.withheld} withheld by the privacy gate` : ''})\n`);
          const repeats = new Map(repeatRates(seen, starts, 7 * DAY_MS).map((r) => [r.fingerprint, r.periods]));
          for (const f of learned.catalog.slice(0, 20)) {
            ctx.stdout.write(`  ${f.fingerprint}  ×${f.count} in ${f.calls} calls  ${f.tool ?? '-'}  ${f.template}\n`);
            const weeks = (repeats.get(f.fingerprint) ?? []).slice(-4);
            if (weeks.length > 0) ctx.stdout.write(`    repeat rate per week: ${weeks.map((w) => `${new Date(w.start).toISOString().slice(0, 10)} ${(100 * w.repeatRate).toFixed(1)}%`).join(', ')}\n`);
          }
          for (const r of learned.rules) ctx.stdout.write(`  ${r.id}  support ${r.support}, precision ${pct(r.precision)}  ${r.text}\n`);
        }
        reportUnreadableRows(ctx, ws.store);
      } finally {
        await ws.close();
      }
    });

  errors
    .command('predict')
    .description('Warnings before the last (pending) tool call of each record, from the store\'s avoidance rules; any import format; nothing is stored → JSONL {"callId","source":{"file","index"},"warnings":[{"fingerprint","probability","rule"}]}.')
    .argument('<file>', 'calls in progress (Kaizen JSONL, Vapi, Retell, OpenAI-style messages with or without reward, τ-bench…)')
    .option('--store <path>', 'learning store whose rules to use', DEFAULT_STORE)
    .option('--min-probability <p>', 'only warnings at least this likely (default 0.5)', (v: string) => share('--min-probability', v))
    .action(async (file: string, opts: { store: string; minProbability?: number }) => {
      const { rules } = await storedKnowledge(ctx, opts.store);
      if (rules.length === 0) ctx.stderr.write(`kaizen: no avoidance rules in ${opts.store} (run \`kaizen errors learn\` first): no warnings can be given\n`);
      const detector = new ErrorDetector(rules, opts.minProbability !== undefined ? { minProbability: opts.minProbability } : {});
      const { calls, problems } = await readCalls(ctx, file);
      const redactor = ephemeralRedactor(ctx);
      calls.forEach((events, i) => {
        const conv = redactor.redactConversation(assembleConversation(events));
        const toolCalls = recordedToolCalls(conv.events);
        const pending = toolCalls.at(-1);
        const warnings = pending ? detector.warnContext(pending.context) : [];
        writeJsonLine(ctx.stdout, {
          callId: conv.callId,
          source: { file: conv.source?.file ?? sourceName(ctx, file), index: conv.source?.index ?? i },
          warnings: warnings.map((w) => ({ fingerprint: w.fingerprint, probability: Math.round(w.probability * 1e4) / 1e4, rule: w.rule })),
        });
      });
      reportProblems(ctx, problems, 'the other records were checked');
    });

  errors
    .command('fixtures')
    .description('Write regression fixtures (*.calls.jsonl + .expect.json) for each fingerprint with an avoidance rule: recorded, redacted calls that `kaizen test` fails once the error is no longer caught before it happens.')
    .requiredOption('--out <dir>', 'folder to write the fixtures into')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--per-fingerprint <n>', 'calls per fingerprint (default 3)', (v: string) => wholeNumber('--per-fingerprint', v, 1), 3)
    .option('--json', 'print JSON')
    .action(async (opts: { out: string; store: string; perFingerprint: number; json?: boolean }) => {
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const rules = rulesFromArtifacts(await ws.store.listArtifacts({ kind: 'avoidance-rule' }));
        if (rules.length === 0) throw new CliError(`no avoidance rules in ${opts.store}: run \`kaizen errors learn\` first`, ExitCode.problems);
        const fingerprintRules = loadFingerprintRules(ctx);
        const outDir = path.resolve(ctx.cwd, opts.out);
        fs.mkdirSync(outDir, { recursive: true });
        const written: Array<{ file: string; fingerprint: string; calls: string[] }> = [];
        const kept: string[] = [];
        const byFp = new Map<string, AvoidanceRule[]>();
        for (const r of rules) byFp.set(r.fingerprint, [...(byFp.get(r.fingerprint) ?? []), r]);
        for (const [fingerprint, fpRules] of [...byFp].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const detector = new ErrorDetector(fpRules);
          const chosen: ConversationEvent[][] = [];
          const candidates = [...new Set(fpRules.flatMap((r) => r.provenance.callIds))].sort();
          for (const callId of candidates) {
            if (chosen.length >= opts.perFingerprint) break;
            const conv = await ws.store.getConversation(callId);
            if (!conv) continue;
            // Only a call where the rule does warn before the error: the fixture must pass today.
            const found = new ErrorLearner({ hash: hashOf(ctx), fingerprintRules }).add(conv.events);
            const fpByToolCall = new Map<string, string>();
            found.occurrences.forEach((o, i) => {
              if (o.toolCallId !== undefined) fpByToolCall.set(o.toolCallId, found.fingerprints[i]!);
            });
            const failing = recordedToolCalls(conv.events).filter((t) => fpByToolCall.get(t.toolCallId) === fingerprint);
            if (failing.length > 0 && failing.every((t) => detector.warnContext(t.context).some((w) => w.fingerprint === fingerprint))) chosen.push(conv.events);
          }
          if (chosen.length === 0) continue;
          const base = fingerprint.replace(/[^A-Za-z0-9_.-]+/g, '_');
          const fixture = path.join(outDir, `${base}.calls.jsonl`);
          const callIds = chosen.map((events) => events[0]!.callId);
          const files: Array<[string, string]> = [
            [fixture, chosen.flatMap((events) => events.map((e) => JSON.stringify(e))).join('\n') + '\n'],
            [path.join(outDir, `${base}.expect.json`), `${JSON.stringify({ calls: Object.fromEntries(callIds.map((id) => [id, { caughtBeforeError: [fingerprint] }])), avoidanceRules: fpRules }, null, 2)}\n`],
          ];
          // A fixture already there with other content may hold someone's edits: it is left as it is.
          const clash = files.find(([file, text]) => fs.existsSync(file) && fs.readFileSync(file, 'utf8') !== text);
          if (clash) {
            kept.push(path.relative(ctx.cwd, clash[0]) || clash[0]);
            continue;
          }
          for (const [file, text] of files) fs.writeFileSync(file, text);
          written.push({ file: path.relative(ctx.cwd, fixture) || fixture, fingerprint, calls: callIds });
        }
        if (opts.json) writeJsonLine(ctx.stdout, { fixtures: written });
        else {
          ctx.stdout.write(`${written.length} fixtures in ${path.relative(ctx.cwd, outDir) || outDir} (run \`kaizen test ${path.relative(ctx.cwd, outDir) || outDir}\`)\n`);
          for (const w of written) ctx.stdout.write(`  ${w.file}: ${w.calls.length} calls, ${w.fingerprint}\n`);
        }
        if (kept.length > 0) {
          for (const k of kept) ctx.stderr.write(`kaizen: ${k} exists with other content and was left as it is (remove it or choose another --out)\n`);
          throw new CliError(`${kept.length} fixture(s) not written`, ExitCode.problems);
        }
      } finally {
        await ws.close();
      }
    });
};

function wholeNumber(flag: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new CliError(`${flag} must be a whole number ≥ ${min}, got "${v}"`);
  return n;
}

function share(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new CliError(`${flag} must be a number from 0 to 1, got "${v}"`);
  return n;
}
