import type { ConversationEvent } from '../model';
import { wilsonInterval } from '../stats';
import { AvoidanceRuleSchema, ruleId, ruleText } from './avoidance';
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
  /** Tool calls kept for learning; later ones only feed the catalog (default 200,000: each keeps its context, a few hundred bytes) — bounds memory. */
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
    const max = this.options.maxExamples ?? 200_000;
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
    // Only precursors present before at least minSupport of the errors are worth measuring on every call.
    const candidates = candidatePrecursors(positives, examples, minSupport).map((p) => ({ p, test: compile(p) }));
    const isPositive = Uint8Array.from(examples, (e) => (e.fingerprint === fingerprint ? 1 : 0));
    // Each measured condition keeps which examples it holds on, so pairs are an AND of two of these.
    const summarize = (all: Precursor[], hits: Uint8Array) => {
      let n = 0;
      let k = 0;
      const calls: string[] = [];
      for (let x = 0; x < hits.length; x++) {
        if (!hits[x]) continue;
        n++;
        if (isPositive[x]) {
          k++;
          const callId = examples[x]!.callId;
          if (calls.length < PROVENANCE_CALLS && !calls.includes(callId)) calls.push(callId);
        }
      }
      return { cond: { tool, all } as AvoidanceCondition, n, k, calls, hits };
    };
    const singles = candidates
      .map(({ p, test }) => summarize([p], Uint8Array.from(examples, (e) => (test(e.context) ? 1 : 0))))
      .filter((m) => m.k >= minSupport);
    const top = [...singles].sort((a, b) => b.k - a.k).slice(0, PAIR_CANDIDATES);
    const pairs = [];
    for (let a = 0; a < top.length; a++)
      for (let b = a + 1; b < top.length; b++) {
        const ha = top[a]!.hits;
        const hb = top[b]!.hits;
        const m = summarize([...top[a]!.cond.all, ...top[b]!.cond.all], ha.map((v, x) => v & hb[x]!));
        // A pair must be clearly more precise than both its parts, or the simpler rule says the same.
        const gain = m.k / m.n - Math.max(top[a]!.k / top[a]!.n, top[b]!.k / top[b]!.n);
        if (m.k >= minSupport && gain >= MIN_PAIR_GAIN) pairs.push(m);
      }
    const score = (m: { n: number; k: number }) => (m.k + 1) / (m.n + 2);
    // Ranked by the Wilson lower bound of precision: a precise rule on few calls does not outrank a
    // nearly as precise one that covers many (a narrower rule is then kept only if it adds errors).
    const pool = [...singles, ...pairs]
      .filter((m) => m.k / m.n >= minPrecision)
      .sort((a, b) => wilsonInterval(b.k, b.n).low - wilsonInterval(a.k, a.n).low || a.cond.all.length - b.cond.all.length || b.k - a.k || keyOf(a.cond).localeCompare(keyOf(b.cond)));
    // Sequential covering: each rule must catch errors the rules before it missed.
    const covered = new Uint8Array(examples.length);
    const chosen: AvoidanceRule[] = [];
    const template = this.templates.get(fingerprint) ?? '';
    for (const m of pool) {
      if (chosen.length >= (this.options.maxRulesPerFingerprint ?? 3)) break;
      let fresh = 0;
      for (let x = 0; x < examples.length; x++)
        if (isPositive[x] && m.hits[x] && !covered[x]) {
          covered[x] = 1;
          fresh++;
        }
      if (fresh === 0) continue;
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

/** A precursor as a test on a context, its key computed once. */
function compile(p: Precursor): (c: PendingContext) => boolean {
  if (p.kind === 'missing-step' || p.kind === 'missing-arg') return (c) => holds(p, c);
  const key = precursorKey(p);
  return (c) => c.facts.has(key);
}

/** Precursors worth measuring: facts, missing steps and missing argument fields present before at least minSupport of the errors. */
function candidatePrecursors(positives: readonly Example[], all: readonly Example[], minSupport: number): Precursor[] {
  const counts = new Map<string, { p: Precursor; n: number }>();
  const count = (p: Precursor, key = precursorKey(p)) => {
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { p, n: 1 });
  };
  for (const e of positives) for (const [key, p] of e.context.facts) count(p, key);
  // Steps that some calls of this tool had before them, and argument fields most of its calls carry.
  const steps = new Set<string>();
  const fieldCounts = new Map<string, number>();
  for (const e of all) {
    for (const s of e.context.succeeded) steps.add(s);
    for (const f of e.context.argFields) fieldCounts.set(f, (fieldCounts.get(f) ?? 0) + 1);
  }
  for (const e of positives) {
    for (const tool of steps) if (!e.context.succeeded.has(tool)) count({ kind: 'missing-step', tool });
    for (const [field, n] of fieldCounts) if (n >= all.length / 2 && !e.context.argFields.has(field)) count({ kind: 'missing-arg', field });
  }
  return [...counts.entries()]
    .filter(([, c]) => c.n >= minSupport)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, c]) => c.p);
}

/** Learns the catalog and rules from whole calls (each an array of events, in order). */
export function learnErrors(calls: Iterable<readonly ConversationEvent[]>, options: LearnOptions): LearnedErrors {
  const learner = new ErrorLearner(options);
  for (const events of calls) learner.add(events);
  return learner.finish();
}
