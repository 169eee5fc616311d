import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_PRICES, LlmConfigError, PriceTableError, UnknownModelError, parsePriceTable, priceFor } from '../../engine/llm';
import type { PriceTable } from '../../engine/llm';
import { deepAnalyze } from '../../engine/pipeline';
import { PrivacyViolationError } from '../../engine/privacy';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openWorkspace } from '../workspace';
import type { Logger } from '../../engine/ports';
import type { RegisterCommand } from './index';

/** The `kaizen.claude.*` defaults, so the CLI and the extension ask the same model the same way. */
export const DEFAULT_MODEL = 'claude-sonnet-4-6';
export const DEFAULT_THINKING_BUDGET = 4096;

interface DeepAnalyzeOpts {
  store: string;
  model: string;
  thinkingBudget: number;
  batch?: boolean;
  prices?: string;
  maxFindings: number;
}

function budget(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024) throw new InvalidArgumentError(`"${value}": use a whole number ≥ 1024 (tokens Claude may think before answering)`);
  return n;
}
function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 1`);
  return n;
}

function readPrices(ctx: Parameters<RegisterCommand>[1], file: string | undefined): { table: PriceTable; source: string } {
  if (file === undefined) return { table: DEFAULT_PRICES, source: 'the built-in price table' };
  const abs = path.resolve(ctx.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (err) {
    throw new CliError(`--prices ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, ExitCode.usage);
  }
  return { table: parsePriceTable(text, `--prices ${file}`), source: `--prices ${file}` };
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('deep-analyze')
    .description(
      'Deep analysis of significant patterns and recurring errors with Claude (extended thinking, structured answers, cost ledger); key from ANTHROPIC_API_KEY. Without a key: the engine\'s own findings, no request. Prints {"mode","model","requests","usage","costUsd","findings"}.',
    )
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--model <model>', 'Claude model', DEFAULT_MODEL)
    .option('--thinking-budget <n>', 'extended-thinking budget in tokens (≥ 1024)', budget, DEFAULT_THINKING_BUDGET)
    .option('--batch', 'send all requests as one Message Batch (half price, answers within 24 h)')
    .option('--prices <file>', 'price table JSON {"<model>":{"input","output","cacheWrite","cacheRead"}} in USD per million tokens')
    .option('--max-findings <n>', 'findings at most', positiveInt, 8)
    .option('--json', 'JSON output (the default; accepted for symmetry with other commands)')
    .action(async (opts: DeepAnalyzeOpts) => {
      // Everything that can be wrong with the input is checked before the store is opened or a request sent.
      const prices = cliErrors(() => readPrices(ctx, opts.prices));
      if (opts.prices !== undefined) cliErrors(() => priceFor(prices.table, opts.model, prices.source));
      const apiKey = ctx.env.ANTHROPIC_API_KEY?.trim() || undefined;
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const result = await cliErrorsAsync(() =>
          deepAnalyze({
            store: ws.store,
            ports: { ...ctx.ports, logger: stderrLines(ctx.stderr) },
            policy: ws.policy,
            maxFindings: opts.maxFindings,
            claude: apiKey
              ? {
                  apiKey,
                  baseURL: ctx.env.ANTHROPIC_BASE_URL || undefined,
                  model: opts.model,
                  thinkingBudget: opts.thinkingBudget,
                  prices: prices.table,
                  pricesSource: prices.source,
                  batch: opts.batch,
                }
              : undefined,
          }),
        );
        if (!apiKey) ctx.stderr.write('deep-analyze: no ANTHROPIC_API_KEY; offline findings from the engine alone (no request sent)\n');
        writeJsonLine(ctx.stdout, result);
      } finally {
        await ws.close();
      }
    });
};

/** Warnings (retries, dropped ids, answers that did not parse) go to stderr, one line each; stdout stays JSON. */
function stderrLines(stream: NodeJS.WritableStream): Logger {
  const line = (message: string) => void stream.write(`${message}\n`);
  return { debug: () => undefined, info: line, warn: line, error: line };
}

/** Bad settings (price table, model, budget) and a PII refusal become one clear line with an exit code. */
function translate(err: unknown): never {
  if (err instanceof PriceTableError || err instanceof UnknownModelError || err instanceof LlmConfigError) throw new CliError(err.message, ExitCode.usage);
  if (err instanceof PrivacyViolationError) throw new CliError(`refused to send: ${err.message}`, ExitCode.problems);
  throw err;
}
function cliErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    translate(err);
  }
}
async function cliErrorsAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    translate(err);
  }
}
