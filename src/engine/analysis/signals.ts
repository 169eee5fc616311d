import type { Polarity, SignalKind } from './schema';

/**
 * Lexical cues for the signals that live in one utterance. Each entry is (kind, regex, strength);
 * strength is the prior weight of the cue before the outcome model reweighs the kinds on labelled data.
 */
interface TextCue {
  kind: SignalKind;
  re: RegExp;
  strength: number;
}

const b = (s: string) => new RegExp(`\\b(?:${s})\\b`, 'i');

export const USER_CUES: TextCue[] = [
  { kind: 'thanks', re: b("thanks?(?! for nothing)(?: (?:you|so much|a lot))?|thank you|appreciate (?:it|that|your help|the help)|cheers|much appreciated"), strength: 0.6 },
  {
    kind: 'confirmation',
    re: new RegExp(
      "^\\s*(?:yes|yeah|yep|yup|perfect|great|excellent|awesome|wonderful|fantastic|sounds good|that works|that'?s (?:great|perfect|fine|good|wonderful|all)|got it|will do)\\b|\\b(?:that (?:works|helps|is (?:great|perfect|helpful))|sounds (?:good|great|perfect)|that'?s (?:exactly )?what i (?:needed|wanted))\\b",
      'i',
    ),
    strength: 0.5,
  },
  {
    kind: 'positive-feedback',
    re: b("(?:you(?:'ve| have)? been|that was|you're|you are|this was) (?:very |so |really |super |extremely )?(?:helpful|great|amazing|awesome|fantastic|wonderful|quick|fast|easy|patient|kind)|great (?:service|help|job|support)|problem (?:solved|fixed)|(?:that|it) (?:fixed|solved) it|(?:it|everything) works (?:now|again|fine)|made my day|really appreciate"),
    strength: 0.8,
  },
  {
    kind: 'escalation-request',
    re: b("(?:speak|talk|chat) (?:to|with) (?:a|an|the|your|some) ?(?:real |actual |live )?(?:human|person|manager|supervisor|representative|rep|agent|someone (?:else|in charge))|(?:transfer|connect|put) me (?:to|through|with)|get me (?:a|an|your) (?:human|manager|supervisor|person|representative)|(?:human|live) agent|(?:i want|i need|let me have) (?:a|your|the) (?:manager|supervisor)|escalate (?:this|my)"),
    strength: 0.9,
  },
  {
    kind: 'already-told',
    re: b("i (?:already|just) (?:told|said|gave|explained|mentioned|provided|sent)|as i (?:said|mentioned|told you|explained)|i(?:'ve| have) (?:already )?told you|how many times|i said that already|like i said|i repeat"),
    strength: 0.8,
  },
  {
    kind: 'negation',
    re: new RegExp(
      "^\\s*no[,.!]|\\b(?:that'?s|that is|this is|it'?s) (?:not (?:what|right|correct|it|true|helpful)|wrong|incorrect)|\\bnot what i (?:asked|meant|said|wanted|need)|\\byou(?:'re| are) not (?:listening|understanding|getting it|helping)|\\b(?:doesn'?t|does not|didn'?t|did not|won'?t|isn'?t) (?:help|work|answer|solve)|\\bthat'?s not going to work|\\bno(?:,)? (?:that'?s|it'?s) not|\\bare you sure\\b|\\b(?:please )?try (?:it )?again\\b|\\b(?:any|some) other (?:options?|places?|ones?|choices?)\\b",
      'i',
    ),
    strength: 0.5,
  },
  { kind: 'profanity', re: b('damn(?:ed|it)?|hell|crap(?:py)?|shit(?:ty)?|f+u+c+k\\w*|bull ?shit|wtf|pissed|bloody|screw (?:this|you|it)'), strength: 0.9 },
  {
    kind: 'frustration',
    re: b("frustrat(?:ed|ing)|ridiculous|unacceptable|fed up|sick (?:and tired )?of|annoy(?:ed|ing)|furious|angry|upset|outrageous|absurd|waste of (?:my )?time|terrible|awful|useless|pathetic|worst|disappointed|disappointing|(?:third|fourth|fifth|several|multiple) times?|again and again|over and over|this is (?:a )?(?:joke|nonsense)|seriously\\?|are you kidding"),
    strength: 0.7,
  },
];

export const AGENT_CUES: TextCue[] = [
  {
    kind: 'resolution',
    re: b("(?:has|have) (?:now )?been (?:successfully )?(?:resolved|processed|refunded|updated|cancel+ed|fixed|issued|sent|reset|unlocked|changed|booked|applied|credited|modified|confirmed)|(?:i(?:'ve| have)|we(?:'ve| have)) (?:now |just |successfully )?(?:resolved|processed|refunded|updated|cancel+ed|fixed|issued|sent|reset|unlocked|changed|booked|applied|credited|modified|confirmed)|(?:you(?:'re| are)|you'?re) all set|good to go|is there anything else|anything else (?:i can|we can)|(?:is|are) (?:now )?(?:confirmed|complete|completed|done)"),
    strength: 0.6,
  },
  {
    kind: 'agent-unable',
    re: b("(?:unfortunately|i'?m afraid|sorry),? (?:i|we) (?:can(?:no|')t|am unable|are unable|won't be able|am not able|are not able)|(?:i|we) (?:can(?:no|')t|am unable to|are unable to|am not able to|are not able to) (?:help|do|process|change|modify|cancel|refund|find|offer|make|assist)|there(?:'s| is) nothing (?:more )?(?:i|we) can do|(?:no|not any) (?:results|availability|matches|options) (?:found|available)|(?:not|isn't|is not) (?:eligible|possible|allowed|permitted)|(?:there (?:are|is|were|was) no|there (?:aren't|isn't|weren't|wasn't) any|i (?:am not|'m not|couldn't|could not|can't|cannot) find(?:ing)?(?: any)?) (?:\\w+ ){0,3}?(?:available|matching|found|results?|entries|options|trains|flights|tables|rooms|openings|slots|seats|times|events|listings|hotels|restaurants|places|matches|cars|ones|appointments|dates|tickets|items|products|records)|unsuccessful|(?:booking|reservation|payment|request) (?:failed|did not go through|was declined)|(?:not|isn't|aren't|is not|are not) available|unavailable|fully booked|sold out|(?:system|service|site) (?:is|seems to be|appears to be) (?:down|unavailable)"),
    strength: 0.5,
  },
];

const TRANSFER_TOOL = /transfer|escalat|hand_?off|human|live_?agent|supervisor/i;
const MUTATING_TOOL = /^(?:update|cancel|book|refund|create|change|reset|issue|send|modify|apply|unlock|process|submit|add|remove|place)|_(?:update|cancel|refund|reset|issue|apply|unlock)/i;

export function isTransferTool(name: string): boolean {
  return TRANSFER_TOOL.test(name);
}
export function isMutatingTool(name: string): boolean {
  return MUTATING_TOOL.test(name);
}

export function polarityOf(kind: SignalKind): Polarity {
  switch (kind) {
    case 'resolution':
    case 'confirmation':
    case 'thanks':
    case 'task-completed':
    case 'positive-feedback':
    case 'csat-high':
      return 'success';
    default:
      return 'failure';
  }
}

export interface TextSignal {
  kind: SignalKind;
  strength: number;
  evidence: string;
}

export function textSignals(text: string, cues: readonly TextCue[]): TextSignal[] {
  const out: TextSignal[] = [];
  for (const cue of cues) {
    const m = cue.re.exec(text);
    if (m) out.push({ kind: cue.kind, strength: cue.strength, evidence: m[0].trim().slice(0, 80) });
  }
  // "Thanks, but this is useless": gratitude inside a complaint is politeness, not success.
  if (out.some((s) => s.kind === 'thanks') && out.some((s) => s.kind === 'frustration' || s.kind === 'profanity' || s.kind === 'escalation-request')) {
    return out.filter((s) => s.kind !== 'thanks' && s.kind !== 'confirmation');
  }
  return out;
}
