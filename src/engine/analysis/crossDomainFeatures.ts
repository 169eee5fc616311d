import type { ConversationEvent } from '../model';
import { AGENT_ACTS, USER_ACTS, contentOverlap, tagTurn } from './turnActs';
import type { TaggedTurn } from './turnActs';

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

export function crossDomainFeatures(events: readonly ConversationEvent[]): number[] {
  const user: TaggedTurn[] = [];
  const agent: TaggedTurn[] = [];
  /** For each user turn, whether the agent turn just before it reported a failure or apologised. */
  const afterFailure: boolean[] = [];
  let lastRole: 'user' | 'agent' | undefined;
  let tools = 0;
  let toolFailures = 0;
  let retries = 0;
  let handoff = 0;
  const toolNames = new Set<string>();
  const failedTools = new Set<string>();
  for (const e of events) {
    if (e.type === 'turn' && (e.role === 'user' || e.role === 'agent') && e.text.trim()) {
      const t = tagTurn(e.role, e.text);
      if (e.role === 'user') {
        const prev = agent[agent.length - 1];
        afterFailure.push(lastRole === 'agent' && !!prev && (prev.acts.has('failure') || prev.acts.has('apology')));
        user.push(t);
        if (t.acts.has('handoff-request')) handoff = Math.max(handoff, 0.5);
      } else agent.push(t);
      lastRole = e.role;
    } else if (e.type === 'tool.called') {
      tools++;
      if (failedTools.has(e.name)) retries++;
      toolNames.add(e.name);
      if (/transfer|escalat|human|handoff|hand_off/i.test(e.name)) handoff = 1;
    } else if (e.type === 'tool.result' && !e.ok) {
      toolFailures++;
      if (e.name) failedTools.add(e.name);
    }
  }
  const n = user.length;
  const nu = Math.max(1, n);
  const na = Math.max(1, agent.length);
  const weights = user.map((_, i) => lateWeight(i, n));
  const wsum = Math.max(1e-9, weights.reduce((t, w) => t + w, 0));
  const lateRate = (f: (t: TaggedTurn, i: number) => number) => user.reduce((t, u, i) => t + weights[i]! * f(u, i), 0) / wsum;
  // Agent turns weighted by their position among agent turns, the same way.
  const aw = agent.map((_, i) => lateWeight(i, agent.length));
  const awsum = Math.max(1e-9, aw.reduce((t, w) => t + w, 0));

  const reask = user.map((u, i): number => {
    let best = 0;
    for (let j = 0; j < i; j++) best = Math.max(best, contentOverlap(u.content, user[j]!.content));
    return best >= 0.5 ? 1 : 0;
  });
  let agentRepeats = 0;
  for (let i = 1; i < agent.length; i++) if (contentOverlap(agent[i]!.content, agent[i - 1]!.content) >= 0.6) agentRepeats++;
  let run = 0;
  let maxRun = 0;
  for (const a of agent) {
    run = a.acts.has('failure') || a.acts.has('apology') ? run + 1 : 0;
    maxRun = Math.max(maxRun, run);
  }
  const userWords = user.map((u) => u.tokens.length);
  const meanUser = userWords.reduce((t, w) => t + w, 0) / nu;
  const meanAgent = agent.reduce((t, a) => t + a.tokens.length, 0) / na;
  const last = user[n - 1];
  const lastAgent = agent[agent.length - 1];
  const clampValence = (v: number) => Math.max(-5, Math.min(5, v));

  return [
    ...USER_ACTS.map((a) => user.filter((u) => u.acts.has(a)).length / nu),
    ...USER_ACTS.map((a) => lateRate((u) => (u.acts.has(a) ? 1 : 0))),
    ...AGENT_ACTS.map((a) => agent.filter((t) => t.acts.has(a)).length / na),
    ...AGENT_ACTS.map((a) => agent.reduce((t, x, i) => t + (x.acts.has(a) ? aw[i]! : 0), 0) / awsum),
    user.reduce((t, u) => t + clampValence(u.valence), 0) / nu,
    user.reduce((m, u) => Math.min(m, u.minValence), 0),
    lateRate((u) => clampValence(u.valence)),
    last ? clampValence(last.valence) : 0,
    last && (last.acts.has('thank') || last.acts.has('bye')) ? 1 : 0,
    last && last.acts.has('negate') && !last.acts.has('thank') ? 1 : 0,
    user.reduce((t, u) => t + Math.min(2, u.negations), 0) / nu,
    lateRate((u) => Math.min(2, u.negations)),
    reask.reduce((t, r) => t + r, 0) / nu,
    lateRate((_, i) => reask[i]!),
    user.filter((_, i) => afterFailure[i] && reask[i]).length / nu,
    agentRepeats / na,
    Math.min(4, maxRun),
    Math.log1p(n),
    Math.log1p(meanUser),
    meanUser ? slope(userWords) / meanUser : 0,
    last && meanUser ? Math.min(3, last.tokens.length / meanUser) : 0,
    meanUser ? Math.log((1 + meanAgent) / (1 + meanUser)) : 0,
    lastAgent && lastRole === 'agent' && lastAgent.acts.has('request') ? 1 : 0,
    Math.log1p(tools),
    tools ? toolFailures / tools : 0,
    Math.min(5, toolFailures),
    Math.min(5, retries),
    tools ? toolNames.size / tools : 0,
    handoff,
  ];
}

/**
 * The features of the call as it stood at each user turn (the prefix ending with that turn), in order.
 * Data rated turn by turn gives a labelled example per prefix, ten times the call-level labels; a model
 * fitted on them scores a call as the mean of its prefixes' scores.
 */
export function userTurnPrefixFeatures(events: readonly ConversationEvent[]): number[][] {
  const out: number[][] = [];
  events.forEach((e, i) => {
    if (e.type === 'turn' && e.role === 'user' && e.text.trim()) out.push(crossDomainFeatures(events.slice(0, i + 1)));
  });
  return out;
}
