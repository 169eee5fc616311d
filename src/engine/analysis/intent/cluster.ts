/**
 * Proposing new intents: texts the model calls `unknown` are grouped by what they talk about
 * (TF-IDF over their content words, cosine similarity), and each large enough group is offered
 * as a candidate intent with its top terms and the texts nearest its centre.
 */
import type { IntentModel } from './classifier';
import { classify } from './classifier';
import { STOPWORDS, stem, tokenize } from './features';
import type { ProposedIntent } from './schema';
import { UNKNOWN_INTENT } from './schema';

export interface ProposeOptions {
  /** Overrides the model's unknown threshold. */
  threshold?: number;
  /** A text joins a group when its cosine similarity to the group's centre reaches this. */
  similarity?: number;
  /** Smaller groups are not proposed. */
  minSize?: number;
  examplesPerIntent?: number;
  termsPerIntent?: number;
  /** Refinement passes (spherical k-means) after the first leader pass. */
  passes?: number;
}

type Vec = Map<string, number>;

/** Words a request is phrased with rather than about. */
const FILLER = new Set(['cant', 'dont', 'im', 'ive', 'like', 'want', 'need', 'get', 'got', 'know', 'tell', 'help', 'hi', 'hello', 'thanks', 'thank', 'yes', 'no', 'not', 'after', 'before', 'also', 'still', 'some', 'any']);

/**
 * A text's terms: stemmed content words and their bigrams ("opening hours" and "open" meet at
 * "open"). `surface` records how each stem was written, so labels show real words.
 */
function terms(text: string, surface: Map<string, Map<string, number>>): string[] {
  const words = tokenize(text).filter((w) => !STOPWORDS.has(w) && !FILLER.has(w) && w !== '<num>' && w !== '<cur>' && w.length > 1);
  const stems = words.map(stem);
  const note = (key: string, written: string): void => {
    const forms = surface.get(key) ?? new Map<string, number>();
    forms.set(written, (forms.get(written) ?? 0) + 1);
    surface.set(key, forms);
  };
  const out = [...stems];
  stems.forEach((s, i) => note(s, words[i]!));
  for (let i = 0; i + 1 < stems.length; i++) {
    const key = `${stems[i]} ${stems[i + 1]}`;
    out.push(key);
    note(key, `${words[i]} ${words[i + 1]}`);
  }
  return out;
}

/** The most frequent written form of a term key. */
function written(key: string, surface: Map<string, Map<string, number>>): string {
  const forms = surface.get(key);
  if (!forms) return key;
  return [...forms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

/** Bigrams count half: in a short text they would otherwise outweigh the words they repeat. */
const BIGRAM_WEIGHT = 0.5;

function normalise(v: Vec): Vec {
  let n = 0;
  for (const x of v.values()) n += x * x;
  if (n === 0) return v;
  const s = 1 / Math.sqrt(n);
  for (const [k, x] of v) v.set(k, x * s);
  return v;
}

function dot(a: Vec, b: Vec): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

function centroid(members: readonly number[], vectors: readonly Vec[]): Vec {
  const c: Vec = new Map();
  for (const i of members) for (const [k, x] of vectors[i]!) c.set(k, (c.get(k) ?? 0) + x);
  return normalise(c);
}

/** TF-IDF vectors of texts, the IDF taken over these texts themselves (new intents bring new words). */
export function vectorizeForClustering(texts: readonly string[], surface = new Map<string, Map<string, number>>()): Vec[] {
  const docs = texts.map((t) => terms(t, surface));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return docs.map((d) => {
    const tf: Vec = new Map();
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vec = new Map();
    for (const [t, f] of tf) v.set(t, (t.includes(' ') ? BIGRAM_WEIGHT : 1) * (1 + Math.log(f)) * (Math.log((1 + n) / (1 + df.get(t)!)) + 1));
    return normalise(v);
  });
}

/**
 * Leader clustering (one pass: join the most similar centre or start a group), then a few
 * spherical k-means passes that move texts to their nearest centre. Returns groups of indices.
 */
export function clusterTexts(texts: readonly string[], similarity: number, passes: number, minSize = 3): number[][] {
  return clusterVectors(vectorizeForClustering(texts), similarity, passes, minSize);
}

function clusterVectors(vectors: readonly Vec[], similarity: number, passes: number, minSize: number): number[][] {
  let centres: Vec[] = [];
  let groups: number[][] = [];
  vectors.forEach((v, i) => {
    if (v.size === 0) return;
    let best = -1;
    let bestSim = similarity;
    centres.forEach((c, j) => {
      const s = dot(v, c);
      if (s >= bestSim) {
        best = j;
        bestSim = s;
      }
    });
    if (best < 0) {
      centres.push(new Map(v));
      groups.push([i]);
    } else {
      groups[best]!.push(i);
      centres[best] = centroid(groups[best]!, vectors);
    }
  });
  for (let pass = 0; pass < passes; pass++) {
    const next: number[][] = centres.map(() => []);
    let moved = 0;
    const previous = new Map<number, number>();
    groups.forEach((g, j) => g.forEach((i) => previous.set(i, j)));
    vectors.forEach((v, i) => {
      if (v.size === 0) return;
      let best = -1;
      let bestSim = -1;
      centres.forEach((c, j) => {
        const s = dot(v, c);
        if (s > bestSim) {
          best = j;
          bestSim = s;
        }
      });
      // A text that resembles no centre keeps its own singleton group.
      if (bestSim < similarity) best = previous.get(i)!;
      if (best !== previous.get(i)) moved++;
      next[best]!.push(i);
    });
    const kept = next.map((g, j) => ({ g, j })).filter(({ g }) => g.length > 0);
    groups = kept.map(({ g }) => g);
    centres = groups.map((g) => centroid(g, vectors));
    if (moved === 0) break;
  }
  return absorbSmallGroups(groups, centres, similarity, minSize);
}

/**
 * A text that started its own group before its topic's group took shape never moves in k-means
 * (its own centre is always nearest). So each group smaller than `minSize`, smallest first, joins
 * the group whose centre is most similar to its own, if that reaches `similarity`.
 */
function absorbSmallGroups(groups: number[][], centres: Vec[], similarity: number, minSize: number): number[][] {
  const alive = groups.map(() => true);
  const order = groups.map((g, i) => ({ size: g.length, i })).filter((x) => x.size < minSize).sort((a, b) => a.size - b.size || a.i - b.i);
  for (const { i } of order) {
    let best = -1;
    let bestSim = similarity;
    centres.forEach((c, j) => {
      if (j === i || !alive[j]) return;
      const s = dot(centres[i]!, c);
      if (s >= bestSim) {
        best = j;
        bestSim = s;
      }
    });
    if (best < 0) continue;
    // The absorbing group's centre is the normalised sum, weighted by size.
    const merged: Vec = new Map();
    for (const [k, x] of centres[best]!) merged.set(k, x * groups[best]!.length);
    for (const [k, x] of centres[i]!) merged.set(k, (merged.get(k) ?? 0) + x * groups[i]!.length);
    groups[best]!.push(...groups[i]!);
    centres[best] = normalise(merged);
    alive[i] = false;
  }
  return groups.filter((_, i) => alive[i]);
}

function topTerms(members: readonly number[], vectors: readonly Vec[], count: number, surface: Map<string, Map<string, number>>): string[] {
  const c = centroid(members, vectors);
  const ranked = [...c.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => written(t, surface));
  // Prefer distinct words: drop a unigram already shown inside a chosen bigram and vice versa.
  const out: string[] = [];
  for (const t of ranked) {
    if (out.length >= count) break;
    const parts = t.split(' ');
    if (out.some((o) => o.split(' ').some((w) => parts.includes(w)))) continue;
    out.push(t);
  }
  return out;
}

/** Classifies `texts`, clusters those that come out `unknown`, and proposes each large group as an intent. */
export function proposeNewIntents(model: IntentModel, texts: readonly string[], options: ProposeOptions = {}): ProposedIntent[] {
  const at: number[] = [];
  texts.forEach((t, i) => {
    if (classify(model, t, options.threshold === undefined ? {} : { threshold: options.threshold }).intent === UNKNOWN_INTENT) at.push(i);
  });
  // Members are reported as indices into `texts`, not into the unknown subset.
  return proposeFromUnknown(at.map((i) => texts[i]!), options).map((p) => ({ ...p, members: p.members.map((j) => at[j]!) }));
}

/** The clustering half of `proposeNewIntents`, for texts already known to be unknown. */
export function proposeFromUnknown(unknown: readonly string[], options: ProposeOptions = {}): ProposedIntent[] {
  const similarity = options.similarity ?? 0.25;
  const minSize = options.minSize ?? 3;
  const surface = new Map<string, Map<string, number>>();
  const vectors = vectorizeForClustering(unknown, surface);
  const groups = clusterVectors(vectors, similarity, options.passes ?? 5, minSize).filter((g) => g.length >= minSize);
  return groups
    .map((g) => {
      const c = centroid(g, vectors);
      const nearest = [...g].sort((a, b) => dot(vectors[b]!, c) - dot(vectors[a]!, c));
      const top = topTerms(g, vectors, options.termsPerIntent ?? 3, surface);
      return {
        label: top.join(' / '),
        terms: top,
        size: g.length,
        examples: nearest.slice(0, options.examplesPerIntent ?? 5).map((i) => unknown[i]!),
        members: [...g].sort((a, b) => a - b),
      };
    })
    .sort((a, b) => b.size - a.size || (a.label < b.label ? -1 : 1));
}
