/**
 * Proposing new intents: texts the model calls `unknown` are grouped by what they talk about
 * (TF-IDF over their content words, cosine similarity), and each large enough group is offered
 * as a candidate intent with its top terms and the texts nearest its centre.
 */
import type { IntentModel } from './classifier';
import { classify } from './classifier';
import { STOPWORDS, tokenize } from './features';
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

function terms(text: string): string[] {
  const words = tokenize(text).filter((w) => !STOPWORDS.has(w) && w !== '<num>' && w !== '<cur>' && w.length > 1);
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

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
export function vectorizeForClustering(texts: readonly string[]): Vec[] {
  const docs = texts.map(terms);
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return docs.map((d) => {
    const tf: Vec = new Map();
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vec = new Map();
    for (const [t, f] of tf) v.set(t, (1 + Math.log(f)) * (Math.log((1 + n) / (1 + df.get(t)!)) + 1));
    return normalise(v);
  });
}

/**
 * Leader clustering (one pass: join the most similar centre or start a group), then a few
 * spherical k-means passes that move texts to their nearest centre. Returns groups of indices.
 */
export function clusterTexts(texts: readonly string[], similarity: number, passes: number): number[][] {
  const vectors = vectorizeForClustering(texts);
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
  return groups;
}

function topTerms(members: readonly number[], vectors: readonly Vec[], count: number): string[] {
  const c = centroid(members, vectors);
  const ranked = [...c.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
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
  const unknown = texts.filter((t) => classify(model, t, options.threshold === undefined ? {} : { threshold: options.threshold }).intent === UNKNOWN_INTENT);
  return proposeFromUnknown(unknown, options);
}

/** The clustering half of `proposeNewIntents`, for texts already known to be unknown. */
export function proposeFromUnknown(unknown: readonly string[], options: ProposeOptions = {}): ProposedIntent[] {
  const similarity = options.similarity ?? 0.3;
  const minSize = options.minSize ?? 3;
  const groups = clusterTexts(unknown, similarity, options.passes ?? 5).filter((g) => g.length >= minSize);
  const vectors = vectorizeForClustering(unknown);
  return groups
    .map((g) => {
      const c = centroid(g, vectors);
      const nearest = [...g].sort((a, b) => dot(vectors[b]!, c) - dot(vectors[a]!, c));
      const top = topTerms(g, vectors, options.termsPerIntent ?? 3);
      return {
        label: top.join(' / '),
        terms: top,
        size: g.length,
        examples: nearest.slice(0, options.examplesPerIntent ?? 5).map((i) => unknown[i]!),
      };
    })
    .sort((a, b) => b.size - a.size || (a.label < b.label ? -1 : 1));
}
