import type { EnginePorts } from '../ports';
import type { CallAnalysisRecord, LearningStore } from '../store/learningStore';
import { addGraphCall, emptyGraphCounts } from '../knowledge/graph';
import { addTreeCall, emptyTreeCounts, knowledgeArtifacts, saveKnowledge, synthesize } from '../knowledge/synthesize';
import type { Knowledge } from '../knowledge/synthesize';
import { addToolCall, emptyToolCounts } from '../knowledge/toolPatterns';
import { analyzeEvents, inferOutcome } from '../analysis/callAnalyzer';
import type { IntentPredictor } from '../analysis/callAnalyzer';
import { classify } from '../analysis/intent/classifier';
import type { IntentModel } from '../analysis/intent/classifier';
import { fitOutcomeModel, priorOutcomeModel } from '../analysis/outcomeModel';
import type { OutcomeModel } from '../analysis/outcomeModel';
import { putAnalysesGuarded, replacePatternsGuarded } from '../analysis/guardedWrites';
import { addCall, emptyPatternCounts, scorePatterns } from '../analysis/patterns';
import type { ScoredPattern } from '../analysis/patterns';
import type { CallAnalysis } from '../analysis/schema';
import type { Taxonomy } from '../analysis/taxonomy';

export interface AnalyzeProgress {
  phase: 'analyze' | 'synthesize';
  done: number;
  total: number;
}

export interface AnalyzeStoreOptions {
  ports: Pick<EnginePorts, 'clock' | 'logger'>;
  intentModel?: IntentModel;
  taxonomy?: Taxonomy;
  /** A fixed outcome model; otherwise one is fitted on the store's calls that carry explicit outcomes. */
  outcomeModel?: OutcomeModel;
  /** Labelled calls needed of each class before a fitted model replaces the prior (default 20). */
  minLabelsPerClass?: number;
  /** At most this many labelled examples fit the outcome model (default 20,000). */
  maxCalibrationExamples?: number;
  /**
   * At most this many calls without an explicit outcome wait for the model (default 10,000, a few tens
   * of MB); when the buffer fills, the model is fitted on the labels seen so far and used from then on.
   */
  maxDeferred?: number;
  batchSize?: number;
  /** Calls a cell needs before it is scored as a pattern (default 5). */
  minSupport?: number;
  onProgress?: (p: AnalyzeProgress) => void;
  /** Called with each call's analysis (e.g. for `--json` output). */
  onCall?: (a: CallAnalysis) => void;
  signal?: AbortSignal;
}

export interface AnalyzeSummary {
  calls: number;
  outcomes: { success: number; failure: number; unknown: number };
  outcomeSources: { explicit: number; signals: number; none: number };
  outcomeModel: { kind: 'fitted' | 'prior' | 'given'; examples: number };
  intents: Record<string, number>;
  patterns: number;
  significantPatterns: number;
  toolPatterns: number;
  artifacts: { saved: number; unchanged: number };
  elapsedMs: number;
  topPatterns: ScoredPattern[];
  /** Every significant pattern (BH-controlled). */
  significantPatternsList: ScoredPattern[];
  /** Every scored pattern. */
  allPatterns: ScoredPattern[];
  knowledge: Knowledge;
  /** What the privacy gate refused: calls stored without their text, patterns without their templates. */
  privacy: { callsWithheld: number; patternsWithoutTemplates: number };
}

export function intentPredictor(model: IntentModel): IntentPredictor {
  return { predict: (text) => classify(model, text) };
}

export function toRecord(a: CallAnalysis, now: number): CallAnalysisRecord {
  return {
    callId: a.callId,
    agentId: a.agentId,
    intent: a.intent,
    intentConfidence: a.intentConfidence,
    outcome: { label: a.outcome.label, probability: a.outcome.probability },
    signals: a.signals.map((s) => ({ kind: s.kind, polarity: s.polarity, turnIndex: s.turnIndex, strength: s.strength })),
    detail: {
      outcomeSource: a.outcome.source,
      intentSource: a.intentSource,
      evidence: a.signals.map((s) => s.evidence),
      triggers: a.triggers,
      strategies: a.strategies,
      fragments: a.fragments,
      toolSequence: a.toolSequence,
      errors: a.errors,
    },
    analyzedAt: now,
  };
}

/**
 * Analyzes every stored call in one streaming pass, then recomputes patterns and knowledge from
 * mergeable counts and saves them. Calls whose data carries an explicit outcome train the outcome
 * model; calls that need it inferred wait in a bounded buffer until the model is fitted (at the end,
 * or when the buffer fills: then the model is fitted on the labels seen so far and used from there on).
 */
export async function analyzeStore(store: LearningStore, options: AnalyzeStoreOptions): Promise<AnalyzeSummary> {
  const t0 = options.ports.clock.now();
  const total = await store.countCalls();
  const predictor = options.intentModel ? intentPredictor(options.intentModel) : undefined;
  const base = { taxonomy: options.taxonomy, intentPredictor: predictor };
  const progress = options.onProgress ?? (() => {});
  const cap = options.maxCalibrationExamples ?? 20_000;
  const deferCap = options.maxDeferred ?? 10_000;
  const need = options.minLabelsPerClass ?? 20;

  let model: OutcomeModel | undefined = options.outcomeModel;
  let modelKind: AnalyzeSummary['outcomeModel']['kind'] = model ? 'given' : 'prior';
  let modelExamples = 0;
  const xs: number[][] = [];
  const ys: boolean[] = [];
  const fixModel = (): OutcomeModel => {
    if (model) return model;
    const pos = ys.filter(Boolean).length;
    if (pos >= need && ys.length - pos >= need) {
      model = fitOutcomeModel(xs, ys, 1, "fitted on this store's calls with explicit outcomes");
      modelKind = 'fitted';
      modelExamples = xs.length;
    } else model = priorOutcomeModel();
    return model;
  };

  const patterns = emptyPatternCounts();
  const tools = emptyToolCounts();
  const trees = emptyTreeCounts();
  const graph = emptyGraphCounts();
  const outcomes = { success: 0, failure: 0, unknown: 0 };
  const outcomeSources = { explicit: 0, signals: 0, none: 0 };
  const intents: Record<string, number> = {};
  const batchSize = options.batchSize ?? 500;
  const withheld = new Set<string>();
  let batch: CallAnalysisRecord[] = [];
  let done = 0;
  const deferred: CallAnalysis[] = [];

  const accept = async (a: CallAnalysis) => {
    outcomes[a.outcome.label]++;
    outcomeSources[a.outcome.source]++;
    intents[a.intent] = (intents[a.intent] ?? 0) + 1;
    addCall(patterns, a);
    addToolCall(tools, a);
    addTreeCall(trees, a);
    addGraphCall(graph, a);
    options.onCall?.(a);
    batch.push(toRecord(a, options.ports.clock.now()));
    if (batch.length >= batchSize) {
      await putAnalysesGuarded(store, batch, withheld);
      batch = [];
    }
  };
  const flushDeferred = async () => {
    const m = fixModel();
    for (const a of deferred) {
      a.outcome = inferOutcome(m, a.features, a.signals.length);
      await accept(a);
    }
    deferred.length = 0;
  };

  for await (const conv of store.iterateConversations()) {
    options.signal?.throwIfAborted();
    const a = analyzeEvents(conv.events, { ...base, outcomeModel: model });
    a.source ??= conv.source;
    if (a.outcome.source === 'explicit') {
      if (!model && xs.length < cap) {
        xs.push(a.features);
        ys.push(a.outcome.label === 'success');
      }
      await accept(a);
    } else if (model) await accept(a);
    else {
      deferred.push(a);
      if (deferred.length >= deferCap) await flushDeferred();
    }
    if (++done % 200 === 0) progress({ phase: 'analyze', done, total });
  }
  await flushDeferred();
  if (batch.length > 0) await putAnalysesGuarded(store, batch, withheld);
  progress({ phase: 'analyze', done, total });

  progress({ phase: 'synthesize', done, total });
  const now = options.ports.clock.now();
  const scored = scorePatterns(patterns, { now, minSupport: options.minSupport });
  const patternsWithoutTemplates = await replacePatternsGuarded(store, scored);
  const knowledge = synthesize({ patterns: scored, tools, trees, graph });
  const artifacts = await saveKnowledge(store, knowledgeArtifacts(knowledge));
  const significant = scored.filter((p) => p.significant);
  return {
    calls: done,
    outcomes,
    outcomeSources,
    outcomeModel: { kind: modelKind, examples: modelExamples },
    intents,
    patterns: scored.length,
    significantPatterns: significant.length,
    toolPatterns: knowledge.toolPatterns.length,
    artifacts,
    elapsedMs: options.ports.clock.now() - t0,
    topPatterns: [...significant].sort((a, b) => Math.abs(b.lift) - Math.abs(a.lift)).slice(0, 10),
    significantPatternsList: significant,
    allPatterns: scored,
    knowledge,
    privacy: { callsWithheld: withheld.size, patternsWithoutTemplates },
  };
}
