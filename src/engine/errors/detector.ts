import type { ConversationEvent } from '../model';
import { conditionHolds } from './avoidance';
import type { AvoidanceRule } from './avoidance';
import { CallState } from './precursors';
import type { PendingContext, PendingToolCall } from './precursors';

/** A warning about a pending tool call: the error it is likely to hit, how likely, and the rule that says so. */
export interface ErrorWarning {
  fingerprint: string;
  probability: number;
  rule: string;
  /** The rule's sentence, for a correction or a log line. */
  text: string;
}

export interface DetectorOptions {
  /** Warnings below this probability are not given (default 0.5). */
  minProbability?: number;
}

/**
 * The pre-emptive detector: given what a call did so far and the tool call the agent is about to
 * make, the errors that call is likely to hit. Stateless `warn` for one-off checks (CLI, replay);
 * `watch` for a live call, fed event by event (the realtime stage's entry point).
 *
 *   const detector = new ErrorDetector(rules);
 *   const watch = detector.watch();
 *   for (const e of events) watch.add(e);          // as they arrive
 *   watch.warn({ name: 'offer_refund', arguments }); // before letting the tool run
 */
export class ErrorDetector {
  private readonly byTool = new Map<string, AvoidanceRule[]>();
  private readonly minProbability: number;

  constructor(rules: readonly AvoidanceRule[], options: DetectorOptions = {}) {
    this.minProbability = options.minProbability ?? 0.5;
    for (const r of rules) {
      const list = this.byTool.get(r.condition.tool) ?? [];
      list.push(r);
      this.byTool.set(r.condition.tool, list);
    }
  }

  /** The warnings for `pending` after the events of `callSoFar` (everything before the pending call). */
  warn(callSoFar: readonly ConversationEvent[], pending: PendingToolCall): ErrorWarning[] {
    const watch = this.watch();
    for (const e of callSoFar) watch.add(e);
    return watch.warn(pending);
  }

  /** Warnings for a context already built (the learner's and the evaluation's path). */
  warnContext(context: PendingContext): ErrorWarning[] {
    const best = new Map<string, ErrorWarning>();
    for (const r of this.byTool.get(context.tool) ?? []) {
      if (r.probability < this.minProbability || !conditionHolds(r.condition, context)) continue;
      const prev = best.get(r.fingerprint);
      if (!prev || r.probability > prev.probability) best.set(r.fingerprint, { fingerprint: r.fingerprint, probability: r.probability, rule: r.id, text: r.text });
    }
    return [...best.values()].sort((a, b) => b.probability - a.probability || (a.fingerprint < b.fingerprint ? -1 : 1));
  }

  /** A live call's watcher: add its events as they come, ask before each tool call. */
  watch(): { add(e: ConversationEvent): void; warn(pending: PendingToolCall): ErrorWarning[] } {
    const state = new CallState();
    return {
      add: (e) => state.add(e),
      warn: (pending) => this.warnContext(state.contextFor(pending)),
    };
  }
}
