import type { CallAnalysisRecord, LearningStore } from '../store';
import { callFactsOf } from './callFacts';
import type { AnalyzerView, CallFacts } from './callFacts';

/**
 * The facts of every stored call, in start-time order, with the analyzer's outcome and signals where
 * `kaizen analyze` ran. Only reads. Calls whose transcript retention removed still count through their
 * stored events' digest (outcome, platform, metrics) as far as the store keeps it.
 */
export async function loadCallFacts(store: LearningStore): Promise<CallFacts[]> {
  const out: CallFacts[] = [];
  for await (const call of store.iterateConversations()) {
    const analysis = await store.getCallAnalysis(call.callId);
    const analyzer: AnalyzerView | undefined = analysis
      ? { outcomeLabel: analysis.outcome.label, signalKinds: analysis.signals.map((s) => s.kind), ...openingOf(analysis) }
      : undefined;
    out.push(callFactsOf(call, analyzer));
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
