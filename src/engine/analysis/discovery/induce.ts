import { chooseK, kMeans, nearest, silhouette } from './kmeans';
import type { KMeansResult } from './kmeans';
import { fitLsa, normalise, project } from './lsa';
import type { Projection } from './lsa';
import { sampleIndices, seededRandom } from './random';
import { contentWords, surfaceOf, textTerms, TOPIC_TERMS } from './terms';
import type { Surfaces, TermOptions } from './terms';
import { fitVocabulary, tfidfRow, vocabularyIndex } from './tfidf';
import type { SparseRow, Vocabulary } from './tfidf';
import { embedSif, fitSif } from './wordVectors';
import type { SifEmbedder, SifOptions, WordVectors } from './wordVectors';

/**
 * Unsupervised grouping of short texts (a caller's goal, a caller's situation, an agent's move):
 * TF-IDF over words, word bigrams and character 4-grams → LSA → spherical k-means with k chosen by
 * silhouette → groups smaller than `minSize` folded into their nearest neighbour → each group named by
 * the words (and tools) that are most distinctive of it. Deterministic for a seed.
 */
export interface InduceInput {
  text: string;
  /** Extra terms (e.g. `tool:cancel_reservation`) that are evidence but not words. */
  extraTerms?: readonly string[];
}

export interface InduceOptions {
  /** Groups smaller than this are folded into their nearest group (default 3, or 0.2 % of the texts). */
  minSize?: number;
  minK?: number;
  maxK?: number;
  /** LSA dimensions (default 100). */
  dims?: number;
  /** k-means is fitted on at most this many texts; the others are assigned to the nearest centre. */
  fitSample?: number;
  silhouetteSample?: number;
  /** k is chosen by clustering at most this many texts (default 1,000). */
  selectionSample?: number;
  /** Candidate k values grow by this factor (default 1.4). */
  kStep?: number;
  /** See `ChooseKOptions.smooth` (default off). */
  smoothSilhouette?: boolean;
  /** See `ChooseKOptions.parsimony` (default 0.95). */
  parsimony?: number;
  /** The final k-means is run this many times from different seedings; the most cohesive wins (default 1). */
  restarts?: number;
  seed?: number;
  terms?: TermOptions;
  /** Name prefix for ids: `intent`, `situation`, `move`. */
  kind?: string;
  /** Groups of a previous induction: a new group that shares most top terms with one keeps its id and name. */
  previous?: readonly InducedGroupSummary[];
  /**
   * Groups whose centres are at least this similar (cosine, average linkage) become one group (default:
   * no merging). Calls' vocabularies merge at 0.1: a caller's situation said in many phrasings should be one situation; on short-text
   * intent corpora (Banking77, CLINC150) merging costs accuracy, so plain clustering does not.
   */
  mergeSimilarity?: number;
  /** A fixed k (for evaluation against a given number of groups); otherwise chosen by silhouette. */
  k?: number;
  /**
   * A group holding more than this share of the texts is split in two (bisecting refinement) when the
   * split separates well (silhouette at least `splitSilhouette`), again and again (default 0.25 for
   * intents; situations and moves are not split unless a share is given).
   */
  maxShare?: number;
  /** The silhouette a split of an oversized group must reach to be kept (default 0.1). */
  splitSilhouette?: number;
  /**
   * A group is oversized only when it also holds more than this many times the mean group size (default
   * 2): a domain with three real intents has groups of a third each, and splitting those would invent intents.
   */
  splitOverMean?: number;
  /**
   * Pretrained word vectors: each text's point becomes its LSA point joined with its SIF embedding
   * (see wordVectors.ts), so texts that say the same thing in different words meet.
   */
  wordVectors?: WordVectors;
  /** The SIF embedding's share of the cosine between two texts, 0…1 (default 0.5). */
  vectorWeight?: number;
  /** How SIF weighs words (see `SifOptions`; defaults as the paper, p(word) from the texts). */
  sif?: SifOptions;
}

export interface InducedGroupSummary {
  id: string;
  name: string;
  topTerms: string[];
}

export interface InducedGroup extends InducedGroupSummary {
  size: number;
  /** Indices (into the input) of the members nearest the centre first, at most 5. */
  examples: number[];
}

export interface InducedModel {
  kind: string;
  vocabulary: Vocabulary;
  index: Map<string, number>;
  projection: Projection;
  centroids: Float64Array[];
  groups: InducedGroup[];
  termOptions: TermOptions;
  /** The word-vector half of each point, when induction used word vectors. */
  sif?: { embedder: SifEmbedder; weight: number };
  /** Silhouette per candidate k (empty when k was given). */
  kScores: Array<{ k: number; silhouette: number }>;
}

export interface Induction {
  model: InducedModel;
  /** Group index per input (−1 when the text has no known term). */
  assignments: Int32Array;
}

/**
 * k is chosen on up to 1,000 texts over candidates 40 % apart, reading the raw silhouette curve. Tried on
 * development splits (CLINC150 validation, 3,000 of Banking77's training texts): 3,000 texts, 20 % steps
 * and a smoothed curve tracked the gold k there, but on the test corpora they were no better (each
 * k's score is one k-means run's, and the curve's noise decides), so the defaults stayed; the options
 * (`selectionSample`, `kStep`, `smoothSilhouette`, `parsimony`, `restarts`) remain for such experiments.
 */
const SELECTION_SAMPLE = 1000;
const K_STEP = 1.4;
/**
 * With word vectors the silhouette curve is flatter near its top (the SIF half blurs near-identical
 * phrasings less than char n-grams do), and 1,000 texts over 40 % steps chose k = 57 on Banking77 and
 * 112 on CLINC150; the development-split setting above (3,000 texts, 20 % steps) is used instead.
 */
const VECTOR_SELECTION_SAMPLE = 3000;
const VECTOR_K_STEP = 1.2;

const NAME_TERMS = 2;
const TOP_TERMS = 6;

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'group';
}

/**
 * Distinctive word (and tool) terms per group: share in group × log(share in group / share overall).
 * `docs` are the distinct texts, `weights` how often each occurs, `labels` the group of each.
 */
function distinctiveTerms(docs: readonly (readonly string[])[], weights: ArrayLike<number>, labels: ArrayLike<number>, k: number): string[][] {
  const overall = new Map<string, number>();
  const per = Array.from({ length: k }, () => new Map<string, number>());
  const sizes = new Array<number>(k).fill(0);
  let n = 0;
  docs.forEach((d, i) => {
    const w = weights[i]!;
    n += w;
    const g = labels[i]!;
    if (g < 0) return;
    sizes[g]! += w;
    for (const t of new Set(d)) {
      if (t.startsWith('#')) continue;
      overall.set(t, (overall.get(t) ?? 0) + w);
      per[g]!.set(t, (per[g]!.get(t) ?? 0) + w);
    }
  });
  return per.map((m, g) =>
    [...m.entries()]
      .filter(([, c]) => c >= 2 || sizes[g]! < 4)
      .map(([t, c]) => {
        const inGroup = c / Math.max(1, sizes[g]!);
        const lift = inGroup / (overall.get(t)! / n);
        return { t, score: inGroup * Math.log(Math.max(lift, 1)) * (t.startsWith('tool:') ? 0.8 : 1) };
      })
      .sort((a, b) => b.score - a.score || (a.t < b.t ? -1 : 1))
      .map((x) => x.t),
  );
}

/**
 * Identical inputs (a store repeats its short openings: "cancel my booking") are read,
 * weighted and projected once: `of[i]` is input i's distinct text, `counts` how often each occurs.
 */
function distinctInputs(inputs: readonly InduceInput[]): { distinct: InduceInput[]; of: Int32Array; counts: number[] } {
  const seen = new Map<string, number>();
  const distinct: InduceInput[] = [];
  const counts: number[] = [];
  const of = new Int32Array(inputs.length);
  inputs.forEach((x, i) => {
    const key = x.extraTerms?.length ? `${x.text}\u0000${x.extraTerms.join('\u0001')}` : x.text;
    let u = seen.get(key);
    if (u === undefined) {
      u = distinct.length;
      seen.set(key, u);
      distinct.push(x);
      counts.push(0);
    }
    counts[u]!++;
    of[i] = u;
  });
  return { distinct, of, counts };
}

/**
 * Words that stand for redacted values (`[LOCATION_1]`, `[CUSTOMER_NAME_2]`): they still separate
 * groups, but a group named "location date" says nothing to a reader, so names skip them.
 */
const PLACEHOLDER = /\[([A-Z][A-Z_]*?)(?:_\d+)?(?::[^\]]*)?\]/g;
function placeholderStems(inputs: readonly InduceInput[]): Set<string> {
  const out = new Set<string>();
  for (const x of inputs) for (const m of x.text.matchAll(PLACEHOLDER)) for (const w of contentWords(m[1]!.replace(/_/g, ' '))) out.add(w);
  return out;
}

/** Top terms without repeats: a word already shown inside a chosen bigram is skipped, and vice versa. */
function pickTerms(ranked: readonly string[], count: number): string[] {
  const out: string[] = [];
  for (const t of ranked) {
    if (out.length >= count) break;
    const parts = t.split(' ');
    if (out.some((o) => o.split(' ').some((w) => parts.includes(w)))) continue;
    out.push(t);
  }
  return out;
}

function overlapShare(a: readonly string[], b: readonly string[]): number {
  const sb = new Set(b);
  const shared = a.filter((x) => sb.has(x)).length;
  return shared / Math.max(1, Math.min(a.length, b.length));
}

export function induceGroups(inputs: readonly InduceInput[], options: InduceOptions = {}): Induction {
  const rand = seededRandom(options.seed ?? 1);
  const termOptions = options.terms ?? TOPIC_TERMS;
  const surfaces: Surfaces = new Map();
  const { distinct, of, counts } = distinctInputs(inputs);
  const distinctDocs = distinct.map((x, u) => [...textTerms(x.text, termOptions, surfaces, counts[u]), ...(x.extraTerms ?? [])]);
  const docs = Array.from(of, (u) => distinctDocs[u]!);
  const n = docs.length;
  const minSize = options.minSize ?? Math.max(3, Math.round(n * 0.002));
  const fitIdx = sampleIndices(n, options.fitSample ?? 5000, rand);
  const vocabulary = fitVocabulary(fitIdx.map((i) => docs[i]!));
  const index = vocabularyIndex(vocabulary);
  const distinctRows = distinctDocs.map((d) => tfidfRow(d, vocabulary, index));
  const rows = Array.from(of, (u) => distinctRows[u]!);
  const fitRows = fitIdx.map((i) => rows[i]!).filter((r) => r.ids.length > 0);
  const projection = fitLsa(fitRows.length > 0 ? fitRows : rows, vocabulary.terms.length, { dims: options.dims ?? 100, rand });
  const vectorWeight = options.wordVectors ? (options.vectorWeight ?? DEFAULT_VECTOR_WEIGHT) : 0;
  const sif = options.wordVectors && vectorWeight > 0
    ? { embedder: fitSif(options.wordVectors, distinct.map((x) => x.text), counts, options.sif), weight: vectorWeight }
    : undefined;
  const distinctPoints = distinctRows.map((r, u) => pointOf(projection, r, sif, distinct[u]!.text));
  const points = Array.from(of, (u) => distinctPoints[u]!);
  const distinctEmpty = distinctPoints.map((p) => p.every((x) => x === 0));
  const empty = Array.from(of, (u) => distinctEmpty[u]!);
  const fitPoints = fitIdx.filter((i) => !empty[i]).map((i) => points[i]!);

  let centroids: Float64Array[] = [];
  let kScores: Array<{ k: number; silhouette: number }> = [];
  if (fitPoints.length >= 2 * minSize && projection.dims > 0) {
    if (options.k) centroids = kMeans(fitPoints, options.k, rand).centroids;
    else {
      // k is chosen on a subsample (the silhouette curve's shape needs few points), then fitted on all.
      const selection = sampleIndices(fitPoints.length, options.selectionSample ?? (sif ? VECTOR_SELECTION_SAMPLE : SELECTION_SAMPLE), rand).map((i) => fitPoints[i]!);
      const maxK = options.maxK ?? Math.min(200, Math.floor(fitPoints.length / minSize));
      const r = chooseK(selection, { minK: options.minK, maxK: Math.min(maxK, Math.floor(selection.length / 2)), rand, silhouetteSample: options.silhouetteSample ?? 1500, parsimony: options.parsimony, step: options.kStep ?? (sif ? VECTOR_K_STEP : K_STEP), smooth: options.smoothSilhouette });
      centroids = selection.length === fitPoints.length && (options.restarts ?? 1) <= 1 ? r.best.centroids : bestOf(options.restarts ?? 1, () => kMeans(fitPoints, r.best.k, rand)).centroids;
      kScores = r.scores;
    }
  } else if (fitPoints.length > 0 && projection.dims > 0) {
    const sum = new Float64Array(fitPoints[0]!.length);
    for (const p of fitPoints) for (let d = 0; d < sum.length; d++) sum[d]! += p[d]!;
    centroids = [sum];
  }

  if (!options.k && options.mergeSimilarity !== undefined) centroids = mergeClose(centroids, fitPoints, options.mergeSimilarity);
  // Only callers' goals are refined by default: a domain's agent moves and situations are few by nature,
  // and splitting one of two real moves would invent a move and halve the evidence for both.
  const maxShare = options.maxShare ?? (options.kind === 'intent' ? 0.25 : 1);
  if (!options.k && maxShare < 1) centroids = splitOversized(centroids, fitPoints, { maxShare, overMean: options.splitOverMean ?? 2, minSilhouette: options.splitSilhouette ?? 0.1, minSize, rand });
  // Assign everything; fold groups below minSize into the nearest surviving centre.
  const assign = (cs: readonly Float64Array[]) => Int32Array.from(points, (p, i) => (empty[i] || cs.length === 0 ? -1 : nearest(cs, p).index));
  let labels = assign(centroids);
  for (let round = 0; round < 3; round++) {
    const sizes = new Array<number>(centroids.length).fill(0);
    for (const l of labels) if (l >= 0) sizes[l]!++;
    const keep = centroids.map((_, c) => sizes[c]! >= minSize);
    if (keep.every(Boolean) || !keep.some(Boolean)) break;
    centroids = centroids.filter((_, c) => keep[c]);
    labels = assign(centroids);
  }
  // Recompute centres from all members (the sample fitted them; everyone counts for the final ones).
  const dims = points[0]?.length ?? projection.dims;
  const sums = centroids.map(() => new Float64Array(dims));
  labels.forEach((l, i) => {
    if (l < 0) return;
    const p = points[i]!;
    const s = sums[l]!;
    for (let d = 0; d < dims; d++) s[d]! += p[d]!;
  });
  centroids = sums.map((s, c) => {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += s[d]! * s[d]!;
    if (norm === 0) return centroids[c]!;
    const inv = 1 / Math.sqrt(norm);
    return s.map((x) => x * inv);
  });

  const k = centroids.length;
  const hidden = placeholderStems(inputs);
  const distinctLabels = new Int32Array(distinct.length);
  labels.forEach((l, i) => (distinctLabels[of[i]!] = l));
  const ranked = distinctiveTerms(distinctDocs, counts, distinctLabels, k).map((ts) => ts.filter((t) => !t.split(' ').some((w) => hidden.has(w))));
  const members = Array.from({ length: k }, () => [] as number[]);
  labels.forEach((l, i) => {
    if (l >= 0) members[l]!.push(i);
  });
  const kind = options.kind ?? 'group';
  const usedIds = new Set<string>();
  const usedNames = new Set<string>();
  const previous = [...(options.previous ?? [])];
  const groups: InducedGroup[] = centroids.map((c, g) => {
    const topKeys = pickTerms(ranked[g]!, TOP_TERMS);
    const topTerms = topKeys.map((t) => surfaceOf(t, surfaces));
    const byDist = closest(members[g]!, points, c, 5);
    let name = slug(topTerms.slice(0, NAME_TERMS).join(' ')) || `${kind}_${g + 1}`;
    let id = `${kind}:${name}`;
    // Stable identity: the previous group sharing most top terms (at least half) lends its id and name.
    let match = -1;
    let bestShare = 0.5;
    previous.forEach((p, j) => {
      const s = overlapShare(topTerms, p.topTerms);
      if (s >= bestShare && !usedIds.has(p.id)) [match, bestShare] = [j, s + 1e-9];
    });
    if (match >= 0) {
      id = previous[match]!.id;
      name = previous[match]!.name;
    }
    for (let j = 2; usedNames.has(name) || usedIds.has(id); j++) {
      name = `${name.replace(/_\d+$/, '')}_${j}`;
      id = `${kind}:${name}`;
    }
    usedIds.add(id);
    usedNames.add(name);
    return { id, name, topTerms, size: members[g]!.length, examples: byDist };
  });
  return { model: { kind, vocabulary, index, projection, centroids, groups, termOptions, kScores, ...(sif ? { sif } : {}) }, assignments: labels };
}

/**
 * Word vectors get half the cosine by default: alone they blur intents that differ in one domain word
 * ("card" vs "account" are close in general English), alone TF-IDF misses paraphrases; see the README.
 */
const DEFAULT_VECTOR_WEIGHT = 0.5;

/**
 * A text's point: its unit LSA vector, or — with word vectors — the LSA and SIF unit vectors scaled by
 * √(1−w) and √w and joined, so the cosine of two points is (1−w)·cos_LSA + w·cos_SIF when both halves
 * are present. All zeros when the text has neither a known term nor a known word.
 */
function pointOf(projection: Projection, row: SparseRow, sif: InducedModel['sif'], text: string): Float64Array {
  const lsa = row.ids.length > 0 ? project(projection, row) : new Float64Array(projection.dims);
  if (!sif) return lsa;
  const vec = embedSif(sif.embedder, text);
  const out = new Float64Array(lsa.length + vec.length);
  const a = Math.sqrt(1 - sif.weight);
  const b = Math.sqrt(sif.weight);
  for (let d = 0; d < lsa.length; d++) out[d] = a * lsa[d]!;
  for (let d = 0; d < vec.length; d++) out[lsa.length + d] = b * vec[d]!;
  return normalise(out);
}

/**
 * Silhouette favours the finest tight structure (near-identical phrasings form their own little
 * groups), so groups that point the same way are merged afterwards, closest pair first, until no pair
 * is at least `threshold` similar.
 */
function mergeClose(centroids: Float64Array[], points: readonly Float64Array[], threshold: number): Float64Array[] {
  if (centroids.length < 2) return centroids;
  const sizes = new Array<number>(centroids.length).fill(0);
  for (const p of points) sizes[nearest(centroids, p).index]!++;
  // Average linkage over the original centres (weighted by their sizes): a merged group's centre drifts,
  // so comparing drifted centres lets merging chain from one meaning into another.
  const sim = centroids.map((a) => centroids.map((b) => dotF(a, b)));
  const cs = centroids.map((c) => Float64Array.from(c));
  const parts = centroids.map((_, i) => [i]);
  const alive = cs.map((_, i) => sizes[i]! > 0);
  const own = [...sizes];
  const linkage = (i: number, j: number) => {
    let total = 0;
    let weight = 0;
    for (const a of parts[i]!) for (const b of parts[j]!) {
      total += own[a]! * own[b]! * sim[a]![b]!;
      weight += own[a]! * own[b]!;
    }
    return weight > 0 ? total / weight : 0;
  };
  for (;;) {
    let bi = -1;
    let bj = -1;
    let best = threshold;
    for (let i = 0; i < cs.length; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < cs.length; j++) {
        if (!alive[j]) continue;
        const s = linkage(i, j);
        if (s >= best) [bi, bj, best] = [i, j, s];
      }
    }
    if (bi < 0) break;
    const merged = cs[bi]!.map((x, d) => x * sizes[bi]! + cs[bj]![d]! * sizes[bj]!);
    let norm = 0;
    for (const x of merged) norm += x * x;
    cs[bi] = merged.map((x) => x / Math.sqrt(norm || 1));
    sizes[bi]! += sizes[bj]!;
    parts[bi]!.push(...parts[bj]!);
    alive[bj] = false;
  }
  return cs.filter((_, i) => alive[i]);
}

/**
 * Silhouette over the whole range of k (and merging) can leave one group holding most texts: a few
 * far-off small groups separate best, and the bulk stays one blob. A reader sees such a group as
 * unusable, so a group above `maxShare` of the points is bisected (2-means on its members, best of three
 * seedings) whenever its two halves separate (silhouette ≥ `minSilhouette`) and both reach `minSize`.
 */
function splitOversized(
  centroids: Float64Array[],
  points: readonly Float64Array[],
  o: { maxShare: number; overMean: number; minSilhouette: number; minSize: number; rand: () => number },
): Float64Array[] {
  if (centroids.length === 0 || points.length === 0) return centroids;
  const cs = [...centroids];
  const limit = o.maxShare * points.length;
  const tried = new Set<Float64Array>();
  for (let round = 0; round < 32; round++) {
    const members = cs.map(() => [] as Float64Array[]);
    for (const p of points) members[nearest(cs, p).index]!.push(p);
    const overMean = (o.overMean * points.length) / cs.length;
    const g = members.findIndex((m, c) => m.length > limit && m.length > overMean && !tried.has(cs[c]!));
    if (g < 0) break;
    tried.add(cs[g]!);
    const split = bestBisection(members[g]!, o.rand);
    if (!split || split.silhouette < o.minSilhouette || split.sizes.some((n) => n < o.minSize)) continue;
    cs.splice(g, 1, ...split.centroids);
  }
  return cs;
}

function bestBisection(members: readonly Float64Array[], rand: () => number): { centroids: Float64Array[]; sizes: number[]; silhouette: number } | undefined {
  if (members.length < 4) return undefined;
  const sample = sampleIndices(members.length, 600, rand);
  const m = sample.length;
  const dist = new Float32Array(m * m);
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) {
    const d = 1 - dotF(members[sample[a]!]!, members[sample[b]!]!);
    dist[a * m + b] = d;
    dist[b * m + a] = d;
  }
  let best: { centroids: Float64Array[]; sizes: number[]; silhouette: number } | undefined;
  for (let restart = 0; restart < 3; restart++) {
    const r = kMeans(members, 2, rand);
    if (r.k < 2) continue;
    const sizes = [0, 0];
    for (const l of r.labels) sizes[l]!++;
    const sil = silhouette(dist, m, sample.map((i) => r.labels[i]!), 2);
    if (!best || sil > best.silhouette) best = { centroids: r.centroids, sizes, silhouette: sil };
  }
  return best;
}

/** The most cohesive of `runs` k-means fits (k-means++ seedings differ run to run). */
function bestOf(runs: number, fit: () => KMeansResult): KMeansResult {
  let best = fit();
  for (let r = 1; r < runs; r++) {
    const next = fit();
    if (next.cohesion > best.cohesion) best = next;
  }
  return best;
}

/** The `count` members nearest the centre, nearest first (ties by input order); one similarity per member. */
function closest(members: readonly number[], points: readonly Float64Array[], centre: Float64Array, count: number): number[] {
  const top: Array<{ i: number; s: number }> = [];
  for (const i of members) {
    const s = dotF(points[i]!, centre);
    if (top.length === count && s <= top[count - 1]!.s) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]!.s < s) at--;
    top.splice(at, 0, { i, s });
    if (top.length > count) top.pop();
  }
  return top.map((x) => x.i);
}

function dotF(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** The group of a new text (−1 when none of its terms is known), with its cosine similarity to the centre. */
export function assignGroup(model: InducedModel, input: InduceInput): { group: number; similarity: number } {
  const doc = [...textTerms(input.text, model.termOptions), ...(input.extraTerms ?? [])];
  const row = tfidfRow(doc, model.vocabulary, model.index);
  if (model.centroids.length === 0) return { group: -1, similarity: 0 };
  const point = pointOf(model.projection, row, model.sif, input.text);
  if (point.every((x) => x === 0)) return { group: -1, similarity: 0 };
  const r = nearest(model.centroids, point);
  return { group: r.index, similarity: r.similarity };
}
