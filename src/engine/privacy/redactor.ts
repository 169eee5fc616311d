import type { CallMetrics, CallPlatform, Conversation, ConversationEvent, PlatformAnalysis } from '../model';
import { callMetricsOf, callPlatformOf } from '../model';
import type { Hashing } from '../ports';
import { createDetector } from './detect';
import type { Detector } from './detect';
import { DEFAULT_POLICY, ENTITY_TYPES, resolveRules } from './policy';
import type { PrivacyPolicy, ResolvedRule } from './policy';
import { COMMON_WORD_SET } from './lexicon/commonWords';
import { ENGLISH_WORD_SET } from './lexicon/englishWords';
import { FIRST_NAME_SET } from './lexicon/firstNames';
import { NUMBER_RUN_RE, NUMBER_WORDS, readNumberRun } from './spoken';
import { personalIdType } from './identifiers';
import type { TurnHint } from './nameSlots';
import type { DetectedEntity, EntityType, RedactConversationOptions, RedactionResult, Redactor } from './types';

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
/** A map key shaped like a field name ("customerEmail", "crm_ticket", "x-request-id"): never redacted as text. */
const FIELD_NAME_RE = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;
const WORD_CHAR_RE = /[\p{L}\p{N}_]/u;

/** Tool-argument fields whose values are identifiers used as join keys: hashed, never shown. */
const ID_FIELD_RE = /(?:^|[_-]|[a-z])(?:user|customer|caller|member|account|client|patient|subscriber|contact)[_-]?(?:id|key)$/i;
/**
 * Tool-argument fields that hold a code the caller can also speak ("pnr", "booking_code", "account",
 * "order_number"): redacted as the same placeholder the code gets in the text.
 */
const CODE_FIELD_RE = /(?:^|[_-]|[a-z])(?:pnr|locator|booking|reservation|confirmation|order|ticket|case|claim|policy|member(?:ship)?|account|acct|invoice|tracking|reference|ref|voucher|loyalty|frequent_?flyer|passport|licen[cs]e)(?:[_-]?(?:id|number|no|num|code|ref))?$|(?:^|[_-])(?:number|no|num|code)$/i;
/** A value shaped like a code: letters and digits mixed, or a long digit run; never a month or a date ("2025-10"). */
const CODE_VALUE_RE = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9-]{3,30}$|^[A-Z]{5,8}$/;
const DATE_LIKE_RE = /^\d{4}-\d{2}(?:-\d{2})?(?:[T ].*)?$|^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$/;
/** Types whose placeholders are keyed by the value alone, so a code spoken in text and typed in a tool argument get one placeholder. */
const VALUE_TYPES = new Set<EntityType>(['PHONE', 'CARD_NUMBER', 'SSN', 'ACCOUNT_NUMBER', 'ZIP', 'IBAN', 'DRIVER_LICENSE']);
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

  /** Codes this call holds (surface → type), searched for in every text of the call. */
  readonly known = new Map<string, EntityType>();
  private readonly byValue = new Map<string, string>();

  /** The label already given to this value under any identifier type, if any. */
  labelOfValue(original: string): string | undefined {
    return this.byValue.get(valueKey(original));
  }

  private readonly customCounters = new Map<string, number>();
  /** A policy-defined type: numbered per call, one placeholder per value (shared with identifier types). */
  custom(stem: string, original: string): string {
    const vk = `${stem}\u0000${valueKey(original)}`;
    const seen = this.byValue.get(vk);
    if (seen !== undefined) return seen;
    const n = (this.customCounters.get(stem) ?? 0) + 1;
    this.customCounters.set(stem, n);
    const label = `[${stem}_${n}]`;
    this.byValue.set(vk, label);
    return label;
  }

  /**
   * Numbers new placeholders after those already in `text`. A call stored in part (an earlier file, an
   * earlier live batch) and redacted again with its later part holds placeholders: a name learned later
   * must not get the number an earlier, different name already has.
   */
  reserve(text: string): void {
    if (!text.includes('[')) return;
    NUMBERED_PLACEHOLDER_RE.lastIndex = 0;
    for (let m = NUMBERED_PLACEHOLDER_RE.exec(text); m !== null; m = NUMBERED_PLACEHOLDER_RE.exec(text)) {
      const stem = m[1]!;
      const n = Number(m[2]);
      let typed = false;
      for (const type of ENTITY_TYPES) {
        if (this.rules[type].placeholder !== stem) continue;
        typed = true;
        if ((this.counters.get(type) ?? 0) < n) this.counters.set(type, n);
      }
      if (!typed && (this.customCounters.get(stem) ?? 0) < n) this.customCounters.set(stem, n);
    }
  }

  label(type: EntityType, original: string, value: number | undefined): string {
    const rule = this.rules[type];
    if (VALUE_TYPES.has(type) && rule.mode !== 'plain') {
      // One placeholder per value across text and tool arguments, whichever type found it first.
      const vk = valueKey(original);
      const seen = this.byValue.get(vk);
      if (seen !== undefined) return seen;
      const n = (this.counters.get(type) ?? 0) + 1;
      this.counters.set(type, n);
      const label = `[${rule.placeholder}_${n}]`;
      if (vk.length > 0) this.byValue.set(vk, label);
      return label;
    }
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

/** A numbered placeholder the redactor writes: "[CUSTOMER_NAME_2]" → stem CUSTOMER_NAME, number 2. */
const NUMBERED_PLACEHOLDER_RE = /\[([A-Z][A-Z0-9_]*?)_(\d{1,6})\]/g;

/** Every string of a value (bounded depth), for `PlaceholderBook.reserve`. */
function reserveAll(value: unknown, book: PlaceholderBook, depth = 0): void {
  if (typeof value === 'string') book.reserve(value);
  else if (depth > 64 || value === null || typeof value !== 'object') return;
  else if (Array.isArray(value)) for (const x of value) reserveAll(x, book, depth + 1);
  else for (const x of Object.values(value as Record<string, unknown>)) reserveAll(x, book, depth + 1);
}

/** A code's value whatever its surface: "ACC-88213" → "acc88213", "eight eight two one" → "8821". */
function valueKey(s: string): string {
  const compact = s.replace(/[^0-9A-Za-z]/g, '').toLowerCase();
  if (/[a-z]{3}/.test(compact) && /(?:one|two|three|four|five|six|seven|eight|nine|zero|oh|double|triple)/i.test(s)) {
    const run = readNumberRun(s);
    if (run.digits.length >= 3 && !/[a-z]/i.test(s.replace(new RegExp(`\\b(?:${NUMBER_WORDS.join('|')}|and|dash|hyphen|dot|point|slash)\\b`, 'gi'), ''))) return run.digits;
  }
  return compact;
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
/** Entities of a policy's custom type: the placeholder stem (`MEMBER_ID`). */
const customStem = new WeakMap<DetectedEntity, string>();

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
    const stem = customStem.get(e);
    const surface = splitKey.get(e) ?? text.slice(e.start, e.end);
    out += text.slice(at, e.start) + (agentEntity.has(e) ? AGENT_NAME_PLACEHOLDER : stem !== undefined ? book.custom(stem, surface) : book.label(e.type, surface, e.value));
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
  const detector: Detector = createDetector({ enabled, allowlist: policy.allowlist, minScore: policy.minScore, learned: true });
  const { hashing, hmacKey } = options;

  function hashIdentifier(value: string): string {
    const trimmed = value.trim();
    const digits = trimmed.replace(/[\s().+-]/g, '');
    let norm = /^\d{7,15}$/.test(digits) ? digits : trimmed.toLowerCase();
    if (/^1\d{10}$/.test(norm)) norm = norm.slice(1); // +1 NANP prefix: "+1 415…" and "415…" are one caller
    return hashing.hmacSha256(hmacKey, norm);
  }

  function redactText(text: string): RedactionResult {
    const entities = withCustomTypes(text, detector.detect(text));
    return { text: render(text, entities, new PlaceholderBook(rules)), entities };
  }

  // Texts repeat verbatim across calls: a system policy sent with every call (τ-bench's ~19 KB), an
  // agent's scripted lines, "Yes." / "Thank you.". Detection depends only on the text, the call's business
  // names and the turn's hint, so its result is kept under those (the string itself is the key: V8 hashes
  // it once) and reused. Callers get their own copy of the list (they add to it); the entity objects are
  // shared and never changed (a changed entity is a copy). Bounded: cleared when full.
  const detections = new Map<string, Map<string, readonly DetectedEntity[]>>();
  let cachedTexts = 0;
  const MAX_CACHED_TEXTS = 50_000;
  const MAX_CACHED_CHARS = 1 << 20;
  function detectCached(text: string, orgs?: readonly string[], orgsKey = '', hint?: TurnHint): DetectedEntity[] {
    if (text.length > MAX_CACHED_CHARS) return detector.detect(text, orgs, hint);
    const context = hint === undefined ? orgsKey : `${hint}\u0001${orgsKey}`;
    let texts = detections.get(context);
    const hit = texts?.get(text);
    if (hit !== undefined) return hit.slice();
    const found = detector.detect(text, orgs, hint);
    if (cachedTexts >= MAX_CACHED_TEXTS) {
      detections.clear();
      cachedTexts = 0;
      texts = undefined;
    }
    if (texts === undefined) detections.set(context, (texts = new Map()));
    texts.set(text, found.slice());
    cachedTexts++;
    return found;
  }
  const orgNameCache = new Map<string, readonly string[]>();
  function orgNamesCached(text: string): readonly string[] {
    let names = orgNameCache.get(text);
    if (names === undefined) {
      if (orgNameCache.size >= MAX_CACHED_TEXTS) orgNameCache.clear();
      orgNameCache.set(text, (names = detector.orgNames(text)));
    }
    return names;
  }

  function redactWith(book: PlaceholderBook, text: string): string {
    const found = withCustomTypes(text, detectCached(text));
    return render(text, book.known.size > 0 ? withKnownCodes(text, found, book) : found, book);
  }

  // Types a policy adds (`customTypes`): their matches replace whatever overlaps them, as identifiers.
  const custom = policy.customTypes.map((c) => ({ stem: c.name, re: new RegExp(c.pattern, 'gu') }));
  function withCustomTypes(text: string, found: DetectedEntity[]): DetectedEntity[] {
    if (custom.length === 0) return found;
    let spans = found;
    for (const { stem, re } of custom) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        let span: DetectedEntity = { type: 'ACCOUNT_NUMBER', start: m.index, end: m.index + m[0].length, score: 0.95 };
        // A policy's type adds redaction, never removes it: a match over part of an email, a phone or an SSN
        // ("@[a-z]+", "1120") widens to the whole of what it overlaps, which keeps its built-in type.
        const overlapped = spans.filter((x) => x.start < span.end && x.end > span.start);
        const start = Math.min(span.start, ...overlapped.map((x) => x.start));
        const end = Math.max(span.end, ...overlapped.map((x) => x.end));
        if (start === span.start && end === span.end) customStem.set(span, stem);
        else span = { ...overlapped.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a)), start, end };
        spans = mergeSpan(spans, span);
      }
    }
    return spans;
  }

  /** A code the call holds (a tool argument's PNR, a spoken account number) is redacted wherever it appears. */
  function withKnownCodes(text: string, found: DetectedEntity[], book: PlaceholderBook): DetectedEntity[] {
    let spans = found;
    for (const [code, type] of book.known) {
      for (let at = text.indexOf(code); at >= 0; at = text.indexOf(code, at + code.length)) {
        const end = at + code.length;
        if (WORD_CHAR_RE.test(text.charAt(at - 1)) || WORD_CHAR_RE.test(text.charAt(end))) continue;
        if (spans.some((x) => x.start <= at && x.end >= end)) continue;
        spans = mergeSpan(spans, { type, start: at, end, score: 0.9 });
      }
    }
    return spans;
  }

  // Identifiers are data: an id holding an email, a phone number or a name is replaced by its keyed hash.
  const idMemo = new Map<string, string>();
  function safeId(id: string): string {
    let out = idMemo.get(id);
    if (out === undefined) {
      out = personalIdType(id, (words) => detector.detect(words)) !== undefined ? `id_${hashIdentifier(id).slice(0, 24)}` : id;
      if (idMemo.size >= 10_000) idMemo.clear();
      idMemo.set(id, out);
    }
    return out;
  }

  /** Codes under code-named fields of tool arguments and JSON tool results ("pnr": "KX7P2Q"). */
  function collectCodes(value: unknown, key: string | undefined, book: PlaceholderBook, depth = 0): void {
    if (depth > 64) return;
    if (typeof value === 'string') {
      const v = value.trim();
      if (key !== undefined && isCodeField(key, v)) book.known.set(v, codeType(key));
    } else if (Array.isArray(value)) for (const x of value) collectCodes(x, key, book, depth + 1);
    else if (value !== null && typeof value === 'object') for (const [k, x] of Object.entries(value as Record<string, unknown>)) collectCodes(x, k, book, depth + 1);
  }

  function redactAny(value: unknown, key: string | undefined, book: PlaceholderBook): unknown {
    if (typeof value === 'string') {
      if (key !== undefined && value.length > 0) {
        if (ID_FIELD_RE.test(key) && !SHA_HEX_RE.test(value)) return book.labelOfValue(value) ?? `id_${hashIdentifier(value).slice(0, 24)}`;
        const v = value.trim();
        if (isCodeField(key, v) && rules[codeType(key)].enabled) return book.label(codeType(key), v, undefined);
        // "month": "2025-10" is a month, not an account number.
        if (MONTH_RE.test(v)) return value;
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
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        // A key can be data too (metadata keyed by the caller's email or name): redacted unless shaped like a field name.
        let key = FIELD_NAME_RE.test(k) ? k : redactWith(book, k);
        while (key !== k && Object.prototype.hasOwnProperty.call(out, key)) key += '_';
        out[key] = redactAny(v, k, book);
      }
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

  function redactConversation(conversation: Conversation, options?: RedactConversationOptions): Conversation {
    const book = new PlaceholderBook(rules);
    const events = conversation.events;
    if (options?.continueNumbering) for (const e of events) reserveAll(e, book);
    // Detect every turn first so a number spoken across two turns can be joined before rendering.
    const turnEntities = new Map<number, DetectedEntity[]>();
    // Business names the call names in company contexts ("thank you for calling Acme Outfitters") are not
    // redacted in any of its turns; organizations are not data about the caller.
    let orgSet: Set<string> | undefined;
    // The agent names the business ("thank you for calling…"); a caller's own company context is handled inside its turn.
    for (const e of events) {
      if (e.type !== 'turn' || e.role !== 'agent') continue;
      for (const name of orgNamesCached(e.text)) (orgSet ??= new Set()).add(name);
      const g = AGENT_GREETING_ORG_RE.exec(e.text);
      if (g && !g[1]!.split(/[ ]+/).some((w) => FIRST_NAME_SET.has(w.toLowerCase()))) (orgSet ??= new Set()).add(g[1]!);
    }
    const orgs = orgSet ? [...orgSet] : undefined;
    const orgsKey = orgs ? orgs.join('\u0002') : '';
    const callId = safeId(conversation.callId);
    const agentId = safeId(conversation.agentId);
    const ids = (e: ConversationEvent) => {
      const eventId = safeId(e.eventId);
      return e.callId === callId && e.agentId === agentId && eventId === e.eventId ? {} : { callId, agentId, eventId };
    };
    const safeSource = (src: NonNullable<Conversation['source']>) => (src.externalId !== undefined ? { ...src, externalId: safeId(src.externalId) } : src);
    // Codes typed into tool arguments and results join their spoken and written mentions (one placeholder per value).
    for (const e of events) {
      if (e.type === 'tool.called') collectCodes(e.arguments, undefined, book);
      else if (e.type === 'tool.result' && e.result !== undefined && /^\s*[[{]/.test(e.result)) {
        const parsed = parseJson(e.result);
        if (parsed !== undefined) collectCodes(parsed, undefined, book);
      }
    }
    const agentNames = new Set<string>();
    // The system prompt names the agent ("You are Ava, the receptionist at Brightside Dental"): [AGENT_NAME] there and in every turn.
    for (const e of events) {
      if (e.type !== 'call.started' || e.systemPrompt === undefined) continue;
      SYSTEM_AGENT_RE.lastIndex = 0;
      for (let m = SYSTEM_AGENT_RE.exec(e.systemPrompt); m !== null; m = SYSTEM_AGENT_RE.exec(e.systemPrompt)) agentNames.add(normalizeKey('PERSON', m[1]!));
      for (const name of orgNamesCached(e.systemPrompt)) (orgSet ??= new Set()).add(name);
    }
    let prevTurn = -1;
    // What the agent last asked for ("what's your name?"): the caller's next turns are read as answers to it.
    let hint: TurnHint | undefined;
    let trailing: TurnHint | undefined;
    let numberType: EntityType | undefined;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.type !== 'turn') continue;
      if (e.role === 'agent') {
        hint = questionHint(e.text);
        numberType = hint === 'number' ? numberQuestionType(e.text) : undefined;
        trailing = undefined;
      }
      const found = withCustomTypes(e.text, detectCached(e.text, orgs, orgsKey, e.role === 'user' ? (trailing ?? hint) : undefined));
      // Answering "your social security number?" in pieces ("one two three" / "four five" / …): every spoken or written
      // digit group of the answer is part of the number asked for.
      if (e.role === 'user' && numberType !== undefined && rules[numberType].enabled) addNumberFragments(e.text, found, numberType);
      if (e.role === 'user') {
        trailing = NAME_TAIL_RE.test(e.text) ? 'name' : undefined;
        for (const x of found) {
          // A code the caller spoke ("booking code KX7P2Q") is redacted in tool results and prompts too.
          if (VALUE_TYPES.has(x.type) && x.end - x.start >= 5 && /\d/.test(e.text.slice(x.start, x.end))) {
            const surface = e.text.slice(x.start, x.end);
            if (!book.known.has(surface)) book.known.set(surface, x.type);
          }
        }
      }
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
        for (let k = 0; k < list.length; k++) {
          const x = list[k]!;
          if ((x.type !== 'PERSON' && x.type !== 'LOCATION') || agentNames.has(normalizeKey('PERSON', text.slice(x.start, x.end))) === false) continue;
          // Detections are shared between calls (detectCached): mark a copy, never the cached object.
          const copy: DetectedEntity = { ...x };
          const whole = splitKey.get(x);
          if (whole !== undefined) splitKey.set(copy, whole);
          const stem = customStem.get(x);
          if (stem !== undefined) customStem.set(copy, stem);
          agentEntity.add(copy);
          list[k] = copy;
        }
      }
    }
    const out: ConversationEvent[] = events.map((e, i): ConversationEvent => withUnknownFieldsRedacted(redactEvent(e, i), EVENT_FIELDS, book));
    function redactEvent(e: ConversationEvent, i: number): ConversationEvent {
      switch (e.type) {
        case 'call.started':
          return {
            ...e,
            ...ids(e),
            ...(e.source ? { source: safeSource(e.source) } : {}),
            ...(e.callerKey !== undefined ? { callerKey: SHA_HEX_RE.test(e.callerKey) ? e.callerKey : hashIdentifier(e.callerKey) } : {}),
            ...(e.systemPrompt !== undefined ? { systemPrompt: redactPrompt(book, e.systemPrompt, agentNames, orgs, orgsKey) } : {}),
            ...(e.platform !== undefined ? { platform: redactPlatform(e.platform, book) } : {}),
          };
        case 'turn': {
          const found = turnEntities.get(i) ?? [];
          return { ...e, ...ids(e), text: render(e.text, book.known.size > 0 ? withKnownCodes(e.text, found, book) : found, book) };
        }
        case 'tool.called':
          return { ...e, ...ids(e), arguments: redactAny(e.arguments, undefined, book) as Record<string, unknown> };
        case 'tool.result':
          return {
            ...e,
            ...ids(e),
            ...(e.result !== undefined ? { result: redactResult(book, e.result) } : {}),
            ...(e.error !== undefined ? { error: redactWith(book, e.error) } : {}),
          };
        case 'agent.error':
          return { ...e, ...ids(e), message: redactWith(book, e.message) };
        case 'feedback':
          return { ...e, ...ids(e), ...(e.comment !== undefined ? { comment: redactWith(book, e.comment) } : {}) };
        case 'call.ended':
          return {
            ...e,
            ...ids(e),
            outcome: withUnknownFieldsRedacted(e.outcome, OUTCOME_FIELDS, book),
            ...(e.metrics !== undefined ? { metrics: redactMetrics(e.metrics, book) } : {}),
          };
        default:
          return e;
      }
    }
    // The digest blocks are rebuilt from the redacted events, so no raw copy rides along beside them.
    const { platform: _platform, metrics: _metrics, ...rest } = conversation;
    const redacted = withUnknownFieldsRedacted(
      {
        ...rest,
        callId,
        agentId,
        ...(conversation.source ? { source: safeSource(conversation.source) } : {}),
        ...(conversation.outcome ? { outcome: withUnknownFieldsRedacted(conversation.outcome, OUTCOME_FIELDS, book) } : {}),
        events: out,
      },
      CONVERSATION_FIELDS,
      book,
    ) as Conversation;
    const platform = callPlatformOf(out);
    if (platform) redacted.platform = platform;
    const metrics = callMetricsOf(out);
    if (metrics) redacted.metrics = metrics;
    return redacted;
  }

  /**
   * Fields this redactor does not know (a platform's summary, metadata, analysis, URLs added by an
   * adapter) are free text by default: redacted like tool arguments (strings scanned, id- and PII-named
   * fields hashed or replaced), never passed through raw.
   */
  function withUnknownFieldsRedacted<T extends object>(value: T, known: ReadonlySet<string>, book: PlaceholderBook): T {
    let out: Record<string, unknown> | undefined;
    for (const k in value) {
      if (known.has(k) || !Object.prototype.hasOwnProperty.call(value, k)) continue;
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined || typeof v === 'boolean' || (typeof v === 'number' && !/(?:phone|number|ssn|card|account|zip|postal)/i.test(k))) continue;
      (out ??= { ...(value as Record<string, unknown>) })[k] = redactAny(v, k, book);
    }
    return (out ?? value) as T;
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
    // Speech-to-text writes a name in lower case as often as not ("can you tell rohan…" after "Rohan" was found):
    // a name that is no everyday or dictionary word is also looked for whatever its case.
    const anyCase = longestFirst.filter((n) => n.split(/\s+/).every((w) => w.length >= 3 && !COMMON_WORD_SET.has(w.toLowerCase()) && !ENGLISH_WORD_SET.has(w.toLowerCase())));
    for (const [i, list] of turnEntities) {
      const text = (events[i] as { text: string }).text;
      let spans = list;
      const mark = (haystack: string, name: string) => {
        for (let at = haystack.indexOf(name); at >= 0; at = haystack.indexOf(name, at + name.length)) {
          const end = at + name.length;
          if (WORD_CHAR_RE.test(text.charAt(at - 1)) || WORD_CHAR_RE.test(text.charAt(end))) continue;
          if (spans.some((x) => x.start < end && x.end > at)) continue;
          spans = mergeSpan(spans, { type: 'PERSON', start: at, end, score: 0.9 });
        }
      };
      for (const name of longestFirst) mark(text, name);
      if (anyCase.length > 0) {
        const lower = text.toLowerCase();
        // Offsets hold only when lower-casing keeps the length (it does but for a few letters such as "İ").
        if (lower.length === text.length) for (const name of anyCase) mark(lower, name.toLowerCase());
      }
      spans = withRepeatedNameTail(text, spans);
      if (spans !== list) turnEntities.set(i, spans);
    }
  }

  /**
   * "it's hamid, hamid rezaei", "i'm dolores, dolores umbridge-fairweather": a name said again at once is
   * followed by the rest of it; the next word joins the name unless it is an everyday or dictionary word.
   */
  function withRepeatedNameTail(text: string, spans: DetectedEntity[]): DetectedEntity[] {
    let out = spans;
    for (const x of spans) {
      if (x.type !== 'PERSON') continue;
      // Walk back over spaces and the punctuation between the two ("hamid, hamid", "dolores… dolores").
      let k = x.start;
      while (k > 0 && text.charCodeAt(k - 1) === 32) k--;
      const punct = k;
      while (k > 0 && ',.…-'.includes(text.charAt(k - 1))) k--;
      if (k === punct) continue;
      while (k > 0 && text.charCodeAt(k - 1) === 32) k--;
      const name = text.slice(x.start, x.end).toLowerCase();
      if (k < name.length || text.slice(k - name.length, k).toLowerCase() !== name || WORD_CHAR_RE.test(text.charAt(k - name.length - 1))) continue;
      const tail = /^[ ]+([\p{L}][\p{L}'’-]{1,40})/u.exec(text.slice(x.end));
      if (!tail) continue;
      const w = tail[1]!.toLowerCase();
      if (COMMON_WORD_SET.has(w) || ENGLISH_WORD_SET.has(w) || w.split('-').every((p) => COMMON_WORD_SET.has(p) || ENGLISH_WORD_SET.has(p))) continue;
      out = mergeSpan(out, { ...x, end: x.end + tail[0].length });
    }
    return out;
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

  /** The system prompt: the agent's own name is `[AGENT_NAME]`, the business it names is kept. */
  function redactPrompt(book: PlaceholderBook, text: string, agentNames: ReadonlySet<string>, orgs: readonly string[] | undefined, orgsKey: string): string {
    let found = withCustomTypes(text, detectCached(text, orgs, orgsKey));
    if (agentNames.size > 0) {
      // Cached detections are shared between calls: mark copies, never the cached objects.
      found = found.map((x) => {
        if ((x.type !== 'PERSON' && x.type !== 'LOCATION') || !agentNames.has(normalizeKey('PERSON', text.slice(x.start, x.end)))) return x;
        const copy: DetectedEntity = { ...x, type: 'PERSON' };
        agentEntity.add(copy);
        return copy;
      });
    }
    return render(text, book.known.size > 0 ? withKnownCodes(text, found, book) : found, book);
  }

  function addNumberFragments(text: string, found: DetectedEntity[], type: EntityType): void {
    NUMBER_RUN_RE.lastIndex = 0;
    for (let m = NUMBER_RUN_RE.exec(text); m !== null; m = NUMBER_RUN_RE.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (readNumberRun(m[0]).digits.length < 2 || found.some((x) => x.start < end && x.end > start)) continue;
      found.push({ type, start, end, score: 0.8 });
    }
    found.sort((a, b) => a.start - b.start);
  }

  function redactResult(book: PlaceholderBook, result: string): string {
    if (/^\s*[[{]/.test(result)) {
      const parsed = parseJson(result);
      // A result nested deeper than any real payload (a hostile one) is redacted as text: walking it would overflow the stack.
      if (parsed !== undefined && typeof parsed === 'object' && !deeperThan(parsed, 256)) return JSON.stringify(redactAny(parsed, undefined, book));
    }
    return redactWith(book, result);
  }

  return {
    detect: (text) => detector.detect(text),
    hashIdentifier,
    redactText,
    redactConversation,
    redactValue: <T>(value: T) => redactAny(value, undefined, new PlaceholderBook(rules)) as T,
  };
}

/** "You are Ava", "Your name is Sam": how a system prompt names the agent. */
const SYSTEM_AGENT_RE = /\b(?:[Yy]ou are|[Yy]ou're|[Yy]our name is|[Aa]ct as|introduce yourself as|[Yy]ou will be)[ ]+([\p{Lu}][\p{L}'’-]+)(?=[ ]*[,.;:!]|[ ]+(?:the|a|an|from|at|of|with|who)\b)/gu;
/** Fields of events and conversations the redactor handles by name (or that are structural); any other field is free text. */
const EVENT_FIELDS: ReadonlySet<string> = new Set([
  'eventId', 'callId', 'agentId', 'ts', 'type', 'role', 'text', 'startMs', 'endMs', 'interrupted', 'annotations', 'channel', 'callerKey',
  'agentVersion', 'source', 'systemPrompt', 'toolCallId', 'name', 'arguments', 'ok', 'result', 'error', 'code', 'message', 'stage', 'toolName',
  'outcome', 'from', 'rating', 'label', 'comment', 'platform', 'metrics', 'seq', 'promptVersion', 'latency',
]);
const OUTCOME_FIELDS: ReadonlySet<string> = new Set(['resolved', 'escalated', 'transferred', 'abandoned', 'csat', 'durationMs', 'endReason', 'endReasonRaw', 'reward']);
const CONVERSATION_FIELDS: ReadonlySet<string> = new Set(['callId', 'agentId', 'startedAt', 'endedAt', 'source', 'outcome', 'events', 'platform', 'metrics']);
const MONTH_RE = /^\d{4}-(?:0[1-9]|1[0-2])$/;
/** "What's your name?", "how do you spell that?", "the delivery address?": what the caller's next turn answers. */
const NAME_QUESTION_RE = /\b(?:(?:your|the|first|last|full|sur|middle|passenger|caller|account holder'?s?) ?name|name (?:please|on the)|who (?:am i|do i have|is this|is calling|'s calling)|who's calling|speaking (?:with|to)|with whom)\b/i;
const SPELL_QUESTION_RE = /\bspell/i;
const ADDRESS_QUESTION_RE = /\b(?:address|street|where (?:do you live|should we|can we)|post ?code|zip)\b/i;
const EMAIL_QUESTION_RE = /\be-?mail\b/i;
const NUMBER_QUESTION_RE = /\b(?:number|phone|digits|social|ssn|date of birth|birthday|card)\b/i;
/** A caller's turn that stops right before the name: "my first name is", "the surname's". */
const NAME_TAIL_RE = /\b(?:name(?:'s| is)?|spelled|spell it|that's|it's|its|it is|uh|um|er)[ ,.:-]*$/i;

function questionHint(text: string): TurnHint | undefined {
  if (SPELL_QUESTION_RE.test(text)) return 'spell';
  if (NAME_QUESTION_RE.test(text)) return 'name';
  if (EMAIL_QUESTION_RE.test(text)) return 'email';
  if (ADDRESS_QUESTION_RE.test(text)) return 'address';
  if (NUMBER_QUESTION_RE.test(text)) return 'number';
  return undefined;
}

/** What kind of number the agent asked for. */
function numberQuestionType(text: string): EntityType {
  if (/social|ssn/i.test(text)) return 'SSN';
  if (/card/i.test(text)) return 'CARD_NUMBER';
  if (/birth/i.test(text)) return 'DATE_OF_BIRTH';
  if (/phone|call ?back|reach you|mobile|cell/i.test(text)) return 'PHONE';
  return 'ACCOUNT_NUMBER';
}

function isCodeField(key: string, value: string): boolean {
  return CODE_FIELD_RE.test(key.replace(/([a-z])([A-Z])/g, '$1_$2')) && CODE_VALUE_RE.test(value) && !DATE_LIKE_RE.test(value);
}
function codeType(key: string): EntityType {
  return /licen[cs]e/i.test(key) ? 'DRIVER_LICENSE' : 'ACCOUNT_NUMBER';
}
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a parsed JSON value nests deeper than `max` (iterative: it must not overflow the stack itself). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) if (x !== null && typeof x === 'object') stack.push([x, d + 1]);
  }
  return false;
}

/** Replaces whatever `span` overlaps with `span` itself, keeping the list ordered. */
function mergeSpan(list: DetectedEntity[], span: DetectedEntity): DetectedEntity[] {
  const kept = list.filter((e) => e.end <= span.start || e.start >= span.end);
  kept.push(span);
  return kept.sort((x, y) => x.start - y.start);
}
