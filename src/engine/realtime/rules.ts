import { z } from 'zod';
import type { ConversationEvent, LearningArtifact } from '../model';
import type { LiveCallContext } from './callContext';

/** What a rule may look at: the call so far, in `seq` order (raw, in memory only; never stored unredacted). */
export interface LiveCallView {
  callId: string;
  agentId: string;
  /** Tool names called earlier in the call (before the event being decided). */
  toolsCalled: ReadonlySet<string>;
  /** Events seen in the call before this one. */
  eventCount: number;
  /** The call's opening (intent, situation, move) in the store's vocabulary, this event included (when the decider has a labelling). */
  context?: LiveCallContext;
}

export interface RuleFiring {
  text: string;
  /** The correction asks the agent not to run the pending tool call this event announced. */
  stopsTool: boolean;
  /** What the correction cites as its provenance (e.g. `pattern:<pattern id>`); default the rule's id. */
  ruleId?: string;
  /** The error fingerprint the correction is about (default the rule's). */
  fingerprint?: string;
}

/**
 * A rule that can fire a micro-correction: user-written rules (`userRules`), learned tool orders
 * (`toolPatternRules`), the analysis' (intent, situation, move) patterns (`patternRules`), and the
 * error-prevention stage's avoidance rules all plug in the same way.
 */
export interface CorrectionRule {
  id: string;
  source: 'user' | 'pattern' | 'learned';
  mode: 'silent' | 'respond';
  fingerprint?: string;
  /** May fire again later in the same call (default: once per call). */
  repeatable?: boolean;
  evaluate(event: ConversationEvent, call: LiveCallView): RuleFiring | undefined;
  /** Sees every event of every call after the rules were asked about it (for rules that keep per-call state). */
  observe?(event: ConversationEvent): void;
}

/** The rules file a user writes (`--rules rules.json`). Each `when` field narrows; all present must hold. */
export const UserRuleSchema = z.object({
  id: z.string().min(1),
  when: z.object({
    type: z.enum(['call.started', 'turn', 'tool.called', 'tool.result', 'agent.error', 'call.ended', 'feedback']).optional(),
    role: z.enum(['user', 'agent', 'system']).optional(),
    /** Tool name of a tool.called / tool.result event. */
    tool: z.string().optional(),
    /** Case-insensitive regular expression on a turn's text or an error's message. */
    textMatches: z.string().optional(),
    /** Fires only if this tool has not been called earlier in the call. */
    withoutPriorTool: z.string().optional(),
  }),
  text: z.string().min(1),
  mode: z.enum(['silent', 'respond']).default('silent'),
  /** On a tool.called event: ask the agent not to run it (sent before the ack that covers it). */
  stopsTool: z.boolean().default(false),
  fingerprint: z.string().optional(),
  repeatable: z.boolean().default(false),
});
export const UserRulesFileSchema = z.object({ rules: z.array(UserRuleSchema) });
export type UserRule = z.output<typeof UserRuleSchema>;

export function userRules(rules: readonly UserRule[]): CorrectionRule[] {
  return rules.map((r) => {
    let pattern: RegExp | undefined;
    if (r.when.textMatches !== undefined) {
      try {
        pattern = new RegExp(r.when.textMatches, 'i');
      } catch (err) {
        throw new Error(`rule ${r.id}: when.textMatches is not a regular expression (${(err as Error).message})`);
      }
    }
    return {
      id: r.id,
      source: 'user' as const,
      mode: r.mode,
      fingerprint: r.fingerprint,
      repeatable: r.repeatable,
      evaluate(event, call) {
        const w = r.when;
        if (w.type && event.type !== w.type) return undefined;
        if (w.role && (event.type !== 'turn' || event.role !== w.role)) return undefined;
        if (w.tool && !((event.type === 'tool.called' || event.type === 'tool.result') && event.name === w.tool)) return undefined;
        if (pattern) {
          const text = event.type === 'turn' ? event.text : event.type === 'agent.error' ? event.message : undefined;
          if (text === undefined || !pattern.test(text)) return undefined;
        }
        if (w.withoutPriorTool && call.toolsCalled.has(w.withoutPriorTool)) return undefined;
        return { text: r.text, stopsTool: r.stopsTool && event.type === 'tool.called' };
      },
    };
  });
}

/**
 * Rules from learned tool-usage patterns: a sequence `A → B` that goes with success (lift > 0) means
 * "B without A first" should be stopped and A suggested. Only approved or rolled-out artifacts count.
 */
export function toolPatternRules(artifacts: readonly LearningArtifact[], options: { includeDrafts?: boolean } = {}): CorrectionRule[] {
  const rules: CorrectionRule[] = [];
  for (const a of artifacts) {
    if (a.payload.kind !== 'tool-pattern' || a.payload.lift <= 0 || a.payload.sequence.length < 2) continue;
    if (a.status !== 'approved' && a.status !== 'rolled-out' && !(options.includeDrafts && a.status === 'draft')) continue;
    const seq = a.payload.sequence;
    const last = seq[seq.length - 1]!;
    const before = seq.slice(0, -1);
    rules.push({
      id: `${a.artifactId}@${a.version}`,
      source: 'pattern',
      mode: 'silent',
      evaluate(event, call) {
        if (event.type !== 'tool.called' || event.name !== last) return undefined;
        const missing = before.filter((t) => !call.toolsCalled.has(t));
        if (missing.length === 0) return undefined;
        return { text: `Before ${last}, call ${missing.join(' then ')} (${a.payload.kind === 'tool-pattern' ? a.payload.rule : ''}).`.replace(' ()', ''), stopsTool: true };
      },
    });
  }
  return rules;
}
