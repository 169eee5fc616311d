import { z } from 'zod';
import { modelAlias } from './models';

/** USD per million tokens of each kind, as on Anthropic's pricing page (cache writes: 5-minute TTL). */
export const ModelPriceSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
});
export type ModelPrice = z.output<typeof ModelPriceSchema>;

export const PriceTableSchema = z.record(z.string().min(1), ModelPriceSchema);
export type PriceTable = z.output<typeof PriceTableSchema>;

/** The published list prices of the models this build knows; `--prices <file>` replaces the table. */
export const DEFAULT_PRICES: PriceTable = {
  'claude-opus-4': { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 },
  'claude-opus-4-1': { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 },
  'claude-opus-4-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4-6': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-sonnet-4': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-sonnet-4-5': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-sonnet-4-6': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
};

/** Message Batches bill every token kind at half the standard price. */
export const BATCH_DISCOUNT = 0.5;

export class PriceTableError extends Error {
  readonly reason = 'prices';
  constructor(message: string) {
    super(message);
    this.name = 'PriceTableError';
  }
}

const EXAMPLE = '{"<model>": {"input": 3, "output": 15, "cacheWrite": 3.75, "cacheRead": 0.3}}';

/** Parses a price file's text; a bad field is named (`"claude-x".cacheRead`) with the fix. */
export function parsePriceTable(text: string, source: string): PriceTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PriceTableError(`${source}: not JSON (${(err as Error).message}); write ${EXAMPLE}, prices in USD per million tokens`);
  }
  const parsed = PriceTableSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [model, ...rest] = issue.path.map(String);
    const field = model === undefined ? '(top level)' : [JSON.stringify(model), ...rest].join('.');
    throw new PriceTableError(`${source}: ${field}: ${issue.message}; each model needs "input", "output", "cacheWrite" and "cacheRead" in USD per million tokens, e.g. ${EXAMPLE}`);
  }
  return parsed.data;
}

/** The price of `model` (or its alias without a snapshot date); a table without it is an error naming the fix. */
export function priceFor(table: PriceTable, model: string, source: string): ModelPrice {
  const price = table[model] ?? table[modelAlias(model)];
  if (price) return price;
  throw new PriceTableError(
    `${source} has no entry for "${model}": add "${model}": {"input", "output", "cacheWrite", "cacheRead"} (USD per million tokens) to a price file and use it (\`kaizen deep-analyze --prices <file>\`; in VS Code, prices.json beside the learning store)`,
  );
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
}

export const ZERO_USAGE: TokenUsage = Object.freeze({ inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 });

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheCreationInputTokens: a.cacheCreationInputTokens + b.cacheCreationInputTokens,
    cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens,
  };
}

/** USD for one answer: every token kind × its price per million; batches at half price. */
export function costUsd(usage: TokenUsage, price: ModelPrice, batch: boolean): number {
  const full =
    (usage.inputTokens * price.input + usage.outputTokens * price.output + usage.cacheCreationInputTokens * price.cacheWrite + usage.cacheReadInputTokens * price.cacheRead) / 1e6;
  return batch ? full * BATCH_DISCOUNT : full;
}
