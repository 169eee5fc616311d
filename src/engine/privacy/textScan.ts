import { COMMON_WORD_SET } from './lexicon/commonWords';
import { NUMBER_WORD_SET } from './patterns';

/** Character-level helpers of the detectors: cheap checks that run before (or instead of) a regex. */

/** Starts a global regex from the beginning (String.prototype.matchAll would clone the regex on every call). */
export function first(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(text);
}

/** "$ 250", "usd 40": a currency sign or code right before the run (no regex scan of the window). */
export function moneyBefore(before: string): boolean {
  let i = before.length - 1;
  while (i >= 0 && before.charCodeAt(i) === 32) i--;
  if (i < 0) return false;
  const c = before.charCodeAt(i);
  if (c === 36 || c === 8364 || c === 163) return true;
  if (i < 2) return false;
  const code = before.slice(i - 2, i + 1);
  return (code === 'usd' || code === 'eur' || code === 'gbp') && (i < 3 || !isAsciiLower(before.charCodeAt(i - 3)));
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII \\w, as the regex lookarounds used to define a number run. */
export function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** A digit group glued to a following word character ("4B", "12th"), except a phone extension "x4587". */
export function gluedAfter(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = text.charCodeAt(at);
  if ((c === 120 || c === 88) && isDigitCode(text.charCodeAt(at + 1))) return false;
  return isWordCode(c);
}

export function isWordOrDot(c: number): boolean {
  return c === 46 || isWordCode(c);
}

/** The gap between two digit groups: -1 not a separator, 0 spaces/commas, 1 one punctuation mark, 2 a parenthesis. */
export function gapKind(text: string, from: number, to: number): number {
  let punct = 0;
  let kind = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 44) continue;
    if (c === 45 || c === 8211 || c === 46 || c === 47) kind = Math.max(kind, 1);
    else if (c === 40 || c === 41) kind = 2;
    else return -1;
    if (++punct > 1) return -1;
  }
  return kind;
}

/** Lower case with the same length as the text, so offsets into one are offsets into the other. */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Cheap pre-checks for name lists: a comma, "&" or " and " right after / right before the name. */
export function listJoinAfter(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  return c === 44 || c === 38 || (c === 32 && (text.charCodeAt(end + 1) === 38 || text.startsWith('and ', end + 1)));
}
export function listJoinBefore(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && text.charCodeAt(i) === 32) i--;
  const c = text.charCodeAt(i);
  return c === 44 || c === 38 || (c === 100 && text.startsWith(' and', i - 3));
}

export function isAsciiUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Whether text[from, to) holds only spaces, plus at most one character `extra` (0: none). */
export function onlySpaces(text: string, from: number, to: number, extra: number): boolean {
  if (to <= from) return false;
  let extras = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) continue;
    if (extra !== 0 && c === extra && ++extras === 1) continue;
    return false;
  }
  return true;
}

/** Whether text[from, to) is spaces around exactly one `ch` ("john @ gmail"). */
export function gapHas(text: string, from: number, to: number, ch: number): boolean {
  let seen = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === ch && !seen) seen = true;
    else if (c !== 32) return false;
  }
  return seen;
}

const isLocalChar = (c: number) => c === 46 || c === 95 || c === 45 || (c >= 48 && c <= 57);

/** Between two pieces of an email's local part written together: ".", "_", "-" or digits, no spaces. */
export function localJoin(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isLocalChar(text.charCodeAt(i))) return false;
  return true;
}

/** Between the local part and "at" (or "@"): characters written on (digits . _ -), then spaces or "@". */
export function localGap(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isLocalChar(text.charCodeAt(i))) i++;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 64) return false;
  }
  return true;
}

export function isAsciiLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** Letter-ness of every code unit below U+3000, computed once (no string allocation per character). */
const LETTER_BELOW_3000 = new Uint8Array(0x3000);
for (let c = 128; c < 0x3000; c++) {
  const ch = String.fromCharCode(c);
  LETTER_BELOW_3000[c] = ch.toLowerCase() !== ch.toUpperCase() || /\p{L}/u.test(ch) ? 1 : 0;
}

export function isNonAsciiLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x3000) return LETTER_BELOW_3000[c] === 1;
  // Surrogates and scripts above U+3000 (CJK and beyond): ask the Unicode property.
  return /\p{L}/u.test(ch) || (c >= 0xd800 && c <= 0xdfff);
}

export function lowerWindow(text: string, from: number, to: number): string {
  return text.slice(Math.max(0, from), Math.min(text.length, to));
}

export function isNameToken(word: string): boolean {
  const lower = word.toLowerCase();
  return !COMMON_WORD_SET.has(lower) && !NUMBER_WORD_SET.has(lower);
}

export function isUpper(code: number): boolean {
  return (code >= 65 && code <= 90) || (code > 191 && String.fromCharCode(code).toLowerCase() !== String.fromCharCode(code));
}

// ---------------------------------------------------------------- the detector

/** Whether text[from, to) holds a letter or digit (a gap between two words that is more than punctuation). */
export function gapHasLetterOrDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 191) return true;
  }
  return false;
}
