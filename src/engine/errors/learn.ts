import type { ConversationEvent } from '../model';
import { wilsonInterval } from '../stats';
import { AvoidanceRuleSchema, conditionHolds, ruleId, ruleText } from './avoidance';
import type { AvoidanceCondition, AvoidanceRule } from './avoidance';
import { ErrorCatalogBuilder } from './catalog';
import type { CatalogEntry } from './catalog';
import type { Hash } from './fingerprint';
import { extractOccurrences } from './occurrences';
import type { ErrorOccurrence } from './occurrences';
import { holds, precursorKey, recordedToolCalls } from './precursors';
import type { PendingContext, Precursor } from './precursors';
import type { FingerprintRule } from './rules';

export interface LearnOptions {
  hash: Hash;
  fingerprintRules?: readonly FingerprintRule[];
  /** A rule needs at least this many past errors it would have caught (default 3). */
  minSupport?: number;
  /** … and at least this share of its warnings followed by the error (default 0.6). */
  minPrecision?: number;
  /** At most this many rules per fingerprint (default 3). */
  maxRulesPerFingerprint?: number;
  /** Tool calls kept for learning; later ones only feed the catalog (default 500,000) — bounds memory. */
  maxExamples?: number;
}

/** One past tool call with a result: its context and the fingerprint it failed with (none: it succeeded). */
interface Example {
  callId: string;
  context: PendingContext;
  fingerprint?: string;
}

export interface LearnedErrors {
  catalog: CatalogEntry[];
  rules: AvoidanceRule[];
  occurrences: number;
  /** Tool calls the rules were learned from; calls without a result (withdrawn) are not among them. */
  examples: number;
  /** Tool calls without a result: never counted as successes. */
  withoutResult: number;
}

const PROVENANCE_CALLS = 20;
const PAIR_CANDIDATES = 12;
/** Precision a two-precursor rule must add over the better of its parts. */
const MIN_PAIR_GAIN = 0.05;

/**
 * Learns the error catalog and avoidance rules from calls fed one at a time (a store's calls stream
 * through without being held). Learns only from the calls' events: never from a generator's answer key.
 */
export class ErrorLearner {
  private readonly catalog: ErrorCatalogBuilder;
  private readonly examples: Example[] = [];
  private readonly templates = new Map<string, string>();
  private occurrenceCount = 0;
  private withoutResult = 0;

  constructor(private readonly options: LearnOptions) {
    this.catalog = new ErrorCatalogBuilder(options.hash, options.fingerprintRules);
  }

  /** Adds one call; returns its occurrences' fingerprints (in order). */
  add(events: readonly ConversationEvent[], intent?: string): { occurrences: ErrorOccurrence[]; fingerprints: string[] } {
    const occurrences = extractOccurrences(events, intent !== undefined ? { intent } : {});
    const byToolCall = new Map<string, string>();
    const fingerprints = occurrences.map((o) => {
      const fp = this.catalog.add(o);
      if (o.toolCallId !== undefined && o.kind === 'tool-result') byToolCall.set(o.toolCallId, fp);
      return fp;
    });
    this.occurrenceCount += occurrences.length;
    const max = this.options.maxExamples ?? 500_000;
    for (const t of recordedToolCalls(events)) {
      if (!t.result) {
        this.withoutResult++;
        continue;
      }
      if (this.examples.length >= max) break;
      const fp = t.result.ok ? undefined : byToolCall.get(t.toolCallId);
      this.examples.push({ callId: t.callId, context: t.context, ...(fp !== undefined ? { fingerprint: fp } : {}) });
    }
    return { occurrences, fingerprints };
  }

  finish(): LearnedErrors {
    const catalog = this.catalog.entriesList();
    for (const e of catalog) this.templates.set(e.fingerprint, e.template);
    const rules: AvoidanceRule[] = [];
    const byTool = new Map<string, Example[]>();
    for (const ex of this.examples) {
      const list = byTool.get(ex.context.tool) ?? [];
      list.push(ex);
      byTool.set(ex.context.tool, list);
    }
    for (const [tool, examples] of [...byTool].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const fps = [...new Set(examples.flatMap((e) => (e.fingerprint ? [e.fingerprint] : [])))].sort();
      for (const fp of fps) rules.push(...this.rulesFor(tool, fp, examples));
    }
    return { catalog, rules, occurrences: this.occurrenceCount, examples: this.examples.length, withoutResult: this.withoutResult };
  }

  private rulesFor(tool: string, fingerprint: string, examples: readonly Example[]): AvoidanceRule[] {
    const minSupport = this.options.minSupport ?? 3;
    const minPrecision = this.options.minPrecision ?? 0.6;
    const positives = examples.filter((e) => e.fingerprint === fingerprint);
    if (positives.length < minSupport) return [];
    const candidates = candidatePrecursors(positives, examples);
    const measure = (all: Precursor[]) => {
      const cond: AvoidanceCondition = { tool, all };
      let n = 0;
      let k = 0;
      const calls: string[] = [];
      for (const e of examples) {
        if (!conditionHolds(cond, e.context)) continue;
        n++;
        if (e.fingerprint === fingerprint) {
          k++;
          if (calls.length < PROVENANCE_CALLS && !calls.includes(e.callId)) calls.push(e.callId);
        }
      }
      return { cond, n, k, calls };
    };
    const singles = candidates.map((p) => measure([p])).filter((m) => m.k >= minSupport);
    const top = [...singles].sort((a, b) => b.k - a.k).slice(0, PAIR_CANDIDATES);
    const pairs = [];
    for (let i = 0; i < top.length; i++)
      for (let j = i + 1; j < top.length; j++) {
        const m = measure([...top[i]!.cond.all, ...top[j]!.cond.all]);
        // A pair must be clearly more precise than both its parts, or the simpler rule says the same.
        const gain = m.k / m.n - Math.max(top[i]!.k / top[i]!.n, top[j]!.k / top[j]!.n);
        if (m.k >= minSupport && gain >= MIN_PAIR_GAIN) pairs.push(m);
      }
    const score = (m: { n: number; k: number }) => (m.k + 1) / (m.n + 2);
    // Ranked by the Wilson lower bound of precision: a precise rule on few calls does not outrank a
    // nearly as precise one that covers many (a narrower rule is then kept only if it adds errors).
    const pool = [...singles, ...pairs]
      .filter((m) => m.k / m.n >= minPrecision)
      .sort((a, b) => wilsonInterval(b.k, b.n).low - wilsonInterval(a.k, a.n).low || a.cond.all.length - b.cond.all.length || b.k - a.k || keyOf(a.cond).localeCompare(keyOf(b.cond)));
    // Sequential covering: each rule must catch errors the rules before it missed.
    const covered = new Set<Example>();
    const chosen: AvoidanceRule[] = [];
    const template = this.templates.get(fingerprint) ?? '';
    for (const m of pool) {
      if (chosen.length >= (this.options.maxRulesPerFingerprint ?? 3)) break;
      const fresh = positives.filter((e) => !covered.has(e) && conditionHolds(m.cond, e.context));
      if (fresh.length === 0) continue;
      for (const e of fresh) covered.add(e);
      chosen.push(
        AvoidanceRuleSchema.parse({
          id: ruleId(fingerprint, m.cond, this.options.hash),
          fingerprint,
          template,
          text: ruleText(m.cond, template),
          condition: m.cond,
          support: m.k,
          precision: m.k / m.n,
          probability: score(m),
          provenance: { callIds: [...m.calls].sort(), measuredOn: examples.length },
        }),
      );
    }
    return chosen;
  }
}

function keyOf(c: AvoidanceCondition): string {
  return c.all.map(precursorKey).join('&');
}

/** Precursors worth measuring: facts seen before some error, steps and argument fields that the error cases lacked. */
function candidatePrecursors(positives: readonly Example[], all: readonly Example[]): Precursor[] {
  const out = new Map<string, Precursor>();
  const add = (p: Precursor) => out.set(precursorKey(p), p);
  for (const e of positives)
    for (const p of e.context.facts.values()) add(p);
  // Steps that some calls of this tool had before them, and argument fields most of its calls carry.
  const steps = new Set<string>();
  const fieldCounts = new Map<string, number>();
  for (const e of all) {
    for (const s of e.context.succeeded) steps.add(s);
    for (const f of e.context.argFields) fieldCounts.set(f, (fieldCounts.get(f) ?? 0) + 1);
  }
  for (const tool of steps) {
    const p: Precursor = { kind: 'missing-step', tool };
    if (positives.some((e) => holds(p, e.context))) add(p);
  }
  for (const [field, count] of fieldCounts) {
    const p: Precursor = { kind: 'missing-arg', field };
    if (count >= all.length / 2 && positives.some((e) => holds(p, e.context))) add(p);
  }
  return [...out.values()].sort((a, b) => precursorKey(a).localeCompare(precursorKey(b)));
}

/** Learns the catalog and rules from whole calls (each an array of events, in order). */
export function learnErrors(calls: Iterable<readonly ConversationEvent[]>, options: LearnOptions): LearnedErrors {
  const learner = new ErrorLearner(options);
  for (const events of calls) learner.add(events);
  return learner.finish();
}
