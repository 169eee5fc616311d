// Intent induction on real intent corpora, labels hidden from the method and k not given: Banking77
// test, CLINC150 test (in-scope) and HWU64 (all utterances). Hungarian accuracy and NMI against gold,
// beside the DSTC11 baseline recipe (TF-IDF + k-means, silhouette-chosen k) computed in the same run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { induceGroups } from '../src/engine/analysis/discovery/induce';
import type { InduceOptions } from '../src/engine/analysis/discovery/induce';
import { parseWordVectors } from '../src/engine/analysis/discovery/wordVectors';
import type { WordVectors } from '../src/engine/analysis/discovery/wordVectors';
import { locateWordVectors } from '../src/node/wordVectorsFile';
import { hungarianAccuracy, nmi } from './lib/clusterMetrics';
import { tfidfKMeansBaseline } from './lib/tfidfKMeansBaseline';

export interface ClusteringRow {
  dataset: string;
  texts: number;
  goldK: number;
  ours: { k: number; accuracy: number; nmi: number; seconds: number };
  /** Other representations tried in the same run (--variants), by name. */
  variants?: Array<{ name: string; k: number; accuracy: number; nmi: number; seconds: number }>;
  baseline: { k: number; accuracy: number; nmi: number; seconds: number };
}

function load(dataDir: string): Array<{ dataset: string; texts: string[]; gold: string[] }> {
  const out: Array<{ dataset: string; texts: string[]; gold: string[] }> = [];
  const b77 = path.join(dataDir, 'intents/banking77/test.csv');
  if (existsSync(b77)) {
    const rows = parse(readFileSync(b77), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    out.push({ dataset: 'Banking77 test', texts: rows.map((r) => r.text!), gold: rows.map((r) => r.category!) });
  }
  const clinc = path.join(dataDir, 'intents/clinc150/data_full.json');
  if (existsSync(clinc)) {
    const test = (JSON.parse(readFileSync(clinc, 'utf8')) as { test: [string, string][] }).test;
    out.push({ dataset: 'CLINC150 test (in-scope)', texts: test.map((r) => r[0]), gold: test.map((r) => r[1]) });
  }
  const hwu = path.join(dataDir, 'intents/hwu64/hwu64_10fold_testsets.csv');
  if (existsSync(hwu)) {
    const rows = parse(readFileSync(hwu), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    out.push({ dataset: 'HWU64 (all folds)', texts: rows.map((r) => r.text!), gold: rows.map((r) => r.intent!) });
  }
  return out;
}

/**
 * The representations compared (`--variants`): the default (what `kaizen intents cluster` and analysis
 * use), the `--word-vectors` one (LSA joined with SIF word vectors, half the cosine each, k chosen on
 * 3,000 texts over 20 % steps) and the other principled variants tried. Chosen among these once, on all
 * three corpora together; never tuned per corpus. The summary row is the first (the default).
 */
export function clusteringVariants(vectors: WordVectors | undefined): Array<{ name: string; options: InduceOptions }> {
  const base: InduceOptions = { minSize: 3, seed: 1 };
  if (!vectors) return [{ name: 'TF-IDF/char n-grams + LSA (no word vectors found)', options: base }];
  const corpusSif = { frequencies: 'corpus' as const, rawNorms: false };
  const coarseK = { selectionSample: 1000, kStep: 1.4 };
  return [
    { name: 'TF-IDF/char n-grams + LSA (default)', options: base },
    { name: 'LSA + SIF, w=0.5 (--word-vectors)', options: { ...base, wordVectors: vectors, vectorWeight: 0.5 } },
    { name: 'LSA + SIF, w=0.3', options: { ...base, wordVectors: vectors, vectorWeight: 0.3 } },
    { name: 'LSA + SIF, w=0.5, k on 1,000 texts, 40 % steps', options: { ...base, wordVectors: vectors, vectorWeight: 0.5, ...coarseK } },
    { name: 'LSA + SIF, w=0.3, k on 1,000 texts, 40 % steps', options: { ...base, wordVectors: vectors, vectorWeight: 0.3, ...coarseK } },
    { name: 'SIF only (w=1), k on 1,000 texts, 40 % steps', options: { ...base, wordVectors: vectors, vectorWeight: 1, ...coarseK } },
    { name: 'LSA + SIF (corpus p(w), unit words), w=0.3, 1,000/40 %', options: { ...base, wordVectors: vectors, vectorWeight: 0.3, sif: corpusSif, ...coarseK } },
  ];
}

export function loadEvalWordVectors(): WordVectors | undefined {
  const file = locateWordVectors();
  return file ? parseWordVectors(new Uint8Array(readFileSync(file))) : undefined;
}

export function runClusteringEval(dataDir: string, log: (s: string) => void = console.log, o: { variants?: boolean; only?: string } = {}): ClusteringRow[] {
  const rows: ClusteringRow[] = [];
  const variants = clusteringVariants(loadEvalWordVectors());
  for (const d of load(dataDir)) {
    if (o.only && !d.dataset.toLowerCase().includes(o.only.toLowerCase())) continue;
    const goldK = new Set(d.gold).size;
    const runs = (o.variants ? variants : variants.slice(0, 1)).map((v) => {
      const t = performance.now();
      const ind = induceGroups(d.texts.map((text) => ({ text })), v.options);
      const pred = Array.from(ind.assignments, (g) => (g < 0 ? ind.model.groups.length : g));
      const r = { name: v.name, k: ind.model.groups.length, accuracy: hungarianAccuracy(pred, d.gold), nmi: nmi(pred, d.gold), seconds: (performance.now() - t) / 1000 };
      if (o.variants) log(`    ${d.dataset}: ${v.name.padEnd(44)} k=${String(r.k).padStart(3)} acc=${f3(r.accuracy)} NMI=${f3(r.nmi)} (${r.seconds.toFixed(1)} s)`);
      return r;
    });
    const { name: _name, ...ours } = runs[0]!;
    const t0 = performance.now();
    const b = tfidfKMeansBaseline(d.texts, { minK: 2, maxK: 200, seed: 1 });
    const bl = Array.from(b.labels);
    const baseline = { k: b.k, accuracy: hungarianAccuracy(bl, d.gold), nmi: nmi(bl, d.gold), seconds: (performance.now() - t0) / 1000 };
    const row: ClusteringRow = { dataset: d.dataset, texts: d.texts.length, goldK, ours, baseline, ...(o.variants ? { variants: runs } : {}) };
    rows.push(row);
    log(formatClusteringRow(row));
  }
  return rows;
}

const f3 = (x: number) => x.toFixed(3);
export function formatClusteringRow(r: ClusteringRow): string {
  return (
    `  ${r.dataset.padEnd(26)} n=${String(r.texts).padStart(5)} gold k=${String(r.goldK).padStart(3)} | ` +
    `Kaizen k=${String(r.ours.k).padStart(3)} acc=${f3(r.ours.accuracy)} NMI=${f3(r.ours.nmi)} (${r.ours.seconds.toFixed(1)} s) | ` +
    `TF-IDF+k-means(silhouette) k=${String(r.baseline.k).padStart(3)} acc=${f3(r.baseline.accuracy)} NMI=${f3(r.baseline.nmi)} | ` +
    `Δacc ${r.ours.accuracy >= r.baseline.accuracy ? '+' : ''}${((r.ours.accuracy - r.baseline.accuracy) * 100).toFixed(1)} pt`
  );
}

if (process.argv.some((a) => a.endsWith('eval/clustering.ts'))) {
  // --data DIR (default ../shared/data); --variants: every representation in clusteringVariants, printed
  // one per line before the summary; --only TEXT: the corpora whose name contains TEXT.
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  runClusteringEval(path.resolve(process.cwd(), arg('--data') ?? '../shared/data'), console.log, { variants: process.argv.includes('--variants'), ...(arg('--only') ? { only: arg('--only')! } : {}) });
}
