import { NUMBER_WORDS } from './spoken';

/**
 * Spoken-form normalisation before detection. Every rewrite keeps the text's length, so the offsets the
 * detectors report on the normalised text are offsets into the original:
 * - hyphens inside spoken digit groups and spelled letters become spaces ("nine-one-seven" → "nine one
 *   seven", "K-O-W-A-L-S-K-I" → "K O W A L S K I", "m-four-four" → "m four four");
 * - bracketed "at"/"dot" lose their brackets ("jane[at]example[dot]org" → "jane at example dot org").
 */
const DIGITISH = new Set(NUMBER_WORDS);
const BRACKETED_RE = /[[(<{](at|dot)[\])>}]/gi;
/** The closing halves of "[at]" / "(dot)"…: plain substring checks before the regex. */
const BRACKET_HINTS = ['at]', 'at)', 'at>', 'at}', 'AT]', 'AT)', 'ot]', 'ot)', 'ot>', 'ot}', 'OT]', 'OT)', 'At]', 'At)', 'Dot]', 'Dot)'];
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c > 127 && String.fromCharCode(c).toLowerCase() !== String.fromCharCode(c).toUpperCase());
const isWordChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57);

/** The word that ends right before `at` / starts at `at`, when it is a number word or a single letter. */
function digitishBefore(text: string, at: number): boolean {
  let s = at;
  while (s > 0 && isLetter(text.charCodeAt(s - 1))) s--;
  if (s === at || (s > 0 && isWordChar(text.charCodeAt(s - 1)))) return false;
  return at - s === 1 || DIGITISH.has(text.slice(s, at).toLowerCase());
}
function digitishAfter(text: string, at: number): boolean {
  let e = at;
  while (e < text.length && isLetter(text.charCodeAt(e))) e++;
  if (e === at || (e < text.length && isWordChar(text.charCodeAt(e)))) return false;
  return e - at === 1 || DIGITISH.has(text.slice(at, e).toLowerCase());
}

export function normalizeSpoken(text: string): string {
  let out = text;
  // One indexOf walk over the hyphens (a regex with a number-word lookbehind would be tried at every position).
  let parts: string[] | undefined;
  let last = 0;
  for (let i = out.indexOf('-'); i >= 0; i = out.indexOf('-', i + 1)) {
    if (i === 0 || !isLetter(out.charCodeAt(i - 1)) || !isLetter(out.charCodeAt(i + 1))) continue;
    if (!digitishBefore(out, i) || !digitishAfter(out, i + 1)) continue;
    (parts ??= []).push(out.slice(last, i), ' ');
    last = i + 1;
  }
  if (parts) out = parts.join('') + out.slice(last);
  if (BRACKET_HINTS.some((h) => out.includes(h)) && BRACKETED_RE.test(out)) {
    BRACKETED_RE.lastIndex = 0;
    out = out.replace(BRACKETED_RE, (m, w: string) => ` ${w} `);
  }
  BRACKETED_RE.lastIndex = 0;
  return out;
}
