// Planted-pattern recovery in a domain the analyzer has never seen (the airline sample domain, its own
// phrase banks), with the built-in taxonomy switched off: induced intents, situations and moves are
// mapped to the generator's truth by majority vote over calls, then the significant patterns are
// scored against the answer key (a discovery counts when it names a planted cell with the planted sign).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeStore } from '../src/engine/pipeline';
import type { CallAnalysis } from '../src/engine/analysis';
import { importFile } from '../src/engine/ingest';
import { createRedactor } from '../src/engine/privacy';
import { AIRLINE_PLANTED, generateAirlineCalls } from '../src/engine/samples/airline';
import { openSqlStore } from '../src/engine/store';
import { createNodePorts } from '../src/node/nodePorts';

export interface RecoveryRow {
  seed: number;
  calls: number;
  intents: number;
  situations: number;
  moves: number;
  labelPurity: { intent: number; situation: number; move: number };
  significant: number;
  truePositives: number;
  precision: number;
  recall: number;
  seconds: number;
  falsePositives: string[];
}

function majorityMap(pairs: Array<[string, string]>): { map: Map<string, string>; purity: number } {
  const counts = new Map<string, Map<string, number>>();
  for (const [induced, truth] of pairs) {
    const m = counts.get(induced) ?? new Map<string, number>();
    m.set(truth, (m.get(truth) ?? 0) + 1);
    counts.set(induced, m);
  }
  const map = new Map<string, string>();
  let agree = 0;
  for (const [induced, m] of counts) {
    const [truth, c] = [...m.entries()].sort((a, b) => b[1] - a[1])[0]!;
    map.set(induced, truth);
    agree += c;
  }
  return { map, purity: pairs.length ? agree / pairs.length : 0 };
}

export async function runAirlineRecovery(seed: number, count = 5000): Promise<RecoveryRow> {
  const ports = createNodePorts();
  const calls = generateAirlineCalls({ seed, count });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-airline-'));
  const file = path.join(dir, 'airline.jsonl');
  writeFileSync(file, calls.flatMap((c) => c.events.map((e) => JSON.stringify(e))).join('\n') + '\n');
  const store = await openSqlStore({ ports });
  const t0 = performance.now();
  try {
    const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(5), hashing: ports.hashing });
    await importFile(file, { ports, store, redactor, format: 'kaizen-jsonl', sourceName: 'airline.jsonl' });
    const perCall = new Map<string, CallAnalysis>();
    const summary = await analyzeStore(store, { ports, seeds: 'off', onCall: (a) => perCall.set(a.callId, a) });
    const truthBy = new Map(calls.map((c) => [c.truth.callId, c.truth]));
    const intentPairs: Array<[string, string]> = [];
    const sitPairs: Array<[string, string]> = [];
    const movePairs: Array<[string, string]> = [];
    for (const [id, a] of perCall) {
      const t = truthBy.get(id);
      if (!t) continue;
      intentPairs.push([a.intent, t.intent]);
      const f = a.fragments.find((x) => x.opening && x.primary);
      if (f) {
        sitPairs.push([f.trigger, t.situation]);
        movePairs.push([f.strategy, t.move]);
      }
    }
    const im = majorityMap(intentPairs);
    const sm = majorityMap(sitPairs);
    const mm = majorityMap(movePairs);
    const planted = new Map(AIRLINE_PLANTED.map((p) => [`${p.intent}|${p.situation}|${p.move}`, p]));
    const hits = new Set<string>();
    const falsePositives: string[] = [];
    for (const p of summary.significantPatternsList) {
      const key = `${im.map.get(p.intent)}|${sm.map.get(p.trigger)}|${mm.map.get(p.strategy)}`;
      const truth = planted.get(key);
      if (truth && Math.sign(p.lift) === (truth.effect === 'positive' ? 1 : -1)) hits.add(key);
      else falsePositives.push(`${p.id} (→ ${key}, lift ${p.lift.toFixed(2)})`);
    }
    const sig = summary.significantPatternsList.length;
    return {
      seed,
      calls: summary.calls,
      intents: summary.vocabulary?.intents.length ?? 0,
      situations: summary.vocabulary?.situations.length ?? 0,
      moves: summary.vocabulary?.moves.length ?? 0,
      labelPurity: { intent: im.purity, situation: sm.purity, move: mm.purity },
      significant: sig,
      truePositives: sig - falsePositives.length,
      precision: sig ? (sig - falsePositives.length) / sig : 0,
      recall: hits.size / planted.size,
      seconds: (performance.now() - t0) / 1000,
      falsePositives,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const f3 = (x: number) => x.toFixed(3);
export function formatRecoveryRow(r: RecoveryRow): string {
  return (
    `  seed ${String(r.seed).padEnd(5)} calls ${r.calls} induced intents ${r.intents}, situations ${r.situations}, moves ${r.moves}; ` +
    `purity intent ${f3(r.labelPurity.intent)} situation ${f3(r.labelPurity.situation)} move ${f3(r.labelPurity.move)}; ` +
    `significant ${r.significant}, TP ${r.truePositives}: precision ${f3(r.precision)} recall ${f3(r.recall)} (${r.seconds.toFixed(1)} s)` +
    (r.falsePositives.length ? `\n${r.falsePositives.map((f) => `    FP ${f}`).join('\n')}` : '')
  );
}

if (process.argv.some((a) => a.endsWith('eval/discovery.ts'))) {
  const seeds = (process.argv[process.argv.indexOf('--seeds') + 1] ?? '1,2,3,4,5').split(',').map(Number);
  void (async () => {
    for (const s of seeds) console.log(formatRecoveryRow(await runAirlineRecovery(s)));
  })();
}
