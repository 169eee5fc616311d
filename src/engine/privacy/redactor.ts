import type { CallMetrics, CallPlatform, Conversation, ConversationEvent, PlatformAnalysis } from '../model';
import { callMetricsOf, callPlatformOf } from '../model';
import type { Hashing } from '../ports';
import { createDetector } from './detect';
import type { Detector } from './detect';
import { DEFAULT_POLICY, ENTITY_TYPES, resolveRules } from './policy';
import type { PrivacyPolicy, ResolvedRule } from './policy';
import { FIRST_NAME_SET } from './lexicon/firstNames';
import { NUMBER_WORDS } from './spoken';
import type { DetectedEntity, EntityType, RedactionResult, Redactor } from './types';

export interface RedactorOptions {
  /** The per-workspace secret; identifiers hashed under it join across calls but cannot be reversed without it. */
  hmacKey: Uint8Array;
  hashing: Hashing;
  policy?: PrivacyPolicy;
}

export interface KaizenRedactor extends Redactor {
  /** Detection only: entities with offsets into `text`, nothing replaced. */
  detect(text: string): DetectedEntity[];
  /** Keyed hash of an identifier (caller number, account id), normalised first so "+1 (415) 555-1234" and "4155551234" join. */
  hashIdentifier(value: string): string;
  /** Redacts any JSON-like value: strings are redacted, identifier-named fields hashed, structure kept. */
  redactValue<T>(value: T): T;
}

const CAPITALISED_RE = /^\p{Lu}/u;
const WORD_CHAR_RE = /[\p{L}\p{N}_]/u;

/** Tool-argument fields whose values are identifiers used as join keys: hashed, never shown. */
const ID_FIELD_RE = /(?:^|[_-]|[a-z])(?:user|customer|caller|member|account|client|patient|subscriber|contact)[_-]?(?:id|number|no|key)$/i;
/** Fields whose whole value is PII whatever it looks like. */
const PII_FIELD: [RegExp, EntityType][] = [
  [/(?:^|_)(?:e-?mail)(?:_?address)?$/i, 'EMAIL'],
  [/(?:phone|mobile|cell|telephone|msisdn)(?:_?(?:number|no))?$/i, 'PHONE'],
  [/(?:^|_)(?:first|last|full|given|family|middle|sur|customer|caller|contact|passenger|user)?_?name$/i, 'PERSON'],
  [/(?:^|_)(?:ssn|social_?security(?:_?number)?)$/i, 'SSN'],
  [/(?:card|cc|pan)(?:_?(?:number|no))$/i, 'CARD_NUMBER'],
  [/(?:^|_)iban$/i, 'IBAN'],
  [/(?:^|_)(?:street|address|address_?line_?\d?|home_?address|billing_?address|shipping_?address)$/i, 'ADDRESS'],
  [/(?:^|_)(?:zip|zip_?code|postal_?code|postcode)$/i, 'ZIP'],
  [/(?:dob|date_?of_?birth|birth_?date|birthday)$/i, 'DATE_OF_BIRTH'],
  [/(?:driver'?s?_?licen[cs]e(?:_?(?:number|no))?|dl_?number)$/i, 'DRIVER_LICENSE'],
  [/(?:^|_)(?:ip|ip_?address)$/i, 'IP_ADDRESS'],
];
const NEUTRAL_FIELD_RE = /^(?:tool_?name|function|intent|status|type|kind|action|role|model|event|category|airline|product|plan|currency)$/i;
const SHA_HEX_RE = /^[0-9a-f]{64}$/;
const ENDS_WITH_NUMBER_RE = new RegExp(`(?:\\d|\\b(?:${NUMBER_WORDS.join('|')}))[ ,.-]*$`, 'i');
// A lone "oh" ("Oh okay, that makes sense") is an interjection: it starts a number only before another number word.
const STARTS_WITH_NUMBER_RE = new RegExp(
  `^[ ,.-]*(?:(?:uh|um|er|and|yes|yeah|so|it's|its)[ ,]+)*(?:\\d|(?:${NUMBER_WORDS.filter((w) => w !== 'oh').join('|')})\\b|oh[ ]+(?:${NUMBER_WORDS.join('|')})\\b)`,
  'i',
);

function fieldType(key: string): EntityType | undefined {
  if (NEUTRAL_FIELD_RE.test(key)) return undefined;
  const snake = key.replace(/([a-z])([A-Z])/g, '$1_$2');
  for (const [re, t] of PII_FIELD) if (re.test(snake)) return t;
  return undefined;
}

/**
 * Numbers placeholders within one scope (a call, or one text): the first person named is
 * `[CUSTOMER_NAME_1]` everywhere in the call, and a later bare "Maria" joins "Maria Lopez".
 */
class PlaceholderBook {
  private readonly byKey = new Map<string, number>();
  private readonly counters = new Map<EntityType, number>();
  private readonly personTokens = new Map<string, number>();

  constructor(private readonly rules: Record<EntityType, ResolvedRule>) {}

  label(type: EntityType, original: string, value: number | undefined): string {
    const rule = this.rules[type];
    if (rule.mode === 'plain') return `[${rule.placeholder}]`;
    if (rule.mode === 'bucket' && value !== undefined && Number.isFinite(value)) return `[${rule.placeholder}:${bucket(value, rule.buckets)}]`;
    const norm = normalizeKey(type, original);
    const key = `${type}\u0000${norm}`;
    let n = this.byKey.get(key);
    if (n === undefined && type === 'PERSON') {
      for (const tok of norm.split(' ')) {
        const hit = tok.length > 1 ? this.personTokens.get(tok) : undefined;
        if (hit !== undefined) {
          n = hit;
          break;
        }
      }
    }
    if (n === undefined) {
      n = (this.counters.get(type) ?? 0) + 1;
      this.counters.set(type, n);
    }
    this.byKey.set(key, n);
    if (type === 'PERSON') for (const tok of norm.split(' ')) if (tok.length > 1 && !this.personTokens.has(tok)) this.personTokens.set(tok, n);
    return `[${rule.placeholder}_${n}]`;
  }
}

function normalizeKey(type: EntityType, s: string): string {
  switch (type) {
    case 'PHONE':
    case 'CARD_NUMBER':
    case 'SSN':
    case 'ACCOUNT_NUMBER':
    case 'ZIP':
    case 'IBAN':
    case 'DRIVER_LICENSE': {
      const d = s.replace(/[^0-9A-Za-z]/g, '').toLowerCase();
      return d.length > 0 ? d : s.toLowerCase();
    }
    case 'PERSON':
      return s
        .toLowerCase()
        .replace(/[^\p{L}' ]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    default:
      return s.toLowerCase().replace(/\s+/g, ' ').trim();
  }
}

function bucket(value: number, edges: readonly number[]): string {
  for (let i = edges.length - 1; i >= 0; i--) {
    if (value >= edges[i]!) return i === edges.length - 1 ? `${edges[i]}+` : `${edges[i]}-${edges[i + 1]}`;
  }
  return `<${edges[0]}`;
}

/** The whole value of an entity split across two turns, so both halves get one placeholder. */
const splitKey = new WeakMap<DetectedEntity, string>();
/** Names the agent gave as its own: still PII, but not the customer's, so `[AGENT_NAME]`. */
const agentEntity = new WeakSet<DetectedEntity>();
export const AGENT_NAME_PLACEHOLDER = '[AGENT_NAME]';

/** An agent introducing itself: "my name is Ava", "this is Jordan", "I'm Sam", "Riley speaking", "Riley here". */
const AGENT_INTRO_RE = /\b(?:my name is|my name's|name's|this is|i'm|i am)[ ]+([\p{Lu}][\p{L}'’-]+)|(?:^|[.!?,;:][ ]*)([\p{Lu}][\p{L}'’-]+)[ ]+(?:speaking|here)(?![\p{L}])/gu;
/** Cheap gate: the words every introduction above needs. */
const AGENT_INTRO_HINT_RE = /name|this is|i'm|i am|speaking|here/i;
/** "Good morning, Acme Outfitters, my name is Ava": the business greeting of an agent turn. */
const AGENT_GREETING_ORG_RE = /^(?:good (?:morning|afternoon|evening|day)|hello|hi)[ ]*,[ ]+([\p{Lu}][\p{L}\d&'’.-]*(?:[ ]+[\p{Lu}][\p{L}\d&'’.-]*){0,3})[ ]*,[ ]+(?:my name is|this is)\b/iu;

function render(text: string, entities: readonly DetectedEntity[], book: PlaceholderBook): string {
  if (entities.length === 0) return text;
  let out = '';
  let at = 0;
  for (const e of entities) {
    out += text.slice(at, e.start) + (agentEntity.has(e) ? AGENT_NAME_PLACEHOLDER : book.label(e.type, splitKey.get(e) ?? text.slice(e.start, e.end), e.value));
    at = e.end;
  }
  return out + text.slice(at);
}

export function createRedactor(options: RedactorOptions): KaizenRedactor {
  if (!(options.hmacKey instanceof Uint8Array) || options.hmacKey.length < 16) {
    throw new Error('createRedactor: hmacKey must be a Uint8Array of at least 16 bytes (the per-workspace secret)');
  }
  const policy = options.policy ?? DEFAULT_POLICY;
  const rules = resolveRules(policy);
  const enabled = new Set(ENTITY_TYPES.filter((t) => rules[t].enabled));
  const detector: Detector = createDetector({ enabled, allowlist: policy.allowlist, minScore: policy.minScore });
  const { hashing, hmacKey } = options;

  function hashIdentifier(value: string): string {
    const trimmed = value.trim();
    const digits = trimmed.replace(/[\s().+-]/g, '');
    let norm = /^\d{7,15}$/.test(digits) ? digits : trimmed.toLowerCase();
    if (/^1\d{10}$/.test(norm)) norm = norm.slice(1); // +1 NANP prefix: "+1 415…" and "415…" are one caller
    return hashing.hmacSha256(hmacKey, norm);
  }

  function redactText(text: string): RedactionResult {
    const entities = detector.detect(text);
    return { text: render(text, entities, new PlaceholderBook(rules)), entities };
  }

  function redactWith(book: PlaceholderBook, text: string): string {
    return render(text, detector.detect(text), book);
  }

  function redactAny(value: unknown, key: string | undefined, book: PlaceholderBook): unknown {
    if (typeof value === 'string') {
      if (key !== undefined && value.length > 0) {
        if (ID_FIELD_RE.test(key) && !SHA_HEX_RE.test(value)) return `id_${hashIdentifier(value).slice(0, 24)}`;
        const t = fieldType(key);
        if (t !== undefined && rules[t].enabled) {
          const redacted = redactWith(book, value);
          // A field named "phone" or "last_name" is PII whatever the detectors say about its value.
          return redacted === value && !/^\[[A-Z_]+(?:_\d+|:[^\]]*)?\]$/.test(value) ? book.label(t, value, undefined) : redacted;
        }
      }
      return redactWith(book, value);
    }
    if (typeof value === 'number' && key !== undefined) {
      if (ID_FIELD_RE.test(key)) return `id_${hashIdentifier(String(value)).slice(0, 24)}`;
      const t = fieldType(key);
      if (t !== undefined && rules[t].enabled && Number.isInteger(value) && String(value).length >= 4) return book.label(t, String(value), undefined);
      if (Number.isInteger(value) && Math.abs(value) >= 1e6) {
        const s = String(value);
        return redactWith(book, s) === s ? value : redactWith(book, s);
      }
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => redactAny(v, key, book));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactAny(v, k, book);
      return out;
    }
    return value;
  }

  /** The user's metadata and prompt variables can hold anything a caller said or a CRM knew: walked like tool arguments. */
  function redactPlatform(p: CallPlatform, book: PlaceholderBook): CallPlatform {
    const out: CallPlatform = { ...p };
    if (p.metadata) out.metadata = redactAny(p.metadata, undefined, book) as CallPlatform['metadata'];
    if (p.dynamicVariables) out.dynamicVariables = redactAny(p.dynamicVariables, undefined, book) as CallPlatform['dynamicVariables'];
    if (p.collectedVariables) out.collectedVariables = redactAny(p.collectedVariables, undefined, book) as CallPlatform['collectedVariables'];
    return out;
  }

  /** The platform's summary and extraction describe the caller in free text; a transfer number is a phone number. */
  function redactMetrics(m: CallMetrics, book: PlaceholderBook): CallMetrics {
    const out: CallMetrics = { ...m };
    if (m.analysis) {
      out.analysis = { ...m.analysis };
      if (m.analysis.summary !== undefined) out.analysis.summary = redactWith(book, m.analysis.summary);
      if (m.analysis.structuredData) out.analysis.structuredData = redactAny(m.analysis.structuredData, undefined, book) as PlatformAnalysis['structuredData'];
      if (typeof m.analysis.successEvaluation === 'string') out.analysis.successEvaluation = redactWith(book, m.analysis.successEvaluation);
    }
    if (m.transfers) {
      out.transfers = m.transfers.map((t) =>
        t.destination !== undefined ? { ...t, destination: /\d{4}/.test(t.destination) ? `id_${hashIdentifier(t.destination).slice(0, 24)}` : redactWith(book, t.destination) } : t,
      );
    }
    return out;
  }

  function redactConversation(conversation: Conversation): Conversation {
    const book = new PlaceholderBook(rules);
    const events = conversation.events;
    // Detect every turn first so a number spoken across two turns can be joined before rendering.
    const turnEntities = new Map<number, DetectedEntity[]>();
    // Business names the call names in company contexts ("thank you for calling Acme Outfitters") are not
    // redacted in any of its turns; organizations are not data about the caller.
    let orgSet: Set<string> | undefined;
    // The agent names the business ("thank you for calling…"); a caller's own company context is handled inside its turn.
    for (const e of events) {
      if (e.type !== 'turn' || e.role !== 'agent') continue;
      for (const name of detector.orgNames(e.text)) (orgSet ??= new Set()).add(name);
      const g = AGENT_GREETING_ORG_RE.exec(e.text);
      if (g && !g[1]!.split(/[ ]+/).some((w) => FIRST_NAME_SET.has(w.toLowerCase()))) (orgSet ??= new Set()).add(g[1]!);
    }
    const orgs = orgSet ? [...orgSet] : undefined;
    const agentNames = new Set<string>();
    let prevTurn = -1;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.type !== 'turn') continue;
      const found = detector.detect(e.text, orgs);
      if (e.role === 'agent') markAgentNames(e.text, found, agentNames);
      turnEntities.set(i, found);
      if (e.role === 'user' || e.role === 'agent') {
        const prev = prevTurn >= 0 ? events[prevTurn] : undefined;
        if (prev && prev.type === 'turn' && prev.role === e.role) joinAcrossTurns(prevTurn, prev.text, i, e.text, turnEntities);
        if (e.role === 'user') prevTurn = i;
      }
    }
    backfillNames(events, turnEntities);
    if (agentNames.size > 0) {
      // "thanks Ava" from the customer is the agent's name too.
      for (const [i, list] of turnEntities) {
        const text = (events[i] as { text: string }).text;
        for (const x of list) if ((x.type === 'PERSON' || x.type === 'LOCATION') && agentNames.has(normalizeKey('PERSON', text.slice(x.start, x.end)))) agentEntity.add(x);
      }
    }
    const out: ConversationEvent[] = events.map((e, i): ConversationEvent => {
      switch (e.type) {
        case 'call.started':
          return {
            ...e,
            ...(e.callerKey !== undefined ? { callerKey: SHA_HEX_RE.test(e.callerKey) ? e.callerKey : hashIdentifier(e.callerKey) } : {}),
            ...(e.systemPrompt !== undefined ? { systemPrompt: redactWith(book, e.systemPrompt) } : {}),
            ...(e.platform !== undefined ? { platform: redactPlatform(e.platform, book) } : {}),
          };
        case 'call.ended':
          return e.metrics !== undefined ? { ...e, metrics: redactMetrics(e.metrics, book) } : e;
        case 'turn':
          return { ...e, text: render(e.text, turnEntities.get(i) ?? [], book) };
        case 'tool.called':
          return { ...e, arguments: redactAny(e.arguments, undefined, book) as Record<string, unknown> };
        case 'tool.result':
          return {
            ...e,
            ...(e.result !== undefined ? { result: redactWith(book, e.result) } : {}),
            ...(e.error !== undefined ? { error: redactWith(book, e.error) } : {}),
          };
        case 'agent.error':
          return { ...e, message: redactWith(book, e.message) };
        case 'feedback':
          return e.comment !== undefined ? { ...e, comment: redactWith(book, e.comment) } : e;
        default:
          return e;
      }
    });
    const redacted: Conversation = { ...conversation, events: out };
    // The digest blocks are rebuilt from the redacted events, so no raw copy rides along beside them.
    delete redacted.platform;
    delete redacted.metrics;
    const platform = callPlatformOf(out);
    if (platform) redacted.platform = platform;
    const metrics = callMetricsOf(out);
    if (metrics) redacted.metrics = metrics;
    return redacted;
  }

  /**
   * A name found anywhere in a call is a name everywhere in it, earlier turns included: "Hi, Grace
   * Ivanova." has no context word, but "the account is under Grace Ivanova" two turns later does. The
   * full name and its capitalised parts ("Grace") are matched whole-word, case-sensitively.
   */
  function backfillNames(events: readonly ConversationEvent[], turnEntities: Map<number, DetectedEntity[]>): void {
    if (!rules.PERSON.enabled) return;
    const names = new Set<string>();
    for (const [i, list] of turnEntities) {
      const text = (events[i] as { text: string }).text;
      for (const x of list) {
        if (x.type !== 'PERSON') continue;
        const surface = text.slice(x.start, x.end);
        names.add(surface);
        for (const part of surface.split(/\s+/)) if (part.length >= 3 && CAPITALISED_RE.test(part)) names.add(part);
      }
    }
    if (names.size === 0) return;
    const longestFirst = [...names].sort((a, b) => b.length - a.length);
    for (const [i, list] of turnEntities) {
      const text = (events[i] as { text: string }).text;
      let spans = list;
      for (const name of longestFirst) {
        for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
          const end = at + name.length;
          if (WORD_CHAR_RE.test(text.charAt(at - 1)) || WORD_CHAR_RE.test(text.charAt(end))) continue;
          if (spans.some((x) => x.start < end && x.end > at)) continue;
          spans = mergeSpan(spans, { type: 'PERSON', start: at, end, score: 0.9 });
        }
      }
      if (spans !== list) turnEntities.set(i, spans);
    }
  }

  /**
   * In an agent turn, the name after "my name is" / "this is" or before "speaking" is the agent's own:
   * the entity there (a name, or a place when the name is also one: "Jordan") becomes `[AGENT_NAME]`;
   * a known first name the detectors left alone is added.
   */
  function markAgentNames(text: string, found: DetectedEntity[], agentNames: Set<string>): void {
    if (!rules.PERSON.enabled || !AGENT_INTRO_HINT_RE.test(text)) return;
    AGENT_INTRO_RE.lastIndex = 0;
    for (let m = AGENT_INTRO_RE.exec(text); m !== null; m = AGENT_INTRO_RE.exec(text)) {
      const name = (m[1] ?? m[2])!;
      const end = m[1] !== undefined ? m.index + m[0].length : m.index + m[0].lastIndexOf(name) + name.length;
      const start = end - name.length;
      let hit = false;
      for (let k = 0; k < found.length; k++) {
        const x = found[k]!;
        if (x.start < end && x.end > start && (x.type === 'PERSON' || x.type === 'LOCATION')) {
          const as: DetectedEntity = { ...x, type: 'PERSON' };
          found[k] = as;
          agentEntity.add(as);
          agentNames.add(normalizeKey('PERSON', text.slice(x.start, x.end)));
          hit = true;
        }
      }
      if (!hit && FIRST_NAME_SET.has(name.toLowerCase()) && !found.some((x) => x.start < end && x.end > start)) {
        const as: DetectedEntity = { type: 'PERSON', start, end, score: 0.8 };
        agentEntity.add(as);
        agentNames.add(normalizeKey('PERSON', name));
        found.push(as);
        found.sort((a, b) => a.start - b.start);
      }
    }
  }

  /**
   * "my number is four one five five five five" / "one two three four": when one turn ends in a number
   * and the next turn of the same speaker starts with one, the joined text is scanned again and an entity
   * that spans the seam is split between the two turns (same placeholder in both).
   */
  function joinAcrossTurns(ai: number, a: string, bi: number, b: string, entities: Map<number, DetectedEntity[]>): void {
    // The end test looks at the tail only: a $-anchored regex would otherwise be tried at every position.
    if (!STARTS_WITH_NUMBER_RE.test(b) || !ENDS_WITH_NUMBER_RE.test(a.length > 40 ? a.slice(-40) : a)) return;
    const joined = `${a}\n${b}`;
    const seam = a.length;
    for (const e of detector.detect(joined)) {
      if (e.start >= seam || e.end <= seam + 1) continue;
      const left: DetectedEntity = { ...e, end: seam };
      const right: DetectedEntity = { ...e, start: 0, end: e.end - seam - 1 };
      const whole = joined.slice(e.start, e.end);
      splitKey.set(left, whole);
      splitKey.set(right, whole);
      entities.set(ai, mergeSpan(entities.get(ai) ?? [], left));
      entities.set(bi, mergeSpan(entities.get(bi) ?? [], right));
    }
  }

  return {
    detect: (text) => detector.detect(text),
    hashIdentifier,
    redactText,
    redactConversation,
    redactValue: <T>(value: T) => redactAny(value, undefined, new PlaceholderBook(rules)) as T,
  };
}

/** Replaces whatever `span` overlaps with `span` itself, keeping the list ordered. */
function mergeSpan(list: DetectedEntity[], span: DetectedEntity): DetectedEntity[] {
  const kept = list.filter((e) => e.end <= span.start || e.start >= span.end);
  kept.push(span);
  return kept.sort((x, y) => x.start - y.start);
}
