import { COMMON_WORD_SET } from './lexicon/commonWords';
import { FIRST_NAME_SET } from './lexicon/firstNames';
import { MULTI_WORD_PLACES, PLACE_SET, US_STATE_CODES } from './lexicon/places';
import { SURNAME_SET } from './lexicon/surnames';
import { HAS_NUMBER_RE, NUMBER_RUN_RE, NUMBER_WORDS, readNumberRun } from './spoken';
import type { NumberRun } from './spoken';
import type { DetectedEntity, EntityType } from './types';
import { cardValid, dateValid, ibanValid, ipv4Valid, numericDateValid, ssnValid } from './validators';

/**
 * The detectors. One call scans a text with a handful of precompiled regular expressions, each behind
 * a cheap prefilter, reads every run of digits or number words once, and resolves overlaps by score.
 * Detection never allocates per character; the name pass allocates one string per capitalised word.
 */

export interface DetectOptions {
  /** Entity types to report. */
  enabled: ReadonlySet<EntityType>;
  /** Lower-cased allowlisted terms (business names, product names) that are never reported. */
  allowlist: readonly string[];
  minScore: number;
  /**
   * Strict mode (the compliance validator): also reports bare long digit runs, lone lexicon first
   * names and capitalised name pairs without context.
   */
  strict?: boolean;
}

export interface Detector {
  detect(text: string): DetectedEntity[];
}

interface Candidate {
  type: EntityType;
  start: number;
  end: number;
  score: number;
  /** Numeric value for amounts and ages (bucketing). */
  value?: number;
}

// ---------------------------------------------------------------- regular expressions (compiled once)

const EMAIL_RE = /[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/g;
const TLD = '(?:com|net|org|edu|gov|io|co|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|cz|ee|cy|ca|au|info|biz|me|ai|app)';
const SPOKEN_EMAIL_RE = new RegExp(
  `\\b(?:[a-z0-9]+(?:[ ]+|[ ]*(?:dot|underscore|dash|hyphen|period)[ ]+|[._-]))*?[a-z0-9]+[ ]*(?:\\bat\\b|@)[ ]*[a-z0-9-]+(?:[ ]*(?:\\bdot\\b|\\.)[ ]*[a-z0-9-]+)*?[ ]*(?:\\bdot\\b|\\.)[ ]*${TLD}\\b`,
  'gi',
);
const SPOKEN_EMAIL_HINT_RE = /\b(?:at|dot)\b/i;
const URL_RE = new RegExp(
  `\\b(?:https?:\\/\\/|www\\.)[^\\s<>"'()\\[\\]]+|\\b[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.${TLD}\\b(?:\\/[^\\s<>"'()\\[\\]]*)?`,
  'gi',
);
const SPOKEN_URL_RE = new RegExp(`\\b(?:w w w|www)[ ]+dot[ ]+[a-z0-9-]+(?:[ ]+dot[ ]+[a-z0-9-]+)*|\\b[a-z0-9-]+[ ]+dot[ ]+${TLD}\\b(?:[ ]+slash[ ]+[a-z0-9-]+)*`, 'gi');
const IBAN_RE = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g;
const IPV6_RE = /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4}\b/gi;
const MONEY_RE = /(?:[$€£]|\b(?:USD|EUR|GBP)\s?)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|K|m|M|million|thousand|bn|billion)\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:dollars?|bucks|usd|euros?|pounds)\b/g;

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const ORDINAL_WORDS =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first';
const YEAR_WORDS = '(?:nineteen|twenty)(?:[ -](?:oh[ -])?(?:[a-z]+)(?:[ -][a-z]+)?)?|two thousand(?:[ -](?:and[ -])?[a-z]+(?:[ -][a-z]+)?)?';
const DAY = `\\d{1,2}(?:st|nd|rd|th)?|${ORDINAL_WORDS}`;
const WRITTEN_DATE_RE = new RegExp(
  `\\b(?:(?:${MONTHS})\\.?[ ]+(?:the[ ]+)?(?:${DAY})(?:,?[ ]+(?:\\d{4}|${YEAR_WORDS}))?|(?:the[ ]+)?(?:${DAY})[ ]+(?:of[ ]+)?(?:${MONTHS})\\.?(?:,?[ ]+(?:\\d{4}|${YEAR_WORDS}))?|(?:${MONTHS})\\.?,?[ ]+\\d{4})\\b`,
  'gi',
);
const MONTH_HINT_RE = new RegExp(`\\b(?:${MONTHS})\\b`, 'i');
const ISO_DATETIME_RE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b/g;

const STREET_SUFFIX =
  'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|square|sq|trail|trl|crescent|close|row|alley|plaza|loop|pike|route|rte|expressway|freeway|fwy|junction|ridge|heights|hts|gardens|grove|mews|walk|wharf|park|point|pointe|crossing|view|hill|hills|landing|valley|vista|station|summit|track|turnpike|via|camino';
const EURO_STREET = '[\\p{Lu}][\\p{L}]*(?:katu|tie|gatan|vägen|vagen|gata|straße|strasse|str\\.?|weg|gasse|platz|laan|straat|gracht|vej|vei|veien|allee|ulica|utca|tér|ut|út)';
const UNIT = '(?:,?[ ]*(?:[Aa]pt|APT|[Aa]partment|[Ss]uite|SUITE|[Ss]te|[Uu]nit|UNIT|[Ff]lat|[Ff]loor|[Ff]l|[Rr]oom|[Rr]m|[Bb]ldg|[Bb]uilding|#)\\.?[ ]*#?[A-Za-z0-9-]*\\d[A-Za-z0-9-]*)';
const CAP_WORD = "[\\p{Lu}][\\p{L}'’.-]*";
const SUFFIX_ANY_CASE = STREET_SUFFIX.split('|')
  .map((x) => `${x}|${x[0]!.toUpperCase()}${x.slice(1)}|${x.toUpperCase()}`)
  .join('|');
const ADDRESS_RE = new RegExp(
  `\\b\\d{1,6}[A-Za-z]?(?:[ ]+${CAP_WORD}){1,4}[ ]+(?:${SUFFIX_ANY_CASE})\\b\\.?${UNIT}?|\\b\\d{1,5}[ ]+${EURO_STREET}(?:[ ]+\\d{1,5}[A-Za-z]?)?\\b${UNIT}?|\\b${EURO_STREET}[ ]+\\d{1,5}[A-Za-z]?\\b${UNIT}?|\\b(?:via|rue|calle|avenida|rua|avenue|ulica|piazza|plaza|chemin|boulevard)[ ]+(?:(?:de|del|la|le|des|da|do|dos)[ ]+)?${CAP_WORD}(?:[ ]+${CAP_WORD}){0,2},?[ ]+\\d{1,5}\\b${UNIT}?`,
  'gu',
);
const UNIT_ONLY_RE = /\b(?:Apt|Apartment|Suite|Ste|Unit|Flat)\.?[ ]*#?\d{1,5}[A-Za-z]?\b/g;
// What follows an address line: ", City, ST 12345", "\nCity\n, ST\n Country 12345" (form-filled text).
const ADDRESS_TAIL_RE = /^(?:[ ]*[,\n][ \n,]*(?:[\p{Lu}][\p{L}'.-]*(?:[ ]+[\p{Lu}][\p{L}'.-]*){0,3}))?(?:[ \n]*[,\n][ \n,]*[A-Z]{2}\b)?(?:[ ]*[,\n]?[ \n]*(?:[\p{Lu}][\p{L}'.-]*(?:[ ]+[\p{Lu}][\p{L}'.-]*){0,2}[ ]+)?\d{4,5}(?:-\d{3,4})?\b)?/u;
const STATE_ZIP_RE = /\b([A-Z]{2})[ ]+(\d{5}(?:-\d{4})?)\b/g;

const NAME_TRIGGER_RE =
  /\b(?:(my (?:full |first |last |middle )?name(?:'s| is)|(?:first|last|full|middle|sur) ?name(?: is|:)|name:|call me|surname is|it's spelled|spelled)|(this is|i'm|i am|it's|speaking with|talking to|spoke (?:to|with)|ask for|named|called|dear|hi|hello|hey|thanks|thank you|bye|goodbye|sincerely|regards|mr|mrs|ms|miss|dr|prof|customer|caller|client|patient|agent|manager|son|daughter|wife|husband|brother|sister|mother|father|friend|colleague|by|from|with|for|and|to))\b[.:,]?[ ]*(?:(?:uh|um|er|it's|its)[ ,]+)?/gi;
const NAME_TOKEN_RE = /[\p{L}][\p{L}'’-]*/uy;
const CAP_SEQ_RE = /(?<![\p{L}'’])[\p{Lu}][\p{L}'’-]*(?:[ ]+(?:(?:de|van|von|der|den|da|di|del|la|le|bin|ibn|al|st\.)[ ]+)?[\p{Lu}][\p{L}'’-]*){0,3}/gu;
const LOWER_NAME_PAIR_RE = /\b[a-z][a-z'’-]+[ ]+[a-z][a-z'’-]+\b/g;
const SPELLED_RE = /(?<![\p{L}\d])(?:[A-Za-z][ ]*[.,-]?[ ]+){2,}[A-Za-z](?![\p{L}\d])\.?/gu;
const SPELL_CONTEXT_RE = /\b(?:spell(?:ed|s|ing)?|name|that's|thats|it's|its|letters?|as in)\b/i;

const AGE_AFTER_RE = /^[ ]*(?:-|[ ])?(?:years?|yrs?)(?:[ -]old|[ ]of[ ]age)\b|^[ ]*(?:-year-old|yo\b|y\/o\b)/i;
const AGE_BEFORE_RE = /\b(?:aged?|age is|i'm|i am|he's|she's|he is|she is|turned|turning)[ ]*(?:of[ ]+)?$/i;
const MONEY_AFTER_RE = /^[ ]*(?:dollars?|bucks|usd|euros?|pounds|cents)\b/i;
const MONEY_BEFORE_RE = /(?:[$€£]|\b(?:usd|eur|gbp))[ ]?$/i;

const CTX_CARD = /\b(?:card|credit|debit|visa|mastercard|amex|american express|discover|cc)\b/i;
const CTX_CARD_TAIL = /\b(?:ending(?: in| with)?|ends (?:in|with)|last (?:four|4)(?: digits)?(?: (?:is|are|of))?)[ :]*$/i;
const CTX_SSN = /\b(?:ssn|social security|social|ss#|tax id|tin)\b/i;
const CTX_PHONE = /\b(?:phone|number|call|reach|cell|mobile|tel|telephone|text|contact|fax|dial|line)\b/i;
const CTX_ACCOUNT =
  /\b(?:account|acct|order|member(?:ship)?|policy|confirmation|reference|ref|booking|ticket|invoice|tracking|customer (?:id|number)|routing|case|claim|reservation|loyalty|pin|passcode|passport|id|license|licence|serial|record|mrn|patient)\b/i;
const CTX_DL = /\b(?:driver'?s? licen[cs]e|driving licen[cs]e|licen[cs]e (?:number|no|#)|dl(?: number| no| #)?)\b/i;
const CTX_ZIP = /\b(?:zip|postal|post ?code|zipcode)\b/i;
const CTX_DOB = /\b(?:born|birth|dob|d\.o\.b|birthday|bday)\b/i;
const CTX_YEAR_BEFORE = /\b(?:born in|since|in|from|year|of|until|till|by|during|around|circa)[ ]*$/i;
const CTX_LOCATION_BEFORE = /\b(?:live|living|lives|lived|reside|resides|based|located|moved|move|from|in|to|near|at|visit|visiting|born)[ ]+(?:in[ ]+|to[ ]+|at[ ]+|near[ ]+)?(?:the[ ]+)?$/i;
const PLACEHOLDER_RE = /\[[A-Z][A-Z0-9_]*(?::[^\]\s]*)?\]/g;

const NUMBER_WORD_SET = new Set(NUMBER_WORDS);

function lowerWindow(text: string, from: number, to: number): string {
  return text.slice(Math.max(0, from), Math.min(text.length, to));
}

function isNameToken(word: string): boolean {
  const lower = word.toLowerCase();
  return !COMMON_WORD_SET.has(lower) && !NUMBER_WORD_SET.has(lower);
}

function isUpper(code: number): boolean {
  return (code >= 65 && code <= 90) || (code > 191 && String.fromCharCode(code).toLowerCase() !== String.fromCharCode(code));
}

// ---------------------------------------------------------------- the detector

export function createDetector(options: DetectOptions): Detector {
  const on = (t: EntityType) => options.enabled.has(t);
  const strict = options.strict === true;
  const allow = options.allowlist.map((a) => a.toLowerCase());
  const allowRe =
    allow.length > 0
      ? new RegExp(`(?<![\\p{L}\\d])(?:${allow.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\d])`, 'giu')
      : undefined;
  const allowSet = new Set(allow);
  const multiPlaceRe = new RegExp(`\\b(?:${MULTI_WORD_PLACES.map((p) => p.replace(/ /g, '[ ]+')).join('|')})\\b`, 'gi');

  function detect(text: string): DetectedEntity[] {
    const out: Candidate[] = [];
    const push = (type: EntityType, start: number, end: number, score: number, value?: number) => {
      if (end > start && on(type)) out.push({ type, start, end, score, value });
    };
    let hasDigit = false;
    let hasUpper = false;
    let hasAt = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) hasDigit = true;
      else if (c === 64) hasAt = true;
      else if (!hasUpper && isUpper(c)) hasUpper = true;
      if (hasDigit && hasUpper && hasAt) break;
    }
    const hasNumber = hasDigit || HAS_NUMBER_RE.test(text);
    const lower = hasNumber || !hasUpper ? text.toLowerCase() : '';

    // Emails, written and spoken.
    if (hasAt) for (const m of text.matchAll(EMAIL_RE)) push('EMAIL', m.index, m.index + m[0].length, 0.99);
    if (SPOKEN_EMAIL_HINT_RE.test(text)) {
      for (const m of text.matchAll(SPOKEN_EMAIL_RE)) {
        if (m[0].includes('@') && !/\s/.test(m[0])) continue;
        let start = m.index;
        // Skip the lead-in words ("my email is john dot smith at …" starts at "john").
        const lead = /^(?:(?:my|email|e-mail|address|is|it's|its|the|send|to|it|at|please|use|write|down|yeah|yes|so|and|uh|um|ok|okay)[ ]+)+/i.exec(m[0]);
        if (lead) start += lead[0].length;
        push('EMAIL', start, m.index + m[0].length, 0.9);
      }
    }
    // URLs.
    if (text.includes('.') || text.includes('/')) {
      for (const m of text.matchAll(URL_RE)) {
        let end = m.index + m[0].length;
        while (end > m.index && /[.,;:!?]/.test(text[end - 1]!)) end--;
        const s = m[0].toLowerCase();
        if (!s.includes('/') && !s.startsWith('www') && /^[a-z]{1,3}\.[a-z]{2,3}$/.test(s)) continue; // "e.g", "i.e"-like
        push('URL', m.index, end, s.startsWith('http') || s.startsWith('www') ? 0.9 : 0.7);
      }
    }
    if (lower.includes(' dot ')) for (const m of text.matchAll(SPOKEN_URL_RE)) push('URL', m.index, m.index + m[0].length, 0.7);

    if (hasDigit) {
      if (hasUpper) {
        for (const m of text.matchAll(IBAN_RE)) if (ibanValid(m[0])) push('IBAN', m.index, m.index + m[0].length, 0.99);
        for (const m of text.matchAll(ADDRESS_RE)) {
          let end = m.index + m[0].length;
          const tail = ADDRESS_TAIL_RE.exec(text.slice(end, end + 120));
          if (tail && tail[0].length > 0) end += tail[0].length;
          push('ADDRESS', m.index, end, 0.85);
        }
        for (const m of text.matchAll(UNIT_ONLY_RE)) push('ADDRESS', m.index, m.index + m[0].length, 0.6);
        for (const m of text.matchAll(STATE_ZIP_RE)) {
          if (US_STATE_CODES.has(m[1]!)) push('ZIP', m.index + m[0].length - m[2]!.length, m.index + m[0].length, 0.8);
        }
      }
      if (text.includes(':')) for (const m of text.matchAll(IPV6_RE)) if (m[0].split(':').length >= 4) push('IP_ADDRESS', m.index, m.index + m[0].length, 0.8);
      for (const m of text.matchAll(MONEY_RE)) {
        const v = Number(m[0].replace(/[^\d.]/g, ''));
        const mult = /\b(?:k|thousand)\b/i.test(m[0]) ? 1e3 : /\b(?:m|million)\b/i.test(m[0]) ? 1e6 : /\b(?:bn|billion)\b/i.test(m[0]) ? 1e9 : 1;
        push('DOLLAR_AMOUNT', m.index, m.index + m[0].length, 0.9, v * mult);
      }
      for (const m of text.matchAll(ISO_DATETIME_RE)) {
        const [y, mo, d] = m[0].slice(0, 10).split('-').map(Number) as [number, number, number];
        if (dateValid(y, mo, d)) push(dobContext(lower, m.index) ? 'DATE_OF_BIRTH' : 'DATE', m.index, m.index + m[0].length, 0.9);
      }
    }
    if ((hasDigit || hasNumber) && MONTH_HINT_RE.test(text)) {
      for (const m of text.matchAll(WRITTEN_DATE_RE)) {
        // "may" alone is a verb far more often than a month.
        if (/^may\b/i.test(m[0]) && !/\d/.test(m[0]) && !/^May/.test(m[0])) continue;
        push(dobContext(lower, m.index) ? 'DATE_OF_BIRTH' : 'DATE', m.index, m.index + m[0].length, 0.8);
      }
    }
    if (hasNumber) numberRuns(text, lower, push);
    if (hasUpper) {
      names(text, push);
      places(text, push);
      spelled(text, push);
    } else if (strict || lower.length > 0) {
      lowerNames(text, push);
    }
    const nameHint = /\b(?:name|spell|call me|i'm|this is)\b/i.test(text);
    if (nameHint) triggeredNames(text, push);
    if (!hasUpper && nameHint) spelled(text, push);
    if (!hasUpper && (lower.includes(' live') || lower.includes(' from ') || lower.includes(' in '))) places(text, push);
    return resolve(text, out);
  }

  function dobContext(lower: string, at: number): boolean {
    return CTX_DOB.test(lowerWindow(lower, at - 40, at));
  }

  function numberRuns(text: string, lower: string, push: (t: EntityType, s: number, e: number, score: number, v?: number) => void): void {
    for (const m of text.matchAll(NUMBER_RUN_RE)) {
      let start = m.index;
      const end = start + m[0].length;
      const run = readNumberRun(m[0]);
      const n = run.digits.length;
      if (n === 0) continue;
      if (start > 0 && text[start - 1] === '(' && m[0].includes(')')) start--;
      // Phone extensions: "345-899-3560x4587", "ext. 12".
      const ext = /^[ ]?(?:x|ext\.?|extension)[ ]?\d{1,5}\b/i.exec(text.slice(end, end + 16));
      const before = lowerWindow(lower, start - 48, start);
      const after = lowerWindow(lower, end, end + 24);
      classify(run, before, after, start, end, ext ? ext[0].length : 0, push);
    }
  }

  function classify(
    run: NumberRun,
    before: string,
    after: string,
    start: number,
    end: number,
    extLen: number,
    push: (t: EntityType, s: number, e: number, score: number, v?: number) => void,
  ): void {
    const { shape, digits } = run;
    const n = digits.length;
    // Amounts and ages read the run as a quantity.
    if (MONEY_AFTER_RE.test(after) || MONEY_BEFORE_RE.test(before)) {
      let value = Number.isFinite(run.value) ? run.value : Number(shape.replace(/[^\d.]/g, ''));
      const money = MONEY_AFTER_RE.exec(after);
      if (money && /cents/i.test(money[0])) value /= 100;
      push('DOLLAR_AMOUNT', start, end + (money ? money[0].length : 0), 0.85, value);
      return;
    }
    if (n <= 3 && Number.isFinite(run.value) && run.value <= 125) {
      if (AGE_AFTER_RE.test(after) || (AGE_BEFORE_RE.test(before) && !/^[ ]*(?:%|percent|am|pm|a\.m|p\.m|o'clock|minutes|hours|days|weeks|months|times|items|of)\b/.test(after))) {
        const tail = AGE_AFTER_RE.exec(after);
        push('AGE', start, end + (tail ? tail[0].length : 0), AGE_AFTER_RE.test(after) ? 0.9 : 0.6, run.value);
        return;
      }
    }
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(shape)) {
      if (ipv4Valid(shape)) push('IP_ADDRESS', start, end, 0.95);
      return;
    }
    if (/^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(shape) && numericDateValid(shape) && !/^\d{3}-\d{2}-\d{4}$/.test(shape)) {
      push(CTX_DOB.test(before) ? 'DATE_OF_BIRTH' : 'DATE', start, end, 0.9);
      return;
    }
    const cardCtx = CTX_CARD.test(before);
    if (n >= 13 && n <= 19) {
      if (cardValid(digits)) return push('CARD_NUMBER', start, end, 0.97);
      if (cardCtx) return push('CARD_NUMBER', start, end, 0.75);
    }
    if (n === 4 && CTX_CARD_TAIL.test(before)) return push('CARD_NUMBER', start, end, 0.8);
    const ssnCtx = CTX_SSN.test(before);
    if (n === 9 && (/^\d{3}[- ]\d{2}[- ]\d{4}$/.test(shape) || ssnCtx)) {
      if (ssnValid(digits)) return push('SSN', start, end, ssnCtx || /-/.test(shape) ? 0.95 : 0.7);
      if (ssnCtx) return push('SSN', start, end, 0.6);
    }
    if (n === 4 && ssnCtx && /last (?:four|4)/.test(before)) return push('SSN', start, end, 0.8);
    if (CTX_DL.test(before) && n >= 5) return push('DRIVER_LICENSE', start, end, 0.85);
    if (n >= 5 && n <= 9 && CTX_ZIP.test(before)) return push('ZIP', start, end, 0.9);
    if (n === 4 && /^(?:19|20)\d\d$/.test(digits) && !run.spoken) {
      if (CTX_DOB.test(before)) return push('DATE_OF_BIRTH', start, end, 0.8);
      if (CTX_YEAR_BEFORE.test(before)) return push('DATE', start, end, 0.55);
      return;
    }
    if (n === 4 && run.spoken && /^(?:19|20)\d\d$/.test(digits) && CTX_DOB.test(before)) return push('DATE_OF_BIRTH', start, end, 0.8);
    const phoneCtx = CTX_PHONE.test(before);
    const accountCtx = CTX_ACCOUNT.test(before);
    if (accountCtx && !phoneCtx && n >= 4) return push('ACCOUNT_NUMBER', start, end, 0.85);
    if (n >= 7 && n <= 15) {
      const formatted = /^\+/.test(shape) || /[ .\-/]/.test(shape) || run.spoken;
      if (phoneCtx || formatted || n === 10 || (n === 11 && digits[0] === '1')) {
        return push('PHONE', start, end + extLen, phoneCtx ? 0.9 : formatted ? 0.75 : 0.65);
      }
    }
    if (accountCtx && n >= 4) return push('ACCOUNT_NUMBER', start, end, 0.8);
    if (n >= 6) return push('ACCOUNT_NUMBER', start, end, strict ? 0.7 : 0.55);
    if (n === 5 && !run.spoken && /\b(?:[a-z]{2}|[a-z]+)[ ,]*$/.test(before) && /,[ ]*[a-z .]+,?[ ]*$/.test(before)) {
      return push('ZIP', start, end, 0.6);
    }
  }

  function names(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (const m of text.matchAll(CAP_SEQ_RE)) {
      const seq = m[0];
      // Split into words with offsets.
      const words: { w: string; s: number; e: number }[] = [];
      const wordRe = /[\p{L}][\p{L}'’.-]*/gu;
      for (const w of seq.matchAll(wordRe)) words.push({ w: w[0].replace(/['’]s$|[.]$/u, ''), s: m.index + w.index, e: m.index + w.index + w[0].replace(/['’]s$|[.]$/u, '').length });
      let i = 0;
      while (i < words.length) {
        const first = words[i]!;
        const lw = first.w.toLowerCase();
        const isFirst = FIRST_NAME_SET.has(lw);
        const ambiguous = COMMON_WORD_SET.has(lw) || PLACE_SET.has(lw);
        let j = i + 1;
        while (j < words.length && j - i < 3) {
          const nw = words[j]!.w.toLowerCase();
          if (COMMON_WORD_SET.has(nw) && !SURNAME_SET.has(nw)) break;
          if (PLACE_SET.has(nw) && !SURNAME_SET.has(nw)) break;
          j++;
        }
        const rest = j - i - 1;
        const restSurname = rest > 0 && SURNAME_SET.has(words[i + 1]!.w.toLowerCase());
        if (isFirst && !ambiguous) {
          push('PERSON', first.s, words[j - 1]!.e, rest > 0 ? 0.9 : 0.7);
          i = j;
          continue;
        }
        if ((isFirst || (!ambiguous && first.w.length > 1 && SURNAME_SET.has(lw))) && rest > 0 && (restSurname || !ambiguous)) {
          push('PERSON', first.s, words[j - 1]!.e, restSurname ? 0.85 : 0.7);
          i = j;
          continue;
        }
        if (!ambiguous && rest > 0 && restSurname) {
          // An unknown given name before a known surname: "Jindra Novak".
          push('PERSON', first.s, words[j - 1]!.e, 0.75);
          i = j;
          continue;
        }
        if (strict && !ambiguous && rest > 0 && first.s > 0 && !/[.!?\n]\s*$/.test(text.slice(Math.max(0, first.s - 3), first.s))) {
          push('PERSON', first.s, words[j - 1]!.e, 0.5);
          i = j;
          continue;
        }
        i++;
      }
    }
  }

  function triggeredNames(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (const m of text.matchAll(NAME_TRIGGER_RE)) {
      const strong = m[1] !== undefined;
      let pos = m.index + m[0].length;
      let start = -1;
      let end = -1;
      let count = 0;
      let known = false;
      while (count < 3) {
        NAME_TOKEN_RE.lastIndex = pos;
        const t = NAME_TOKEN_RE.exec(text);
        if (!t) break;
        const word = t[0].replace(/['’]s$/u, '');
        const lw = word.toLowerCase();
        const cap = isUpper(word.charCodeAt(0));
        if (!isNameToken(word) && !(cap && (FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw)) && count > 0)) break;
        if (!strong && !cap) break;
        if (strong && !cap && count > 0 && !(FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw))) break;
        if (FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw)) known = true;
        if (start < 0) start = t.index;
        end = t.index + word.length;
        count++;
        pos = t.index + t[0].length;
        const gap = /^[ ]+/.exec(text.slice(pos, pos + 4));
        if (!gap) break;
        pos += gap[0].length;
      }
      if (count === 0) continue;
      if (strong) push('PERSON', start, end, 0.9);
      else if (known) push('PERSON', start, end, 0.8);
    }
  }

  function lowerNames(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (const m of text.matchAll(LOWER_NAME_PAIR_RE)) {
      const sp = m[0].search(/[ ]/);
      const a = m[0].slice(0, sp);
      const b = m[0].slice(m[0].lastIndexOf(' ') + 1);
      if (FIRST_NAME_SET.has(a) && SURNAME_SET.has(b) && !COMMON_WORD_SET.has(a) && !COMMON_WORD_SET.has(b)) {
        push('PERSON', m.index, m.index + m[0].length, 0.75);
      } else {
        LOWER_NAME_PAIR_RE.lastIndex = m.index + sp + 1;
      }
    }
  }

  function places(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    const wordRe = /[\p{L}]+/gu;
    for (const m of text.matchAll(multiPlaceRe)) {
      const before = lowerWindow(text, m.index - 24, m.index);
      push('LOCATION', m.index, m.index + m[0].length, CTX_LOCATION_BEFORE.test(before) ? 0.8 : 0.6);
    }
    for (const m of text.matchAll(wordRe)) {
      const w = m[0];
      if (w.length < 4) continue;
      const c = w.charCodeAt(0);
      const cap = isUpper(c);
      const lw = w.toLowerCase();
      if (!PLACE_SET.has(lw)) continue;
      const before = lowerWindow(text, m.index - 24, m.index);
      const ctx = CTX_LOCATION_BEFORE.test(before);
      if (cap) push('LOCATION', m.index, m.index + w.length, ctx ? 0.8 : 0.6);
      else if (ctx && /\b(?:live|living|lives|reside|moved|based|located|born)\b/.test(before)) push('LOCATION', m.index, m.index + w.length, 0.6);
    }
  }

  function spelled(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (const m of text.matchAll(SPELLED_RE)) {
      const letters = m[0].replace(/[^A-Za-z]/g, '');
      const before = lowerWindow(text, m.index - 32, m.index);
      const upper = letters === letters.toUpperCase();
      if (letters.length >= 3 && SPELL_CONTEXT_RE.test(before)) push('PERSON', m.index, m.index + m[0].length, 0.85);
      else if (letters.length >= 4 && upper && !/^[A-Z]{2,4}$/.test(m[0])) push('PERSON', m.index, m.index + m[0].length, 0.55);
    }
  }

  function resolve(text: string, cands: Candidate[]): DetectedEntity[] {
    if (cands.length === 0) return [];
    let blocked: [number, number][] | undefined;
    if (text.includes('[')) {
      for (const m of text.matchAll(PLACEHOLDER_RE)) (blocked ??= []).push([m.index, m.index + m[0].length]);
    }
    if (allowRe) for (const m of text.matchAll(allowRe)) (blocked ??= []).push([m.index, m.index + m[0].length]);
    const kept = cands.filter((c) => {
      if (c.score < options.minScore) return false;
      if (allowSet.size > 0 && allowSet.has(text.slice(c.start, c.end).toLowerCase())) return false;
      if (blocked) for (const [s, e] of blocked) if (c.start >= s && c.end <= e) return false;
      if (blocked) for (const [s, e] of blocked) if (c.start < e && c.end > s && PRIORITY[c.type] < 3) return false;
      return true;
    });
    kept.sort((a, b) => PRIORITY[b.type] - PRIORITY[a.type] || b.score - a.score || b.end - b.start - (a.end - a.start));
    const chosen: Candidate[] = [];
    for (const c of kept) {
      let overlap = false;
      for (const d of chosen) {
        if (c.start < d.end && c.end > d.start) {
          overlap = true;
          break;
        }
      }
      if (!overlap) chosen.push(c);
    }
    chosen.sort((a, b) => a.start - b.start);
    return chosen.map((c) => (c.value !== undefined ? { type: c.type, start: c.start, end: c.end, score: c.score, value: c.value } : { type: c.type, start: c.start, end: c.end, score: c.score }));
  }

  return { detect };
}

/** Which detection wins an overlap: validated structured types first, then addresses, then the rest. */
const PRIORITY: Record<EntityType, number> = {
  EMAIL: 9,
  URL: 6,
  IBAN: 9,
  CARD_NUMBER: 8,
  SSN: 8,
  IP_ADDRESS: 8,
  DATE_OF_BIRTH: 7,
  DRIVER_LICENSE: 7,
  PHONE: 6,
  ADDRESS: 6,
  ACCOUNT_NUMBER: 5,
  DATE: 5,
  DOLLAR_AMOUNT: 5,
  AGE: 5,
  ZIP: 4,
  PERSON: 3,
  LOCATION: 2,
};
