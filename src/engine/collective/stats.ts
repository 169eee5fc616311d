import { z } from 'zod';
import type { Pattern } from '../model';
import type { ComplianceValidator } from '../privacy';
import { CollectiveRefusal, refusalFromIssues } from './refusal';

export const STATS_KIND = 'kaizen.stats/1';

const CountSchema = z
  .object({ n: z.number().int().nonnegative(), successes: z.number().int().nonnegative() })
  .refine((c) => c.successes <= c.n, { message: 'successes cannot exceed n' });
export type PatternCount = z.infer<typeof CountSchema>;

export const ContributionSchema = z.object({
  version: z.number().int().positive(),
  patterns: z.record(z.string().min(1).max(600), CountSchema),
});
export type StatsContribution = z.infer<typeof ContributionSchema>;

/**
 * `kaizen.stats/1`: what one node (or a merge of many) shares about its patterns. `contributions` holds
 * each node's newest export; `totals` is their sum per pattern key. No count identifies a call: only
 * patterns seen at least `k` times leave a node.
 */
export const StatsFileSchema = z.object({
  kind: z.literal(STATS_KIND),
  k: z.number().int().positive(),
  contributions: z.record(z.string().min(1).max(200), ContributionSchema),
  totals: z.record(z.string(), CountSchema),
});
export type StatsFile = z.infer<typeof StatsFileSchema>;

/** The pattern key: intent, situation and move, joined so each part stays readable. */
export function patternKey(intent: string, situation: string, move: string): string {
  return `${intent} | ${situation} | ${move}`;
}

export function splitPatternKey(key: string): { intent: string; situation: string; move: string } {
  const [intent = '', situation = '', ...rest] = key.split(' | ');
  return { intent, situation, move: rest.join(' | ') };
}

/**
 * Parses a file that claims to be statistics; one of another kind is refused by name (`source` is the
 * file name for the message).
 */
export function parseStatsFile(json: unknown, source = 'input'): StatsFile {
  const kind = (json as { kind?: unknown } | null)?.kind;
  if (kind !== STATS_KIND) {
    throw new CollectiveRefusal(`${source}: kind`, `is ${typeof kind === 'string' ? `"${kind}"` : 'missing'}, not "${STATS_KIND}" (only statistics files from kaizen stats export or merge can be merged)`, 400);
  }
  const parsed = StatsFileSchema.safeParse(json);
  if (!parsed.success) throw refusalFromIssues(source, parsed.error.issues);
  for (const [node, c] of Object.entries(parsed.data.contributions)) {
    for (const [key, count] of Object.entries(c.patterns)) {
      if (count.n < parsed.data.k) throw new CollectiveRefusal(`${source}: contributions.${node}.patterns.${key}`, `n=${count.n} is below the file's k=${parsed.data.k}`, 400);
    }
  }
  return parsed.data;
}

function sumTotals(contributions: StatsFile['contributions']): StatsFile['totals'] {
  const totals: Record<string, PatternCount> = {};
  for (const node of Object.keys(contributions).sort()) {
    for (const [key, c] of Object.entries(contributions[node]!.patterns)) {
      const t = totals[key] ?? { n: 0, successes: 0 };
      totals[key] = { n: t.n + c.n, successes: t.successes + c.successes };
    }
  }
  return sortKeys(totals);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function aboveK(patterns: Record<string, PatternCount>, k: number): Record<string, PatternCount> {
  return sortKeys(Object.fromEntries(Object.entries(patterns).filter(([, c]) => c.n >= k)));
}

/**
 * The newer of two contributions of one node. The same version twice is one export seen through
 * different k filters: their patterns are united, keeping per key the larger count, which is again
 * order-free (a max) and survives any later k filter the same way.
 */
function newer(a: StatsContribution, b: StatsContribution): StatsContribution {
  if (a.version !== b.version) return a.version > b.version ? a : b;
  const patterns: Record<string, PatternCount> = { ...a.patterns };
  for (const [key, c] of Object.entries(b.patterns)) {
    const x = patterns[key];
    patterns[key] = !x || c.n > x.n || (c.n === x.n && c.successes > x.successes) ? c : x;
  }
  return { version: a.version, patterns };
}

/**
 * Merges statistics: per node the newest contribution wins, totals are the sum, `k` the strictest of the
 * inputs (patterns below it are dropped). Commutative, associative and idempotent, so nodes can merge in
 * any order, any number of times, and agree.
 */
export function mergeStats(files: readonly StatsFile[]): StatsFile {
  if (files.length === 0) throw new CollectiveRefusal('files', 'nothing to merge', 400);
  const k = Math.max(...files.map((f) => f.k));
  const picked: Record<string, StatsContribution> = {};
  for (const f of files) {
    for (const [node, c] of Object.entries(f.contributions)) picked[node] = picked[node] ? newer(picked[node]!, c) : c;
  }
  const contributions = sortKeys(Object.fromEntries(Object.entries(picked).map(([node, c]) => [node, { version: c.version, patterns: aboveK(c.patterns, k) }])));
  return { kind: STATS_KIND, k, contributions, totals: sumTotals(contributions) };
}

export interface ExportStatsOptions {
  node: string;
  version: number;
  k: number;
  validator: ComplianceValidator;
}

/**
 * One node's export from its learned patterns: counts summed per (intent, situation, move) across its
 * agents, patterns with fewer than k calls withheld, and the privacy validator over the whole file
 * (keys included) before anything leaves.
 */
export function exportStats(patterns: readonly Pattern[], options: ExportStatsOptions): { stats: StatsFile; withheld: number } {
  if (!Number.isInteger(options.k) || options.k < 1) throw new CollectiveRefusal('k', `must be a whole number ≥ 1, got ${options.k}`, 400);
  const counts: Record<string, PatternCount> = {};
  for (const p of patterns) {
    const key = patternKey(p.intent, p.trigger, p.strategy);
    const c = counts[key] ?? { n: 0, successes: 0 };
    counts[key] = { n: c.n + p.support, successes: c.successes + p.successes };
  }
  const kept = aboveK(counts, options.k);
  const contributions = { [options.node]: { version: options.version, patterns: kept } };
  const stats: StatsFile = { kind: STATS_KIND, k: options.k, contributions, totals: sumTotals(contributions) };
  const report = options.validator.validate(stats, 'stats');
  if (!report.ok) {
    const f = report.findings[0]!;
    throw new CollectiveRefusal(f.field, `looks like PII (${f.entityType}); nothing was exported`);
  }
  return { stats, withheld: Object.keys(counts).length - Object.keys(kept).length };
}
