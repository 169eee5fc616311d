/**
 * TF-IDF over term lists: a vocabulary fitted on the texts themselves (new corpora bring new words),
 * sublinear term frequency, smoothed IDF, rows L2-normalised. Character n-gram terms (`#…`) and tool
 * terms (`tool:…`) are weighted apart from words so that neither drowns the other.
 */
export interface SparseRow {
  ids: Int32Array;
  values: Float64Array;
}

export interface Vocabulary {
  terms: string[];
  idf: number[];
}

export interface VocabularyOptions {
  /** Terms seen in fewer documents are dropped. */
  minDf?: number;
  /** Terms seen in more than this share of documents are dropped (they separate nothing). */
  maxDfShare?: number;
  /** At most this many terms (most frequent by document count). */
  maxTerms?: number;
}

export const CHAR_WEIGHT = 0.5;
export const TOOL_WEIGHT = 1.5;

export function fitVocabulary(docs: readonly (readonly string[])[], options: VocabularyOptions = {}): Vocabulary {
  const minDf = options.minDf ?? 2;
  const maxDf = Math.max(minDf, Math.floor((options.maxDfShare ?? 0.8) * docs.length));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const kept = [...df.entries()]
    .filter(([, c]) => c >= Math.min(minDf, docs.length) && (c <= maxDf || docs.length < 4))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxTerms ?? 30_000);
  const n = docs.length;
  return { terms: kept.map(([t]) => t), idf: kept.map(([, c]) => Math.log((1 + n) / (1 + c)) + 1) };
}

export function vocabularyIndex(v: Vocabulary): Map<string, number> {
  return new Map(v.terms.map((t, i) => [t, i]));
}

function termWeight(term: string): number {
  if (term.startsWith('#')) return CHAR_WEIGHT;
  if (term.startsWith('tool:')) return TOOL_WEIGHT;
  return term.includes(' ') ? 0.7 : 1;
}

/** One document as a normalised sparse TF-IDF row (terms outside the vocabulary are ignored). */
export function tfidfRow(doc: readonly string[], v: Vocabulary, index: Map<string, number>): SparseRow {
  const tf = new Map<number, number>();
  for (const t of doc) {
    const i = index.get(t);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const ids = new Int32Array(tf.size);
  const values = new Float64Array(tf.size);
  let k = 0;
  let norm = 0;
  for (const [i, f] of tf) {
    const x = (1 + Math.log(f)) * v.idf[i]! * termWeight(v.terms[i]!);
    ids[k] = i;
    values[k++] = x;
    norm += x * x;
  }
  if (norm > 0) {
    const s = 1 / Math.sqrt(norm);
    for (let j = 0; j < values.length; j++) values[j]! *= s;
  }
  return { ids, values };
}
