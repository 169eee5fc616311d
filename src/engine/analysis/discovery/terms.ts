import { STOPWORDS, stem, tokenize } from '../intent/features';

/**
 * The terms a text is represented by for unsupervised grouping: stemmed content words, bigrams of
 * content words, and character 4-grams inside words (so "rebook" and "rebooking", or a typo, still
 * meet). Words that say how something is asked rather than what ("hi", "please", "want") carry no topic.
 * Tools are passed in as `tool:<name>` terms: what the agent did is evidence of what the caller wanted.
 */
const FILLER: ReadonlySet<string> = new Set(
  'hi hello hey thanks thank yes yeah no ok okay sure want wanted need like get got know tell help im ive id dont cant also still some any one about if not but as up out now then than too very really well oh um uh'.split(' '),
);

export interface TermOptions {
  /** Character n-grams of this length inside words (0 = none). */
  charN: number;
  /** Keep function words (for agent moves, "could you", "I'm sorry" are the act). */
  keepFunctionWords: boolean;
}

export const TOPIC_TERMS: TermOptions = { charN: 4, keepFunctionWords: false };
export const ACT_TERMS: TermOptions = { charN: 0, keepFunctionWords: true };

/** How each stem was written, so names show real words ("reservation", not "reserv"). */
export type Surfaces = Map<string, Map<string, number>>;

/** Content words of a text, stemmed (used for names and for term lists). */
export function contentWords(text: string, keepFunctionWords = false, surfaces?: Surfaces, weight = 1): string[] {
  const words = tokenize(text).filter((w) => w.length > 1 && !w.startsWith('<') && (keepFunctionWords || (!STOPWORDS.has(w) && !FILLER.has(w))));
  return words.map((w) => {
    const s = stem(w);
    if (surfaces) {
      const forms = surfaces.get(s) ?? new Map<string, number>();
      forms.set(w, (forms.get(w) ?? 0) + weight);
      surfaces.set(s, forms);
    }
    return s;
  });
}

/** The most frequent written form of a stem (or of each word of a bigram). */
export function surfaceOf(term: string, surfaces: Surfaces): string {
  if (term.startsWith('tool:')) return term.slice(5);
  return term
    .split(' ')
    .map((s) => {
      const forms = surfaces.get(s);
      return forms ? [...forms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0] : s;
    })
    .join(' ');
}

/**
 * The terms of one text (with repeats: term frequency matters). Character n-grams are prefixed `#`.
 * `weight`: how many times the text occurs (its written forms count that often in `surfaces`).
 */
export function textTerms(text: string, options: TermOptions = TOPIC_TERMS, surfaces?: Surfaces, weight = 1): string[] {
  const words = contentWords(text, options.keepFunctionWords, surfaces, weight);
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  if (options.charN > 0) {
    for (const w of words) {
      if (w.length < options.charN) continue;
      const padded = ` ${w} `;
      for (let i = 0; i + options.charN <= padded.length; i++) out.push(`#${padded.slice(i, i + options.charN)}`);
    }
  }
  return out;
}
