import type { EnginePorts } from '../ports';
import type { ConversationEvent } from '../model';
import type { CallAnalysisRecord, LearningStore } from '../store/learningStore';
import { addGraphCall, emptyGraphCounts } from '../knowledge/graph';
import { addTreeCall, emptyTreeCounts, knowledgeArtifacts, saveKnowledge, synthesize } from '../knowledge/synthesize';
import type { Knowledge } from '../knowledge/synthesize';
import { addToolCall, emptyToolCounts } from '../knowledge/toolPatterns';
import { analyzeEvents, inferOutcome } from '../analysis/callAnalyzer';
import type { AnalyzerOptions, IntentPredictor } from '../analysis/callAnalyzer';
import { classify } from '../analysis/intent/classifier';
import type { IntentModel } from '../analysis/intent/classifier';
import { FEATURE_NAMES, FeatureMoments, adaptToDomain, fitOutcomeModel, priorOutcomeModel } from '../analysis/outcomeModel';
import type { OutcomeModel } from '../analysis/outcomeModel';
import { putAnalysesGuarded, replacePatternsGuarded } from '../analysis/guardedWrites';
import { addCall, emptyPatternCounts, scorePatterns } from '../analysis/patterns';
import type { ScoredPattern } from '../analysis/patterns';
import type { CallAnalysis } from '../analysis/schema';
import type { Taxonomy } from '../analysis/taxonomy';
import { ErrorLearner, saveRuleArtifacts } from '../errors';
import type { AvoidanceRule, CatalogEntry, FingerprintRule } from '../errors';
import { buildTaxonomy, matchCategories } from '../analysis/taxonomy';
import { callDocs, induceVocabulary, summarizeVocabulary, vocabularyLabeler } from '../analysis/discovery/vocabulary';
import type { CallDocs, InducedVocabulary, VocabularyLabeler, VocabularySummary } from '../analysis/discovery/vocabulary';
import { seededRandom } from '../analysis/discovery/random';

export interface AnalyzeProgress {
  phase: 'induce' | 'analyze' | 'synthesize';
  done: number;
  total: number;
}

export interface AnalyzeStoreOptions {
  ports: Pick<EnginePorts, 'clock' | 'logger' | 'hashing'>;
  /** User fingerprint rules (errors/rules.ts): they override or refine the mined fingerprints. */
  fingerprintRules?: readonly FingerprintRule[];
  intentModel?: IntentModel;
  taxonomy?: Taxonomy;
  /** A fixed outcome model; otherwise one is fitted on the store's calls that carry explicit outcomes. */
  outcomeModel?: OutcomeModel;
  /** Labelled calls needed of each class before a model fitted on the store replaces the prior (default 20). */
  minLabelsPerClass?: number;
  /** At most this many labelled examples fit the outcome model (default 5,000: each cross-validated fit reads them ~45 times). */
  maxCalibrationExamples?: number;
  /** Calls the store needs before the prior is standardised on the store's own feature statistics (default 30). */
  minDomainCalls?: number;
  /**
   * At most this many calls without an explicit outcome wait for the model (default 10,000, a few tens
   * of MB); when the buffer fills, the model is fitted on the labels seen so far and used from then on.
   */
  maxDeferred?: number;
  batchSize?: number;
  /** Calls a cell needs before it is scored as a pattern (default 5). */
  minSupport?: number;
  /**
   * The built-in (retail) taxonomy as seeds: `auto` (default) uses it only when its intents cover at
   * least half of the calls; `off` leaves naming to a team's taxonomy, a fitted model and induction.
   */
  seeds?: 'auto' | 'on' | 'off';
  /** Induce intents, situations and moves from the calls (default true). */
  induce?: boolean;
  /** Smallest induced group, in calls. */
  minInducedSize?: number;
  onProgress?: (p: AnalyzeProgress) => void;
  /** Called with each call's analysis (e.g. for `--json` output). */
  onCall?: (a: CallAnalysis) => void;
  /**
   * Called once with how this analysis names intents, situations and moves (taxonomy seeds, induced
   * labeler), so a live call can be labelled exactly as the stored patterns were (`realtime/patternRules`).
   */
  onLabelling?: (labelling: AnalysisLabelling, vocabulary?: InducedVocabulary) => void;
  signal?: AbortSignal;
}

export interface AnalyzeSummary {
  calls: number;
  outcomes: { success: number; failure: number; unknown: number };
  outcomeSources: { explicit: number; signals: number; none: number };
  /**
   * The model that scored calls without an explicit outcome: `store-fitted` on `examples` labelled calls
   * of this store (platform verdicts: reward, resolved, call_successful…), with its cross-validated AUC;
   * or the shipped `prior`, standardised on `domainCalls` unlabelled calls of this store; or a `given` one.
   */
  outcomeModel: { kind: 'store-fitted' | 'prior' | 'given'; examples: number; cvAuc?: number; domainCalls?: number };
  intents: Record<string, number>;
  patterns: number;
  significantPatterns: number;
  toolPatterns: number;
  /** The error catalog stored by this run: occurrences seen and distinct fingerprints. */
  /** The error catalog stored by this run and the avoidance rules learned (`rulesWithheld`: refused by the privacy gate). */
  errors: { occurrences: number; fingerprints: number; catalog: CatalogEntry[]; rules: AvoidanceRule[]; rulesWithheld: number };
  artifacts: { saved: number; unchanged: number };
  elapsedMs: number;
  topPatterns: ScoredPattern[];
  /** Every significant pattern (BH-controlled). */
  significantPatternsList: ScoredPattern[];
  /** Every scored pattern. */
  allPatterns: ScoredPattern[];
  knowledge: Knowledge;
  /** Whether the built-in taxonomy seeded the labels, and the share of calls its intents covered. */
  seeds: { used: boolean; coverage: number };
  /** The induced vocabulary (absent when induction is off or the store is empty). */
  vocabulary?: VocabularySummary;
  /** Knowledge artifacts retired because no call supports them any more. */
  retired: number;
  /** What the privacy gate refused: calls stored without their text, patterns without their templates. */
  privacy: { callsWithheld: number; patternsWithoutTemplates: number };
}

/** The ridge strengths a store refit tries (a decade apart: 21 fits of up to 5,000 calls × 83 features). */
const STORE_L2_GRID = [1, 10, 100, 1000];

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
      ...(a.outcome.model ? { outcomeModel: a.outcome.model } : {}),
      intentSource: a.intentSource,
      evidence: a.signals.map((s) => s.evidence),
      triggers: a.triggers,
      strategies: a.strategies,
      situations: a.situations,
      moves: a.moves,
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
  const progress = options.onProgress ?? (() => {});
  const induced = options.induce === false || total === 0 || options.seeds === 'on' ? undefined : await induceFromStore(store, total, options, progress);
  const seedsUsed = options.seeds === 'on' || (options.seeds !== 'off' && (induced?.coverage ?? 1) >= SEED_COVERAGE);
  const base = { taxonomy: options.taxonomy, intentPredictor: predictor, seeds: seedsUsed, labeler: induced?.labeler };
  options.onLabelling?.(base, induced?.vocabulary);
  // How this analysis named things, so a live session later reads its calls the same way (`analysisLabelling`).
  await store.appendJournal([{ stream: LABELLING_STREAM, kind: 'labelling', ts: t0, payload: { seedsUsed, induced: Boolean(induced?.labeler) } }]);
  const cap = options.maxCalibrationExamples ?? 5_000;
  const deferCap = options.maxDeferred ?? 10_000;
  const need = options.minLabelsPerClass ?? 20;
  const minDomainCalls = options.minDomainCalls ?? 30;

  let model: OutcomeModel | undefined = options.outcomeModel;
  const modelInfo: AnalyzeSummary['outcomeModel'] = { kind: model ? 'given' : 'prior', examples: 0 };
  const xs: number[][] = [];
  const ys: boolean[] = [];
  // The feature statistics of every call seen, labelled or not: a prior is standardised on them.
  const moments = new FeatureMoments(FEATURE_NAMES.length);
  const fixModel = (): OutcomeModel => {
    if (model) return model;
    const pos = ys.filter(Boolean).length;
    if (pos >= need && ys.length - pos >= need) {
      model = fitOutcomeModel(xs, ys, { origin: 'store-fitted', l2Grid: STORE_L2_GRID, note: "fitted on this store's calls with explicit outcomes" });
      Object.assign(modelInfo, { kind: 'store-fitted', examples: xs.length, cvAuc: model.trainedOn?.cvAuc });
    } else {
      model = moments.count >= minDomainCalls ? adaptToDomain(priorOutcomeModel(), moments) : priorOutcomeModel();
      if (model.domainCalls) modelInfo.domainCalls = model.domainCalls;
    }
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
  const errorLearner = new ErrorLearner({ hash: (text) => options.ports.hashing.sha256(text), ...(options.fingerprintRules ? { fingerprintRules: options.fingerprintRules } : {}) });
  const callFingerprints = new Map<string, string[]>();
  let occurrences = 0;

  const accept = async (a: CallAnalysis) => {
    outcomes[a.outcome.label]++;
    outcomeSources[a.outcome.source]++;
    intents[a.intent] = (intents[a.intent] ?? 0) + 1;
    addCall(patterns, a);
    addToolCall(tools, a);
    addTreeCall(trees, a);
    addGraphCall(graph, a);
    options.onCall?.(a);
    const record = toRecord(a, options.ports.clock.now());
    const fps = callFingerprints.get(a.callId);
    if (fps) {
      record.errorFingerprints = fps;
      callFingerprints.delete(a.callId);
    }
    batch.push(record);
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
    if (!model) moments.add(a.features);
    // The catalog reads the stored (redacted) events; the call's fingerprints go into its analysis record.
    const found = errorLearner.add(conv.events, a.intent).fingerprints;
    if (found.length > 0) {
      occurrences += found.length;
      callFingerprints.set(a.callId, [...new Set(found)].sort());
    }
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
  const drafts = knowledgeArtifacts(knowledge);
  if (induced?.summary) drafts.push({ artifactId: 'vocabulary', title: 'Induced vocabulary', payload: { kind: 'vocabulary', ...induced.summary } });
  // The error catalog and the avoidance rules learned from the same calls (rules are derived knowledge: retired when no longer learned).
  const learnedErrors = errorLearner.finish();
  const saved = await saveKnowledge(store, drafts);
  const ruleArtifacts = await saveRuleArtifacts(store, learnedErrors.rules);
  const artifacts = { saved: saved.saved + ruleArtifacts.saved, unchanged: saved.unchanged + ruleArtifacts.unchanged };
  const retired = await retireStaleKnowledge(store, [...drafts, ...ruleArtifacts.artifactIds.map((artifactId) => ({ artifactId }))]);
  const fingerprints = learnedErrors.catalog.map(({ calls: _calls, ...fp }) => fp);
  await store.upsertErrorFingerprints(fingerprints);
  const significant = scored.filter((p) => p.significant);
  return {
    calls: done,
    outcomes,
    outcomeSources,
    outcomeModel: modelInfo,
    intents,
    patterns: scored.length,
    significantPatterns: significant.length,
    toolPatterns: knowledge.toolPatterns.length,
    errors: { occurrences, fingerprints: fingerprints.length, catalog: learnedErrors.catalog, rules: learnedErrors.rules, rulesWithheld: ruleArtifacts.withheld },
    artifacts,
    elapsedMs: options.ports.clock.now() - t0,
    topPatterns: [...significant].sort((a, b) => Math.abs(b.lift) - Math.abs(a.lift)).slice(0, 10),
    significantPatternsList: significant,
    allPatterns: scored,
    knowledge,
    privacy: { callsWithheld: withheld.size, patternsWithoutTemplates },
    seeds: { used: seedsUsed, coverage: induced?.coverage ?? 1 },
    vocabulary: induced?.summary,
    retired,
  };
}

/** Journal stream where each analysis records how it named things (seeds used or not). */
const LABELLING_STREAM = 'analysis.labelling';

/** The seeds choice of the store's last analysis (`on` / `off`), or undefined when none is recorded. */
export async function lastAnalysisSeeds(store: LearningStore): Promise<'on' | 'off' | undefined> {
  const last = (await store.readJournal(LABELLING_STREAM)).pop()?.payload as { seedsUsed?: unknown } | undefined;
  return typeof last?.seedsUsed === 'boolean' ? (last.seedsUsed ? 'on' : 'off') : undefined;
}

/** What names a call's intent, situations and moves: the analyzer options an analysis of the store uses. */
export type AnalysisLabelling = Pick<AnalyzerOptions, 'taxonomy' | 'intentPredictor' | 'seeds' | 'labeler'>;

/**
 * The labelling `analyzeStore` would use on this store now (pass 0 only: seeds coverage and the induced
 * vocabulary, ids kept from the stored `vocabulary` artifact), without re-analysing any call. Without
 * `seeds`, the seeds choice of the store's last analysis (journal `analysis.labelling`) is kept. A live
 * session uses it to read its calls in the stored patterns' vocabulary.
 */
export async function analysisLabelling(
  store: LearningStore,
  options: Pick<AnalyzeStoreOptions, 'intentModel' | 'taxonomy' | 'seeds' | 'induce' | 'minInducedSize' | 'signal'>,
): Promise<AnalysisLabelling> {
  // Unless told otherwise, as the last analysis did: its patterns are named in that vocabulary.
  if (options.seeds === undefined) options = { ...options, seeds: await lastAnalysisSeeds(store) };
  const total = await store.countCalls();
  const induced = options.induce === false || total === 0 || options.seeds === 'on' ? undefined : await induceFromStore(store, total, options, () => undefined);
  const seedsUsed = options.seeds === 'on' || (options.seeds !== 'off' && (induced?.coverage ?? 1) >= SEED_COVERAGE);
  return { taxonomy: options.taxonomy, intentPredictor: options.intentModel ? intentPredictor(options.intentModel) : undefined, seeds: seedsUsed, labeler: induced?.labeler };
}

/** The built-in taxonomy seeds a store only when its intents name at least this share of the calls. */
const SEED_COVERAGE = 0.5;
/** Induction reads at most this many calls (a uniform sample); the rest are labelled by the result. */
const MAX_INDUCTION_CALLS = 50_000;

/**
 * Pass 0: read each call's goal, opening situation and move, induce the store's vocabulary (ids kept
 * from the previous analysis where the groups match), and measure how much of the store the built-in
 * taxonomy would cover.
 */
async function induceFromStore(
  store: LearningStore,
  total: number,
  options: Pick<AnalyzeStoreOptions, 'seeds' | 'minInducedSize' | 'signal'>,
  progress: (p: AnalyzeProgress) => void,
): Promise<{ labeler?: VocabularyLabeler; summary?: VocabularySummary; vocabulary?: InducedVocabulary; coverage: number }> {
  const builtin = buildTaxonomy();
  const rand = seededRandom(17);
  const docs: CallDocs[] = [];
  let seen = 0;
  let covered = 0;
  for await (const conv of store.iterateConversations()) {
    options.signal?.throwIfAborted();
    const d = callDocs(conv.callId, conv.events);
    if (builtinCovers(builtin, conv.events, d.tools)) covered++;
    seen++;
    // Reservoir sample: every call equally likely to be read, memory bounded.
    if (docs.length < MAX_INDUCTION_CALLS) docs.push(d);
    else {
      const j = Math.floor(rand() * seen);
      if (j < MAX_INDUCTION_CALLS) docs[j] = d;
    }
    if (seen % 500 === 0) progress({ phase: 'induce', done: seen, total });
  }
  const coverage = seen ? covered / seen : 1;
  // A store the built-in taxonomy names (auto mode) needs no induced vocabulary: skip the fitting.
  if (options.seeds !== 'off' && coverage >= SEED_COVERAGE) return { coverage };
  const prev = await store.getArtifact('vocabulary');
  const previous = prev?.payload.kind === 'vocabulary' ? prev.payload : undefined;
  const vocabulary = induceVocabulary(docs, { previous, ...(options.minInducedSize ? { minSize: options.minInducedSize } : {}) });
  progress({ phase: 'induce', done: seen, total });
  return { labeler: vocabularyLabeler(vocabulary), summary: summarizeVocabulary(vocabulary), vocabulary, coverage };
}

/** Whether the built-in intents name this call the way the analyzer reads it (first user turns and tools). */
function builtinCovers(builtin: Taxonomy, events: readonly ConversationEvent[], tools: readonly string[]): boolean {
  const userText = events
    .filter((e): e is Extract<ConversationEvent, { type: 'turn' }> => e.type === 'turn' && e.role === 'user')
    .slice(0, 3)
    .map((e) => e.text)
    .join(' ');
  if (matchCategories(userText, builtin.intents).length > 0) return true;
  return builtin.intents.some((c) => c.tools.some((tc) => tools.some((t) => tc.re.test(t))));
}

const DERIVED_KINDS = new Set(['template', 'decision-tree', 'strategy', 'tool-pattern', 'avoidance-rule']);

/**
 * Knowledge is rebuilt on every analysis: an artifact derived from calls (a tree, template, strategy
 * list or tool order) that this analysis did not produce again has lost its support — e.g. its intent
 * no longer has calls — and is retired (kept in history, never deleted).
 */
async function retireStaleKnowledge(store: LearningStore, drafts: ReadonlyArray<{ artifactId: string }>): Promise<number> {
  const live = new Set(drafts.map((d) => d.artifactId));
  let retired = 0;
  for (const a of await store.listArtifacts()) {
    if (!DERIVED_KINDS.has(a.payload.kind) || live.has(a.artifactId) || a.status === 'retired') continue;
    await store.setArtifactStatus(a.artifactId, 'retired', 'no longer supported by the analysed calls');
    retired++;
  }
  return retired;
}
