import { caseless, trueCase } from './trueCase';
import { ENGLISH_WORD_SET } from './lexicon/englishWords';
import { FIRST_NAME_SET } from './lexicon/firstNames';
import { REGION_PHRASES, US_STATE_CODES } from './lexicon/places';
import { SURNAME_SET } from './lexicon/surnames';
import { NUMBER_RUN_RE, NUMBER_WORDS, readDigitRun, readNumberRun } from './spoken';
import type { NumberRun } from './spoken';
import type { DetectedEntity, EntityType } from './types';
import { cardValid, dateValid, ibanValid, ipv4Valid, numericDateValid, ssnValid } from './validators';
import * as P from './patterns';
import * as W from './wordTable';
import * as T from './textScan';
import { nameSlots } from './nameSlots';
import type { TurnHint } from './nameSlots';
import { spokenContacts } from './spokenContacts';
import { normalizeSpoken } from './spokenForms';
import { TokenBuffer } from './tokens';
import type { DetectContext, Flags } from './tokens';
import { TAGGER_WEIGHTS_JSON } from './lexicon/taggerWeights';
import { DATE_WORD_RE, tagText, toModel } from './tagger';
import type { TaggerModel, TaggerWeights } from './tagger';

// Local bindings: a transpiled import is read through a getter on every use, too slow in the per-character loops.
const { ADDRESS_DIGIT_Y, ADDRESS_TAIL_RE, AGE_AFTER_NAME_RE, AGE_DECADE_RE, ADDRESS_WORD_RE, ADDR_BOX_RE, ADDR_CTX_HINT_RE, ADDR_CTX_RE, ADDR_NUM_Y, ADDR_UNIT_RE, AGE_AFTER_RE, AGE_BEFORE_RE, CONTEXT_ID_RE, CTX_ACCOUNT, CTX_CARD, CTX_CARD_TAIL, CTX_DL, CTX_DOB, CTX_LOCATION_BEFORE, CTX_PHONE, CTX_PHONE_STRONG, CTX_PLACE_STRONG_RE, CTX_PLACE_WEAK_RE, CTX_SSN, CTX_YEAR_BEFORE, CTX_ZIP, EMAIL_RE, IBAN_CI_RE, IBAN_RE, IPV6_HINT_RE, IPV6_RE, ISO_DATETIME_RE, MONEY_AFTER_RE, MONEY_RE, NAME_LIST_NEXT_RE, NAME_LIST_PREV_RE, NAME_TOKEN_RE, NAME_TRIGGER_RE, NON_ASCII_RE, THIS_IS_NAME_RE, ORG_AFTER_RE, ORG_BEFORE_RE, ORG_WORDS, SELF_NAME_RE, FUNCTION_WORDS, PLACEHOLDER_RE, SPELLED_RE, SPELL_CONTEXT_RE, SPOKEN_ADDRESS_RE, SPOKEN_URL_RE, STATE_ZIP_RE, STREET_NAME_RE, TLD_WORDS, EMAIL_SEPARATORS, EMAIL_LEAD_IN, SUBJECT_VERBS, POSTCODE_RE, UNIT_ONLY_RE, URL_RE, WRITTEN_DATE_RE } = P;
const { CITY_MULTI_FIRST, C_ACCOUNT, C_AGE, C_CARD, C_DL, C_DOB, C_PHONE, C_SSN, C_TAIL, C_YEAR, C_ZIP, LEXICON, L_CITY, L_CITY_MULTI, L_COMMON, L_ENGLISH, L_FIRST, L_FREQUENT, L_REGION, L_REGION_FIRST, L_MULTI, L_PLACE, L_PREP, L_SUR, MULTI_PLACE_FIRST, unknownWord } = W;
/** Words a person's name does not follow in running text; the lower-case-name rule skips a word after them. */
const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'any', 'no', 'each', 'every', 'some', 'our', 'your', 'its', 'their']);
/** Verbs that follow a person's name in reported speech ("olga krylova said"), so they do not make a noun phrase. */
const REPORTING_VERBS = new Set(['said', 'says', 'told', 'asked', 'called', 'wrote', 'replied', 'added', 'will', 'would', 'has', 'had', 'is', 'was']);
const { first, gapKind, gluedAfter, isAsciiUpper, isDigitCode, isNameToken, isUpper, isWordCode, isWordOrDot, listJoinAfter, listJoinBefore, lowerSameLength, lowerWindow, moneyBefore, onlySpaces, gapHas, localJoin, localGap } = T;
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
  /**
   * The learned token classifier (tagger.ts) adds the people, places, addresses, dates and ZIP codes the
   * rules miss. On for the redactor; off for the validators (they re-check with the rules alone, so a
   * redacted text never trips them). `margins` overrides the per-type thresholds (evaluation only).
   */
  learned?: boolean | { margins: Partial<Record<LearnedType, number>>; weights?: TaggerWeights };
  /**
   * Read a text with no case a second time with the capitals a lexicon gives its words (trueCase.ts).
   * On by default for the redactor; off by default in strict mode and off for the validators' id probe:
   * there every unknown lower-case word would come back capitalised and read as a name ("added
   * pb-kmnopqrsta by hand", a pattern id "trace_bag_baggage"), and the validator checks text the redactor,
   * which does restore case, has already read.
   */
  restoreCase?: boolean;
}

export interface Detector {
  /** `orgNames`: business names seen in company contexts elsewhere in the same call; never reported as names or places. */
  detect(text: string, orgNames?: readonly string[], hint?: TurnHint): DetectedEntity[];
  /** Business names in company contexts of `text` ("thank you for calling Acme Outfitters"). */
  orgNames(text: string): string[];
}

interface Candidate {
  type: EntityType;
  start: number;
  end: number;
  score: number;
  /** Numeric value for amounts and ages (bucketing). */
  value?: number;
}

export function createDetector(options: DetectOptions): Detector {
  const on = (t: EntityType) => options.enabled.has(t);
  const strict = options.strict === true;
  const restoreCase = options.restoreCase ?? !strict;
  const allow = options.allowlist.map((a) => a.toLowerCase());
  const allowRe =
    allow.length > 0
      ? new RegExp(`(?<![\\p{L}\\d])(?:${allow.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\d])`, 'giu')
      : undefined;
  const allowSet = new Set(allow);
  const learned = options.learned !== undefined && options.learned !== false;
  const margins: Record<LearnedType, number> = { ...LEARNED_MARGINS, ...(typeof options.learned === 'object' ? options.learned.margins : {}) };
  const ownWeights = typeof options.learned === 'object' ? options.learned.weights : undefined;
  const model = ownWeights ? toModel(ownWeights) : undefined;

  // The shared token buffer (tokens.ts): one pass per text, read by every family below.
  const tb = new TokenBuffer();
  const { ts, te, tc, ti, th, dS, dE } = tb;
  const word = (k: number): string => tb.lower.slice(ts[k], te[k]);

  // Candidates of the current call; one function object for every detector (no closure per call).
  let out: Candidate[] = [];
  /** Names and places the rules saw below the threshold: the learned classifier may confirm them. */
  let weak: Candidate[] = [];
  let curOrgs: readonly string[] | undefined;
  let curOrgHint = false;

  /** Spans of business names: company contexts in this text, and names the caller already saw as businesses. */
  function orgSpans(text: string, lower: string): [number, number][] | undefined {
    let spans: [number, number][] | undefined;
    if (!curOrgHint && !curOrgs) return undefined;
    if (curOrgHint && (lower.includes('for calling') || lower.includes('reached') || lower.includes('welcome to') || lower.includes('for choosing') || lower.includes('for contacting'))) {
      for (let m = first(ORG_BEFORE_RE, text); m !== null; m = ORG_BEFORE_RE.exec(text)) {
        const s0 = m.index + m[0].length - m[1]!.length;
        (spans ??= []).push([s0, s0 + trimOrg(m[1]!).length]);
      }
    }
    if (curOrgHint && (lower.includes(' support') || lower.includes('customer ') || lower.includes(' help desk') || lower.includes(' helpdesk') || lower.includes(' helpline'))) {
      for (let m = first(ORG_AFTER_RE, text); m !== null; m = ORG_AFTER_RE.exec(text)) {
        const name = orgStart(m[1]!);
        const e0 = m.index + m[1]!.length;
        (spans ??= []).push([e0 - name.length, e0]);
      }
    }
    if (curOrgs) {
      for (const name of curOrgs) {
        for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) (spans ??= []).push([at, at + name.length]);
      }
    }
    return spans;
  }

  function orgNames(text: string): string[] {
    const saved = curOrgs;
    const savedHint = curOrgHint;
    curOrgs = undefined;
    curOrgHint = /calling|reached|welcome|choosing|contacting|support|customer|help/i.test(text);
    const spans = orgSpans(text, lowerSameLength(text)) ?? [];
    curOrgs = saved;
    curOrgHint = savedHint;
    return spans.map(([s0, e0]) => text.slice(s0, e0)).filter((n) => n.length > 1);
  }
  function push(type: EntityType, start: number, end: number, score: number, value?: number): void {
    // Below the threshold nothing is reported, so nothing is kept; `value` only where there is one (amounts, ages).
    if (end <= start || !on(type)) return;
    if (score < options.minScore) {
      if (learned && score >= 0.45 && (type === 'PERSON' || type === 'LOCATION')) weak.push({ type, start, end, score });
      return;
    }
    // "2025-10" is a month, never an account or phone number.
    if ((type === 'ACCOUNT_NUMBER' || type === 'PHONE' || type === 'ZIP') && end - start === 7 && YEAR_MONTH_RE.test(tb.lower.slice(start, end))) {
      if (on('DATE')) out.push({ type: 'DATE', start, end, score: 0.6 });
      return;
    }
    out.push(value === undefined ? { type, start, end, score } : { type, start, end, score, value });
  }

  function detect(original: string, orgNames?: readonly string[], hint?: TurnHint): DetectedEntity[] {
    // Same-length rewrite ("nine-one-seven" → "nine one seven"): offsets stay those of the original.
    const spoken = normalizeSpoken(original);
    const found = collect(spoken, orgNames, hint, false);
    // No capital anywhere: the text is read a second time with the capitals a lexicon says its words have
    // (trueCase.ts), and what that reading finds is added where the first found nothing (the lower-case
    // families of the first reading — slots, headings, "olga krylova" — keep their spans).
    if (restoreCase && caseless(spoken)) {
      const cased = trueCase(spoken);
      if (cased !== spoken) {
        const more = collect(cased, orgNames, hint, true);
        for (const c of more) if (!found.some((o) => o.start < c.end && o.end > c.start)) found.push(c);
      }
    }
    return resolve(spoken, found);
  }

  function collect(text: string, orgNames: readonly string[] | undefined, hint: TurnHint | undefined, noCase: boolean): Candidate[] {
    out = [];
    if (weak.length > 0) weak = [];
    curOrgs = orgNames;
    const lower = lowerSameLength(text);
    const f = tb.tokenize(text, lower);
    const hasNumber = f.digit || f.numberWord;
    // The second reading of a caseless text (detect) only needs the families that read capitals: numbers,
    // emails, URLs, dates and the lower-case slot families found all they can in the first.
    const full = !noCase;

    // Emails, written and spoken.
    if (full && f.at) for (let m = first(EMAIL_RE, text); m !== null; m = EMAIL_RE.exec(text)) push('EMAIL', m.index, m.index + m[0].length, 0.99);
    if (full && (f.atWord || f.at) && (f.dotWord || f.url)) spokenEmails(text);
    if (full && f.url) {
      for (let m = first(URL_RE, text); m !== null; m = URL_RE.exec(text)) {
        let end = m.index + m[0].length;
        while (end > m.index && /[.,;:!?]/.test(text[end - 1]!)) end--;
        const s = m[0].toLowerCase();
        if (m.index > 0 && text.charCodeAt(m.index - 1) === 64) continue; // the domain of an email address
        if (!s.includes('/') && !s.startsWith('www') && /^[a-z]{1,3}\.[a-z]{2,3}$/.test(s)) continue; // "e.g", "i.e"-like
        push('URL', m.index, end, s.startsWith('http') || s.startsWith('www') ? 0.9 : 0.7);
      }
    }
    if (full && f.dotWord) for (let m = first(SPOKEN_URL_RE, text); m !== null; m = SPOKEN_URL_RE.exec(text)) push('URL', m.index, m.index + m[0].length, 0.7);

    if (f.numberWord && f.address && tb.firstNumberWord >= 0 && tb.lastStreetWord > tb.firstNumberWord) {
      for (let m = first(SPOKEN_ADDRESS_RE, text); m !== null; m = SPOKEN_ADDRESS_RE.exec(text)) addressWithTail(text, m.index, m.index + m[0].length, 0.75);
    }
    if (f.digit) {
      if (f.upper) {
        if (f.iban) for (let m = first(IBAN_RE, text); m !== null; m = IBAN_RE.exec(text)) if (ibanValid(m[0])) push('IBAN', m.index, m.index + m[0].length, 0.99);
        digitAddresses(text, f.address);
        if (f.address) {
          for (let m = first(ADDRESS_WORD_RE, text); m !== null; m = ADDRESS_WORD_RE.exec(text)) addressWithTail(text, m.index, m.index + m[0].length, 0.85);
          for (let m = first(STREET_NAME_RE, text); m !== null; m = STREET_NAME_RE.exec(text)) {
            const s0 = m.index + m[0].length - m[1]!.length;
            push('ADDRESS', s0, m.index + m[0].length, 0.7);
          }
          if (f.unit) for (let m = first(UNIT_ONLY_RE, text); m !== null; m = UNIT_ONLY_RE.exec(text)) push('ADDRESS', m.index, m.index + m[0].length, 0.6);
          if (f.unit) for (let m = first(ADDR_UNIT_RE, text); m !== null; m = ADDR_UNIT_RE.exec(text)) addressWithTail(text, m.index, m.index + m[0].length, 0.7);
          for (let m = first(ADDR_BOX_RE, text); m !== null; m = ADDR_BOX_RE.exec(text)) addressWithTail(text, m.index, m.index + m[0].length, 0.7);
        }
        if ((f.atWord || f.placeHint || lower.includes(' to ') || lower.includes(' on ') || lower.includes('address')) && ADDR_CTX_HINT_RE.test(text)) {
          for (let m = first(ADDR_CTX_RE, text); m !== null; m = ADDR_CTX_RE.exec(text)) {
            const s0 = m.index + m[0].length - m[1]!.length;
            addressWithTail(text, s0, m.index + m[0].length, 0.7);
          }
        }
        if (f.letterDigit) for (let m = first(POSTCODE_RE, text); m !== null; m = POSTCODE_RE.exec(text)) if (/[A-Z]\d|\d[A-Z]/.test(m[0])) push('ZIP', m.index, m.index + m[0].length, 0.7);
        if (f.stateCode) {
          for (let m = first(STATE_ZIP_RE, text); m !== null; m = STATE_ZIP_RE.exec(text)) {
            if (US_STATE_CODES.has(m[1]!)) push('ZIP', m.index + m[0].length - m[2]!.length, m.index + m[0].length, 0.8);
          }
        }
      }
      if (f.idContext) {
        for (let m = first(CONTEXT_ID_RE, text); m !== null; m = CONTEXT_ID_RE.exec(text)) {
          const id = m[2]!;
          if (!/[A-Za-z]/.test(id) && !/-/.test(id)) continue; // plain digit runs are read by numberRuns
          const s0 = m.index + m[0].length - id.length;
          push(/licen[cs]e/i.test(m[1]!) ? 'DRIVER_LICENSE' : 'ACCOUNT_NUMBER', s0, s0 + id.length, 0.85);
        }
      }
      if ((!f.upper || noCase) && lower.includes('iban')) {
        for (let m = first(IBAN_CI_RE, text); m !== null; m = IBAN_CI_RE.exec(text)) if (ibanValid(m[0])) push('IBAN', m.index, m.index + m[0].length, 0.95);
      }
      if (text.includes(':') && IPV6_HINT_RE.test(text)) for (let m = first(IPV6_RE, text); m !== null; m = IPV6_RE.exec(text)) if (m[0].split(':').length >= 4) push('IP_ADDRESS', m.index, m.index + m[0].length, 0.8);
      if (f.money) {
        for (let m = first(MONEY_RE, text); m !== null; m = MONEY_RE.exec(text)) {
          const v = Number(m[0].replace(/[^\d.]/g, ''));
          const mult = /\b(?:k|thousand)\b/i.test(m[0]) ? 1e3 : /\b(?:m|million)\b/i.test(m[0]) ? 1e6 : /\b(?:bn|billion)\b/i.test(m[0]) ? 1e9 : 1;
          push('DOLLAR_AMOUNT', m.index, m.index + m[0].length, 0.9, v * mult);
        }
      }
      if (text.includes('-')) {
        for (let m = first(ISO_DATETIME_RE, text); m !== null; m = ISO_DATETIME_RE.exec(text)) {
          const [y, mo, d] = m[0].slice(0, 10).split('-').map(Number) as [number, number, number];
          if (dateValid(y, mo, d)) push(dobContext(lower, m.index) ? 'DATE_OF_BIRTH' : 'DATE', m.index, m.index + m[0].length, 0.9);
        }
      }
    }
    if (full && f.month) {
      for (let m = first(WRITTEN_DATE_RE, text); m !== null; m = WRITTEN_DATE_RE.exec(text)) {
        // "may" alone is a verb far more often than a month.
        if (/^may\b/i.test(m[0]) && !/\d/.test(m[0]) && !/^May/.test(m[0])) continue;
        push(dobContext(lower, m.index) ? 'DATE_OF_BIRTH' : 'DATE', m.index, m.index + m[0].length, 0.8);
      }
    }
    if (full && hasNumber) numberRuns(text, lower, f.numberWord, push);
    if (full && f.digit && on('DATE')) ordinalDays(text);
    if (full && f.weekday && on('DATE')) weekdays();
    if (full && f.digit && on('DATE') && (out.length > 0 || f.weekday)) datesWithTimes(text);
    if (full && f.month && on('DATE')) {
      dateRanges(text);
      monthsAlone();
    }
    if (f.upper) names(text, push);
    if (full) lowerNames(text, push);
    places(text, f, push);
    if (f.nameHint) triggeredNames(text, push);
    else if (f.thisHint && f.upper) thisIsName(text);
    curOrgHint = f.orgHint;
    if (f.upper && (f.selfHint || ((f.nameHint || f.orgHint) && (lower.includes(' speaking') || lower.includes(' calling'))))) selfNames(text);
    if (f.upper && out.length > 0) nameLists(text);
    if (out.length > 0) nameRepeats();
    if (f.upper && on('PERSON')) nameParticles();
    if (on('AGE')) {
      if (f.digit && out.length > 0) agesAfterNames(text);
      if (full && f.digit) agesInLists(text);
      if (lower.includes('in my ') || lower.includes('in his ') || lower.includes('in her ') || lower.includes('in their ') || lower.includes('in our ')) {
        for (let m = first(AGE_DECADE_RE, text); m !== null; m = AGE_DECADE_RE.exec(text)) push('AGE', m.index + m[0].length - m[1]!.length, m.index + m[0].length, 0.7);
      }
    }
    if (full && f.spelledRun && (f.upper || f.nameHint)) spelled(text, push);
    // Families that read the text as speech: names in their slots whatever the case, spelled letters,
    // spoken emails and street addresses.
    const ctx: DetectContext = { text, lower, tokens: tb, flags: f, hint, push };
    if (full && on('PERSON')) nameSlots(ctx);
    if (full && (on('EMAIL') || on('ADDRESS'))) spokenContacts(ctx, on('EMAIL'), on('ADDRESS'));
    if (learned && (f.upper || hasNumber)) learnedSpans(text);
    return out;
  }
  /**
   * Spoken emails from the token stream, in one linear pass (a regex for "words … at … dot com" backtracks
   * quadratically on long texts full of "at"): around each "at" (or "@" between words), a domain of labels
   * joined by "dot"/"." ending in a known TLD on the right, and a local part on the left joined by
   * "dot"/"underscore"/"dash", by ".", "_", "-" or digits, or by spelled letters ("j o h n").
   */
  function spokenEmails(text: string): void {
    for (let k = 1; k < tb.ntok; k++) {
      let left: number;
      let right: number;
      if (((ti[k]! >>> 8) & 0xff) === 1) {
        left = k - 1;
        right = k + 1;
      } else if (gapHas(text, te[k - 1]!, ts[k]!, 64)) {
        left = k - 1;
        right = k;
      } else continue;
      if (right >= tb.ntok || (right !== k && !onlySpaces(text, te[k]!, ts[right]!, 0))) continue;
      // Domain: label (sep label)* ending in a TLD.
      let end = -1;
      let j = right;
      for (let labels = 0; labels < 6 && j < tb.ntok && !isEmailSeparator(j); labels++) {
        let next = -1;
        if (j + 2 < tb.ntok && ((ti[j + 1]! >>> 8) & 0xff) === 2 && onlySpaces(text, te[j]!, ts[j + 1]!, 0) && onlySpaces(text, te[j + 1]!, ts[j + 2]!, 0)) next = j + 2;
        else if (j + 1 < tb.ntok && ts[j + 1] === te[j]! + 1 && text.charCodeAt(te[j]!) === 46) next = j + 1;
        if (next < 0) break;
        if (TLD_WORDS.has(word(next))) end = te[next]!;
        j = next;
      }
      if (end < 0) continue;
      // Local part.
      let i = left;
      if (i < 0 || isEmailSeparator(i) || EMAIL_LEAD_IN.has(word(i))) continue;
      if (!localGap(text, te[i]!, ts[k]!)) continue;
      for (let n = 0; n < 12 && i > 0; n++) {
        const p = i - 1;
        if (localJoin(text, te[p]!, ts[i]!) && !EMAIL_LEAD_IN.has(word(p))) i = p;
        else if (p > 0 && isEmailSeparator(p) && onlySpaces(text, te[p]!, ts[i]!, 0) && onlySpaces(text, te[p - 1]!, ts[p]!, 0) && !EMAIL_LEAD_IN.has(word(p - 1)) && !isEmailSeparator(p - 1)) i = p - 1;
        else if (te[i]! - ts[i]! === 1 && te[p]! - ts[p]! === 1 && onlySpaces(text, te[p]!, ts[i]!, 0)) i = p;
        else break;
      }
      push('EMAIL', ts[i]!, end, 0.9);
      k = j;
    }
  }

  function isEmailSeparator(k: number): boolean {
    return ((ti[k]! >>> 8) & 0xff) === 2 || EMAIL_SEPARATORS.has(word(k));
  }

  /**
   * Addresses that begin with a number, tried only where the tokenizer saw a digit group at a word
   * boundary followed by a space and a capital or another number (sticky regexes, no scan of the text).
   */
  function digitAddresses(text: string, streetWord: boolean): void {
    let covered = -1;
    for (let g = 0; g < tb.nd; g++) {
      const s0 = dS[g]!;
      if (s0 < covered || dE[g]! - s0 > 6) continue;
      if (s0 > 0 && isWordCode(text.charCodeAt(s0 - 1))) continue;
      if (text.charCodeAt(dE[g]!) !== 32 && !isAsciiUpper(text.charCodeAt(dE[g]!))) continue;
      const next = text.charCodeAt(dE[g]! + 1);
      if (!(isAsciiUpper(next) || isDigitCode(next) || next > 127 || next === 117)) continue;
      let m: RegExpExecArray | null = null;
      if (streetWord && !monthAfter(dE[g]!)) {
        ADDRESS_DIGIT_Y.lastIndex = s0;
        m = ADDRESS_DIGIT_Y.exec(text);
        if (m) {
          addressWithTail(text, s0, s0 + m[0].length, 0.85);
          covered = s0 + m[0].length;
          continue;
        }
      }
      if (monthAfter(dE[g]!)) continue;
      ADDR_NUM_Y.lastIndex = s0;
      m = ADDR_NUM_Y.exec(text);
      if (m) {
        addressWithTail(text, s0, s0 + m[0].length, 0.7);
        covered = s0 + m[0].length;
      }
    }
  }

  /** Whether the word right after position `at` is a month ("5 June 2020" is a date, not house 5 on June street). */
  function monthAfter(at: number): boolean {
    const k = tokenIndexAt(at);
    if (k >= tb.ntok || ts[k]! - at > 2) return false;
    const flag = (ti[k]! >>> 8) & 0xff;
    return flag === 3 || flag === 11;
  }

  /**
   * A weekday joins the date it names: "Tuesday, May 3rd", "Monday 12/05/2021" are one date. A weekday
   * someone is booked on is a date of their schedule ("we'll meet Monday", "my appointment on Friday").
   * Otherwise a weekday alone ("shipped on Monday", "open Monday to Friday") identifies no one and stays.
   */
  function weekdays(): void {
    for (let k = 0; k < tb.ntok; k++) {
      if (((ti[k]! >>> 8) & 0xff) !== 16) continue;
      const e = te[k]!;
      let joined = false;
      for (const c of out) {
        if ((c.type === 'DATE' || c.type === 'DATE_OF_BIRTH') && c.start > e && c.start - e <= 3 && !T.gapHasLetterOrDigit(tb.lower, e, c.start)) {
          c.start = ts[k]!;
          joined = true;
          break;
        }
      }
      if (joined) continue;
      // "Monday to Friday", "Monday-Friday": opening hours.
      if (k + 2 < tb.ntok && ((ti[k + 2]! >>> 8) & 0xff) === 16) continue;
      if (k > 1 && ((ti[k - 2]! >>> 8) & 0xff) === 16) continue;
      for (let j = k - 1; j >= 0 && j >= k - 3; j--) {
        if (SCHEDULE_WORDS.has(word(j))) {
          push('DATE', ts[k]!, e, 0.6);
          break;
        }
      }
    }
  }

  /**
   * "Maika van de Noort", "Dyan van Gijn", "Ana da Silva": a name goes on across one or two lower-case
   * particles to the capitalised surname after them.
   */
  function nameParticles(): void {
    for (const c of out) {
      if (c.type !== 'PERSON') continue;
      let k = tokenIndexAt(c.end - 1);
      if (k >= tb.ntok || te[k] !== c.end) continue;
      let p = k + 1;
      while (p < tb.ntok && p - k <= 2 && !tc[p] && NAME_PARTICLES.has(word(p)) && ts[p]! - te[p - 1]! === 1) p++;
      if (p === k + 1 || p >= tb.ntok || !tc[p] || ts[p]! - te[p - 1]! !== 1) continue;
      const info = ti[p]!;
      if ((info & (L_COMMON | L_PLACE)) !== 0 || ORG_WORDS.has(word(p))) continue;
      k = p;
      c.end = te[k]!;
    }
    // "Maika van de Noort": a capitalised word no lexicon knows as a place before particles and a capitalised
    // surname is a name even when no rule saw it.
    for (let k = 0; k + 2 < tb.ntok; k++) {
      if (!tc[k] || tc[k + 1] || !NAME_PARTICLES.has(word(k + 1))) continue;
      const info = ti[k]!;
      if ((info & (L_PLACE | L_MULTI | L_CITY | L_CITY_MULTI | L_COMMON)) !== 0 || ORG_WORDS.has(word(k)) || te[k]! - ts[k]! < 3) continue;
      if ((info & L_FIRST) === 0 && !unknownWord(info, word(k))) continue;
      let p = k + 1;
      while (p < tb.ntok && p - k <= 2 && !tc[p] && NAME_PARTICLES.has(word(p)) && ts[p]! - te[p - 1]! === 1) p++;
      if (p >= tb.ntok || !tc[p] || ts[p]! - te[p - 1]! !== 1 || ts[k + 1]! - te[k]! !== 1) continue;
      const last = ti[p]!;
      if ((last & (L_COMMON | L_PLACE | L_CITY | L_CITY_MULTI)) !== 0 || ORG_WORDS.has(word(p)) || (!unknownWord(last, word(p)) && (last & L_SUR) === 0)) continue;
      let covered = false;
      for (const c of out) if (c.type === 'PERSON' && c.start <= ts[k]! && c.end >= te[p]!) covered = true;
      if (!covered) push('PERSON', ts[k]!, te[p]!, 0.65);
      k = p;
    }
  }

  /** "I moved in March", "since October", "until next August": a month named as a time is a date (never "may"). */
  function monthsAlone(): void {
    for (let k = 1; k < tb.ntok; k++) {
      if (((ti[k]! >>> 8) & 0xff) !== 3 || !tc[k] || te[k]! - ts[k]! < 4) continue;
      if (!MONTH_LEAD.has(word(k - 1)) || ts[k]! - te[k - 1]! !== 1) continue;
      let covered = false;
      for (const c of out) if (c.start <= ts[k]! && c.end >= te[k]!) covered = true;
      if (!covered) push('DATE', ts[k]!, te[k]!, 0.55);
    }
  }

  /** "John Smith, 34, called", "Ana Lima (29)", "Mary is 34": a small number right after a name is the person's age. */
  function agesAfterNames(text: string): void {
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const c = out[i]!;
      if (c.type !== 'PERSON') continue;
      const m = AGE_AFTER_NAME_RE.exec(text.slice(c.end, c.end + 40));
      if (!m) continue;
      const digits = m[1] ?? m[2] ?? m[3]!;
      if (Number(digits) > 115) continue;
      const s0 = c.end + m[0].length - digits.length - (m[2] !== undefined ? 1 : 0);
      push('AGE', s0, s0 + digits.length, 0.7, Number(digits));
    }
  }

  /**
   * "on the 5th", "due by the 21st of next month", "Monday the 3rd", "on 12/03": a day of the month named
   * on its own is a date ("the 5th floor", "the 3rd time" are not).
   */
  function ordinalDays(text: string): void {
    if (!ORDINAL_DAY_HINT_RE.test(text)) return;
    for (let m = first(ORDINAL_DAY_RE, text); m !== null; m = ORDINAL_DAY_RE.exec(text)) {
      // "on 3/4 of the tests": a fraction.
      if (m[2] !== undefined && /^[ ]+(?:of|or|and|to)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 5))) continue;
      const day = m[1] ?? m[2]!;
      const s0 = m.index + m[0].length - day.length;
      let covered = false;
      for (const c of out) if (c.start <= s0 && c.end >= s0 + day.length) covered = true;
      if (!covered) push('DATE', /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)/i.test(m[0]) ? m.index : s0, m.index + m[0].length, 0.6);
    }
  }

  /**
   * "Jan. 5, 2020 at 10:30 am", "04 Aug 2021 14:22", "3:15 PM on Thursday": a clock time said with a date
   * is part of it; the weekday after "at <time> on" is an appointment, so a date too. A time alone stays.
   */
  function datesWithTimes(text: string): void {
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const c = out[i]!;
      if (c.type !== 'DATE' && c.type !== 'DATE_OF_BIRTH') continue;
      const after = TIME_AFTER_DATE_RE.exec(text.slice(c.end, c.end + 24));
      if (after) c.end += after[0].length;
      const before = TIME_BEFORE_DATE_RE.exec(text.slice(Math.max(0, c.start - 28), c.start));
      if (before) c.start -= before[0].length - before[0].search(/\d/);
    }
    if (!tb.lower.includes(' on ')) return;
    for (let m = first(TIME_ON_WEEKDAY_RE, text); m !== null; m = TIME_ON_WEEKDAY_RE.exec(text)) {
      const s0 = m.index + m[0].search(/\d/);
      let covered = false;
      for (const c of out) if ((c.type === 'DATE' || c.type === 'DATE_OF_BIRTH') && c.start <= s0 && c.end >= m.index + m[0].length) covered = true;
      if (!covered) push('DATE', s0, m.index + m[0].length, 0.6);
    }
  }

  /** "kids aged 4, 6 and 9", "ages 5 and 7", "our son (6)", "Mother, 81,", "her 40th birthday": ages in lists and after a relative. */
  function agesInLists(text: string): void {
    if (tb.lower.includes('age')) {
      for (let m = first(AGE_LIST_RE, text); m !== null; m = AGE_LIST_RE.exec(text)) {
        const s0 = m.index + m[0].length - m[1]!.length;
        const re = /\d{1,3}/g;
        for (let d = re.exec(m[1]!); d !== null; d = re.exec(m[1]!)) if (Number(d[0]) <= 115) push('AGE', s0 + d.index, s0 + d.index + d[0].length, 0.7, Number(d[0]));
      }
    }
    // "She's 42yo", "a 42yr old": digits glued to the age unit (the number reader skips glued digits).
    if (tb.lower.includes('y')) for (let m = first(AGE_GLUED_RE, text); m !== null; m = AGE_GLUED_RE.exec(text)) if (Number(m[1]) <= 115) push('AGE', m.index, m.index + m[1]!.length, 0.8, Number(m[1]));
    if (!AGE_RELATIVE_HINT_RE.test(text)) return;
    for (let m = first(AGE_AFTER_RELATIVE_RE, text); m !== null; m = AGE_AFTER_RELATIVE_RE.exec(text)) {
      const digits = m[1] ?? m[2] ?? m[3]!;
      if (Number(digits) > 115) continue;
      const s0 = m.index + m[0].lastIndexOf(digits);
      push('AGE', s0, s0 + digits.length, 0.7, Number(digits));
    }
  }

  /** "May 3-7", "June 5th – 9th": the day that ends a range belongs to the date. */
  function dateRanges(text: string): void {
    for (const c of out) {
      if (c.type !== 'DATE' && c.type !== 'DATE_OF_BIRTH') continue;
      const m = DATE_RANGE_TAIL_RE.exec(text.slice(c.end, c.end + 16));
      if (m) c.end += m[0].length;
    }
  }

  function addressWithTail(text: string, start: number, end: number, score: number): void {
    const tail = ADDRESS_TAIL_RE.exec(text.slice(end, end + 120));
    push('ADDRESS', start, tail ? end + tail[0].length : end, score);
  }

  function dobContext(lower: string, at: number): boolean {
    return CTX_DOB.test(lowerWindow(lower, at - 40, at));
  }

  function numberRuns(text: string, lower: string, numberWords: boolean, push: (t: EntityType, s: number, e: number, score: number, v?: number) => void): void {
    if (!numberWords) {
      digitRuns(text, lower, push);
      return;
    }
    const re = NUMBER_RUN_RE;
    for (let m = first(re, text); m !== null; m = re.exec(text)) {
      let start = m.index;
      let s = m[0];
      if (OH_EDGE_RE.test(s)) {
        // "12345. Oh okay": an interjection is not a spoken zero; it neither starts nor extends a number.
        const lead = OH_LEAD_RE.exec(s);
        if (lead) {
          start += lead[0].length;
          s = s.slice(lead[0].length);
        }
        const tail = OH_TAIL_RE.exec(s);
        if (tail && !(/^[ ]+$/.test(tail[1]!) && ENDS_SPOKEN_RE.test(s.slice(0, tail.index)))) s = s.slice(0, tail.index);
        if (s.length === 0 || /^(?:oh|o)$/i.test(s)) continue;
      }
      // "ORD-48213, two payments": written digits and a spoken number across a comma are two numbers.
      const cut = s.includes(',') ? MIXED_COMMA_RE.exec(s) : null;
      if (cut) {
        const head = s.slice(0, cut.index);
        const tailStart = cut.index + cut[0].length;
        runFound(text, lower, readNumberRun(head), start, start + head.length, head.includes(')'), push);
        const rest = s.slice(tailStart);
        runFound(text, lower, readNumberRun(rest), start + tailStart, start + s.length, rest.includes(')'), push);
        continue;
      }
      const run = readNumberRun(s);
      runFound(text, lower, run, start, start + s.length, s.includes(')'), push);
    }
  }

  /** Runs of written digit groups, assembled from the tokenizer's groups with the same separator rules as NUMBER_RUN_RE. */
  function digitRuns(text: string, lower: string, push: (t: EntityType, s: number, e: number, score: number, v?: number) => void): void {
    let g = 0;
    while (g < tb.nd) {
      const s0 = dS[g]!;
      if (s0 > 0 && isWordOrDot(text.charCodeAt(s0 - 1))) {
        g++;
        continue;
      }
      let last = g;
      let paren = false;
      while (last + 1 < tb.nd) {
        const sep = gapKind(text, dE[last]!, dS[last + 1]!);
        if (sep < 0) break;
        if (gluedAfter(text, dE[last + 1]!)) break;
        if (sep === 2) paren = true;
        last++;
      }
      if (gluedAfter(text, dE[last]!)) {
        g = last + 1;
        continue;
      }
      let start = s0;
      if (start > 0 && text.charCodeAt(start - 1) === 43 && (start < 2 || !isWordOrDot(text.charCodeAt(start - 2)))) start--;
      // Fewer than four digits is only ever an amount or an age: skip the run unless money or age words are beside it.
      let digits = 0;
      for (let k = g; k <= last; k++) digits += dE[k]! - dS[k]!;
      if (digits >= 4 || shortNumberMatters(text, start, dE[last]!)) runFound(text, lower, readDigitRun(text, dS, dE, g, last), start, dE[last]!, paren, push);
      g = last + 1;
    }
  }

  function shortNumberMatters(text: string, start: number, end: number): boolean {
    if ((contextBefore(start) & C_AGE) !== 0) return true;
    let i = start - 1;
    while (i >= 0 && text.charCodeAt(i) === 32) i--;
    const c = i >= 0 ? text.charCodeAt(i) : 0;
    if (c === 36 || c === 8364 || c === 163 || (i >= 2 && moneyBefore(tb.lower.slice(Math.max(0, i - 3), i + 1)))) return true;
    const after = tb.lower.slice(end, end + 12);
    return /^[ -]?(?:dollars?|bucks|usd|euros?|pounds|cents|years?|yrs?|yo\b|y\/o|y\.o)/.test(after);
  }

  /**
   * Whether a place ends right before `at` with only separators between (spaces, a comma, "???", "–"):
   * "Uruguay 64677", "Austin, 78701", "New Zealand 57006", "belgium 97466", "Zuoz ??? 53730". A country or
   * state in any case; a gazetteer town capitalised and no everyday word.
   */
  function afterPlaceName(at: number): boolean {
    const k = tokenIndexAt(at) - 1;
    if (k < 0 || at - te[k]! > 6 || T.gapHasLetterOrDigit(tb.lower, te[k]!, at)) return false;
    const info = ti[k]!;
    if ((info & L_PLACE) !== 0) return tc[k] || (info & (L_FIRST | L_SUR | L_COMMON)) === 0;
    if (!tc[k]) return false;
    if ((info & L_CITY) !== 0 && (info & (L_FIRST | L_SUR)) === 0 && (unknownWord(info, word(k)) || (info & (L_COMMON | L_FREQUENT)) === 0)) return true;
    return placePhraseEndsAt(k);
  }

  /**
   * A postcode before its town: after a comma, a line start or a place word ("in", "to", "from", "at"),
   * and followed by a capitalised town or place. A number that could be a year ("In 2015 Boston won")
   * needs the town to end the phrase (punctuation, the end, or a country after it).
   */
  function zipBeforeTown(before: string, start: number, end: number, yearLike: boolean): boolean {
    if (!/(?:^|[,\n;:]|\b(?:in|to|from|at|near)|\?\?\?|[–-])[ ]*$/.test(before) && start > 0) return false;
    const k = tokenIndexAt(end);
    if (k >= tb.ntok || ts[k]! - end !== 1 || !tc[k]) return false;
    const info = ti[k]!;
    let last = k;
    if ((info & L_CITY_MULTI) !== 0 && placePhraseEndsAt(k + 1)) last = k + 1;
    else if ((info & L_CITY_MULTI) !== 0 && placePhraseEndsAt(k + 2)) last = k + 2;
    else if ((info & (L_CITY | L_PLACE)) === 0 || (info & (L_COMMON | L_FREQUENT)) !== 0) return false;
    if (!yearLike) return true;
    const tail = tb.text.slice(te[last]!, te[last]! + 3);
    return tail.length === 0 || /^[ ]?[,.;!?\n)]/.test(tail) || beforeRegion(tb.text, last);
  }

  /** Whether a place name of several words ("New Zealand", "Colle di Tora") ends at token k. */
  function placePhraseEndsAt(k: number): boolean {
    for (let j = Math.max(0, k - 3); j < k; j++) {
      const info = ti[j]!;
      if ((info & (L_MULTI | L_CITY_MULTI)) === 0 || !tc[j]) continue;
      const lw = word(j);
      for (const map of [MULTI_PLACE_FIRST, CITY_MULTI_FIRST]) {
        const phrases = map.get(lw);
        if (!phrases) continue;
        for (const ph of phrases) {
          if (j + ph.length - 1 !== k) continue;
          let ok = true;
          for (let m = 1; m < ph.length && ok; m++) ok = word(j + m) === ph[m] && ts[j + m]! - te[j + m - 1]! <= 2;
          if (ok) return true;
        }
      }
    }
    return false;
  }

  /** Context classes of the words that end within 48 characters before `at`. */
  function contextBefore(at: number): number {
    let lo = 0;
    let hi = tb.ntok;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ts[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    let bits = 0;
    for (let k = lo - 1; k >= 0 && te[k]! >= at - 48; k--) bits |= ti[k]!;
    return bits;
  }

  function runFound(text: string, lower: string, run: NumberRun, start: number, end: number, hasParen: boolean, push: (t: EntityType, s: number, e: number, score: number, v?: number) => void): void {
    {
      const n = run.digits.length;
      if (n === 0) return;
      // "p = 0.00601", "[0.0296, 0.183]", "18.4 %": fractions and short decimals are measurements, not identifiers.
      if (run.shape.includes('.') && run.shape.split(' ').every((g) => DECIMAL_RE.test(g))) return;
      if (start > 0 && text[start - 1] === '(' && hasParen) start--;
      // Phone extensions: "345-899-3560x4587", "ext. 12".
      const e0 = text.charCodeAt(end);
      const ext = e0 === 32 || e0 === 120 || e0 === 88 || e0 === 101 || e0 === 69 ? /^[ ]?(?:x|ext\.?|extension)[ ]?\d{1,5}\b/i.exec(text.slice(end, end + 16)) : null;
      const before = lowerWindow(lower, start - 48, start);
      const after = lowerWindow(lower, end, end + 24);
      classify(run, before, after, start, end, ext ? ext[0].length : 0, contextBefore(start), push);
    }
  }

  function classify(
    run: NumberRun,
    before: string,
    after: string,
    start: number,
    end: number,
    extLen: number,
    cx: number,
    push: (t: EntityType, s: number, e: number, score: number, v?: number) => void,
  ): void {
    const { shape, digits } = run;
    const n = digits.length;
    // Amounts and ages read the run as a quantity.
    if ((after.length > 0 && MONEY_AFTER_RE.test(after)) || moneyBefore(before)) {
      let value = Number.isFinite(run.value) ? run.value : Number(shape.replace(/[^\d.]/g, ''));
      const money = MONEY_AFTER_RE.exec(after);
      if (money && /cents/i.test(money[0])) value /= 100;
      push('DOLLAR_AMOUNT', start, end + (money ? money[0].length : 0), 0.85, value);
      return;
    }
    if (n <= 3 && Number.isFinite(run.value) && run.value <= 125) {
      if (AGE_AFTER_RE.test(after) || ((cx & C_AGE) !== 0 && AGE_BEFORE_RE.test(before) && !/^[ ]*(?:%|percent|am|pm|a\.m|p\.m|o'clock|minutes|hours|days|weeks|months|times|items|of|feet|foot|ft|inch|inches|in|cm|m|meters|metres|kg|kilos|lbs?|pounds|stone|miles|km|points|percent)\b/.test(after))) {
        const tail = AGE_AFTER_RE.exec(after);
        // The span is the number: "[AGE_1] years old" still reads, and the age is what identifies.
        push('AGE', start, end, tail ? 0.9 : 0.6, run.value);
        return;
      }
    }
    if (n < 4) return;
    // IPs and dates need punctuation between the groups; a run of bare digit groups skips their regexes.
    const punctuated = shape.length !== n && (shape.includes('.') || shape.includes('-') || shape.includes('/'));
    if (punctuated && /^\d{1,3}(?:\.\d{1,3}){3}$/.test(shape)) {
      if (ipv4Valid(shape)) push('IP_ADDRESS', start, end, 0.95);
      return;
    }
    if (punctuated && /^\d{4}-\d{2}-\d{2}(?!\d)/.test(shape)) {
      const [y, mo, d] = shape.slice(0, 10).split('-').map(Number) as [number, number, number];
      if (dateValid(y, mo, d)) {
        push(((cx & C_DOB) !== 0 && CTX_DOB.test(before)) ? 'DATE_OF_BIRTH' : 'DATE', start, start + 10, 0.9);
        return;
      }
    }
    if (punctuated && /^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(shape) && numericDateValid(shape) && !/^\d{3}-\d{2}-\d{4}$/.test(shape)) {
      push(((cx & C_DOB) !== 0 && CTX_DOB.test(before)) ? 'DATE_OF_BIRTH' : 'DATE', start, end, 0.9);
      return;
    }
    if (n >= 12 && n <= 19) {
      if (n >= 13 && cardValid(digits)) return push('CARD_NUMBER', start, end, 0.97);
      if ((cx & C_CARD) !== 0 && CTX_CARD.test(before)) return push('CARD_NUMBER', start, end, 0.75);
    }
    if (n === 4 && (cx & C_TAIL) !== 0 && CTX_CARD_TAIL.test(before)) return push('CARD_NUMBER', start, end, 0.8);
    const ssnCtx = (n === 9 || n === 4) && (cx & C_SSN) !== 0 && CTX_SSN.test(before);
    if (n === 9 && (/^\d{3}[- ]\d{2}[- ]\d{4}$/.test(shape) || ssnCtx)) {
      if (ssnValid(digits)) return push('SSN', start, end, ssnCtx || /-/.test(shape) ? 0.95 : 0.7);
      if (ssnCtx) return push('SSN', start, end, 0.6);
    }
    if (n === 4 && ssnCtx && /last (?:four|4)/.test(before)) return push('SSN', start, end, 0.8);
    if (n >= 5 && (cx & C_DL) !== 0 && CTX_DL.test(before)) return push('DRIVER_LICENSE', start, end, 0.85);
    if (n >= 4 && n <= 9 && (cx & C_ZIP) !== 0 && CTX_ZIP.test(before)) {
      // "1012 LG": a Dutch postcode's letters belong to it.
      const letters = n === 4 ? /^[ ][A-Z]{2}\b/.exec(tb.text.slice(end, end + 4)) : null;
      return push('ZIP', start, end + (letters ? 3 : 0), 0.9);
    }
    if ((n === 4 || n === 5 || (n <= 9 && /^\d{5}-\d{3,4}$/.test(shape))) && !run.spoken && afterPlaceName(start)) return push('ZIP', start, end, 0.7);
    // "from 1999-2004": a range of years is a date, no phone number.
    if (n === 8 && /^(?:19|20)\d\d[-–](?:19|20)\d\d$/.test(shape) && Number(shape.slice(0, 4)) < Number(shape.slice(5)) && Number(shape.slice(5)) <= 2035) return push('DATE', start, end, 0.6);
    // "Grand Rapids, MI 49503-1234": ZIP+4 after a state code is no phone number.
    if (n === 9 && /^\d{5}-\d{4}$/.test(shape) && start >= 3 && US_STATE_CODES.has(tb.text.slice(start - 3, start - 1)) && tb.text.charCodeAt(start - 1) === 32) return push('ZIP', start, end, 0.85);
    // "10115 Berlin", "2000 Antwerpen, Belgium", ", 75001 Paris": a postcode written before its town.
    if ((n === 4 || n === 5) && !run.spoken && /^\d{4,5}$/.test(shape) && zipBeforeTown(before, start, end, n === 4 && Number(digits) >= 1900 && Number(digits) <= 2035)) return push('ZIP', start, end, 0.7);
    // "I live in 10023": five digits where a place goes.
    if (n === 5 && !run.spoken && /^\d{5}$/.test(shape) && CTX_PLACE_STRONG_RE.test(before)) return push('ZIP', start, end, 0.7);
    // "my pin is 2014": a code under an id word is never read as a year.
    if (n === 4 && /^(?:19|20)\d\d$/.test(digits) && !run.spoken && !((cx & C_ACCOUNT) !== 0 && CTX_ACCOUNT.test(before))) {
      if (((cx & C_DOB) !== 0 && CTX_DOB.test(before))) return push('DATE_OF_BIRTH', start, end, 0.8);
      if ((cx & C_YEAR) !== 0 && CTX_YEAR_BEFORE.test(before)) return push('DATE', start, end, 0.55);
      // "a 2017 film", "the 1996 season", "(1977)": a year on its own, unless it counts or numbers something.
      if (Number(digits) <= 2035 && !NOT_A_YEAR_BEFORE_RE.test(before) && !NOT_A_YEAR_AFTER_RE.test(after)) return push('DATE', start, end, 0.5);
      return;
    }
    if (n === 4 && run.spoken && /^(?:19|20)\d\d$/.test(digits) && ((cx & C_DOB) !== 0 && CTX_DOB.test(before))) return push('DATE_OF_BIRTH', start, end, 0.8);
    const phoneCtx = (cx & C_PHONE) !== 0 && CTX_PHONE.test(before);
    const accountCtx = (cx & C_ACCOUNT) !== 0 && CTX_ACCOUNT.test(before);
    if (accountCtx && n >= 4 && !CTX_PHONE_STRONG.test(before)) return push('ACCOUNT_NUMBER', start, end, 0.85);
    if (n >= 7 && n <= 15) {
      const formatted = /^\+/.test(shape) || /[ .\-/]/.test(shape) || run.spoken;
      if (phoneCtx || formatted || n === 10 || (n === 11 && digits[0] === '1')) {
        return push('PHONE', start, end + extLen, phoneCtx ? 0.9 : formatted ? 0.75 : 0.65);
      }
    }
    if (accountCtx && n >= 4) return push('ACCOUNT_NUMBER', start, end, 0.8);
    // "my cell is 917-223" (the rest comes in the next turn): part of a phone number is a phone number.
    if (phoneCtx && n >= 6) return push('PHONE', start, end, 0.75);
    if (n >= 6) return push('ACCOUNT_NUMBER', start, end, strict ? 0.7 : 0.55);
    if (n === 5 && !run.spoken && /\b(?:[a-z]{2}|[a-z]+)[ ,]*$/.test(before) && /,[ ]*[a-z .]+,?[ ]*$/.test(before)) {
      return push('ZIP', start, end, 0.6);
    }
  }

  /** Capitalised word sequences: a lexicon first name, or a known surname after a capitalised word. */
  function names(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    let i = 0;
    while (i < tb.ntok) {
      if (!tc[i]) {
        i++;
        continue;
      }
      // The capitalised run [i, j): words separated by single spaces (or a particle like "van").
      let j = i + 1;
      while (j < tb.ntok && j - i < 4 && tc[j] && text.charCodeAt(ts[j]! - 1) === 32 && (te[j - 1]! + 1 === ts[j] || (te[j - 1]! - ts[j - 1]! === 1 && te[j - 1]! + 2 === ts[j] && text.charCodeAt(te[j - 1]!) === 46))) j++;
      const endRun = j;
      let k = i;
      while (k < endRun) {
        const info = ti[k]!;
        const isFirst = (info & L_FIRST) !== 0;
        const ambiguous = (info & (L_COMMON | L_PLACE)) !== 0 || te[k]! - ts[k]! === 1;
        let m = k + 1;
        while (m < endRun && m - k < 3) {
          const ni = ti[m]!;
          if ((ni & (L_COMMON | L_PLACE)) !== 0 && (ni & L_SUR) === 0) break;
          m++;
        }
        const rest = m - k - 1;
        const restSurname = rest > 0 && (ti[k + 1]! & L_SUR) !== 0;
        const end = te[m - 1]!;
        if (isFirst && !ambiguous && rest === 0 && (info & L_ENGLISH) !== 0 && ((sentenceStart(text, k) && followedByFunctionWord(text, k)) || GREETING_RE.test(text.slice(ts[k]!, ts[k]! + 40)))) {
          // "Glad we could…", "Happy to help", "Per our policy": an everyday word capitalised by its position.
          k++;
        } else if (isFirst && !ambiguous) {
          push('PERSON', ts[k]!, end, rest > 0 ? 0.9 : 0.7);
          k = m;
        } else if ((isFirst || (!ambiguous && (info & L_SUR) !== 0)) && rest > 0 && (restSurname || !ambiguous)) {
          push('PERSON', ts[k]!, end, restSurname ? 0.85 : 0.7);
          k = m;
        } else if (!ambiguous && restSurname) {
          // An unknown given name before a known surname: "Jindra Novak".
          push('PERSON', ts[k]!, end, 0.75);
          k = m;
        } else if (!ambiguous && rest > 0 && unknownPair(text, k, m)) {
          // Two or three capitalised words none of which is an everyday word, a place or an acronym,
          // not led by "the" and not followed by a company word: a name far more often than not.
          push('PERSON', ts[k]!, end, 0.6);
          k = m;
        } else if (!ambiguous && rest === 0 && (info & L_SUR) === 0 && NON_ASCII_RE.test(word(k)) && unknownWord(info, word(k)) && !isAllCaps(text, k)) {
          // A lone capitalised word with letters from outside ASCII ("Kónya") in English text is a foreign proper noun.
          push('PERSON', ts[k]!, end, 0.55);
          k++;
        } else if (!ambiguous && rest === 0 && (ts[k] === 0 || text.charCodeAt(ts[k]! - 1) === 10) && text.charCodeAt(te[k]!) === 58 && (isFirst || unknownWord(info, word(k))) && !isAllCaps(text, k)) {
          // A speaker label at the start of a line: "Nicole: Remember…".
          push('PERSON', ts[k]!, end, 0.7);
          k++;
        } else if (!ambiguous && rest === 0 && te[k]! - ts[k]! > 3 && (info & L_SUR) === 0 && !isAllCaps(text, k) && unknownWord(info, word(k)) && !ORG_WORDS.has(k + 1 < tb.ntok ? word(k + 1) : '')) {
          // A lone capitalised word that no lexicon or dictionary knows. Addressed ("Warrane, can I…") or the
          // subject of a sentence about someone ("Tomomi is from…", "Timotea lives on…"): a name.
          // Otherwise ("leave me Mette") as often a brand: below the default threshold (0.5), reported
          // under a recall-first policy (minScore ≤ 0.45) and by the validator.
          // At the start of a sentence the capital says nothing ("Playbook prompt vs…"): below even the recall-first threshold.
          // "Holm-adjusted", "Wilson-score": a capitalised word joined to a lower-case one is a modifier, not a name.
          push('PERSON', ts[k]!, end, sentenceSubject(text, k) ? 0.6 : sentenceStart(text, k) || /-\p{Ll}/u.test(text.slice(ts[k], te[k])) ? 0.4 : 0.45);
          k++;
        } else k++;
      }
      i = endRun;
    }
  }

  /** Token k opens the text, a line or a sentence. */
  function sentenceStart(text: string, k: number): boolean {
    let i = ts[k]! - 1;
    while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 34)) i--;
    if (i < 0) return true;
    const c = text.charCodeAt(i);
    return c === 46 || c === 33 || c === 63 || c === 10 || afterLineMarkup(text, i);
  }

  function followedByFunctionWord(text: string, k: number): boolean {
    return k + 1 < tb.ntok && te[k]! + 1 === ts[k + 1] && text.charCodeAt(te[k]!) === 32 && !tc[k + 1] && FUNCTION_WORDS.has(word(k + 1));
  }

  /** "This is Grace Mensah": a known first name or surname after "this is" (the trigger pass does this when it runs). */
  function thisIsName(text: string): void {
    for (let m = first(THIS_IS_NAME_RE, text); m !== null; m = THIS_IS_NAME_RE.exec(text)) {
      const w1 = m[1]!.toLowerCase();
      if (!(FIRST_NAME_SET.has(w1) || SURNAME_SET.has(w1))) continue;
      let end = m.index + m[0].length;
      if (m[2] !== undefined) {
        const w2 = m[2].toLowerCase();
        const info = LEXICON.get(w2) ?? 0;
        if (!(FIRST_NAME_SET.has(w2) || SURNAME_SET.has(w2) || unknownWord(info, w2))) end -= m[2].length + 1;
      }
      push('PERSON', m.index + m[0].indexOf(m[1]!), end, 0.8);
    }
  }

  /** "Grace Mensah here", "Riley speaking": a capitalised run naming the speaker, when a word of it is a name or no dictionary word. */
  function selfNames(text: string): void {
    for (let m = first(SELF_NAME_RE, text); m !== null; m = SELF_NAME_RE.exec(text)) {
      const run = m[1]!;
      const words = run.split(/[ ]+/);
      let named = false;
      let blocked = false;
      for (const w of words) {
        const lw = w.toLowerCase();
        const info = LEXICON.get(lw) ?? 0;
        if (ORG_WORDS.has(lw)) blocked = true;
        if (FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw) || unknownWord(info, lw)) named = true;
        else if ((info & (L_COMMON | L_PLACE)) !== 0 || ENGLISH_WORD_SET.has(lw)) blocked = blocked || words.length === 1;
      }
      if (!named || blocked) continue;
      const s0 = m.index + m[0].length - m[0].slice(m[0].indexOf(run)).length;
      push('PERSON', s0, s0 + run.length, 0.85);
    }
  }

  /** Token k starts a sentence and is addressed ("X, …") or followed by a verb about a person ("X lives …"). */
  function sentenceSubject(text: string, k: number): boolean {
    let i = ts[k]! - 1;
    while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 34)) i--;
    const c = i < 0 ? 46 : text.charCodeAt(i);
    if (c !== 46 && c !== 33 && c !== 63 && c !== 10 && !afterLineMarkup(text, i)) return false;
    if (text.charCodeAt(te[k]!) === 44) return true;
    return k + 1 < tb.ntok && te[k]! + 1 === ts[k + 1] && SUBJECT_VERBS.has(word(k + 1));
  }

  function isAllCaps(text: string, k: number): boolean {
    const w = text.slice(ts[k], te[k]);
    return w.length > 1 && w === w.toUpperCase();
  }

  function unknownPair(text: string, k: number, m: number): boolean {
    for (let x = k; x < m; x++) {
      if (!unknownWord(ti[x]!, word(x)) || isAllCaps(text, x)) return false;
    }
    const before = text.slice(Math.max(0, ts[k]! - 4), ts[k]).toLowerCase();
    if (before.endsWith('the ') || before.endsWith(' a ')) return false;
    const next = m < tb.ntok && te[m - 1]! + 1 === ts[m] ? word(m) : '';
    return !ORG_WORDS.has(next) && !(strict === false && m - k > 3);
  }

  /** "founders: Kónya, Becker and Vasquez": capitalised words listed beside a found name are names too. */
  function nameLists(text: string): void {
    const found = out.filter((c) => c.type === 'PERSON');
    for (const c of found) {
      let end = c.end;
      for (let hop = 0; hop < 4 && listJoinAfter(text, end); hop++) {
        const m = NAME_LIST_NEXT_RE.exec(text.slice(end, end + 48));
        if (!m) break;
        const w = m[1]!.toLowerCase();
        const info = LEXICON.get(w) ?? 0;
        if ((info & (L_COMMON | L_PLACE)) !== 0 || ORG_WORDS.has(w) || ((info & (L_FIRST | L_SUR)) === 0 && !unknownWord(info, w))) break;
        const s0 = end + m[0].length - m[1]!.length;
        push('PERSON', s0, s0 + m[1]!.length, 0.65);
        end = s0 + m[1]!.length;
      }
      let start = c.start;
      for (let hop = 0; hop < 4 && listJoinBefore(text, start); hop++) {
        const m = NAME_LIST_PREV_RE.exec(text.slice(Math.max(0, start - 48), start));
        if (!m) break;
        const w = m[1]!.toLowerCase();
        const info = LEXICON.get(w) ?? 0;
        if ((info & (L_COMMON | L_PLACE)) !== 0 || ORG_WORDS.has(w) || ((info & (L_FIRST | L_SUR)) === 0 && !unknownWord(info, w))) break;
        const s0 = start - m[0].length;
        push('PERSON', s0, s0 + m[1]!.length, 0.65);
        start = s0;
      }
    }
  }

  /** A name found once ("Maciej Borkowski") is the same name when a word of it comes back ("starring Borkowski"). */
  function nameRepeats(): void {
    // Compared by the tokenizer's hash first, so only words that may repeat a name are sliced.
    let hashes: Set<number> | undefined;
    for (const c of out) {
      if (c.type !== 'PERSON' || c.score < 0.6) continue;
      for (let k = tokenIndexAt(c.start); k < tb.ntok && ts[k]! < c.end; k++) {
        if (te[k]! - ts[k]! > 2 && (ti[k]! & (L_COMMON | L_ENGLISH)) === 0) (hashes ??= new Set()).add(th[k]!);
      }
    }
    if (!hashes) return;
    let names: Set<string> | undefined;
    for (let k = 0; k < tb.ntok; k++) {
      if (te[k]! - ts[k]! <= 2 || !hashes.has(th[k]!)) continue;
      names ??= collectNames();
      if (names.has(word(k))) push('PERSON', ts[k]!, te[k]!, 0.7);
    }
  }

  function collectNames(): Set<string> {
    const names = new Set<string>();
    for (const c of out) {
      if (c.type !== 'PERSON' || c.score < 0.6) continue;
      for (let k = tokenIndexAt(c.start); k < tb.ntok && ts[k]! < c.end; k++) {
        if (te[k]! - ts[k]! > 2 && (ti[k]! & (L_COMMON | L_ENGLISH)) === 0) names.add(word(k));
      }
    }
    return names;
  }

  function tokenIndexAt(pos: number): number {
    let lo = 0;
    let hi = tb.ntok;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (te[mid]! <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function triggeredNames(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (let m = first(NAME_TRIGGER_RE, text); m !== null; m = NAME_TRIGGER_RE.exec(text)) {
      const strong = m[1] !== undefined;
      const capStrong = m[2] !== undefined;
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
        if (word.length === 1 && !(cap && count > 0)) break;
        if (!isNameToken(word) && !(cap && (FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw)) )) break;
        if (!strong && !cap) break;
        // '"Fine," said Tuesday': a weekday or month is no name.
        if (!strong && (W.WEEKDAYS.has(lw) || W.KEYWORD_FLAGS.get(lw) === 3)) break;
        if (strong && !cap && count > 0 && !(FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw))) break;
        // "call me back": a lower-case everyday word after the trigger is not a name.
        if (!cap && !(FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw)) && ENGLISH_WORD_SET.has(lw)) break;
        if (FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw)) known = true;
        if (start < 0) start = t.index;
        end = t.index + word.length;
        count++;
        pos = t.index + t[0].length;
        const gap = /^\.?[ ]+/.exec(text.slice(pos, pos + 4));
        if (!gap) break;
        pos += gap[0].length;
      }
      if (count === 0) continue;
      if (strong) push('PERSON', start, end, 0.9);
      else if (capStrong) push('PERSON', start, end, known ? 0.85 : 0.7);
      else if (known) push('PERSON', start, end, 0.8);
    }
  }

  /**
   * Whether a first-name-looking word starts a noun phrase rather than a name: after an article or a
   * determiner ("offer a fee waiver"), joined to its neighbour by a hyphen or underscore
   * ("fee-waiver-offer", an id), or carried on by an everyday content word after the unknown word j
   * ("use fee waiver offer"). Only consulted when word j is unknown, not a known surname.
   */
  function nounPhrase(text: string, i: number, j: number): boolean {
    const gap = text.charCodeAt(te[i]!);
    if (gap === 45 || gap === 95) return true;
    if (i > 0 && te[i - 1]! + 1 === ts[i] && DETERMINERS.has(word(i - 1))) return true;
    // "fee waiver offer": an everyday content word straight after the pair carries the phrase on.
    const k = j + 1;
    return k < tb.ntok && te[j]! + 1 === ts[k] && (ti[k]! & (L_FREQUENT | L_COMMON)) === L_FREQUENT && !REPORTING_VERBS.has(word(k));
  }

  /** Lower-cased transcripts: a lexicon first name followed by a lexicon surname ("maria lopez"). */
  function lowerNames(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (let i = 0; i + 1 < tb.ntok; i++) {
      if ((ti[i]! & (L_FIRST | L_COMMON)) !== L_FIRST || tc[i] || tc[i + 1]) continue;
      // "eric g. samoylova", "benjamin a seiler": a middle initial between the two.
      let j = i + 1;
      if (te[j]! - ts[j]! === 1 && j + 1 < tb.ntok && !tc[j + 1] && ts[j + 1]! - te[j]! <= 2 && text.charCodeAt(te[j]!) !== 44 && word(j) !== 'a' && word(j) !== 'i') j++;
      else if (te[j]! - ts[j]! === 1 && (word(j) === 'a' || word(j) === 'i') && j + 1 < tb.ntok && !tc[j + 1] && te[j]! + 1 === ts[j + 1] && unknownWord(ti[j + 1]!, word(j + 1)) && (ti[j + 1]! & (L_FIRST | L_SUR)) === 0) j++;
      if (j === i + 1 ? te[i]! + 1 !== ts[j] : ts[i + 1]! - te[i]! !== 1) continue;
      const next = ti[j]!;
      // "maria lopez", or a known first name that is no everyday word before a word no dictionary knows ("olga krylova").
      const surname = (next & (L_SUR | L_COMMON)) === L_SUR;
      if (!surname && !((ti[i]! & L_FREQUENT) === 0 && te[j]! - ts[j]! > 2 && unknownWord(next, word(j)) && !nounPhrase(text, i, j))) continue;
      push('PERSON', ts[i]!, te[j]!, surname ? 0.75 : 0.7);
      i = j;
    }
  }

  function places(text: string, f: Flags, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (let i = 0; i < tb.ntok; i++) {
      const info = ti[i]!;
      if ((info & (L_PLACE | L_MULTI)) === 0) {
        if ((info & (L_CITY | L_CITY_MULTI)) !== 0 && (tc[i] || f.placeHint || (i > 0 && (ti[i - 1]! & L_PREP) !== 0))) {
          const last = gazetteerPlace(text, i, info);
          if (last >= 0) {
            i = last;
            continue;
          }
        }
        if (tc[i] && i > 0 && ((ti[i - 1]! & L_PREP) !== 0 || word(i - 1) === 'of') && (info & L_FIRST) === 0 && te[i]! - ts[i]! > 2) {
          if (unknownWord(info, word(i))) unknownPlace(text, i);
          else {
            const last = placeAfterStrongCue(text, i);
            if (last >= 0) i = last;
          }
        }
        continue;
      }
      const lw = word(i);
      let last = -1;
      const phrases = (info & L_MULTI) !== 0 ? MULTI_PLACE_FIRST.get(lw) : undefined;
      if (phrases) {
        for (const ph of phrases) {
          if (i + ph.length <= tb.ntok && ph.every((w, k) => word(i + k) === w)) {
            last = i + ph.length - 1;
            break;
          }
        }
      }
      if (last < 0) {
        if (lw.length < 4 || (info & L_PLACE) === 0) {
          // "San Bernardino": not a hand-written phrase, maybe a gazetteer one.
          if ((info & L_CITY_MULTI) !== 0 && (tc[i] || f.placeHint || (i > 0 && (ti[i - 1]! & L_PREP) !== 0))) {
            const g = gazetteerPlace(text, i, info);
            if (g >= 0) i = g;
          }
          continue;
        }
        last = i;
      }
      const start = ts[i]!;
      const ctx = CTX_LOCATION_BEFORE.test(lowerWindow(text, start - 24, start));
      const multi = last > i ? 0.05 : 0;
      if (tc[i]) push('LOCATION', start, te[last]!, (ctx ? 0.8 : 0.6) + multi);
      else if (ctx && f.placeHint) push('LOCATION', start, te[last]!, 0.6);
      i = last;
    }
  }

  /**
   * A place of the gazetteer (lexicon/cities.ts, GeoNames towns): a capitalised phrase of it, or one word
   * no other lexicon knows, is a place; a word that is also a name or an everyday word ("Jackson", "Bath")
   * only after a strong place cue ("live in", "originally from") or before a country or state
   * ("Maribor, Slovenia", "Zuoz ??? Switzerland"). Returns the last token taken, or -1.
   */
  function gazetteerPlace(text: string, i: number, info: number): number {
    let last = -1;
    if ((info & L_CITY_MULTI) !== 0) {
      const phrases = CITY_MULTI_FIRST.get(word(i));
      if (phrases) {
        for (const ph of phrases) {
          const e = i + ph.length - 1;
          if (e >= tb.ntok || (tc[i] && !tc[e])) continue;
          let ok = true;
          for (let k = 1; k < ph.length && ok; k++) ok = word(i + k) === ph[k] && ts[i + k]! - te[i + k - 1]! <= 2 && !T.gapHasLetterOrDigit(text, te[i + k - 1]!, ts[i + k]!);
          if (ok) {
            last = e;
            break;
          }
        }
      }
    }
    const phrase = last > i;
    if (!phrase) {
      if ((info & L_CITY) === 0 || te[i]! - ts[i]! < 4) return -1;
      last = i;
    }
    const start = ts[i]!;
    const before = lowerWindow(text, start - 32, start);
    const cue = CTX_LOCATION_BEFORE.test(before);
    const regionAfter = beforeRegion(text, last);
    const plain = phrase || ((info & (L_FIRST | L_SUR)) === 0 && unknownWord(info, word(i)));
    let score: number;
    // Speech-to-text writes places in lower case: "we returned to kiel", "i'm from arendal".
    if (!tc[i]) {
      if (!plain || !cue) return -1;
      // "in the village", "to new market": a lower-case phrase of everyday words is not taken as a town.
      if (phrase) {
        let odd = false;
        for (let k = i; k <= last && !odd; k++) odd = (ti[k]! & (L_COMMON | L_ENGLISH)) === 0 && !W.englishForm(word(k));
        if (!odd) return -1;
      }
      push('LOCATION', start, te[last]!, 0.6);
      return last;
    }
    // Above a name's 0.7 wherever a place cue says which of the two it is.
    if (plain) score = cue || regionAfter ? 0.8 : 0.45;
    else if (regionAfter || CTX_PLACE_STRONG_RE.test(before)) score = 0.75;
    // "a flat in Zagreb", "from Ljubljana": the 20k-word English list holds proper nouns too; a town it
    // knows that is no everyday, frequent or name word is a place after any place cue, written mid-sentence.
    else if (cue && (info & (L_FIRST | L_SUR | L_COMMON | L_FREQUENT)) === 0 && te[i]! - ts[i]! >= 5 && !sentenceOpens(text, start)) score = 0.7;
    else return -1;
    if (last + 1 < tb.ntok && ORG_WORDS.has(word(last + 1))) return -1;
    // "Archway House", "Cambridge Analytica", "Bridge Guest House": a town before another capitalised word
    // that is no place is part of a longer (business) name.
    if (tc[i] && last + 1 < tb.ntok && tc[last + 1] && ts[last + 1]! - te[last]! === 1 && (ti[last + 1]! & (L_PLACE | L_MULTI | L_REGION | L_REGION_FIRST)) === 0) return -1;
    push('LOCATION', start, te[last]!, score);
    return last;
  }

  /** Whether a country or state follows token k across a comma or separators only ("Maribor, Slovenia"). */
  function beforeRegion(text: string, k: number): boolean {
    const n = k + 1;
    if (n >= tb.ntok || !tc[n] || (ti[n]! & (L_REGION | L_REGION_FIRST)) === 0) return false;
    if (ts[n]! - te[k]! > 6 || T.gapHasLetterOrDigit(text, te[k]!, ts[n]!)) return false;
    if ((ti[n]! & L_REGION) !== 0) return true;
    // "North" only as the start of "North Carolina".
    const phrases = MULTI_PLACE_FIRST.get(word(n));
    return phrases !== undefined && phrases.some((ph) => REGION_PHRASES.has(ph.join(' ')) && n + ph.length <= tb.ntok && ph.every((w, m) => word(n + m) === w));
  }

  /**
   * "I am in Store Merløse", "originally from Port Warrenby": after a strong place cue, capitalised words
   * that begin with an everyday word are still a place when a later one is no dictionary word.
   */
  function placeAfterStrongCue(text: string, i: number): number {
    let j = i + 1;
    let odd = false;
    while (j < tb.ntok && j - i < 3 && tc[j] && ts[j]! - te[j - 1]! === 1) {
      if (ORG_WORDS.has(word(j))) return -1;
      if ((ti[j]! & (L_FIRST | L_SUR)) === 0 && unknownWord(ti[j]!, word(j))) odd = true;
      j++;
    }
    if (!odd) return -1;
    const start = ts[i]!;
    if (!CTX_PLACE_STRONG_RE.test(lowerWindow(text, start - 32, start))) return -1;
    push('LOCATION', start, te[j - 1]!, 0.7);
    return j - 1;
  }

  function unknownPlace(text: string, i: number): void {
    const start = ts[i]!;
    const before = lowerWindow(text, start - 32, start);
    const strongCtx = CTX_PLACE_STRONG_RE.test(before);
    if (!strongCtx && !CTX_PLACE_WEAK_RE.test(before)) return;
    // After a bare "in"/"from", capitals or non-ASCII letters ("in TROMSØ") are strong signs; a plain unknown word is weaker.
    const weakScore = isAllCaps(text, i) || NON_ASCII_RE.test(word(i)) ? 0.6 : 0.5;
    let last = i;
    if (i + 1 < tb.ntok && tc[i + 1] && te[i]! + 1 === ts[i + 1] && unknownWord(ti[i + 1]!, word(i + 1)) && !ORG_WORDS.has(word(i + 1))) last = i + 1;
    if (last + 1 < tb.ntok && ORG_WORDS.has(word(last + 1))) return;
    push('LOCATION', start, te[last]!, strongCtx ? 0.65 : weakScore);
  }

  function spelled(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (let m = first(SPELLED_RE, text); m !== null; m = SPELLED_RE.exec(text)) {
      const letters = m[0].replace(/[^A-Za-z]/g, '');
      const before = lowerWindow(text, m.index - 32, m.index);
      const upper = letters === letters.toUpperCase();
      if (letters.length >= 3 && SPELL_CONTEXT_RE.test(before)) push('PERSON', m.index, m.index + m[0].length, 0.85);
      else if (letters.length >= 4 && upper && !/^[A-Z]{2,4}$/.test(m[0])) push('PERSON', m.index, m.index + m[0].length, 0.55);
    }
  }
  /** Overlapping address candidates are one address: keep their union (detectors see different parts of it). */
  function mergeAddresses(cands: Candidate[]): void {
    let n = 0;
    for (const c of cands) if (c.type === 'ADDRESS') n++;
    if (n < 2) return;
    const addresses = cands.filter((c) => c.type === 'ADDRESS').sort((x, y) => x.start - y.start);
    const merged: Candidate[] = [addresses[0]!];
    for (let i = 1; i < addresses.length; i++) {
      const c = addresses[i]!;
      const last = merged[merged.length - 1]!;
      if (c.start < last.end) {
        last.end = Math.max(last.end, c.end);
        last.score = Math.max(last.score, c.score);
      } else merged.push(c);
    }
    if (merged.length === addresses.length) return;
    let w = 0;
    for (const c of cands) if (c.type !== 'ADDRESS') cands[w++] = c;
    for (const c of merged) cands[w++] = c;
    cands.length = w;
  }

  /**
   * The learned token classifier (tagger.ts) for sentences the rules were not shaped on. It only adds:
   * a learned span never overrides a rule's span of another type, never re-labels what the rules found,
   * and must pass the same guards the rules keep — people and places are capitalised words that are
   * not everyday English, not company words, not acronyms; dates, ZIP codes and addresses need their
   * digits. Its margin must clear a per-type threshold chosen on the Presidio dev half, or the rules
   * must have seen the same words as a name or place below the reporting threshold (the weak signal).
   */
  function learnedSpans(text: string): void {
    let known: Uint8Array | undefined;
    if (out.length > 0) {
      known = new Uint8Array(text.length);
      for (const c of out) known.fill(1, c.start, c.end);
    }
    const tagged = tagText(model ?? taggerModel(), text, known);
    if (tagged.spans.length === 0) return;
    const { tokens, view } = tagged;
    const rules = out.length;
    for (const s of tagged.spans) {
      if (!on(s.type)) continue;
      let firstTok = s.first;
      let lastTok = s.last;
      if (s.type === 'PERSON' || s.type === 'LOCATION') {
        // "Hi Ava", "Thanks Maria": greetings and everyday words at the edges are not part of a name.
        while (firstTok < lastTok && edgeWord(tokens[firstTok]!.text, view(firstTok).bits)) firstTok++;
        while (lastTok > firstTok && edgeWord(tokens[lastTok]!.text, view(lastTok).bits)) lastTok--;
      }
      const start = tokens[firstTok]!.start;
      let end = tokens[lastTok]!.end;
      // "…at Brightside Dental.": the tokenizer keeps a word's full stop; a sentence's is not part of the span.
      if (text.charCodeAt(end - 1) === 46 && (s.type !== 'ADDRESS' || end === text.length || /\s/.test(text[end]!))) end--;
      let words = 0;
      let everyday = 0;
      let digits = 0;
      let lowerWord = false;
      let acronym = false;
      let orgWord = false;
      let dateWord = false;
      for (let k = firstTok; k <= lastTok; k++) {
        const v = view(k);
        const w = tokens[k]!.text;
        if (!/[\p{L}\p{N}]/u.test(w)) continue;
        words++;
        if (v.digits >= 0) digits += v.digits;
        else {
          const lw = w.toLowerCase().replace(/\.$/, '');
          if ((v.bits & (L_COMMON | L_ENGLISH)) !== 0 && (v.bits & (L_FIRST | L_SUR | L_PLACE)) === 0) everyday++;
          if (v.shape[0] !== 'X') lowerWord = true;
          if (v.shape === 'X' && w.length > 1) acronym = true;
          if (ORG_WORDS.has(lw)) orgWord = true;
          if (DATE_WORD_RE.test(lw)) dateWord = true;
        }
      }
      const m = s.margin;
      const gate = margins[s.type];
      let ok: boolean;
      switch (s.type) {
        case 'PERSON':
        case 'LOCATION': {
          ok = digits === 0 && !lowerWord && !acronym && !orgWord && !dateWord && everyday === 0;
          if (!ok) break;
          // One word opening a sentence: its capital says nothing ("Glad we…", "Leeway too."). It needs the
          // rules' agreement, or to be a known given name or surname that is no English word, with a wider margin.
          const opener = words === 1 && sentenceOpens(text, start);
          const bits = view(firstTok).bits;
          const knownName = (bits & (L_FIRST | L_SUR)) !== 0 && (bits & (L_COMMON | L_ENGLISH)) === 0;
          const agrees = weakAgrees(s.type, start, end);
          ok = opener ? agrees || (knownName && m >= gate + margins.OPENER) : agrees || m >= gate;
          break;
        }
        case 'ADDRESS':
          ok = digits > 0 && words >= 2 && m >= gate;
          break;
        case 'DATE':
          // "24/7", "30 day": digits alone are not a date; a year, a full numeric date, a time or a date word is.
          ok = (dateWord || DATE_DIGITS_RE.test(text.slice(start, end))) && m >= gate;
          break;
        case 'ZIP':
          ok = words === 1 && digits >= 4 && digits <= 10 && m >= gate;
          break;
      }
      if (!ok) continue;
      let type = s.type;
      if (type === 'PERSON' && lastTok + 1 < tokens.length) {
        // "Title: Skyway agent", "Skyway refund": a word before a service or role noun modifies it (a brand), it is nobody's name.
        const next = tokens[lastTok + 1]!;
        if (next.start - end <= 1 && SERVICE_NOUNS.has(next.text.toLowerCase())) continue;
      }
      if (type === 'PERSON' && words === 1 && on('LOCATION')) {
        // "from sunny Málaga", "Lake Bled": a word only the town gazetteer knows (no name lexicon) is a place.
        const bits = view(firstTok).bits;
        if ((bits & L_CITY) !== 0 && (bits & (L_FIRST | L_SUR)) === 0) type = 'LOCATION';
      }
      let score = 0.55;
      let skip = false;
      for (let k = 0; k < rules; k++) {
        const c = out[k]!;
        if (c.start >= end || c.end <= start) continue;
        // A rule span of another type wins (the rules' guards: amounts, times, company names…), and one
        // of the same type already covers what it covers; an address may absorb a city or ZIP it contains.
        if (c.type === type && c.start <= start && c.end >= end) skip = true;
        else if (c.type !== type && !(type === 'ADDRESS' && words >= 3 && (c.type === 'LOCATION' || c.type === 'ZIP') && c.start >= start && c.end <= end)) skip = true;
        else if (c.start >= start && c.end <= end) score = Math.max(score, c.score + 0.001);
        if (skip) break;
      }
      if (!skip) push(type, start, end, score);
    }
  }

  /** The text, a line or a sentence starts at `at`. */
  function sentenceOpens(text: string, at: number): boolean {
    let i = at - 1;
    while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 34)) i--;
    if (i < 0) return true;
    const c = text.charCodeAt(i);
    return c === 46 || c === 33 || c === 63 || c === 10 || afterLineMarkup(text, i);
  }

  /** The rules saw these words as a name or place, below the reporting threshold. */
  function weakAgrees(type: EntityType, start: number, end: number): boolean {
    for (const c of weak) if (c.type === type && c.start < end && c.end > start) return true;
    return false;
  }

  function resolve(text: string, cands: Candidate[]): DetectedEntity[] {
    if (cands.length === 0) return [];
    let blocked: [number, number][] | undefined;
    if (text.includes('[')) {
      for (let m = first(PLACEHOLDER_RE, text); m !== null; m = PLACEHOLDER_RE.exec(text)) (blocked ??= []).push([m.index, m.index + m[0].length]);
    }
    if (allowRe) for (let m = first(allowRe, text); m !== null; m = allowRe.exec(text)) (blocked ??= []).push([m.index, m.index + m[0].length]);
    const orgs = orgSpans(text, tb.lower);
    if (orgs) {
      // A business name is not data about the caller: names and places inside it are dropped.
      cands = cands.filter((c) => !((c.type === 'PERSON' || c.type === 'LOCATION') && orgs.some(([s, e]) => c.start >= s && c.end <= e)));
      if (cands.length === 0) return [];
    }
    const kept = !blocked && allowSet.size === 0 ? cands : cands.filter((c) => {
      if (allowSet.size > 0 && allowSet.has(text.slice(c.start, c.end).toLowerCase())) return false;
      if (blocked) for (const [s, e] of blocked) if (c.start >= s && c.end <= e) return false;
      if (blocked) for (const [s, e] of blocked) if (c.start < e && c.end > s && PRIORITY[c.type] < 3) return false;
      return true;
    });
    if (kept.length > 1) mergeAddresses(kept);
    if (kept.length > 1) kept.sort((a, b) => PRIORITY[b.type] - PRIORITY[a.type] || b.score - a.score || b.end - b.start - (a.end - a.start));
    const chosen: Candidate[] = [];
    if (kept.length > 32) {
      // Many candidates (a long transcript): a mask of taken characters keeps the choice linear.
      const taken = new Uint8Array(text.length);
      for (const c of kept) {
        let free = true;
        for (let i = c.start; i < c.end; i++) {
          if (taken[i] === 1) {
            free = false;
            break;
          }
        }
        if (!free) continue;
        taken.fill(1, c.start, c.end);
        chosen.push(c);
      }
    } else {
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
    }
    if (chosen.length > 1) chosen.sort((a, b) => a.start - b.start);
    return chosen;
  }

  return { detect, orgNames };
}

/** Characters that mark up the start of a Markdown line: heading marks, bullets, quotes, emphasis, rules. */
const LINE_MARKUP = new Set([35, 42, 95, 62, 45, 61, 43, 32, 9]);

/**
 * `text[i]` ends Markdown that opens its line ("# Skyway agent", "- **Skyway** handles…", "> Note"): the
 * word after it starts the line's text as a sentence would, so its capital says nothing (system prompts
 * and learned artifacts are Markdown; "# Notes for Maria Lopez" is still a name: only the first word moves).
 */
function afterLineMarkup(text: string, i: number): boolean {
  if (!LINE_MARKUP.has(text.charCodeAt(i)) || text.charCodeAt(i) === 32) return false;
  let j = i;
  while (j >= 0 && i - j < 16 && LINE_MARKUP.has(text.charCodeAt(j))) j--;
  return j < 0 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13;
}

/** "Acme Outfitters. How": a sentence end closes the business name. */
function trimOrg(name: string): string {
  const dot = name.search(/\.(?:[ ]|$)/);
  return dot > 0 ? name.slice(0, dot) : name;
}

/** "Hi, you have reached Acme Outfitters support": the name is the capitalised run nearest the context word, after any sentence end. */
function orgStart(run: string): string {
  const dot = run.lastIndexOf('. ');
  return dot >= 0 ? run.slice(dot + 2) : run;
}

/**
 * Mean margin over 'O' (perceptron units) a learned span needs, per type, unless the rules agree;
 * chosen on the Presidio dev half (`npm run eval:pii -- --tune-learned`), never on the held-out half.
 */
export const LEARNED_MARGINS: Readonly<Record<LearnedType, number>> = { PERSON: 12, LOCATION: 12, ADDRESS: 8, DATE: 12, ZIP: 12, OPENER: 12 };
/** The learned types, and OPENER: the extra margin a lone word opening a sentence needs. */
export type LearnedType = 'PERSON' | 'LOCATION' | 'ADDRESS' | 'DATE' | 'ZIP' | 'OPENER';
/** A year, a numeric date with day, month and year, or a clock time. */
const DATE_DIGITS_RE = /\b(?:1[89]|20)\d{2}\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:st|nd|rd|th)\b/i;
/** Greetings and courtesy words that open or close an address to someone ("Hi Ava", "Ava, thanks"). */
/** Nouns a brand or product word modifies ("Skyway agent", "Acme refund"); a name does not stand right before them. */
const SERVICE_NOUNS = new Set('agent agents support assistant bot chatbot desk helpdesk helpline team service services app account accounts airline airlines representative rep reps staff policy policies refund refunds booking bookings flight flights order orders portal website site membership rewards points plan plans store stores product products employee employees headquarters hq brand customer customers client clients card cards miles lounge hotline line'.split(' '));
/** "Happy 40th birthday", "Merry Christmas": a wish, not a person called Happy. */
const GREETING_RE = /^(?:happy|merry|joyful|blessed)[ ]+(?:\d{1,3}(?:st|nd|rd|th)[ ]+)?(?:birthday|bday|holidays?|new[ ]year|anniversary|thanksgiving|easter|christmas|xmas|hanukkah|diwali|eid|friday|monday|weekend|hour|halloween|mother's|father's|valentine's)\b/i;
const WEEKDAY_ALT = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const ORDINAL_DAY_RE = new RegExp(`\\b(?:(?:on|by|until|till|before|after|since|from|due|${WEEKDAY_ALT})[ ]+the[ ]+((?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th))|on[ ]+((?:[12]\\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9])|(?:1[0-2]|0?[1-9])/(?:[12]\\d|3[01]|0?[1-9])))\\b(?![ ]*(?:floor|place|time|times|grade|row|century|anniversary|birthday|edition|percentile|round|try|attempt|day|week|month|year|street|avenue|ave|st|level|gen|generation|line|step|item|page|chapter|inning|lap)\\b)(?![/.]\\d|\\d)`, 'gi');
const AM_PM = '(?:[ap]\\.m\\.|[ap]m\\b)';
const CLOCK = `(?:[01]?\\d|2[0-3])(?::[0-5]\\d){1,2}(?:[ ]?${AM_PM})?|(?:1[0-2]|0?[1-9])[ ]?${AM_PM}`;
const TIME_AFTER_DATE_RE = new RegExp(`^(?:,?[ ]+(?:at[ ]+|@[ ]?)?|T)(?:${CLOCK})`, 'i');
const TIME_BEFORE_DATE_RE = new RegExp(`(?:^|[ ])(?:${CLOCK})[ ]+(?:on|,)[ ]+$`, 'i');
const TIME_ON_WEEKDAY_RE = new RegExp(`\\b(?:${CLOCK})[ ]+on[ ]+(?:${WEEKDAY_ALT})\\b`, 'gi');
// Cheap pre-checks: the full patterns run only where their digits are.
const ORDINAL_DAY_HINT_RE = /\d(?:st|nd|rd|th)\b|\bon[ ]+\d{1,2}\//i;
const AGE_RELATIVE_HINT_RE = /,[ ]?\d{1,3},|\(\d{1,3}\)|\d(?:st|nd|rd|th)[ ]+birthday/i;
const AGE_GLUED_RE = /\b(\d{1,3})(?:yo|y\/o|y\.o\.?|yrs?[ -]?old|years?old)(?![\p{L}\d])/giu;
const RELATIVES = 'son|daughter|mother|father|mom|mum|dad|wife|husband|brother|sister|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|kid|child|baby|boy|girl|patient|man|woman|partner|nephew|niece|aunt|uncle|cousin|toddler|teenager|teen';
const AGE_LIST_RE = /\b(?:aged|ages)[ ]+(\d{1,3}(?:[ ]*(?:,|and|&|,[ ]*and)[ ]*\d{1,3})+)\b(?![.,]\d)/gi;
const AGE_AFTER_RELATIVE_RE = new RegExp(`\\b(?:${RELATIVES})(?:,[ ]?(\\d{1,3})(?=,)|[ ]\\((\\d{1,3})\\))|\\b(\\d{1,3})(?:st|nd|rd|th)[ ]+birthday\\b`, 'gi');
const EDGE_WORDS = new Set('hi hello hey dear thanks thank bye goodbye ok okay yes no sure well mr mrs ms dr sir madam miss'.split(' '));
function edgeWord(w: string, bits: number): boolean {
  const lw = w.toLowerCase().replace(/\.$/, '');
  if (EDGE_WORDS.has(lw) || !/[\p{L}\p{N}]/u.test(w)) return true;
  return (bits & (L_COMMON | L_ENGLISH)) !== 0 && (bits & (L_FIRST | L_SUR | L_PLACE)) === 0;
}
let modelCache: TaggerModel | undefined;
const taggerModel = (): TaggerModel => (modelCache ??= toModel(JSON.parse(TAGGER_WEIGHTS_JSON) as TaggerWeights));

const YEAR_MONTH_RE = /^(?:19|20)\d{2}-(?:0[1-9]|1[0-2])$/;
const MIXED_COMMA_RE = /(?<=\d)[ ]*,[ ]*(?=[a-z])|(?<=[a-z])[ ]*,[ ]*(?=\d)/i;
const DECIMAL_RE = /^(?:0\.\d+|\d{1,3}\.\d{1,2})$/;

/** A number run that starts or ends with "oh"/"o" (cheap gate for the trims below). */
const OH_EDGE_RE = /^(?:oh|o)(?![a-z])|(?<![a-z])(?:oh|o)$/i;
/**
 * A leading "oh" that is an interjection: followed by punctuation or a line break ("Oh, 12345",
 * "Oh.\n5"), or by written digits ("oh 12345"); "oh five five" keeps it as a zero.
 */
const OH_LEAD_RE = /^(?:oh|o)(?:[ ]*[,.!?;:\n\r\t-][ ,.!?;:\n\r\t-]*|[ ]+(?=\d))/i;
/** A trailing "oh" and the gap before it; it is a zero only after a spoken digit and a plain space ("five oh"). */
const OH_TAIL_RE = /([^a-z0-9]+)(?:oh|o)$/i;
const ENDS_SPOKEN_RE = new RegExp(`(?:^|[^a-z])(?:${NUMBER_WORDS.filter((w) => w !== 'oh').join('|')})$`, 'i');

/** Which detection wins an overlap: validated structured types first, then addresses, then the rest. */
/** Words before a weekday that make it a day of someone's schedule. */
const SCHEDULE_WORDS = new Set(['meet', 'meeting', 'appointment', 'appt', 'scheduled', 'schedule', 'booked', 'book', 'reschedule', 'rescheduled', 'visit', 'interview', 'surgery', 'see', 'available', 'arrive', 'arriving', 'flight', 'flying', 'fly', 'leave', 'leaving', 'checkup', 'consultation', 'session', 'pickup']);
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'das', 'do', 'dos', 'di', 'du', 'del', 'della', 'la', 'le', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'mac', 'op']);
/** Words before a month that make it a time: "in March", "since October", "last June". */
const MONTH_LEAD = new Set(['in', 'since', 'until', 'till', 'by', 'during', 'last', 'next', 'this', 'early', 'late', 'mid', 'before', 'after', 'through']);
const DATE_RANGE_TAIL_RE = /^[ ]?(?:-|–|to|through|till|until)[ ]?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?![-/.:]?\d)(?:,?[ ]\d{4}\b)?/i;

/** Words before a 4-digit number that make it a number of something, not a year: "room 2010", "flight 1999", "#2001". */
const NOT_A_YEAR_BEFORE_RE = /(?:\b(?:room|suite|unit|apt|apartment|box|flight|route|no|nos|number|ext|extension|page|pages|pg|pp|line|step|version|v|item|code|pin|gate|platform|bus|highway|hwy|interstate|model|part|lot|account|order|ticket|invoice|ref|id|pin|zip|postal|floor|building|bldg|level|row|seat|table|chapter|section|article|rule|exit|channel|ch|x|times)\.?|[#№×x*+\-–=<>~$€£]|\d[ ]?)[ ]*$/i;
/** Words after it that make it a quantity: "2000 dollars", "1999 points", "2017 people", "1950 calories", "2010 %". */
const NOT_A_YEAR_AFTER_RE = /^[ ]*(?:%|percent|[a-z]+s\b(?<!\b(?:was|is|has|does|his|its|this|as|us|yes|plus|thus|versus|vs)\b)|sq|ft|km|kg|lbs?|mb|gb|kb|mph|cc|hp|rpm|mg|ml|miles?|people|units?|items?|times|x\b|[-–/:.]\d)/i;

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
  LOCATION: 3,
};
