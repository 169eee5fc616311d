import { z } from 'zod';

/**
 * Kaizen's built-in taxonomy: customer situations (triggers), agent moves (strategies) and intents,
 * each recognised by linguistic cues. Cues are regular-expression sources matched case-insensitively
 * against redacted text; a team extends or replaces entries through config (`TaxonomyConfigSchema`),
 * so none of this is hard-wired to one dataset.
 */
export const CueCategorySchema = z.object({
  name: z.string().min(1),
  /** Regex sources; any match counts. */
  cues: z.array(z.string().min(1)).min(1),
  /** Higher wins when one turn carries several categories and only one may be kept. */
  priority: z.number().default(0),
  /** Categories that this one subsumes when both match (e.g. empathy-with-options subsumes empathy). */
  subsumes: z.array(z.string()).default([]),
  /** A composite move counts only when at least one of these categories matches the same turn too. */
  requires: z.array(z.string()).default([]),
  /**
   * Intents only: tool names (regex sources) whose use is evidence for the intent, with a weight. The
   * agent's actions reveal the flow when the caller's words are ambiguous ("too expensive" is said in
   * billing disputes and in subscription calls alike).
   */
  tools: z.array(z.object({ cue: z.string().min(1), weight: z.number().positive() })).default([]),
});
export type CueCategory = z.output<typeof CueCategorySchema>;

export const TaxonomyConfigSchema = z.object({
  triggers: z.array(CueCategorySchema).default([]),
  strategies: z.array(CueCategorySchema).default([]),
  intents: z.array(CueCategorySchema).default([]),
  /** `extend` adds to / overrides the built-in entries by name; `replace` uses only these. */
  mode: z.enum(['extend', 'replace']).default('extend'),
});
export type TaxonomyConfig = z.input<typeof TaxonomyConfigSchema>;

const w = (s: string) => `\\b(?:${s})\\b`;

export const BUILTIN_TRIGGERS: CueCategory[] = [
  {
    name: 'price-objection',
    priority: 2,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [
      w("too (?:expensive|pricey|much money|costly)|(?:costs?|charging|paying) (?:way )?too much|over ?priced|can(?:no|')t afford|not worth (?:it|the (?:money|price))|(?:price|cost|fee|rate)s? (?:is|are|went|has gone|seems?) (?:(?:too|so|really|way|far|much|pretty|a bit|just) )*(?:high|steep|up|much)|cheaper (?:elsewhere|somewhere|option|plan|deal)|better (?:price|deal) (?:elsewhere|somewhere)|rip[- ]?off|(?:so|very|too|really|that|this) expensive|for (?:a lot |much |way )?less (?:somewhere|elsewhere|at|from|online)|(?:sells?|selling|offers?|has) (?:it|this|that|the same)?.{0,30}cheaper|why (?:should|would|do) i (?:have to )?pay|competitors?|lower price|price (?:went|is going) up|more than (?:i|it) (?:should|used to)"),
    ],
  },
  {
    name: 'double-charge',
    priority: 3,
    subsumes: ['refund-request'],
    requires: [],
    tools: [],
    cues: [
      w('(?:charged|billed) (?:me )?(?:twice|two times|double|two separate times|again for the same)|double[- ](?:charged?|billed|billing)|(?:two|duplicate|repeated) (?:identical )?(?:charges|payments|transactions)|duplicate (?:charge|payment|transaction)|same (?:charge|payment|amount) (?:twice|two times)|charge(?:d)? appears twice|(?:shows|see) (?:it )?twice on my'),
    ],
  },
  {
    name: 'late-delivery',
    priority: 2,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [
      w("(?:has ?n[o']t|hasn't|have ?n[o']t|haven't|never|still (?:has ?n[o']t|not)|didn't|did not) (?:yet )?(?:arrived?|come|shown up|been delivered|received|gotten|got) (?:it|my (?:order|package|parcel))?|(?:order|package|parcel|delivery|shipment) (?:is|was|has been|seems) (?:late|delayed|overdue|stuck|missing|lost)|(?:still|been) waiting (?:on|for) (?:my|the) (?:order|package|parcel|delivery|shipment)|where(?:'s| is) my (?:order|package|parcel|delivery|shipment)|(?:was|were) (?:supposed|expected|due) to (?:arrive|be delivered|get here)|(?:is|are|was|were|running|arrived) (?:really |very |so |quite |super |extremely |way )?(?:late|delayed|overdue|behind schedule)|late (?:delivery|shipment|package|order)|delivery (?:date )?(?:has )?passed"),
    ],
  },
  {
    name: 'locked-out',
    priority: 2,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [
      w("locked out|(?:account|login) (?:is |got |has been )?(?:locked|blocked|frozen|disabled|suspended)|can(?:no|')?t (?:log|sign) ?(?:in|on)(?:to)?|(?:unable|not able) to (?:log|sign) ?(?:in|on)|password (?:is|was) (?:wrong|incorrect|invalid|rejected|not (?:working|accepted))|(?:keeps?|kept) (?:saying|telling me) (?:my )?(?:password|login|username)|(?:can(?:no|')t|unable to|not able to) (?:get into|access|open) my account|(?:forgot|forgotten|lost|reset) (?:my )?(?:password|username|login|pin)|password (?:is not|isn't|doesn't|won't) work|(?:two[- ]factor|2fa|verification code|one[- ]time code) (?:is not|isn't|doesn't|won't|never)"),
    ],
  },
  {
    name: 'refund-request',
    priority: 1,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [w('refund(?:ed)?|money back|reimburse(?:d|ment)?|(?:return|credit) (?:the|my) (?:money|payment)|get (?:my )?(?:money|payment) returned')],
  },
  {
    name: 'frustration',
    priority: 0,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [
      w("frustrat(?:ed|ing)|ridiculous|unacceptable|fed up|sick (?:and tired )?of|annoy(?:ed|ing)|furious|angry|upset|absurd|outrageous|waste of (?:my )?time|(?:third|fourth|fifth|several|multiple|many) times?|again and again|over and over|(?:i have|i've) (?:already )?(?:called|contacted|asked|tried) (?:you )?(?:\\w+ )?(?:times|already|before)|this is (?:a )?(?:joke|nonsense|terrible|awful)|terrible service|worst"),
    ],
  },
  {
    name: 'wrong-item',
    priority: 2,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [
      w("wrong (?:item|product|size|colou?r|model|thing|one|order)|(?:isn't|is not|wasn't|was not|not) what i (?:ordered|bought|asked for|paid for)|(?:sent|shipped|delivered|received|got) (?:me )?(?:the |a )?(?:wrong|different|incorrect)|different (?:item|product|size|colou?r) than|incorrect (?:item|product|size|order)|mixed up my order|(?:somebody|someone) else's|something (?:completely |totally |entirely )?(?:different|else)|not the (?:item|product|one|thing) i (?:ordered|bought|picked)"),
    ],
  },
  {
    name: 'cancel-request',
    priority: 2,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [
      w("cancel(?:l?ing|l?ed)?(?: my| the| this)? (?:subscription|membership|plan|account|order|service|reservation|booking)?|(?:close|terminate|end|stop|discontinue|quit|drop|cancel) (?:my|the|this|our) (?:\\w+ )?(?:subscription|membership|plan|account|service)|(?:want|like|need) (?:to )?(?:unsubscribe|opt out)|don't want (?:the|this|my) (?:subscription|membership|plan|service) anymore"),
    ],
  },
  {
    name: 'promo-code-invalid',
    priority: 3,
    subsumes: ['price-objection'],
    requires: [],
    tools: [],
    cues: [
      w("(?:promo(?:tion(?:al)?)?|coupon|discount|voucher|offer) ?(?:code)?s? (?:is|was|isn't|is not|wasn't|doesn't|does not|won't|will not|didn't|did not|keeps?|got|says?|shows?)(?: (?:not|being|getting|say|saying|show|showing))? (?:work(?:ing)?|apply|applying|accepted|valid|invalid|expired|rejected|declined|go through)|(?:not|won't|will not|doesn't|does not|didn't|did not|refuses? to|fails? to) (?:accept|take|apply|recogni[sz]e|honou?r|work with)s? (?:my|the|this|our) (?:promo(?:tion(?:al)?)?|coupon|discount|voucher)|(?:invalid|expired|rejected|declined) (?:promo(?:tion(?:al)?)?|coupon|discount|voucher) ?(?:code)?|(?:promo(?:tion(?:al)?)?|coupon|discount|voucher) code.{0,40}(?:error|not|won't|doesn't|invalid|expired)"),
    ],
  },
  {
    name: 'address-change',
    priority: 2,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [
      w("(?:change|update|correct|fix|edit|modify) (?:my|the) (?:shipping |delivery |billing |home |mailing )?address|(?:new|different|wrong|old|incorrect) (?:shipping |delivery |mailing |home )?address|(?:i|we) (?:just |recently )?moved|ship (?:it )?to a different (?:address|place|location)|address (?:is|was) (?:wrong|incorrect|outdated|old)"),
    ],
  },
];

export const BUILTIN_STRATEGIES: CueCategory[] = [
  {
    name: 'empathy',
    priority: 1,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [
      w("(?<!(?:so|to|make sure|if) )\\bi (?:completely |totally |really |truly |fully )?(?:understand(?! (?:correctly|what|which|whether|if))|hear you|get (?:it|that|how|why)|can (?:see|imagine|understand)|know how)|(?:that|this) (?:must|would|can|sounds?) (?:be )?(?:really |very |so |incredibly )?(?:frustrating|stressful|annoying|upsetting|difficult|disappointing|inconvenient|hard)|(?:that|this|it)(?:'s| is) (?:so |really |very |understandably )?(?:frustrating|stressful|annoying|upsetting|disappointing|inconvenient)|i know (?:it|that|this)(?:'s| is)|nobody wants that|(?:understandabl[ey]|i'd feel the same|anyone would be|you have every right|your frustration|how frustrating|that's frustrating|i appreciate your patience)"),
    ],
  },
  {
    name: 'empathy-with-options',
    priority: 4,
    subsumes: ['empathy', 'clarifying-question', 'direct-answer'],
    // Composite: its own cues say "options"; it counts only beside an empathy or apology cue.
    requires: ['empathy', 'apology'],
    tools: [],
    cues: [
      w("(?:a few|two|three|several|some|couple of|your) (?:options|choices|ways|alternatives|paths)|(?:you can|you could|we can|i can) (?:either|choose|pick)|either .{1,60} or |would you (?:prefer|rather|like (?:me )?to .{1,60} or)|option (?:one|two|a|b|1|2)|alternatively|another option|here(?:'s| is) what (?:i|we) can do|what works (?:best )?for you|which (?:would you prefer|works better|do you prefer)|choose between|(?:or|and) (?:a|an|your) [^.?!]{0,60}\\? *$"),
    ],
  },
  {
    name: 'verification-first',
    priority: 3,
    subsumes: ['clarifying-question', 'direct-answer'],
    requires: [],
    tools: [],
    cues: [
      w("verify|verification|confirm (?:your|the account|the identity|who)|(?:your )?identity|for (?:your )?security|security (?:purposes|reasons|check|question)|authenticat(?:e|ion)|before (?:i|we) (?:can |go |proceed|look|make|do|access|pull|check|dig)|(?:can|could|may) i (?:please )?(?:get|have) your (?:full name|account|email|zip|date of birth|username|order id|member)|(?:what is|what's) (?:the |your )?(?:email|zip|username|account number|date of birth) (?:on|associated|for|linked)"),
    ],
  },
  {
    name: 'apology',
    priority: 1,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [w("(?:i(?:'m| am)|we(?:'re| are)) (?:so |very |really |truly |terribly |deeply )?sorry|(?:my|our|sincere) apolog(?:y|ies)|(?:i|we) (?:sincerely |deeply |do )?apologi[sz]e|apologies for|please accept our apolog|that's (?:on us|our fault|our mistake)|we (?:messed|dropped the ball)")],
  },
  {
    name: 'policy-citation',
    priority: 2,
    subsumes: ['direct-answer'],
    requires: [],
    tools: [],
    cues: [
      w("(?:our|the|company|store|return|refund|cancellation|billing|shipping|security) (?:policy|policies|guidelines|terms(?: of service)?|rules)|(?:according to|per|under|as per|in line with) (?:our|the) |we(?:'re| are) (?:required|not (?:allowed|permitted|able to)|obligated)|(?:terms|conditions) (?:state|say|require)|(?:policy|terms) (?:states?|says?|requires?|allows?|only)"),
    ],
  },
  {
    name: 'escalation-offer',
    priority: 3,
    subsumes: ['direct-answer'],
    requires: [],
    tools: [],
    cues: [
      w("(?:transfer|connect|escalate|forward|pass|hand) (?:you|this|your (?:case|call|issue|request))(?: over)? to|(?:a|my|our) (?:supervisor|manager|specialist|senior (?:agent|colleague|team)|escalations? team|human agent|team lead)|escalat(?:e|ing|ion)|someone (?:more )?senior|connect(?:ed)? you (?:with|to)|(?:resolution|escalations?|specialist|billing|support|retention) (?:team|department|desk)|(?:specialist|supervisor|manager) (?:can|will|could)"),
    ],
  },
  {
    name: 'discount-offer',
    priority: 3,
    subsumes: ['direct-answer'],
    requires: [],
    tools: [],
    cues: [
      w("\\d+ ?(?:%|percent) off|discount|(?:store |account |goodwill )?credit (?:of|to your account|on your (?:account|next))|waive (?:the|your|that)|complimentary|voucher|coupon for|(?:free|reduced) (?:month|shipping|upgrade|of charge)|(?:take|knock) .{1,20} off|lower (?:rate|price)|special (?:offer|rate|price|deal)|half (?:price|off)|(?:months?|weeks?|year) (?:free|for free|at (?:half|a reduced|a lower|a discounted))|at (?:a )?(?:reduced|lower|discounted) (?:price|rate|cost)|price (?:cut|reduction)"),
    ],
  },
  {
    name: 'value-reframing',
    priority: 2,
    subsumes: ['direct-answer'],
    requires: [],
    tools: [],
    cues: [
      w("(?:worth|value) (?:it|the|of|for)|(?:great|good|best|real) value|you(?:'re| are)? (?:also )?(?:get(?:ting)?|receiv(?:e|ing))|(?:includes?|including|comes with|covers?|bundled)|in the long (?:run|term)|(?:works out|pays for itself|save(?:s)? you|saving(?:s)?)|compared (?:to|with)|(?:per|a) (?:day|month|use) (?:that's|it's|is)|(?:benefits?|features|perks) (?:of|include|you)|(?:per|a|each|every) (?:wear|use|day|week|month|year|season)|ends? up (?:cheaper|costing less|saving)|(?:paid|pays|pay) for (?:itself|themselves)|saves?|what(?:'s| is| you get) included|you (?:also )?(?:keep|get to keep)|warranty|put it another way|look at it (?:this|another) way|built to last|long[- ]lasting"),
    ],
  },
  {
    name: 'clarifying-question',
    priority: -1,
    subsumes: ['direct-answer'],
    requires: [],
    tools: [],
    cues: [
      w("(?:could|can|would) you (?:please )?(?:tell|describe|explain|clarify|specify|walk me|let me know|share|give me more)|(?:what|which) (?:exactly|specifically|part|item|order|one|date|day|option)|do you (?:mean|remember|know|happen to)|when (?:did|was|were) (?:you|it|the)|is (?:it|that|this) (?:the|a|an|for)|just to (?:clarify|make sure|be sure)|just so i (?:understand|am clear|know)|(?:is|was) (?:this|it|that) (?:about|for|regarding|related to)|so (?:you're|you are) saying|did you (?:mean|want|already)|how (?:many|long|often) .{1,40}\\?"),
    ],
  },
  {
    name: 'direct-answer',
    priority: 0,
    subsumes: [],
    requires: [],
    tools: [],
    cues: [
      w("(?:i've|i have|we've|we have) (?:just |now |already )?(?:processed|issued|updated|changed|sent|reset|cancel(?:l)?ed|refunded|fixed|resolved|submitted|applied|corrected|scheduled|arranged|reissued|credited|unlocked|removed|added|placed)|(?:it|your \\w+) (?:is|was|has been|will be) (?:now )?(?:processed|issued|updated|changed|sent|reset|cancel(?:l)?ed|refunded|fixed|resolved|shipped|delivered|arriving|on (?:its|the) way)|(?:here is|here's|the answer is|you can|you'll|you will)|(?:that|it|this)(?:'s| is| has been) (?:now )?(?:been )?(?:taken care of|done|sorted|handled|fixed|completed|all set)|(?:i(?:'ve| have)|we(?:'ve| have)) (?:gone ahead and |just )?(?:made|done|taken care of|sorted|handled) (?:that|the|it|this)|on our (?:side|end)"),
    ],
  },
];

/**
 * Intent fallback for when no trained classifier is configured: the ABCD flows (the sample vocabulary),
 * from the caller's words and from the ABCD actions the agent takes (tool weights: 1 for an action that
 * belongs to the flow in ABCD's guidelines, 0.5 for one shared with other flows).
 */
const t = (cue: string, weight = 1) => ({ cue: `^(?:${cue})$`, weight });
export const BUILTIN_INTENTS: CueCategory[] = [
  {
    name: 'product_defect', priority: 0, subsumes: [], requires: [],
    cues: [w("defect(?:ive)?|broken|damaged|(?:does ?n[o']t|won't|stopped) work(?:ing)?|faulty|torn|stain(?:ed)?|cracked|malfunction|return (?:it|this|the|my)|wrong (?:size|colou?r|item)|exchange")],
    tools: [t('offer_refund|record_reason'), t('validate_purchase', 0.5)],
  },
  {
    name: 'shipping_issue', priority: 0, subsumes: [], requires: [],
    cues: [w('ship(?:ping|ped|ment)|deliver(?:y|ed)|package|parcel|tracking|courier|arriv(?:e|ed)|in transit')],
    tools: [t('shipping_status'), t('update_order')],
  },
  {
    name: 'account_access', priority: 0, subsumes: [], requires: [],
    cues: [w("log ?in|sign ?in|password|username|locked|two[- ]factor|2fa|access (?:my|the) account|verification code|can(?:no|')t get in")],
    tools: [t('send_link|make_password|reset_password|reset_2fa'), t('verify_identity', 0.5)],
  },
  {
    name: 'purchase_dispute', priority: 0, subsumes: [], requires: [],
    cues: [w('charge[ds]?|charged|billed|billing|dispute|overcharged|promo|coupon|price (?:match|drop)|payment|transaction|statement')],
    tools: [t('promo_code'), t('validate_purchase', 0.5)],
  },
  {
    name: 'subscription_inquiry', priority: 0, subsumes: [], requires: [],
    cues: [w('subscription|membership|plan|renew(?:al)?|monthly fee|annual fee|premium|due date|bill is due')],
    tools: [t('membership|subscription_status'), t('update_account', 0.5)],
  },
  {
    name: 'manage_account', priority: 0, subsumes: [], requires: [],
    cues: [w('(?:update|change|edit|correct) (?:my|the) (?:address|name|phone|email|payment method|profile|account (?:details|info))|account settings|profile|phone number|payment method|moved')],
    tools: [t('update_account'), t('verify_identity', 0.5)],
  },
];

export interface CompiledCategory {
  name: string;
  priority: number;
  subsumes: string[];
  requires: string[];
  res: RegExp[];
  tools: Array<{ re: RegExp; weight: number }>;
}

export interface Taxonomy {
  triggers: CompiledCategory[];
  strategies: CompiledCategory[];
  intents: CompiledCategory[];
}

const byNameCache = new WeakMap<readonly CompiledCategory[], Map<string, CompiledCategory>>();
function byNameOf(categories: readonly CompiledCategory[]): Map<string, CompiledCategory> {
  let m = byNameCache.get(categories);
  if (!m) {
    m = new Map(categories.map((c) => [c.name, c]));
    byNameCache.set(categories, m);
  }
  return m;
}

function compile(list: readonly CueCategory[], where: string): CompiledCategory[] {
  return list.map((c) => ({
    name: c.name,
    priority: c.priority,
    subsumes: c.subsumes,
    requires: c.requires,
    tools: c.tools.map((tc) => ({ re: new RegExp(tc.cue, 'i'), weight: tc.weight })),
    res: c.cues.map((src, i) => {
      try {
        return new RegExp(src, 'i');
      } catch (err) {
        throw new Error(`taxonomy ${where}.${c.name}.cues[${i}] is not a valid regular expression (${(err as Error).message}); fix or remove that cue`);
      }
    }),
  }));
}

function mergeByName(base: readonly CueCategory[], extra: readonly CueCategory[]): CueCategory[] {
  const out = new Map(base.map((c) => [c.name, c]));
  for (const c of extra) out.set(c.name, c);
  return [...out.values()];
}

/** Builds the taxonomy from the built-ins and an optional config (parsed here: config is an edge). */
export function buildTaxonomy(config?: unknown): Taxonomy {
  const cfg = config === undefined ? undefined : TaxonomyConfigSchema.parse(config);
  const pick = (builtin: CueCategory[], extra: CueCategory[] | undefined) =>
    !cfg ? builtin : cfg.mode === 'replace' ? (extra ?? []) : mergeByName(builtin, extra ?? []);
  return {
    triggers: compile(pick(BUILTIN_TRIGGERS, cfg?.triggers), 'triggers'),
    strategies: compile(pick(BUILTIN_STRATEGIES, cfg?.strategies), 'strategies'),
    intents: compile(pick(BUILTIN_INTENTS, cfg?.intents), 'intents'),
  };
}

/** Names of every category whose cues match, before subsumption. */
export function matchCategories(text: string, categories: readonly CompiledCategory[]): string[] {
  const out: string[] = [];
  for (const c of categories) if (c.res.some((re) => re.test(text))) out.push(c.name);
  return out;
}

/**
 * Drops composites whose required partners are absent and categories subsumed by another match;
 * returns the rest ordered by priority (highest first).
 */
export function resolveMatches(names: readonly string[], categories: readonly CompiledCategory[]): string[] {
  if (names.length === 0) return [];
  const byName = byNameOf(categories);
  const matched = new Set(names);
  const present = new Set(
    names.filter((n) => {
      const req = byName.get(n)?.requires ?? [];
      return req.length === 0 || req.some((r) => matched.has(r));
    }),
  );
  for (const n of [...present]) for (const s of byName.get(n)?.subsumes ?? []) if (s !== n) present.delete(s);
  return [...present].sort((a, b) => (byName.get(b)?.priority ?? 0) - (byName.get(a)?.priority ?? 0));
}
