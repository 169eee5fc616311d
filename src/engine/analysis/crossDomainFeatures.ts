import type { ConversationEvent } from '../model';
import { AGENT_ACTS, USER_ACTS, contentOverlap, tagTurn } from './turnActs';
import type { TaggedTurn } from './turnActs';
import { memoByText } from './textMemo';

/**
 * Dialogue-level features for outcome and dissatisfaction that carry from one domain to another: rates
 * of turn-level acts (turnActs.ts), sentiment, re-asking, length trends, hand-offs and tool failures,
 * each also weighted towards the end of the call (the last user turns say most about how it went).
 * Nothing here counts a topic word, so a model fitted on one corpus can rank another's calls.
 */
const LATE = 'late';
export const CROSS_DOMAIN_FEATURE_NAMES: readonly string[] = [
  ...USER_ACTS.map((a) => `user:${a}`),
  ...USER_ACTS.map((a) => `${LATE}-user:${a}`),
  ...AGENT_ACTS.map((a) => `agent:${a}`),
  ...AGENT_ACTS.map((a) => `${LATE}-agent:${a}`),
  'user:valence',
  'user:min-valence',
  'late-user:valence',
  'last-user:valence',
  'last-user:thank-or-bye',
  'last-user:negate',
  'user:negations',
  'late-user:negations',
  'user:reask',
  'late-user:reask',
  'user:reask-after-failure',
  'agent:repeat',
  'agent:max-failure-run',
  'log-user-turns',
  'user:mean-words',
  'user:length-trend',
  'last-user:words-ratio',
  'agent:words-ratio',
  'last-agent:request',
  'tool:log-calls',
  'tool:failure-rate',
  'tool:failures',
  'tool:retries',
  'tool:distinct-share',
  'handoff',
];

/** Weight of user turn i of n: 1 for the last, halving every two turns before it. */
function lateWeight(i: number, n: number): number {
  return Math.pow(0.5, (n - 1 - i) / 2);
}

function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = ys.reduce((t, y) => t + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  });
  return sxx ? sxy / sxx : 0;
}

/**
 * The features built turn by turn: each turn is tagged once when it arrives and its re-asking measured
 * against the earlier user turns then, so `features()` at any point (a live snapshot per turn) costs
 * one pass over the tagged turns, not a re-read of the call.
 */
export class CrossDomainTracker {
  private readonly user: TaggedTurn[] = [];
  private readonly agent: TaggedTurn[] = [];
  /** For each user turn, whether the agent turn just before it reported a failure or apologised. */
  private readonly afterFailure: boolean[] = [];
  /** For each user turn, whether it re-asks an earlier one (content overlap ≥ 0.5). */
  private readonly reask: number[] = [];
  private lastRole: 'user' | 'agent' | undefined;
  private tools = 0;
  private toolFailures = 0;
  private retries = 0;
  private handoff = 0;
  private agentRepeats = 0;
  private failureRun = 0;
  private maxFailureRun = 0;
  private readonly toolNames = new Set<string>();
  private readonly failedTools = new Set<string>();

  push(e: ConversationEvent): void {
    if (e.type === 'turn' && (e.role === 'user' || e.role === 'agent') && e.text.trim()) {
      const t = tagTurnMemo(e.text, e.role === 'user' ? USER_KEY : AGENT_KEY);
      if (e.role === 'user') {
        const prev = this.agent[this.agent.length - 1];
        this.afterFailure.push(this.lastRole === 'agent' && !!prev && (prev.acts.has('failure') || prev.acts.has('apology')));
        let best = 0;
        for (const u of this.user) best = Math.max(best, contentOverlap(t.content, u.content));
        this.reask.push(best >= 0.5 ? 1 : 0);
        this.user.push(t);
        if (t.acts.has('handoff-request')) this.handoff = Math.max(this.handoff, 0.5);
      } else {
        const prev = this.agent[this.agent.length - 1];
        if (prev && contentOverlap(t.content, prev.content) >= 0.6) this.agentRepeats++;
        this.failureRun = t.acts.has('failure') || t.acts.has('apology') ? this.failureRun + 1 : 0;
        this.maxFailureRun = Math.max(this.maxFailureRun, this.failureRun);
        this.agent.push(t);
      }
      this.lastRole = e.role;
    } else if (e.type === 'tool.called') {
      this.tools++;
      if (this.failedTools.has(e.name)) this.retries++;
      this.toolNames.add(e.name);
      if (/transfer|escalat|human|handoff|hand_off/i.test(e.name)) this.handoff = 1;
    } else if (e.type === 'tool.result' && !e.ok) {
      this.toolFailures++;
      if (e.name) this.failedTools.add(e.name);
    }
  }

  /** Whether any turn has been seen (a call with no turns has no evidence either way). */
  get turns(): number {
    return this.user.length + this.agent.length;
  }

  features(): number[] {
    const { user, agent, reask, afterFailure, lastRole, tools } = this;
    const n = user.length;
    const nu = Math.max(1, n);
    const na = Math.max(1, agent.length);
    const clampValence = (v: number) => Math.max(-5, Math.min(5, v));
    // One pass over the user turns: act counts, their end-weighted rates (the last user turn weighs 1,
    // halving every two turns before), valence, negations, re-asking, lengths.
    const userActs = new Array<number>(USER_ACTS.length).fill(0);
    const lateUserActs = new Array<number>(USER_ACTS.length).fill(0);
    let wsum = 0;
    let valence = 0;
    let minValence = 0;
    let lateValence = 0;
    let negations = 0;
    let lateNegations = 0;
    let reasks = 0;
    let lateReasks = 0;
    let reaskAfterFailure = 0;
    let words = 0;
    const userWords: number[] = [];
    for (let i = 0; i < n; i++) {
      const u = user[i]!;
      const w = lateWeight(i, n);
      wsum += w;
      for (let k = 0; k < USER_ACTS.length; k++)
        if (u.acts.has(USER_ACTS[k]!)) {
          userActs[k]!++;
          lateUserActs[k]! += w;
        }
      const v = clampValence(u.valence);
      valence += v;
      lateValence += w * v;
      minValence = Math.min(minValence, u.minValence);
      const neg = Math.min(2, u.negations);
      negations += neg;
      lateNegations += w * neg;
      reasks += reask[i]!;
      lateReasks += w * reask[i]!;
      if (afterFailure[i] && reask[i]) reaskAfterFailure++;
      words += u.tokens.length;
      userWords.push(u.tokens.length);
    }
    wsum = Math.max(1e-9, wsum);
    // Agent turns, weighted by their position among agent turns the same way.
    const agentActs = new Array<number>(AGENT_ACTS.length).fill(0);
    const lateAgentActs = new Array<number>(AGENT_ACTS.length).fill(0);
    let awsum = 0;
    let agentWords = 0;
    for (let i = 0; i < agent.length; i++) {
      const a = agent[i]!;
      const w = lateWeight(i, agent.length);
      awsum += w;
      for (let k = 0; k < AGENT_ACTS.length; k++)
        if (a.acts.has(AGENT_ACTS[k]!)) {
          agentActs[k]!++;
          lateAgentActs[k]! += w;
        }
      agentWords += a.tokens.length;
    }
    awsum = Math.max(1e-9, awsum);
    const meanUser = words / nu;
    const meanAgent = agentWords / na;
    const last = user[n - 1];
    const lastAgent = agent[agent.length - 1];

    return [
      ...userActs.map((c) => c / nu),
      ...lateUserActs.map((c) => c / wsum),
      ...agentActs.map((c) => c / na),
      ...lateAgentActs.map((c) => c / awsum),
      valence / nu,
      minValence,
      lateValence / wsum,
      last ? clampValence(last.valence) : 0,
      last && (last.acts.has('thank') || last.acts.has('bye')) ? 1 : 0,
      last && last.acts.has('negate') && !last.acts.has('thank') ? 1 : 0,
      negations / nu,
      lateNegations / wsum,
      reasks / nu,
      lateReasks / wsum,
      reaskAfterFailure / nu,
      this.agentRepeats / na,
      Math.min(4, this.maxFailureRun),
      Math.log1p(n),
      Math.log1p(meanUser),
      meanUser ? slope(userWords) / meanUser : 0,
      last && meanUser ? Math.min(3, last.tokens.length / meanUser) : 0,
      meanUser ? Math.log((1 + meanAgent) / (1 + meanUser)) : 0,
      lastAgent && lastRole === 'agent' && lastAgent.acts.has('request') ? 1 : 0,
      Math.log1p(tools),
      tools ? this.toolFailures / tools : 0,
      Math.min(5, this.toolFailures),
      Math.min(5, this.retries),
      tools ? this.toolNames.size / tools : 0,
      this.handoff,
    ];
  }
}

// Redacted and scripted turns repeat verbatim across calls: each distinct text is tagged once.
const USER_KEY = { role: 'user' as const };
const AGENT_KEY = { role: 'agent' as const };
const tagTurnMemo = memoByText((text: string, key: { role: 'user' | 'agent' }) => tagTurn(key.role, text));

export function crossDomainFeatures(events: readonly ConversationEvent[]): number[] {
  const tracker = new CrossDomainTracker();
  for (const e of events) tracker.push(e);
  return tracker.features();
}

/**
 * The features of the call as it stood at each user turn (the prefix ending with that turn), in order.
 * Data rated turn by turn gives a labelled example per prefix, ten times the call-level labels; a model
 * fitted on them scores a call as the mean of its prefixes' scores.
 */
export function userTurnPrefixFeatures(events: readonly ConversationEvent[]): number[][] {
  const out: number[][] = [];
  const tracker = new CrossDomainTracker();
  for (const e of events) {
    tracker.push(e);
    if (e.type === 'turn' && e.role === 'user' && e.text.trim()) out.push(tracker.features());
  }
  return out;
}
