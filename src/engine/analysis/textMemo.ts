/** Texts a table holds before it is emptied (a bound on memory, not a tuning knob). */
const MAX_TEXTS = 20_000;

/**
 * A pure per-text scan (cue signals, taxonomy matches, template, tokens) whose results are kept across
 * calls: redacted turns repeat verbatim ("my email is [EMAIL_1]", an agent's scripted lines) and each
 * scan runs dozens of regular expressions. Keyed by what the scan reads: the cue list or taxonomy (by
 * identity) and the text. Results are shared, so callers only read them (arrays come back frozen).
 */
export function memoByText<K extends object, T>(scan: (text: string, key: K) => T): (text: string, key: K) => T {
  const tables = new WeakMap<K, Map<string, T>>();
  return (text, key) => {
    let table = tables.get(key);
    if (table === undefined) tables.set(key, (table = new Map()));
    let result = table.get(text);
    if (result === undefined) {
      if (table.size >= MAX_TEXTS) table.clear();
      result = scan(text, key);
      if (Array.isArray(result)) Object.freeze(result);
      table.set(text, result);
    }
    return result;
  };
}
