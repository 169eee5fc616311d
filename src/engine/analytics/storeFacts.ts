import { streams } from '../experiments';
import type { CallObservation } from '../experiments';
import type { CallAnalysisRecord, LearningStore } from '../store';
import { callFactsOf } from './callFacts';
import type { AnalyzerView, CallFacts } from './callFacts';

/**
 * The facts of every stored call, in start-time order, with the analyzer's outcome and signals where
 * `kaizen analyze` ran. Only reads. Calls whose transcript retention removed still count through their
 * stored events' digest (outcome, platform, metrics) as far as the store keeps it.
 */
export async function loadCallFacts(store: LearningStore): Promise<CallFacts[]> {
  const assigned = await experimentVersions(store);
  const out: CallFacts[] = [];
  for await (const call of store.iterateConversations()) {
    const analysis = await store.getCallAnalysis(call.callId);
    const analyzer: AnalyzerView | undefined = analysis
      ? { outcomeLabel: analysis.outcome.label, signalKinds: analysis.signals.map((s) => s.kind), ...openingOf(analysis) }
      : undefined;
    out.push(callFactsOf(call, analyzer, assigned.get(call.callId)));
  }
  return out;
}

/** The opening, primary fragment of a stored analysis: the situation and move `kaizen analyze` counted. */
function openingOf(a: CallAnalysisRecord): Pick<AnalyzerView, 'opening'> {
  const fragments = (a.detail as { fragments?: Array<{ trigger?: unknown; strategy?: unknown; opening?: unknown; primary?: unknown }> } | undefined)?.fragments;
  const f = Array.isArray(fragments) ? fragments.find((x) => x.opening === true && x.primary === true) : undefined;
  if (!f || typeof f.trigger !== 'string' || typeof f.strategy !== 'string') return {};
  return { opening: { intent: a.intent, situation: f.trigger, move: f.strategy } };
}

/**
 * Call id → the artifact version its experiment variant served, from every experiment's recorded
 * calls (journal stream `experiment:<id>:calls`). A variant without an artifact version names none.
 */
export async function experimentVersions(store: LearningStore): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await store.listExperiments()) {
    const versionOf = new Map(e.variants.filter((v) => v.artifactVersion !== undefined).map((v) => [v.name, String(v.artifactVersion)]));
    if (versionOf.size === 0) continue;
    for (const row of await store.readJournal(streams(e.id).calls, { kind: 'calls' })) {
      const calls = (row.payload as { calls?: CallObservation[] } | undefined)?.calls ?? [];
      for (const c of calls) {
        const v = versionOf.get(c.variant);
        if (v !== undefined && c.callId) out.set(c.callId, v);
      }
    }
  }
  return out;
}
