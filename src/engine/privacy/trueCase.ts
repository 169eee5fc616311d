/**
 * Case for a text written without any (all lower case, or all capitals): speech-to-text output, a lower-cased export ("her maiden name is
 * nyberg", "have you heard nijito asano speak yet?"). The name, place and address rules read capitals;
 * a text with no capital letter at all carries no case information, so the words a lexicon says are
 * proper nouns get their capital back before detection, and the rules run unchanged. Same length, so
 * offsets stay those of the original.
 *
 * Capitalised: a given name or surname that is no everyday or frequent English word ("olga", "nyberg";
 * not "mark", "will", "rose"); a country, state or town that is no English word ("kenya", "ljubljana"; not
 * "nice", "reading"); a word of four letters or more that no lexicon or dictionary knows ("asano",
 * "gijn"). Never a month or weekday ("june", "may"), a number word, or a word the English list holds
 * unless a name lexicon knows it and it is not frequent.
 */
import { englishForm, KEYWORD_FLAGS, L_CITY, L_COMMON, L_ENGLISH, L_FIRST, L_FREQUENT, L_PLACE, L_SUR, LEXICON, WEEKDAYS } from './wordTable';

const HAS_UPPER_RE = /\p{Lu}/u;
// Whole words only: never a part of an IBAN, an email, a URL or a code ("gb82west…", "jane.doe@…").
const WORD_RE = /(?<![\p{L}\p{N}@._/\\#])[\p{Ll}][\p{Ll}'’-]*[\p{Ll}](?![\p{L}\p{N}@_/\\]|\.[\p{L}\p{N}])/gu;
/** Texts shorter than this are labels and ids, not prose. */
const MIN_LETTERS = 12;

const HAS_LOWER_RE = /\p{Ll}/u;

/** Whether `text` carries no case: no capital letter, or nothing but capitals ("PLEASE CALL ANNA"), and enough letters to be prose. */
export function caseless(text: string): boolean {
  if (text.length < MIN_LETTERS) return false;
  const upper = HAS_UPPER_RE.test(text);
  const lower = HAS_LOWER_RE.test(text);
  return upper !== lower;
}

export function trueCase(original: string): string {
  // All capitals: lower-case it first (character by character, so the length cannot change).
  const text = HAS_LOWER_RE.test(original) ? original : sameLengthLower(original);
  let out = '';
  let at = 0;
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m !== null; m = WORD_RE.exec(text)) {
    const w = m[0];
    if (!properNoun(w)) continue;
    // Each part of "jean-luc" or "o'neil" gets its capital.
    const cased = w.replace(/(^|[-'’])(\p{Ll})/gu, (_s, sep: string, c: string) => sep + c.toUpperCase());
    if (cased.length !== w.length) continue; // a capital of another length ("ß" → "SS" never here, but keep offsets safe)
    out += text.slice(at, m.index) + cased;
    at = m.index + w.length;
  }
  return at === 0 ? text : out + text.slice(at);
}

function sameLengthLower(text: string): string {
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

function properNoun(w: string): boolean {
  const lw = w.replace(/['’]s$/, '');
  const parts = lw.split(/[-'’]/).filter((p) => p.length > 0);
  if (parts.length === 0) return false;
  return parts.every((p, i) => properPart(p, i > 0 || parts.length > 1));
}

function properPart(lw: string, inCompound: boolean): boolean {
  if (lw.length < 2) return false;
  const flag = KEYWORD_FLAGS.get(lw);
  if (flag === 3 || flag === 4 || flag === 11 || WEEKDAYS.has(lw)) return false;
  const info = LEXICON.get(lw) ?? 0;
  if ((info & (L_COMMON | L_FREQUENT)) !== 0) return false;
  if ((info & (L_FIRST | L_SUR)) !== 0) return (info & L_ENGLISH) === 0 || lw.length >= 5;
  // A town the English list also holds ("zagreb", "ljubljana") when long enough not to be an everyday word.
  if ((info & (L_PLACE | L_CITY)) !== 0) return (info & L_ENGLISH) === 0 || lw.length >= 6;
  if ((info & L_ENGLISH) !== 0 || englishForm(lw)) return false;
  if (lw.length < 4 && !inCompound) return false;
  // Speech and chat are full of misspellings ("adress", "freee") and run-together words ("guesthouse",
  // "suggestfor"): a word one edit from an English word, or two English words joined, is no name.
  return !oneEditFromEnglish(lw) && !twoEnglishWords(lw);
}

const english = (w: string) => ((LEXICON.get(w) ?? 0) & (L_ENGLISH | L_COMMON)) !== 0;

/**
 * Every English word of five letters or more with one letter deleted (symmetric-delete index, built on the
 * first caseless text): a word is one edit from the dictionary when it is such a deletion (a letter
 * missing), when deleting one of its letters gives a word (one too many) or gives such a deletion (one
 * wrong or two swapped). Linear in the word's length, instead of trying 26 letters at every position.
 */
let deletions: Set<string> | undefined;
function deletionIndex(): Set<string> {
  if (deletions) return deletions;
  deletions = new Set();
  for (const [w, bits] of LEXICON) {
    if ((bits & (L_ENGLISH | L_COMMON)) === 0 || w.length < 5 || w.length > 16) continue;
    for (let i = 0; i < w.length; i++) deletions.add(w.slice(0, i) + w.slice(i + 1));
  }
  return deletions;
}

function oneEditFromEnglish(w: string): boolean {
  if (w.length < 4) return false;
  // Short words: only a letter too many ("freee", "aslo" is two swapped); a short foreign name ("asano") is often one letter from a word.
  const short = w.length < 6;
  const index = short ? undefined : deletionIndex();
  if (index?.has(w)) return true;
  for (let i = 0; i < w.length; i++) {
    const del = w.slice(0, i) + w.slice(i + 1);
    if (english(del)) return true;
    if (short && i + 1 < w.length && english(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))) return true;
    if (index?.has(del)) return true;
  }
  return false;
}

function twoEnglishWords(w: string): boolean {
  for (let i = 3; i <= w.length - 3; i++) if (english(w.slice(0, i)) && english(w.slice(i))) return true;
  // "suggestfor", "wifi"-like glue of a word and a short function word.
  for (const short of ['for', 'to', 'in', 'on', 'of', 'it', 'is', 'me', 'up']) if (w.endsWith(short) && w.length - short.length >= 4 && english(w.slice(0, -short.length))) return true;
  return false;
}
