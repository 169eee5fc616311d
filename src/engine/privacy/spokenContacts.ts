import { NUMBER_WORDS } from './spoken';
import type { DetectContext } from './tokens';

/**
 * Emails and street addresses as speech-to-text writes them, lower-case and with the pieces spoken:
 * "anna underscore b underscore 1984 at hotmail dot co dot uk", "kwame at mensah dot net",
 * "forty two wallaby way", "1600 amphitheatre parkway". Complements the token-stream email pass in
 * detect.ts (digits in the local part, country domains, "co dot uk") and its capitalised address rules.
 */
const TLDS = 'com|net|org|edu|gov|io|co|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|cz|ee|cy|ca|au|info|biz|me|ai|app|in|jp|cn|br|mx|ru|nz|za|ie|pt|gr|tr|kr|tw|hk|sg|ar|cl|pk|ng|ke|ph|my|id|vn|th|il|ae|sa|eg|ma|at|hu|ro|bg|sk|si|hr|rs|ua|lt|lv|is|lu|mt|dev|online|xyz|email|mail';
const LOCAL_WORD = `[\\p{L}0-9][\\p{L}0-9._-]{0,40}`;
const SEP = `[ ]+(?:underscore|dot|dash|hyphen|period|point)[ ]+`;
const LABEL = `[\\p{L}0-9][\\p{L}0-9-]{0,40}`;
const DOT = `(?:[ ]+dot[ ]+|\\.)`;
/** A domain label as spoken, hyphens included: "dunmore hyphen farms" (dunmore-farms). */
const SPOKEN_LABEL = `${LABEL}(?:[ ]+(?:hyphen|dash)[ ]+${LABEL}){0,3}`;
const SPOKEN_EMAIL_RE = new RegExp(
  `(?<![\\p{L}0-9._-])${LOCAL_WORD}(?:${SEP}${LOCAL_WORD}){0,6}[ ]+(?:at|@)[ ]+${SPOKEN_LABEL}(?:${DOT}${SPOKEN_LABEL}){0,4}${DOT}(?:${TLDS})(?![\\p{L}0-9])`,
  'giu',
);
const SPOKEN_LOCAL_RE = new RegExp(`(?<![\\p{L}0-9._-])${LOCAL_WORD}(?:[ ]+(?:underscore|dot|dash|hyphen)[ ]+${LOCAL_WORD}){1,6}[ ]+(?:at|@)[ ]+`, 'giu');
const TAIL_TO_TLD_RE = new RegExp(`^[\\p{L}0-9 -]{1,40}?(?:[ ]+dot[ ]+|\\.)(?:${TLDS})(?![\\p{L}0-9])`, 'u');
/** Words that lead into an email and are never its first piece ("my email is …"). */
const LEAD_IN = new Set("my email e-mail mail address is it's its the send to it at please use write down yeah yes so and uh um ok okay me on try contact reach me you can".split(' '));

const NUMBER_WORD = `(?:${NUMBER_WORDS.filter((w) => w !== 'double' && w !== 'triple').join('|')})`;
const HOUSE_NUMBER = `(?:\\d{1,5}[a-z]?|${NUMBER_WORD}(?:[ -]+(?:and[ ]+)?${NUMBER_WORD}){0,5}(?:[ ]+[a-z](?=[ ]))?)`;
/** Suffixes that name a street and little else. */
const STREET_SUFFIX = 'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|parkway|pkwy|terrace|crescent|highway|hwy|way|place|close|circle|square|row|trail|alley|plaza|mews|grove|gardens|heights|pike|turnpike';
const STREET_WORD = `(?!(?:the|a|an|to|of|in|on|at|for|and|or|my|your|our|their|his|her|this|that|these|those|is|are|was|be|it|we|you|they|i|me|with|from|by|per|times|more|less|other|one|two)[ ,.])[\\p{L}][\\p{L}'’.-]*`;
const SPOKEN_STREET_RE = new RegExp(`(?<![\\p{L}\\d])${HOUSE_NUMBER}[ ]+(?:${STREET_WORD}[ ]+){1,3}(?:${STREET_SUFFIX})(?![\\p{L}\\d])`, 'giu');
/** "way", "place", "close", "row", "square", "circle", "court", "drive": everyday words too; need an address context. */
const WEAK_SUFFIX_RE = /(?:^|[ ])(?:way|place|close|row|square|circle|court|drive|dr|st|grove|plaza)$/;
const ADDRESS_CONTEXT_RE = /\b(?:address|live|living|lives|moved|move|ship|send|deliver|delivery|mail|located|house|home|street|apartment|unit|at)\b/;

/** Each half runs only when the shared tokens show what it needs ("at" and "dot"; a number and a lower-case street word). */
export function spokenContacts(ctx: DetectContext, emails: boolean, streets: boolean): void {
  const { text, lower, hint, push, flags: f } = ctx;
  const email = emails && (f.atWord || f.at) && (f.dotWord || f.url || text.includes('.'));
  const street = streets && (f.digit || f.numberWord) && f.lowerStreet;
  if (email && (lower.includes(' at ') || lower.includes(' @ ')) && (lower.includes(' dot ') || lower.includes('.'))) {
    SPOKEN_EMAIL_RE.lastIndex = 0;
    for (let m = SPOKEN_EMAIL_RE.exec(lower); m !== null; m = SPOKEN_EMAIL_RE.exec(lower)) {
      let start = m.index;
      const first = /^[\p{L}0-9._-]+/u.exec(m[0])![0];
      if (LEAD_IN.has(first)) {
        // "is john at gmail dot com": the match began on a lead-in word only when nothing else precedes "at".
        const rest = m[0].slice(first.length);
        if (!/^[ ]+(?:underscore|dot|dash|hyphen|period|point)[ ]/.test(rest)) continue;
        start += first.length + (/^[ ]+\S+[ ]+/.exec(rest)?.[0].length ?? 0);
      }
      push('EMAIL', start, m.index + m[0].length, 0.9);
    }
    // "bartek underscore nowak at o two dot pl": a local part joined by "underscore"/"dot"/"dash" before "at" is an
    // email whatever the domain looks like; the email runs to the TLD when one follows soon, else one word on.
    SPOKEN_LOCAL_RE.lastIndex = 0;
    for (let m = SPOKEN_LOCAL_RE.exec(lower); m !== null; m = SPOKEN_LOCAL_RE.exec(lower)) {
      const from = m.index + m[0].length;
      const tail = TAIL_TO_TLD_RE.exec(lower.slice(from, from + 48)) ?? /^[\p{L}0-9-]+/u.exec(lower.slice(from));
      push('EMAIL', m.index, from + (tail ? tail[0].length : 0), 0.85);
    }
  }
  if (street) {
    SPOKEN_STREET_RE.lastIndex = 0;
    for (let m = SPOKEN_STREET_RE.exec(lower); m !== null; m = SPOKEN_STREET_RE.exec(lower)) {
      const weak = WEAK_SUFFIX_RE.test(m[0]);
      const context = hint === 'address' || ADDRESS_CONTEXT_RE.test(lower.slice(Math.max(0, m.index - 40), m.index));
      if (weak && !context) continue;
      push('ADDRESS', m.index, m.index + m[0].length, context ? 0.85 : 0.7);
    }
  }
}
