/**
 * Turns a redacted utterance into a reusable template: privacy placeholders stay slots (their
 * per-conversation index is dropped so `[CUSTOMER_NAME_1]` and `[CUSTOMER_NAME_2]` share a template),
 * and the variable parts the redactor leaves alone become typed slots.
 */
const RULES: Array<[RegExp, string]> = [
  [/\[([A-Z][A-Z_]*?)(?:_\d+)?\]/g, '[$1]'],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, '{email}'],
  [/https?:\/\/\S+/g, '{url}'],
  [/[$€£]\s?\d[\d,]*(?:\.\d+)?/g, '{amount}'],
  [/\b\d{4}-\d{2}-\d{2}\b/g, '{date}'],
  [/\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/g, '{date}'],
  [/\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?\b/gi, '{time}'],
  // Identifiers: tokens mixing letters and digits (order numbers, confirmation codes, flight numbers).
  [/\b(?=[A-Za-z_-]*\d)(?=\d*[A-Za-z])[A-Za-z0-9_-]{4,}\b/g, '{id}'],
  [/\b\d+(?:[.,]\d+)*\s?%/g, '{percent}'],
  [/\b\d+(?:[.,]\d+)*\b/g, '{number}'],
];

export function toTemplate(text: string): string {
  let t = text;
  for (const [re, slot] of RULES) t = t.replace(re, slot);
  return t.replace(/\s+/g, ' ').trim();
}

/** Lower-case word tokens (placeholders kept whole), for similarity and cue matching. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/\[[a-z_]+\]|[a-z0-9']+/g) ?? [];
}

/** Jaccard similarity of two token sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Overlap coefficient: shared tokens over the smaller set (a restated request inside a longer turn scores high). */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  if (small.size === 0) return 0;
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / small.size;
}

/** Cuts a template to a length that keeps a fragment readable in reports. */
export function clip(text: string, max = 240): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
