import { COMMON_WORD_SET } from './lexicon/commonWords';
import { ENGLISH_WORD_SET } from './lexicon/englishWords';
import { FIRST_NAME_SET } from './lexicon/firstNames';
import { SURNAME_SET } from './lexicon/surnames';
import { NUMBER_WORDS } from './spoken';
import type { EntityType } from './types';
import type { DetectContext } from './tokens';

/**
 * Names in the slots a speaker puts them in, whatever their case or script: after "my name is", "this is",
 * "i'm", "called", "under"; before "speaking"/"here"; and as the answer to "what's your name?" (the
 * conversation passes `hint: 'name'`). Case says nothing in transcripts ("this is jean-luc picard
 * speaking"), so a word is judged by what it is not: not an everyday word, not a dictionary word unless
 * a name lexicon knows it. Also spelled-out names: runs of single letters ("S M I T H", "o k o n k w o",
 * "d as in delta, u, b, o, i, s").
 */
export type Push = (type: EntityType, start: number, end: number, score: number) => void;
/** What the other side just asked for, when the caller's turn answers a question. */
export type TurnHint = 'name' | 'spell' | 'number' | 'address' | 'email';

const PARTICLES = new Set(['van', 'der', 'den', 'de', 'del', 'della', 'la', 'le', 'da', 'di', 'dos', 'das', 'von', 'bin', 'binti', 'al', 'el', 'ní', 'ni', 'nic', 'mac', 'ben', 'bint', 'ter', 'ten', 'st']);
const FILLERS = new Set(['uh', 'um', 'er', 'erm', 'ah', 'eh', 'hmm', 'mm', 'oh', 'yeah', 'yes', 'yep', 'sure', 'ok', 'okay', 'so', 'well', 'its', "it's", 'it', 'is', 'that', "that's", 'thats', 'the', 'name', 'my', 'first', 'last', 'full', 'surname', 'um,', 'right', 'hi', 'hello', 'hey', 'and', 'mister', 'mr', 'mrs', 'ms', 'miss', 'dr', 'doctor', 'prof', 'professor', 'sir', 'madam', 'spelled', 'spell', 'as', 'in', 'like']);
const INFORMAL = new Set(['gonna', 'wanna', 'gotta', 'kinda', 'sorta', 'tryna', 'lemme', 'gimme', 'dunno', 'calling', 'speaking', 'here', 'back', 'again', 'still', 'only']);
const NUMBER_WORD_SET = new Set(NUMBER_WORDS);
/** Contractions typed or transcribed without their apostrophe ("hes", "ill", "youre"): words, never names. */
const BARE_CONTRACTIONS = new Set(['im', 'ive', 'ill', 'id', 'hes', 'shes', 'its', 'youre', 'youve', 'youll', 'youd', 'theyre', 'theyve', 'theyll', 'were', 'weve', 'wed', 'dont', 'doesnt', 'didnt', 'cant', 'wont', 'isnt', 'arent', 'wasnt', 'werent', 'hasnt', 'havent', 'hadnt', 'couldnt', 'shouldnt', 'wouldnt', 'thats', 'whats', 'theres', 'heres', 'lets', 'aint']);

const WORD_RE = /[\p{L}][\p{L}'’-]*/guy;
const STRONG_RE = /\b(?:my (?:full |first |last |middle |sur)?name(?:'s| is)|(?:first|last|full|middle|sur|maiden|legal|passenger|caller|customer)[ ]?name(?: is|'s|:)?|name's|call me|surname is|name is|name on the (?:account|reservation|booking|card|order) is|(?:account|reservation|booking|order) is under(?! the name)|under the name(?: of)?|(?:account|card|policy)[ ]?holder(?:'s name)?(?: is|:))[ ,:]+/giu;
// Titles ("dr. kwame") are skipped after these (skipFillers); capitalised "Dr. Kwame" is the trigger pass's in detect.ts.
const WEAK_TRIGGERS = [
  'this is', "i'm", 'i am', "it's", 'it is', 'called', 'under', 'speaking with', 'talking to', 'spoke to', 'spoke with', 'ask for',
  // Relatives and colleagues are named right after the relation ("my father, rajendra prasad iyer").
  'my father', 'my mother', 'my dad', 'my mom', 'my mum', 'my wife', 'my husband', 'my son', 'my daughter', 'my brother', 'my sister', 'my partner', 'my friend', 'my colleague', 'my boss', 'my manager',
];
const nameCode = (c: number) => (c >= 97 && c <= 122) || c === 39 || c === 8217 || c === 45 || (c > 127 && c !== 8220 && c !== 8221 && c !== 8212 && c !== 8211);
const gapCode = (c: number) => c === 32 || c === 44 || c === 58;
const wordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || c === 8217 || c > 127;
/** "priya raghunathan speaking", "søren bjørnstad here": the name stands right before these. */
const SELF_AFTER = [' speaking', ' here', ' calling'];

type Kind = 'name' | 'particle' | 'no';

/** How a lower-cased word reads in a name slot. `strong`: the slot is a name whatever the word. */
function judge(w: string, strong: boolean): Kind {
  if (w.length < 2) return 'no';
  if (PARTICLES.has(w)) return 'particle';
  if (NUMBER_WORD_SET.has(w) || FILLERS.has(w) || INFORMAL.has(w) || BARE_CONTRACTIONS.has(w)) return 'no';
  if (w.includes('-')) {
    const parts = w.split('-');
    // "jean-luc", "mokoena-dlamini": no everyday part, and a name lexicon knows a part or a part is no dictionary word.
    if (parts.some((p) => p.length < 2 || COMMON_WORD_SET.has(p) || NUMBER_WORD_SET.has(p))) return 'no';
    return strong || parts.some((p) => FIRST_NAME_SET.has(p) || SURNAME_SET.has(p) || !ENGLISH_WORD_SET.has(p)) ? 'name' : 'no';
  }
  const lexName = FIRST_NAME_SET.has(w) || SURNAME_SET.has(w);
  if (COMMON_WORD_SET.has(w)) return strong && lexName ? 'name' : 'no';
  if (lexName) return 'name';
  if (!ENGLISH_WORD_SET.has(w)) return 'name';
  return strong && !w.endsWith('ing') && !w.endsWith('ed') ? 'name' : 'no';
}

/** Whether a name-lexicon word is also an everyday English word ("happy", "grace"): weak on its own. */
const ambiguous = (w: string) => ENGLISH_WORD_SET.has(w) || COMMON_WORD_SET.has(w);

/** Reads up to four name words from `pos`; returns [start, end, count, allAmbiguous] of the accepted run. */
function readForward(text: string, lower: string, pos: number, strong: boolean): [number, number, number, boolean] | undefined {
  let start = -1;
  let end = -1;
  let count = 0;
  let allAmbiguous = true;
  let at = pos;
  for (let n = 0; n < 6 && count < 4; n++) {
    WORD_RE.lastIndex = at;
    const m = WORD_RE.exec(lower);
    if (!m) break;
    let w = m[0];
    if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
    // After a first name word, the next ones are judged as in a strong slot ("rajendra prasad iyer").
    const k = judge(w, strong || count > 0);
    if (k === 'no') break;
    if (k === 'particle') {
      if (count === 0 && !strong) break;
      if (start < 0) start = m.index;
    } else {
      if (start < 0) start = m.index;
      end = m.index + w.length;
      count++;
      if (!ambiguous(w.split('-')[0]!)) allAmbiguous = false;
    }
    at = m.index + m[0].length;
    // Name words follow each other with single spaces; any punctuation ends the name.
    if (text.charCodeAt(at) !== 32 || text.charCodeAt(at + 1) === 32) break;
    at++;
  }
  return count > 0 ? [start, end, count, allAmbiguous] : undefined;
}

/** Cheap gate for the weak slots: the trigger words, found with one scan. */
const selfWords = (lower: string) => lower.includes("i'm") || lower.includes('i am') || lower.includes("it's") || lower.includes('it is') || lower.includes('im ') || lower.includes('my ');

/**
 * Runs on the shared token buffer's flags: spelled runs only when the tokenizer saw three single letters
 * in a row; the slots only when it saw a trigger word ("name", "called", "under", "speaking", "this",
 * "here"…; "i'm" / "it's" are checked here with `includes`).
 */
export function nameSlots(ctx: DetectContext): void {
  const { text, lower, hint, push } = ctx;
  const spelledRun = ctx.flags.spelledRun;
  const triggerWord = ctx.flags.nameHint || ctx.flags.thisHint || ctx.flags.selfHint;
  const weak = triggerWord || selfWords(lower);
  if (!weak && hint === undefined && !spelledRun && !lower.includes(' as in ')) return;
  const hasStrong = triggerWord && (lower.includes('name') || lower.includes('call me') || lower.includes('under'));
  if (hasStrong) {
    // Start the scan near the first cue word; everything before it cannot match.
    const cue = Math.min(...['name', 'call me', 'under'].map((w) => lower.indexOf(w)).filter((i) => i >= 0));
    STRONG_RE.lastIndex = Math.max(0, cue - 40);
    for (let m = STRONG_RE.exec(lower); m !== null; m = STRONG_RE.exec(lower)) {
      const r = readForward(text, lower, skipFillers(lower, m.index + m[0].length), true);
      if (r) push('PERSON', r[0], r[1], 0.9);
    }
  }
  if (weak) {
    // indexOf per trigger phrase: a case-insensitive alternation tried at every position cost more than all the rest.
    for (const phrase of WEAK_TRIGGERS) {
      for (let at = lower.indexOf(phrase); at >= 0; at = lower.indexOf(phrase, at + phrase.length)) {
        if (at > 0 && wordCode(lower.charCodeAt(at - 1))) continue;
        let pos = at + phrase.length;
        if (!gapCode(lower.charCodeAt(pos))) continue;
        while (pos < lower.length && gapCode(lower.charCodeAt(pos))) pos++;
        const r = readForward(text, lower, skipFillers(lower, pos), false);
        // "i'm happy to help": a lone name-lexicon word that is also an everyday word needs a second name word,
        // or to end the clause ("i'm dolores, …").
        if (r && (r[2] >= 2 || !r[3] || /^[ ]*(?:[,.!?;]|$)/.test(lower.slice(r[1], r[1] + 2)))) push('PERSON', r[0], r[1], r[2] >= 2 ? 0.85 : 0.75);
      }
    }
  }
  if (triggerWord) {
    for (const word of SELF_AFTER) {
      for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
        if (wordCode(lower.charCodeAt(at + word.length))) continue;
        let end = at;
        while (end > 0 && lower.charCodeAt(end - 1) === 32) end--;
        const r = readBackward(lower, end);
        if (r && (r[2] >= 2 || !r[3])) push('PERSON', r[0], r[1], r[2] >= 2 ? 0.85 : 0.7);
      }
    }
  }
  if (hint === 'name' || hint === 'spell') {
    // The answer to "what's your name?": the name words wherever they stand in a short answer.
    let at = 0;
    let words = 0;
    for (WORD_RE.lastIndex = 0; words < 12; words++) {
      WORD_RE.lastIndex = at;
      const m = WORD_RE.exec(lower);
      if (!m) break;
      at = m.index + m[0].length;
      if (judge(m[0], false) !== 'name' && !(FIRST_NAME_SET.has(m[0]) && !COMMON_WORD_SET.has(m[0]))) continue;
      const r = readForward(text, lower, m.index, true);
      if (r) {
        push('PERSON', r[0], r[1], 0.8);
        at = Math.max(at, r[1]);
      }
    }
  }
  if (spelledRun || lower.includes(' as in ')) spelledRuns(text, lower, hint !== undefined || lower.includes(' as in ') || SPELL_HINT_RE.test(lower) || hasStrong, push);
}

function skipFillers(lower: string, pos: number): number {
  let at = pos;
  for (let n = 0; n < 4; n++) {
    WORD_RE.lastIndex = at;
    const m = WORD_RE.exec(lower);
    if (!m || !['uh', 'um', 'er', 'erm', 'it', 'is', "it's", 'its', 'mister', 'mr', 'mrs', 'ms', 'miss', 'dr', 'doctor', 'like', 'just'].includes(m[0])) break;
    at = m.index + m[0].length;
    while (at < lower.length && /[ ,.]/.test(lower[at]!)) at++;
  }
  return at;
}

function readBackward(lower: string, endAt: number): [number, number, number, boolean] | undefined {
  let start = -1;
  let count = 0;
  let allAmbiguous = true;
  let at = endAt;
  for (let n = 0; n < 4; n++) {
    let s = at;
    while (s > 0 && nameCode(lower.charCodeAt(s - 1))) s--;
    if (s === at) break;
    const w = lower.slice(s, at);
    const k = judge(w, false);
    if (k === 'no') break;
    if (k === 'name') {
      start = s;
      count++;
      if (!ambiguous(w.split('-')[0]!)) allAmbiguous = false;
    }
    if (s === 0 || lower.charCodeAt(s - 1) !== 32) break;
    at = s - 1;
  }
  return count > 0 ? [start, endAt, count, allAmbiguous] : undefined;
}

const SPELL_HINT_RE = /spell|letters?|that's|thats|it's|as in/;
/** A spelled letter: one letter, or "d as in delta". */
const LETTER = `(?:[a-z](?:[ ]+as[ ]+in[ ]+[a-z]+)?)`;
const SPELLED_RUN_RE = new RegExp(`(?<![\\p{L}\\d'’])${LETTER}(?:[ ]*[.,-]?[ ]+${LETTER}|[.-]${LETTER}){2,40}(?![\\p{L}\\d])\\.?`, 'giu');

/** Three or more single letters in a row ("S M I T H", "p. a. t"): a spelled name or code. */
function spelledRuns(text: string, lower: string, context: boolean, push: Push): void {
  SPELLED_RUN_RE.lastIndex = 0;
  for (let m = SPELLED_RUN_RE.exec(lower); m !== null; m = SPELLED_RUN_RE.exec(lower)) {
    const letters = m[0].replace(/[ ]+as[ ]+in[ ]+[a-z]+/g, '').replace(/[^a-z]/g, '');
    // "i a m", "a b c": too short or the alphabet itself is no name.
    if (letters.length < 3 || 'abcdefghijklmnopqrstuvwxyz'.includes(letters)) continue;
    push('PERSON', m.index, m.index + m[0].length, context || letters.length >= 4 ? 0.85 : 0.6);
    // "it's nakamura, n a k a m u r a": the word the letters spell is the name too, wherever it stands in the turn.
    if (letters.length >= 3) {
      for (let at = lower.indexOf(letters); at >= 0; at = lower.indexOf(letters, at + letters.length)) {
        const end = at + letters.length;
        if ((at > 0 && /[\p{L}\d]/u.test(lower[at - 1]!)) || (end < lower.length && /[\p{L}\d]/u.test(lower[end]!))) continue;
        push('PERSON', at, end, 0.85);
      }
    }
  }
  void text;
}
