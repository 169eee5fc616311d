import { generateAirlineCalls } from '../src/engine/samples/airline';
import { callDocs, induceGroups, toolTerms } from '../src/engine/discovery';
import { ACT_TERMS } from '../src/engine/discovery/terms';
import type { ConversationEvent } from '../src/engine/model';
const calls = generateAirlineCalls({ seed: 1, count: 3000 });
const docs = calls.map(c => callDocs(c.truth.callId, c.events as unknown as ConversationEvent[]));
const ms = Number(process.argv[2] ?? 0.5);
let t0 = performance.now();
for (const [what, inputs, truth, terms] of [
  ['intent', docs.map(d => ({ text: d.goal, extraTerms: toolTerms(d.tools) })), calls.map(c => c.truth.intent), undefined],
  ['situation', docs.map(d => ({ text: d.situation ?? '' })), calls.map(c => c.truth.situation), undefined],
  ['move', docs.map(d => ({ text: d.move ?? '' })), calls.map(c => c.truth.move), ACT_TERMS],
] as const) {
  const r = induceGroups(inputs as never, { mergeSimilarity: ms, ...(terms ? { terms } : {}) });
  console.log(what, r.model.groups.length, ((performance.now()-t0)/1000).toFixed(1), 's', r.model.kScores.map(s => `${s.k}:${s.silhouette.toFixed(2)}`).join(' '));
  t0 = performance.now();
  const byG = new Map<number, Map<string, number>>();
  r.assignments.forEach((g, i) => { const m = byG.get(g) ?? new Map(); m.set(truth[i], (m.get(truth[i]) ?? 0) + 1); byG.set(g, m); });
  for (const [g, m] of byG) console.log('  ', r.model.groups[g]?.name, r.model.groups[g]?.topTerms.join(','), JSON.stringify([...m]));
  const c = r.model.centroids; const sims: string[] = [];
  for (let i = 0; i < Math.min(c.length, 6); i++) { const row: string[] = []; for (let j = 0; j < Math.min(c.length, 12); j++) { let s = 0; for (let d = 0; d < c[i]!.length; d++) s += c[i]![d]! * c[j]![d]!; row.push(s.toFixed(2)); } sims.push(row.join(' ')); }
  console.log(sims.join('\n'));
}
