// `npm run bench intents`: the intent classifier's training time, classification throughput
// (one text per call, one core) and memory. Reads Banking77 from ../shared/data when present;
// otherwise it says so and uses the repo's test fixture, repeated into a larger corpus.
// CPU time (process.cpuUsage) is printed beside wall time: on a shared machine the wall clock
// also counts other processes' turns on the core.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IntentExample } from '../src/engine/analysis/intent';
import { classify, classifyBatch, loadIntentModel, parseExamplesCsv, serializeIntentModel, trainIntentClassifier } from '../src/engine/analysis/intent';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (b: number): string => `${(b / 1048576).toFixed(1)} MB`;
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

function corpus(): { source: string; train: IntentExample[]; test: string[] } {
  const dataDir = path.resolve(process.cwd(), '../shared/data/intents/banking77');
  const read = (f: string): IntentExample[] => {
    const { examples, problems } = parseExamplesCsv(readFileSync(f, 'utf8').replace(/^text,category/, 'text,intent'));
    if (problems.length > 0) throw new Error(`${f}: ${problems.length} bad rows`);
    return examples;
  };
  if (existsSync(path.join(dataDir, 'train.csv'))) {
    return { source: `Banking77 (${dataDir})`, train: read(path.join(dataDir, 'train.csv')), test: read(path.join(dataDir, 'test.csv')).map((e) => e.text) };
  }
  const fixture = read(path.resolve(__dirname, '../test/fixtures/intent/examples.csv'));
  console.log('(Banking77 not found under ../shared/data: using the 60-example test fixture; figures are not comparable)');
  return { source: 'test fixture (4 intents × 15)', train: fixture, test: fixture.map((e) => e.text) };
}

function throughput(label: string, texts: readonly string[], fn: (t: string) => void, minSeconds = 3): void {
  for (const t of texts.slice(0, 1000)) fn(t); // warm the JIT
  let n = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < minSeconds * 1000) {
    for (const t of texts) fn(t);
    n += texts.length;
  }
  const wall = (performance.now() - start) / 1000;
  const c = cpuSeconds(cpu);
  console.log(`${label.padEnd(34)} ${Math.round(n / c).toLocaleString('en-US').padStart(9)} utt/s per CPU-second   ${Math.round(n / wall).toLocaleString('en-US').padStart(9)} utt/s wall   (${n.toLocaleString('en-US')} texts, ${(1e6 * c / n).toFixed(1)} µs each)`);
}

function main(): void {
  console.log(`node ${process.version}, one process, ${os.cpus().length} cores visible (load ${os.loadavg()[0]!.toFixed(1)})`);
  const { source, train, test } = corpus();
  console.log(`corpus: ${source}: ${train.length} training examples, ${test.length} texts to classify`);

  gc();
  const heap0 = process.memoryUsage().heapUsed;
  let cpu = process.cpuUsage();
  let start = performance.now();
  const model = trainIntentClassifier(train);
  console.log(`training with held-out calibration (two fits)   ${cpuSeconds(cpu).toFixed(1)} s CPU, ${((performance.now() - start) / 1000).toFixed(1)} s wall`);
  cpu = process.cpuUsage();
  start = performance.now();
  trainIntentClassifier(train, { calibrationShare: 0 });
  console.log(`training without calibration (one fit)          ${cpuSeconds(cpu).toFixed(1)} s CPU, ${((performance.now() - start) / 1000).toFixed(1)} s wall`);
  gc();
  const json = JSON.stringify(serializeIntentModel(model));
  console.log(`model: ${model.labels.length} intents, ${model.space.keys.length} features, ${model.linear.values.length} weights kept; JSON ${mb(json.length)}; heap after training ${mb(process.memoryUsage().heapUsed - heap0)}`);
  cpu = process.cpuUsage();
  const loaded = loadIntentModel(JSON.parse(json));
  console.log(`load from JSON                                  ${(1000 * cpuSeconds(cpu)).toFixed(0)} ms CPU`);

  throughput('classify (one text per call)', test, (t) => classify(loaded, t));
  throughput('classify with top-5 ranking', test, (t) => classify(loaded, t, { topK: 5 }));
  const batch = test.slice(0, 1000);
  let n = 0;
  cpu = process.cpuUsage();
  start = performance.now();
  while (performance.now() - start < 2000) {
    classifyBatch(loaded, batch);
    n += batch.length;
  }
  console.log(`${'classifyBatch (1,000 per call)'.padEnd(34)} ${Math.round(n / cpuSeconds(cpu)).toLocaleString('en-US').padStart(9)} utt/s per CPU-second   target ≥ 20,000`);
}

main();
