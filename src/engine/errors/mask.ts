/**
 * Drain-style masking: the variable parts of an error message (ids, numbers, amounts, dates, times,
 * quoted values, redaction placeholders such as `[ACCOUNT_NUMBER_1]`) become one `<*>` token, so
 * messages that differ only in those parts share a template. Runs on redacted text.
 */
export const WILDCARD = '<*>';

// Order matters: multi-token shapes (quoted values, dates with spaces) are masked before tokens.
const WHOLE_TEXT_MASKS: readonly RegExp[] = [
  /\[[A-Z][A-Z0-9_]*\]/g, // redaction placeholders: [PERSON_1], [ACCOUNT_NUMBER_2]
  /"[^"\n]{0,200}"|'[^'\n]{1,200}'|`[^`\n]{0,200}`/g, // quoted values
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g, // ISO dates
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g, // numeric dates
  /\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?/gi, // times
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?\b/gi, // 'May 13, 2024'
  /[$€£¥]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:usd|eur|gbp|dollars?|euros?)\b/gi, // amounts
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // uuids
];

/** A token is variable when it carries a digit (HAT229, gift_card_8190333, 305, 0x1f) or is a long hex run. */
function isVariableToken(core: string): boolean {
  return /\d/.test(core) || /^[0-9a-f]{16,}$/i.test(core);
}

const EDGE_PUNCTUATION = /^([([{<"'`]*)(.*?)([)\]}>"'`.,;:!?]*)$/s;

/** The message's template: variable parts masked, whitespace normalised, adjacent wildcards merged. */
export function maskMessage(message: string): string {
  let text = message;
  for (const re of WHOLE_TEXT_MASKS) text = text.replace(re, ` ${WILDCARD} `);
  const out: string[] = [];
  for (const token of text.split(/\s+/)) {
    if (token.length === 0) continue;
    let masked = token;
    if (token !== WILDCARD) {
      const m = EDGE_PUNCTUATION.exec(token);
      const [lead, core, trail] = m ? [m[1]!, m[2]!, m[3]!] : ['', token, ''];
      if (core.length > 0 && isVariableToken(core)) masked = `${lead}${WILDCARD}${trail}`;
    }
    // Punctuation left alone after a wildcard ('<*> ,') joins it, so the spacing of the source does not matter.
    if (/^[.,;:!?)]+$/.test(masked) && out.length > 0) {
      out[out.length - 1] += masked;
      continue;
    }
    const prev = out[out.length - 1];
    if (masked === WILDCARD && prev === WILDCARD) continue;
    out.push(masked);
  }
  return out.join(' ');
}
