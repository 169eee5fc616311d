// `npm run bench discovery`: induction of a store's vocabulary (intents, situations, moves) over
// 100,000 calls on one core (target < 30 s), from the airline sample generator's calls: reading the
// opening exchange, fitting the three groupings, labelling every call. CPU seconds beside wall seconds.
import { loadavg } from 'node:os';
import { callDocs, induceVocabulary, loadWordVectors, vocabularyLabeler } from '../src/engine/analysis/discovery';
import type { CallDocs } from '../src/engine/analysis/discovery';
import { createNodePorts } from '../src/node/nodePorts';
import type { ConversationEvent } from '../src/engine/model';
import { iterateAirlineCalls } from '../src/engine/samples/airline';

const at = process.argv.indexOf('--calls');
const count = at >= 0 ? Number(process.argv[at + 1]) : 100_000;
const cpu = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
const docs: CallDocs[] = [];
for (const c of iterateAirlineCalls({ seed: 11, count })) docs.push(callDocs(c.truth.callId, c.events as unknown as ConversationEvent[]));
async function main(): Promise<void> {
  // --word-vectors: the shipped word vectors joined to the intents' terms, as `kaizen intents induce
  // --word-vectors` reads them (their one-off load is counted too); by default the engine's default.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const wordVectors = process.argv.includes('--word-vectors') ? await loadWordVectors(createNodePorts()) : undefined;
  const v = induceVocabulary(docs, wordVectors ? { wordVectors } : {});
  const c1 = cpu(c0);
  const t1 = performance.now();
  const labeler = vocabularyLabeler(v);
  let labelled = 0;
  for (const d of docs) {
    if (labeler.intent(d.goal, d.tools)) labelled++;
    if (d.situation) labeler.situation(d.situation);
    if (d.move) labeler.move(d.move);
  }
  const c2 = cpu(c0);
  const t2 = performance.now();
  console.log(`word vectors: ${wordVectors ? `${wordVectors.index.size} words` : 'none (pass --word-vectors to join them)'}`);
  console.log(`calls ${docs.length}: induce ${c1.toFixed(1)} s CPU (${((t1 - t0) / 1000).toFixed(1)} s wall) → ${v.intents.groups.length} intents, ${v.situations.groups.length} situations, ${v.moves.groups.length} moves`);
  console.log(`label every call (intent, situation, move): ${(c2 - c1).toFixed(1)} s CPU (${((t2 - t1) / 1000).toFixed(1)} s wall); ${labelled} of ${docs.length} calls with an intent`);
  console.log(`total ${c2.toFixed(1)} s CPU for ${docs.length} calls (target < 30 s); load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
