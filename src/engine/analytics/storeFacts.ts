import type { LearningStore } from '../store';
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
      ? { outcomeLabel: analysis.outcome.label, signalKinds: analysis.signals.map((s) => s.kind) }
      : undefined;
    out.push(callFactsOf(call, analyzer));
  }
  return out;
}
