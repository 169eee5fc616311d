import type { ConversationEvent } from '../model';
import { tokenize } from './intent/features';

/**
 * Dialogue features that carry from one domain to another: they look at how the conversation goes
 * (who speaks how much, questions, negations, polarity words, repeats, hand-offs, tool failures, the
 * last words), never at what it is about, so a model fitted on hotel bookings can rank airline calls.
 * The polarity words are a small general-purpose sentiment lexicon, not any domain's vocabulary.
 */
export const DIALOGUE_FEATURE_NAMES: readonly string[] = [
  'dlg:log-user-turns',
  'dlg:mean-user-words',
  'dlg:user-question-share',
  'dlg:user-negation-rate',
  'dlg:user-positive-rate',
  'dlg:user-negative-rate',
  'dlg:last-user-positive',
  'dlg:last-user-negative',
  'dlg:last-user-negation',
  'dlg:user-repeat-rate',
  'dlg:agent-apology-rate',
  'dlg:agent-question-share',
  'dlg:tool-failure-rate',
  'dlg:handoff',
  'dlg:last-user-words',
];

const NEGATION = new Set(['no', 'not', 'nope', 'never', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'cant', 'cannot', 'wont', 'nothing', 'none', 'neither', 'nor', 'aint', 'arent', 'havent', 'hasnt', 'shouldnt', 'wouldnt', 'couldnt']);
const POSITIVE = new Set(
  'thanks thank great perfect excellent awesome wonderful good nice helpful appreciate appreciated fantastic amazing brilliant lovely pleased glad happy works worked fine sure cool ok okay yes yeah yep sounds exactly love'.split(' '),
);
const NEGATIVE = new Set(
  'bad terrible awful horrible useless ridiculous frustrated frustrating annoying annoyed angry upset unacceptable disappointed disappointing wrong worst hate poor confusing confused problem issue fail failed failure broken waste stupid seriously'.split(' '),
);
const APOLOGY = new Set(['sorry', 'apologize', 'apologise', 'apologies', 'unfortunately', 'afraid']);

export function dialogueFeatures(events: readonly ConversationEvent[]): number[] {
  const user: string[][] = [];
  let userQuestions = 0;
  let agentTurns = 0;
  let agentQuestions = 0;
  let agentApologies = 0;
  let tools = 0;
  let toolFailures = 0;
  let handoff = 0;
  for (const e of events) {
    if (e.type === 'turn' && e.role === 'user') {
      user.push(tokenize(e.text));
      if (e.text.includes('?')) userQuestions++;
    } else if (e.type === 'turn' && e.role === 'agent') {
      agentTurns++;
      if (e.text.includes('?')) agentQuestions++;
      if (tokenize(e.text).some((w) => APOLOGY.has(w))) agentApologies++;
    } else if (e.type === 'tool.called') {
      tools++;
      if (/transfer|escalat|human|handoff|hand_off/i.test(e.name)) handoff = 1;
    } else if (e.type === 'tool.result' && !e.ok) toolFailures++;
  }
  const n = Math.max(1, user.length);
  const count = (ws: readonly string[], set: ReadonlySet<string>) => ws.filter((w) => set.has(w)).length;
  const words = user.reduce((t, u) => t + u.length, 0);
  const rate = (set: ReadonlySet<string>) => user.reduce((t, u) => t + count(u, set), 0) / Math.max(1, words);
  let repeats = 0;
  for (let i = 1; i < user.length; i++) {
    const cur = new Set(user[i]!.filter((w) => w.length > 3));
    if (cur.size < 3) continue;
    for (let j = 0; j < i; j++) {
      const prev = new Set(user[j]!.filter((w) => w.length > 3));
      const shared = [...cur].filter((w) => prev.has(w)).length;
      if (shared / cur.size >= 0.6) {
        repeats++;
        break;
      }
    }
  }
  const last = user[user.length - 1] ?? [];
  return [
    Math.log1p(user.length),
    Math.log1p(words / n),
    userQuestions / n,
    rate(NEGATION) * 10,
    rate(POSITIVE) * 10,
    rate(NEGATIVE) * 10,
    Math.min(3, count(last, POSITIVE)),
    Math.min(3, count(last, NEGATIVE)),
    Math.min(3, count(last, NEGATION)),
    repeats / n,
    agentApologies / Math.max(1, agentTurns),
    agentQuestions / Math.max(1, agentTurns),
    tools ? toolFailures / tools : 0,
    handoff,
    Math.log1p(last.length),
  ];
}
