import type { Clock } from '../ports';
import type { ConversationEvent, Correction } from '../model';
import type { BucketLimits } from './tokenBucket';
import { TokenBucket } from './tokenBucket';
import type { CorrectionRule, LiveCallView } from './rules';
import type { LiveLabelling } from './callContext';
import { LiveCallContextTracker } from './callContext';

export interface DeciderOptions {
  rules: readonly CorrectionRule[];
  clock: Clock;
  /** Per call: a small burst, slow refill (the seed's "learning rate limit"). */
  perCall?: BucketLimits;
  /** Per agent, over all its calls. */
  perAgent?: BucketLimits;
  /** Hard cap of corrections in one call. */
  maxPerCall?: number;
  /**
   * How the store's analysis names intents, situations and moves: with it each call is followed in that
   * vocabulary (`LiveCallView.context`), which the analysis' pattern rules (`patternRules`) read.
   */
  labelling?: LiveLabelling;
}

export interface Decision {
  correction: Correction;
  stopsTool: boolean;
}

interface CallState extends LiveCallView {
  toolsCalled: Set<string>;
  fired: Set<string>;
  corrections: number;
  bucket: TokenBucket;
  ended: boolean;
  tracker?: LiveCallContextTracker;
}

/**
 * Decides, event by event in a call's `seq` order, whether a rule fires a correction. Rate limited by
 * token buckets per call and per agent; a rule fires once per call unless it says it repeats.
 * Pure in-memory work (the bench measures it): no I/O, no awaiting.
 */
export class CorrectionDecider {
  private readonly calls = new Map<string, CallState>();
  private readonly agents = new Map<string, TokenBucket>();
  /** Corrections the buckets or the per-call cap held back. */
  throttled = 0;

  private rules: readonly CorrectionRule[];
  private labelling: LiveLabelling | undefined;

  constructor(private readonly options: DeciderOptions) {
    this.rules = options.rules;
    this.labelling = options.labelling;
  }

  get ruleCount(): number {
    return this.rules.length;
  }

  /** Swaps the rule set (relearned rules); calls in progress keep their counters and buckets. */
  setRules(rules: readonly CorrectionRule[], labelling?: LiveLabelling): void {
    this.rules = rules;
    if (labelling) this.labelling = labelling;
  }

  decide(event: ConversationEvent): Decision | undefined {
    const call = this.callState(event);
    let decision: Decision | undefined;
    if (call.tracker && !call.ended) {
      call.tracker.push(event);
      call.context = call.tracker.context;
    }
    if (!call.ended) {
      for (const rule of this.rules) {
        if (!rule.repeatable && call.fired.has(rule.id)) continue;
        const firing = rule.evaluate(event, call);
        if (!firing) continue;
        if (!this.admit(call, event.agentId)) {
          this.throttled++;
          break;
        }
        call.fired.add(rule.id);
        call.corrections++;
        decision = {
          stopsTool: firing.stopsTool,
          correction: {
            correctionId: `k-${event.eventId}-${rule.id}`.slice(0, 256),
            callId: event.callId,
            basedOnEventId: event.eventId,
            text: firing.text,
            ruleId: firing.ruleId ?? rule.id,
            ...((firing.fingerprint ?? rule.fingerprint) ? { fingerprint: firing.fingerprint ?? rule.fingerprint } : {}),
            mode: rule.mode,
          },
        };
        break;
      }
    }
    for (const rule of this.rules) rule.observe?.(event);
    if (event.type === 'tool.called') call.toolsCalled.add(event.name);
    if (event.type === 'call.ended') {
      call.ended = true;
      this.calls.delete(event.callId);
    }
    call.eventCount++;
    return decision;
  }

  private admit(call: CallState, agentId: string): boolean {
    if (this.options.maxPerCall !== undefined && call.corrections >= this.options.maxPerCall) return false;
    let agent = this.agents.get(agentId);
    if (!agent) {
      agent = new TokenBucket(this.options.perAgent ?? { capacity: 50, refillPerSecond: 20 }, this.options.clock);
      this.agents.set(agentId, agent);
    }
    if (!call.bucket.canTake() || !agent.canTake()) return false;
    call.bucket.take();
    agent.take();
    return true;
  }

  private callState(event: ConversationEvent): CallState {
    let call = this.calls.get(event.callId);
    if (!call) {
      call = {
        callId: event.callId,
        agentId: event.agentId,
        toolsCalled: new Set(),
        eventCount: 0,
        fired: new Set(),
        corrections: 0,
        bucket: new TokenBucket(this.options.perCall ?? { capacity: 3, refillPerSecond: 0.2 }, this.options.clock),
        ended: false,
        ...(this.labelling ? { tracker: new LiveCallContextTracker(this.labelling) } : {}),
      };
      this.calls.set(event.callId, call);
    }
    return call;
  }
}
