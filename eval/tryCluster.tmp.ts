import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { induceGroups } from '../src/engine/discovery/induce';
import { hungarianAccuracy, nmi } from '../eval/lib/clusterMetrics';
import { tfidfKMeansBaseline } from '../eval/lib/tfidfKMeansBaseline';
const rows = parse(readFileSync('/work/shared/data/intents/banking77/test.csv'), { columns: true }) as Record<string,string>[];
const texts = rows.map(r => r.text!); const gold = rows.map(r => r.category!);
let t0 = performance.now();
const ind = induceGroups(texts.map(text => ({ text })), { minSize: Number(process.argv[2] ?? 3), dims: Number(process.argv[3] ?? 100) });
const pred = Array.from(ind.assignments);
console.log('ours k', ind.model.groups.length, 'acc', hungarianAccuracy(pred, gold).toFixed(3), 'nmi', nmi(pred, gold).toFixed(3), ((performance.now()-t0)/1000).toFixed(1)+'s');
console.log(ind.model.kScores.map(s => `${s.k}:${s.silhouette.toFixed(3)}`).join(' '));
console.log(ind.model.groups.slice(0,8).map(g => g.name + ' ' + g.size).join(', '));
if (process.argv[4]) { t0 = performance.now(); const b = tfidfKMeansBaseline(texts, { minK: 2, maxK: 200 });
console.log('base k', b.k, 'acc', hungarianAccuracy(Array.from(b.labels), gold).toFixed(3), 'nmi', nmi(Array.from(b.labels), gold).toFixed(3), ((performance.now()-t0)/1000).toFixed(1)+'s'); }
