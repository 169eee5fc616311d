import type { Conversation } from '../model';
import type { EnginePorts } from '../ports';
import type { LearningStore } from '../store/learningStore';
import { addGraphCall, emptyGraphCounts } from '../knowledge/graph';
import { addTreeCall, emptyTreeCounts, knowledgeArtifacts, saveKnowledge, synthesize } from '../knowledge/synthesize';
import { addToolCall, emptyToolCounts } from '../knowledge/toolPatterns';
import { intentPredictor, toRecord } from './analyzeStore';
import { analyzeEvents } from '../analysis/callAnalyzer';
import type { IntentModel } from '../analysis/intent/classifier';
import type { OutcomeModel } from '../analysis/outcomeModel';
import { priorOutcomeModel } from '../analysis/outcomeModel';
import { putAnalysesGuarded, replacePatternsGuarded } from '../analysis/guardedWrites';
import { addCall, emptyPatternCounts, scorePatterns } from '../analysis/patterns';
import type { Taxonomy } from '../analysis/taxonomy';
import { ErrorLearner, saveRuleArtifacts } from '../errors';
import type { FingerprintRule } from '../errors';
import type { ErrorFingerprint } from '../model';
import type { CallAnalysis } from '../analysis/schema';

/**
 * Analyses made elsewhere (a worker pool that redacts and analyzes) with the analyzer's defaults and
 * `outcomeModel`. Used only when this import analysis would run exactly that analyzer.
 */
export interface AnalyzedElsewhere {
  outcomeModel: OutcomeModel;
  /** The analysis of this very conversation object, if one was made. */
  analysisOf(conversation: Conversation): CallAnalysis | undefined;
}

export interface ImportAnalysisOptions {
  ports: Pick<EnginePorts, 'clock' | 'hashing'>;
  /** User fingerprint rules (errors/rules.ts). */
  fingerprintRules?: readonly FingerprintRule[];
  intentModel?: IntentModel;
  taxonomy?: Taxonomy;
  /** The outcome model for calls without an explicit outcome (default: the prior; `kaizen analyze` fits one). */
  outcomeModel?: OutcomeModel;
  minSupport?: number;
  /** Analyses already made (in worker threads); ignored unless made with this analysis's very options. */
  analyzedElsewhere?: AnalyzedElsewhere;
}

export interface ImportAnalysis {
  /** The importer's `analyzeBatch` hook: analyzes calls just stored, while they are in memory. */
  analyzeBatch(store: LearningStore, calls: readonly Conversation[]): Promise<void>;
  /** After the import: scores patterns and saves the knowledge from the counts gathered. */
  finish(store: LearningStore): Promise<{ calls: number; patterns: number; callsWithheld: number }>;
}

/**
 * Analysis inside the import: each call is analyzed right after its batch is stored, from the
 * redacted conversation still in memory, so nothing is read back and inflated again (a separate
 * `analyzeStore` pass reads and decompresses every transcript). Calls carrying no explicit outcome
 * get the given (or prior) outcome model; `kaizen analyze` refits the model over the whole store.
 */
export function createImportAnalysis(options: ImportAnalysisOptions): ImportAnalysis {
  const predictor = options.intentModel ? intentPredictor(options.intentModel) : undefined;
  const analyzerOptions = { taxonomy: options.taxonomy, intentPredictor: predictor, outcomeModel: options.outcomeModel ?? priorOutcomeModel() };
  // The workers run the analyzer with its defaults and an outcome model: their analyses stand in for
  // this thread's only when the options here are exactly those (same model, no taxonomy, no intent model).
  const elsewhere = options.analyzedElsewhere;
  const sameAnalyzer =
    elsewhere !== undefined && !options.taxonomy && !options.intentModel && JSON.stringify(elsewhere.outcomeModel) === JSON.stringify(analyzerOptions.outcomeModel);
  const analyze = (conv: Conversation): CallAnalysis => (sameAnalyzer ? elsewhere.analysisOf(conv) : undefined) ?? analyzeEvents(conv.events, analyzerOptions);
  const patterns = emptyPatternCounts();
  const tools = emptyToolCounts();
  const trees = emptyTreeCounts();
  const graph = emptyGraphCounts();
  const withheld = new Set<string>();
  const errorLearner = new ErrorLearner({ hash: (text) => options.ports.hashing.sha256(text), ...(options.fingerprintRules ? { fingerprintRules: options.fingerprintRules } : {}) });
  let calls = 0;
  return {
    async analyzeBatch(store, batch) {
      const now = options.ports.clock.now();
      const records = batch.map((conv) => {
        const a = analyze(conv);
        a.source ??= conv.source;
        addCall(patterns, a);
        addToolCall(tools, a);
        addTreeCall(trees, a);
        addGraphCall(graph, a);
        const record = toRecord(a, now);
        const found = errorLearner.add(conv.events, a.intent).fingerprints;
        if (found.length > 0) record.errorFingerprints = [...new Set(found)].sort();
        return record;
      });
      calls += records.length;
      await putAnalysesGuarded(store, records, withheld);
    },
    async finish(store) {
      const scored = scorePatterns(patterns, { now: options.ports.clock.now(), minSupport: options.minSupport });
      await replacePatternsGuarded(store, scored);
      const learned = errorLearner.finish();
      await saveKnowledge(store, knowledgeArtifacts(synthesize({ patterns: scored, tools, trees, graph })));
      await saveRuleArtifacts(store, learned.rules);
      // The import saw only its own calls: their counts add to what earlier imports stored.
      const stored = new Map((await store.listErrorFingerprints()).map((f) => [f.fingerprint, f]));
      await store.upsertErrorFingerprints(learned.catalog.map(({ calls: _calls, ...fp }) => addCounts(stored.get(fp.fingerprint), fp)));
      return { calls, patterns: scored.length, callsWithheld: withheld.size };
    },
  };
}

const MAX_EXAMPLE_CALLS = 50;

function addCounts(stored: ErrorFingerprint | undefined, fresh: ErrorFingerprint): ErrorFingerprint {
  if (!stored) return fresh;
  return {
    ...fresh,
    firstSeen: Math.min(stored.firstSeen, fresh.firstSeen),
    lastSeen: Math.max(stored.lastSeen, fresh.lastSeen),
    count: stored.count + fresh.count,
    exampleCallIds: [...new Set([...stored.exampleCallIds, ...fresh.exampleCallIds])].sort().slice(0, MAX_EXAMPLE_CALLS),
  };
}
