import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { textTerms } from '../src/engine/discovery/terms';
import { fitVocabulary, tfidfRow, vocabularyIndex } from '../src/engine/discovery/tfidf';
import { fitLsa, project } from '../src/engine/discovery/lsa';
import { kMeans, silhouette } from '../src/engine/discovery/kmeans';
import { seededRandom, sampleIndices } from '../src/engine/discovery/random';
import { hungarianAccuracy } from './lib/clusterMetrics';
const which = process.argv[2];
let texts: string[]; let gold: string[];
if (which === 'clinc') { const t = (JSON.parse(readFileSync('/work/shared/data/intents/clinc150/data_full.json','utf8')) as {test:[string,string][]}).test; texts = t.map(r=>r[0]); gold = t.map(r=>r[1]); }
else { const rows = parse(readFileSync('/work/shared/data/intents/banking77/test.csv'), { columns: true }) as Record<string,string>[]; texts = rows.map(r=>r.text!); gold = rows.map(r=>r.category!); }
const rand = seededRandom(1);
const docs = texts.map(t => textTerms(t));
const v = fitVocabulary(docs); const idx = vocabularyIndex(v);
const rows = docs.map(d => tfidfRow(d, v, idx));
const dims = Number(process.argv[3] ?? 100);
const p = fitLsa(rows, v.terms.length, { dims, rand });
const pts = rows.map(r => project(p, r));
const sample = sampleIndices(pts.length, 1500, rand); const m = sample.length;
const dist = new Float32Array(m*m);
const dot = (a: Float64Array, b: Float64Array) => { let s=0; for (let i=0;i<a.length;i++) s+=a[i]!*b[i]!; return s; };
for (let a=0;a<m;a++) for (let b=a+1;b<m;b++){ const d=1-dot(pts[sample[a]!]!,pts[sample[b]!]!); dist[a*m+b]=d; dist[b*m+a]=d; }
for (const k of (process.argv[4] ?? "103,149,179").split(",").map(Number)) {
  const r = kMeans(pts, k, rand);
  const s = silhouette(dist, m, sample.map(i => r.labels[i]!), r.k);
  console.log(k, 'sil', s.toFixed(3), 'acc', hungarianAccuracy(Array.from(r.labels), gold).toFixed(3), 'coh', r.cohesion.toFixed(3));
}
