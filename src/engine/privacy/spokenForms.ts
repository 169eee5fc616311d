import { NUMBER_WORDS } from './spoken';

/**
 * Spoken-form normalisation before detection. Every rewrite keeps the text's length, so the offsets the
 * detectors report on the normalised text are offsets into the original:
 * - hyphens inside spoken digit groups and spelled letters become spaces ("nine-one-seven" → "nine one
 *   seven", "K-O-W-A-L-S-K-I" → "K O W A L S K I", "m-four-four" → "m four four");
 * - bracketed "at"/"dot" lose their brackets ("jane[at]example[dot]org" → "jane at example dot org").
 */
const DIGITISH = `(?:${NUMBER_WORDS.join('|')}|[a-z])`;
const HYPHEN_RE = new RegExp(`(?<=(?<![\\p{L}\\d])${DIGITISH})-(?=${DIGITISH}(?![\\p{L}\\d]))`, 'giu');
const BRACKETED_RE = /[[(<{](at|dot)[\])>}]/gi;

export function normalizeSpoken(text: string): string {
  let out = text;
  if (out.includes('-')) out = out.replace(HYPHEN_RE, ' ');
  if (out.includes('[') || out.includes('(') || out.includes('<') || out.includes('{')) out = out.replace(BRACKETED_RE, (m, w: string) => ` ${w} `);
  return out;
}
