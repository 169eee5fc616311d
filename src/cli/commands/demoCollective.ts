import * as path from 'node:path';
import type { StatsFile } from '../../engine/collective';
import { blendWithFleet, compareWithFleet, exportStats, localFleetView, mergeStats } from '../../engine/collective';
import { importFile } from '../../engine/ingest';
import { analyzeStore } from '../../engine/pipeline';
import type { EnginePorts } from '../../engine/ports';
import type { ComplianceValidator, KaizenRedactor } from '../../engine/privacy';
import type { LearningStore } from '../../engine/store';
import { openSqlStore } from '../../engine/store';
import { writeSampleFiles } from './samples';

export interface DemoCollectiveResult {
  k: number;
  nodes: { node: string; calls: number; shared: number; withheld: number }[];
  /** Calls that crossed between the nodes: none, only kaizen.stats/1 counts. */
  callsExchanged: number;
  /** Situations where node B's best move changed, or was seen at all, once node A's statistics were blended in. */
  learned: { intent: string; situation: string; before?: string; after: string; rate: number; label: string }[];
  /** Node B's moves the fleet does significantly better with. */
  underperforming: string[];
}

/**
 * Two nodes learning from each other without exchanging a call: node A is the demo's store; node B is a
 * smaller team (its own generated calls, imported, redacted and analyzed in its own store). Each exports
 * kaizen.stats/1 (k threshold, privacy check); the merge is all that crosses. Node B then ranks moves
 * with node A's evidence folded in.
 */
export async function runDemoCollective(options: {
  storeA: LearningStore;
  ports: EnginePorts;
  redactor: KaizenRedactor;
  validator: ComplianceValidator;
  outDir: string;
  count: number;
  seed: number;
  k?: number;
}): Promise<DemoCollectiveResult> {
  const k = options.k ?? 10;
  const countB = Math.max(500, Math.round(options.count / 5));
  const samples = await writeSampleFiles({ outDir: path.join(options.outDir, 'node-b'), count: countB, seed: options.seed + 1, agentId: 'node-b-support' });
  const storeB = await openSqlStore({ ports: options.ports });
  try {
    await importFile(samples.callsFile, { ports: options.ports, store: storeB, redactor: options.redactor, sourceName: 'node-b' });
    await analyzeStore(storeB, { ports: options.ports });
    const exports: StatsFile[] = [];
    const nodes: DemoCollectiveResult['nodes'] = [];
    for (const [node, store] of [['node-a', options.storeA], ['node-b', storeB]] as const) {
      const { stats, withheld } = exportStats(await store.listPatterns(), { node, version: 1, k, validator: options.validator });
      exports.push(stats);
      nodes.push({ node, calls: await store.countCalls(), shared: Object.keys(stats.totals).length, withheld });
    }
    const merged = mergeStats(exports);
    // Node B learns with everything it knows itself (below-k patterns never left it) plus what was shared.
    const view = localFleetView(merged, exportStats(await storeB.listPatterns(), { node: 'node-b', version: 1, k: 1, validator: options.validator }).stats);
    const alone = blendWithFleet(view, 'node-b', { weight: 0 });
    const bestAlone = new Map(alone.map((s) => [`${s.intent}\u0000${s.situation}`, s.moves.find((m) => m.own.n > 0)?.move]));
    const learned: DemoCollectiveResult['learned'] = [];
    for (const s of blendWithFleet(view, 'node-b', { weight: 0.5 })) {
      const best = s.moves[0]!;
      const before = bestAlone.get(`${s.intent}\u0000${s.situation}`);
      if (best.move !== before) learned.push({ intent: s.intent, situation: s.situation, before, after: best.move, rate: best.rate, label: best.label });
    }
    const underperforming = compareWithFleet(view, 'node-b')
      .filter((r) => r.underperforms)
      .map((r) => `${r.intent} › ${r.situation} › ${r.move}: ${(100 * r.own.rate).toFixed(0)} % here vs ${(100 * r.others.rate).toFixed(0)} % on node-a`);
    // Statistics carry counts only: no call id, event id or text of either node is in the merged file.
    const text = JSON.stringify(merged);
    let callsExchanged = 0;
    for (const store of [options.storeA, storeB]) for (const c of await store.listCalls()) if (text.includes(c.callId)) callsExchanged++;
    return { k, nodes, callsExchanged, learned, underperforming };
  } finally {
    await storeB.close();
  }
}

export function demoCollectiveLines(r: DemoCollectiveResult): string[] {
  const [a, b] = r.nodes;
  return [
    `  collective two nodes shared pattern statistics only (kaizen.stats/1, k=${r.k}; ${r.callsExchanged} calls exchanged):`,
    `             ${a!.node} ${a!.calls.toLocaleString('en-US')} calls → ${a!.shared} patterns shared (${a!.withheld} below k withheld); ${b!.node} ${b!.calls.toLocaleString('en-US')} calls → ${b!.shared} shared (${b!.withheld} withheld)`,
    ...(r.learned.length
      ? r.learned.slice(0, 4).map((l) => `             ${b!.node} learned: ${l.intent} · ${l.situation} → ${l.after} (${(100 * l.rate).toFixed(0)} %, ${l.label})${l.before ? `, was ${l.before}` : ', a move it had not tried'}`)
      : [`             ${b!.node}: its own best moves held up against the fleet's evidence`]),
    ...r.underperforming.slice(0, 3).map((u) => `             underperforms the fleet: ${u}`),
  ];
}
