import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { induceGroups } from '../src/engine/discovery/induce';
import { hungarianAccuracy, nmi } from './lib/clusterMetrics';
const rows = parse(readFileSync('/work/shared/data/intents/banking77/test.csv'), { columns: true }) as Record<string,string>[];
const texts = rows.map(r => r.text!); const gold = rows.map(r => r.category!);
for (const [k, dims] of [[77,100],[77,200],[77,50],[100,100],[60,100]]) {
const ind = induceGroups(texts.map(text => ({ text })), { minSize: 3, dims, k });
const pred = Array.from(ind.assignments);
console.log('k', k, dims, ind.model.groups.length, 'acc', hungarianAccuracy(pred, gold).toFixed(3), 'nmi', nmi(pred, gold).toFixed(3));
}
