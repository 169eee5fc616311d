import type { CallSource, ConversationEvent, Turn } from '../model';
import { OpeningTracker } from './discovery/opening';
import type { VocabularyLabeler } from './discovery/vocabulary';
import { CrossDomainTracker } from './crossDomainFeatures';
import { explicitOutcome, outcomeFeatures, predictProbability, priorOutcomeModel } from './outcomeModel';
import type { OutcomeModel } from './outcomeModel';
import type { CallAnalysis, CallError, Detection, Fragment, Outcome, Signal, SignalKind, TurnLabel } from './schema';
import { AGENT_CUES, USER_CUES, isMutatingTool, isTransferTool, polarityOf, textSignals } from './signals';
import { buildTaxonomy, matchCategories, resolveMatches } from './taxonomy';
import type { Taxonomy } from './taxonomy';
import type { CompiledCategory } from './taxonomy';
import { clip, jaccard, overlap, toTemplate, tokens } from './template';
import { memoByText } from './textMemo';

// The per-turn text scans, each computed once per distinct text (see textMemo.ts).
const cueSignals = memoByText(textSignals);
const categoriesOf = memoByText((text: string, categories: readonly CompiledCategory[]) => resolveMatches(matchCategories(text, categories), categories));
const NO_KEY = {};
const templateOf = memoByText((text: string) => toTemplate(text));
const tokenSetOf = memoByText((text: string): ReadonlySet<string> => new Set(tokens(text)));

/** A trained intent classifier, adapted to one call: text in, label and confidence out. */
export interface IntentPredictor {
  predict(text: string): { intent: string; confidence: number };
}

interface Situation {
  turn: number;
  triggers: string[];
  template: string;
  opening: boolean;
  answers: Array<{ turn: number; strategies: string[]; template: string }>;
}

/** At most this many consecutive strategy-bearing agent turns answer one situation. */
const ANSWER_WINDOW = 2;

export interface AnalyzerOptions {
  taxonomy?: Taxonomy;
  /**
   * Use the built-in taxonomy as seeds (default true). Off, only `taxonomy` (a team's own) and the
   * induced vocabulary (`labeler`) name intents, situations and moves.
   */
  seeds?: boolean;
  /** The store's induced vocabulary: fills intents the model/taxonomy leave unknown; labels every turn. */
  labeler?: VocabularyLabeler;
  intentPredictor?: IntentPredictor;
  outcomeModel?: OutcomeModel;
  /** A pause longer than this between turns (from audio offsets) is a long-silence signal. */
  longSilenceMs?: number;
  /** Below this |p − 0.5| a call with no explicit outcome is labelled unknown. */
  unknownBand?: number;
}

const INTENT_USER_TURNS = 3;
/** A user turn repeats an earlier one when most words are shared (Jaccard) or one restates the other (overlap). */
const REPEAT_JACCARD = 0.7;
const REPEAT_OVERLAP = 0.85;
const REPEAT_MIN_TOKENS = 5;

let defaultTaxonomy: Taxonomy | undefined;
const NO_TAXONOMY: Taxonomy = { triggers: [], strategies: [], intents: [] };
let defaultModel: OutcomeModel | undefined;

/**
 * Per-call streaming state. Feed events with `push` as they arrive; `snapshot()` gives the analysis so
 * far (signals, provisional outcome) at any point; `finalize()` closes it (called at `call.ended`,
 * or by the caller for a recording without one). Memory per call is bounded by its turn count.
 */
export class CallAnalyzer {
  private readonly taxonomy: Taxonomy;
  private readonly model: OutcomeModel;
  private callId = '';
  private agentId = '';
  private source: CallSource | undefined;
  private turnIndex = -1;
  private lastUserTurn = -1;
  private lastTurnEndMs: number | undefined;
  private readonly signals: Signal[] = [];
  /**
   * Signals read from the platform's verdict on `call.ended` (CSAT, escalation or abandonment flags):
   * shown with the call, but kept out of the outcome features. A model fitted on calls whose label IS
   * that verdict would otherwise learn the verdict itself, and find nothing on the calls without one.
   */
  private readonly verdictSignals = new Set<Signal>();
  private readonly triggers: Detection[] = [];
  private readonly strategies: Detection[] = [];
  private readonly fragments: Fragment[] = [];
  private readonly tools: string[] = [];
  private readonly toolNames = new Map<string, string>();
  private readonly errors: CallError[] = [];
  private readonly userTokenSets: Array<ReadonlySet<string>> = [];
  private readonly intentText: string[] = [];
  private readonly opening = new OpeningTracker();
  private readonly situationLabels: TurnLabel[] = [];
  private readonly moveLabels: TurnLabel[] = [];
  /** The domain-free conversational features (acts, sentiment, re-asking, tools) the outcome model reads. */
  private readonly cross = new CrossDomainTracker();
  /** The latest customer situation, collecting the agent turns that answer it. */
  private pending: Situation | undefined;
  private situations = 0;
  private explicit: ReturnType<typeof explicitOutcome>;
  /** A tool or agent error happened since the last turn: the next agent turn handles it, it does not answer the customer. */
  private errorSinceTurn = false;
  private ended = false;
  private final: CallAnalysis | undefined;

  private readonly priority: Map<string, number>;

  constructor(private readonly options: AnalyzerOptions = {}) {
    this.taxonomy = options.taxonomy ?? (options.seeds === false ? NO_TAXONOMY : (defaultTaxonomy ??= buildTaxonomy()));
    this.priority = new Map(this.taxonomy.strategies.map((c) => [c.name, c.priority]));
    this.model = options.outcomeModel ?? (defaultModel ??= priorOutcomeModel());
  }

  push(event: ConversationEvent): void {
    if (this.final) {
      // Ratings often arrive after the call ended (post-call surveys): they still count.
      if (event.type !== 'feedback') throw new Error(`CallAnalyzer: call ${this.callId} ended; only feedback may follow call.ended`);
      this.final = undefined;
      this.push(event);
      this.final = this.build();
      return;
    }
    if (!this.callId) {
      this.callId = event.callId;
      this.agentId = event.agentId;
    }
    this.cross.push(event);
    switch (event.type) {
      case 'call.started':
        if (event.source) this.source = event.source;
        break;
      case 'turn':
        this.onTurn(event);
        break;
      case 'tool.called':
        this.tools.push(event.name);
        this.opening.onTool(event.name);
        this.toolNames.set(event.toolCallId, event.name);
        if (isTransferTool(event.name)) this.signal('transfer', 1, `tool ${event.name}`);
        break;
      case 'tool.result': {
        const name = event.name ?? this.toolNames.get(event.toolCallId) ?? 'unknown_tool';
        if (!event.ok) {
          this.signal('tool-error', 0.5, `${name}: ${clip(event.error ?? event.result ?? 'error', 80)}`);
          this.errors.push({ code: 'tool_error', stage: 'tool', tool: name, message: clip(event.error ?? event.result ?? '', 160), turnIndex: this.turnIndex });
          this.errorSinceTurn = true;
        } else if (isMutatingTool(name)) this.signal('task-completed', 0.5, `tool ${name} ok`);
        break;
      }
      case 'agent.error':
        this.signal('agent-error', 0.6, `${event.code}: ${clip(event.message, 80)}`);
        this.errors.push({ code: event.code, stage: event.stage, tool: event.toolName, message: clip(event.message, 160), turnIndex: this.turnIndex });
        this.errorSinceTurn = true;
        break;
      case 'feedback':
        if (event.rating !== undefined) {
          // Ratings are 1–5; a value in [0, 1) is read as a fraction of the scale (a bare 1 is the worst of 1–5).
          const r = event.rating < 1 && event.rating >= 0 ? 1 + 4 * event.rating : event.rating;
          if (r >= 4) this.signal('positive-feedback', 0.8, `${event.from} rating ${event.rating}`);
          else if (r <= 2) this.signal('negative-feedback', 0.8, `${event.from} rating ${event.rating}`);
        } else if (event.label) {
          if (/^(?:pos|good|success|resolved|thumbs.?up)/i.test(event.label)) this.signal('positive-feedback', 0.6, event.label);
          else if (/^(?:neg|bad|fail|unresolved|thumbs.?down)/i.test(event.label)) this.signal('negative-feedback', 0.6, event.label);
        }
        break;
      case 'call.ended': {
        const o = event.outcome;
        const before = this.signals.length;
        this.explicit = explicitOutcome(o);
        if (o.csat !== undefined) {
          if (o.csat >= 4) this.signal('csat-high', 0.8, `csat ${o.csat}`);
          else if (o.csat <= 2) this.signal('csat-low', 0.8, `csat ${o.csat}`);
        }
        if ((o.transferred || o.escalated || o.endReason === 'transfer') && !this.signals.some((s) => s.kind === 'transfer'))
          this.signal('transfer', 1, `call ended by ${o.endReason === 'transfer' ? 'transfer' : 'escalation'}`);
        const resolved = this.signals.some((s) => s.kind === 'resolution' || s.kind === 'task-completed');
        // A hang-up is how the call ended, not a verdict (explicitOutcome does not read it): it stays a feature.
        const verdicts = this.signals.slice(before);
        if (o.abandoned || (o.endReason === 'customer_hangup' && !resolved)) this.signal('abandonment', 0.7, o.abandoned ? 'abandoned' : 'customer hung up before resolution');
        if (o.abandoned) verdicts.push(...this.signals.slice(before + verdicts.length));
        for (const sig of verdicts) this.verdictSignals.add(sig);
        this.ended = true;
        this.closeSituation();
        this.finalize();
        break;
      }
    }
  }

  /** Whether `call.ended` arrived (or finalize was called). */
  get isFinal(): boolean {
    return this.final !== undefined;
  }

  /** The analysis so far; cheap enough to call after every event of a live call. */
  snapshot(): CallAnalysis {
    return this.final ?? this.build();
  }

  /** Closes the call and returns its analysis (idempotent). */
  finalize(): CallAnalysis {
    if (!this.final) this.closeSituation();
    this.final ??= this.build();
    return this.final;
  }

  private signal(kind: SignalKind, strength: number, evidence: string, turnIndex = this.turnIndex): void {
    this.signals.push({ kind, polarity: polarityOf(kind), turnIndex, strength, evidence });
  }

  private onTurn(turn: Turn): void {
    this.turnIndex++;
    const idx = this.turnIndex;
    if (turn.startMs !== undefined && this.lastTurnEndMs !== undefined) {
      const gap = turn.startMs - this.lastTurnEndMs;
      if (gap > (this.options.longSilenceMs ?? 8000)) this.signal('long-silence', 0.4, `${Math.round(gap / 1000)} s pause`);
    }
    if (turn.endMs !== undefined) this.lastTurnEndMs = turn.endMs;
    this.opening.onTurn(turn.role, turn.text, idx);
    const labeler = this.options.labeler;
    if (labeler && turn.role === 'user') {
      const label = labeler.situation(turn.text);
      if (label) this.situationLabels.push({ label, turnIndex: idx });
    } else if (labeler && turn.role === 'agent') {
      const label = labeler.move(turn.text);
      if (label) this.moveLabels.push({ label, turnIndex: idx });
    }
    if (turn.role === 'user') this.onUserTurn(turn, idx);
    else if (turn.role === 'agent') this.onAgentTurn(turn, idx);
  }

  private onUserTurn(turn: Turn, idx: number): void {
    const text = turn.text;
    this.lastUserTurn = idx;
    if (turn.interrupted) this.signal('interruption', 0.4, 'caller cut off by the agent');
    for (const s of cueSignals(text, USER_CUES)) this.signal(s.kind, s.strength, s.evidence);
    const toks = tokenSetOf(text, NO_KEY);
    if (toks.size >= REPEAT_MIN_TOKENS) {
      for (const prev of this.userTokenSets) {
        if (prev.size < REPEAT_MIN_TOKENS) continue;
        const j = jaccard(toks, prev);
        const o = overlap(toks, prev);
        if (j >= REPEAT_JACCARD || o >= REPEAT_OVERLAP) {
          this.signal('repetition', Math.min(1, Math.max(j, o)), 'repeats an earlier request');
          break;
        }
      }
    }
    this.userTokenSets.push(toks);
    if (this.intentText.length < INTENT_USER_TURNS) this.intentText.push(text);
    const found = categoriesOf(text, this.taxonomy.triggers);
    found.forEach((name, i) => this.triggers.push({ name, turnIndex: idx, primary: i === 0 }));
    // The customer speaking after the agent's move (or raising a new situation) closes the answer.
    if (this.pending && (found.length > 0 || this.pending.answers.length > 0)) this.closeSituation();
    if (found.length > 0) {
      this.pending = { turn: idx, triggers: found, template: templateOf(text, NO_KEY), opening: this.situations === 0, answers: [] };
      this.situations++;
    }
  }

  private closeSituation(): void {
    const sit = this.pending;
    this.pending = undefined;
    if (sit) this.fragments.push(...this.situationFragments(sit));
  }

  /** The situation's move: the strongest strategy (by taxonomy priority) among the turns that answered it. */
  private situationFragments(sit: Situation): Fragment[] {
    let best: { strategy: string; turn: number; template: string; priority: number } | undefined;
    for (const a of sit.answers) {
      const top = a.strategies[0]!;
      const priority = this.priority.get(top) ?? 0;
      if (!best || priority > best.priority) best = { strategy: top, turn: a.turn, template: a.template, priority };
    }
    if (!best) return [];
    return sit.triggers.map((trigger, i) => ({
      trigger,
      strategy: best.strategy,
      userTurn: sit.turn,
      agentTurn: best.turn,
      userTemplate: clip(sit.template),
      agentTemplate: clip(best.template),
      opening: sit.opening,
      primary: i === 0,
    }));
  }

  private onAgentTurn(turn: Turn, idx: number): void {
    const text = turn.text;
    if (turn.interrupted) this.signal('interruption', 0.4, 'agent cut off by the caller');
    for (const s of cueSignals(text, AGENT_CUES)) this.signal(s.kind, s.strength, s.evidence);
    const found = categoriesOf(text, this.taxonomy.strategies);
    found.forEach((name, i) => this.strategies.push({ name, turnIndex: idx, primary: i === 0 }));
    const handlesError = this.errorSinceTurn;
    this.errorSinceTurn = false;
    if (this.pending && found.length > 0 && !handlesError) {
      this.pending.answers.push({ turn: idx, strategies: found, template: templateOf(text, NO_KEY) });
      if (this.pending.answers.length >= ANSWER_WINDOW) this.closeSituation();
    }
  }

  /**
   * Without situation and move cues (seeds off, no team taxonomy for them), the opening exchange with
   * its induced labels is the call's situation → move fragment.
   */
  private inducedFragments(): Fragment[] {
    if (!this.options.labeler || (this.taxonomy.triggers.length > 0 && this.taxonomy.strategies.length > 0)) return [];
    const ex = this.opening.exchange;
    if (!ex) return [];
    const trigger = this.situationLabels.find((l) => l.turnIndex === ex.situation.turnIndex)?.label;
    const strategy = this.moveLabels.find((l) => l.turnIndex === ex.move.turnIndex)?.label;
    if (!trigger || !strategy) return [];
    return [
      {
        trigger,
        strategy,
        userTurn: ex.situation.turnIndex,
        agentTurn: ex.move.turnIndex,
        userTemplate: clip(toTemplate(ex.situation.text)),
        agentTemplate: clip(toTemplate(ex.move.text)),
        opening: true,
        primary: true,
      },
    ];
  }

  private intent(): { intent: string; confidence: number; source: CallAnalysis['intentSource'] } {
    const text = this.intentText.join(' ');
    if (this.options.intentPredictor) {
      if (!text) return { intent: 'unknown', confidence: 0, source: 'none' };
      const p = this.options.intentPredictor.predict(text);
      // A fitted model's "unknown" is filled by the induced vocabulary when there is one.
      if (p.intent === 'unknown') return this.inducedIntent() ?? { intent: p.intent, confidence: p.confidence, source: 'model' };
      return { intent: p.intent, confidence: p.confidence, source: 'model' };
    }
    // Taxonomy fallback: cue hits per intent (earlier user turns weigh more) plus the agent's actions.
    let best = '';
    let bestScore = 0;
    let total = 0;
    const usedTools = new Set(this.tools);
    for (const c of this.taxonomy.intents) {
      let score = 0;
      this.intentText.forEach((t, i) => {
        for (const re of c.res) if (re.test(t)) score += 1 / (i + 1);
      });
      for (const tool of usedTools) for (const tc of c.tools) if (tc.re.test(tool)) score += tc.weight;
      total += score;
      if (score > bestScore) {
        bestScore = score;
        best = c.name;
      }
    }
    if (best) return { intent: best, confidence: bestScore / total, source: 'taxonomy' };
    return this.inducedIntent() ?? { intent: 'unknown', confidence: 0, source: this.taxonomy.intents.length ? 'taxonomy' : 'none' };
  }

  private inducedIntent(): { intent: string; confidence: number; source: CallAnalysis['intentSource'] } | undefined {
    const goal = this.opening.goalText;
    if (!this.options.labeler || (!goal && this.tools.length === 0)) return undefined;
    const r = this.options.labeler.intent(goal, this.tools);
    return r ? { intent: r.label, confidence: r.confidence, source: 'induced' } : undefined;
  }

  private outcome(features: number[]): Outcome {
    if (this.explicit) return { label: this.explicit.success ? 'success' : 'failure', probability: this.explicit.probability, source: 'explicit' };
    return inferOutcome(this.model, features, this.signals.length, this.options.unknownBand ?? 0);
  }

  private build(): CallAnalysis {
    const turnCount = this.turnIndex + 1;
    const conversational = this.verdictSignals.size ? this.signals.filter((x) => !this.verdictSignals.has(x)) : this.signals;
    const features = outcomeFeatures(conversational, turnCount, this.lastUserTurn, this.cross.features());
    const intent = this.intent();
    // A situation still waiting for more answers counts with what it has so far (mid-call snapshots).
    let fragments = this.pending ? [...this.fragments, ...this.situationFragments(this.pending)] : [...this.fragments];
    if (fragments.length === 0) fragments = this.inducedFragments();
    // Patterns count the call's opening situation only: later situations happen after (and because of)
    // the first move, so crediting their moves with the call's outcome would mix cause and effect.
    const cells = fragments.filter((f) => f.opening && f.primary).map((f) => ({ trigger: f.trigger, strategy: f.strategy }));
    return {
      callId: this.callId,
      agentId: this.agentId,
      source: this.source,
      intent: intent.intent,
      intentConfidence: intent.confidence,
      intentSource: intent.source,
      outcome: this.outcome(features),
      signals: [...this.signals],
      triggers: [...this.triggers],
      strategies: [...this.strategies],
      situations: this.options.labeler ? [...this.situationLabels] : this.triggers.map((t) => ({ label: t.name, turnIndex: t.turnIndex })),
      moves: this.options.labeler ? [...this.moveLabels] : this.strategies.map((t) => ({ label: t.name, turnIndex: t.turnIndex })),
      fragments,
      cells,
      toolSequence: [...this.tools],
      errors: [...this.errors],
      turnCount,
      features,
      ended: this.ended,
    };
  }
}

/**
 * The outcome of a call without explicit outcome fields, from its signal features: unknown when the call
 * carries no signal at all (no evidence either way) or lands within `band` of 0.5.
 */
export function inferOutcome(model: OutcomeModel, features: readonly number[], signalCount: number, band = 0): Outcome {
  const p = predictProbability(model, features);
  const scoredBy = { origin: model.origin ?? 'given', examples: model.origin === 'prior' ? 0 : (model.trainedOn?.examples ?? 0) };
  if (signalCount === 0) return { label: 'unknown', probability: p, source: 'none', model: scoredBy };
  const label = Math.abs(p - 0.5) < band ? 'unknown' : p >= 0.5 ? 'success' : 'failure';
  return { label, probability: p, source: 'signals', model: scoredBy };
}

/** Analyzes a whole recorded call (its events in order). */
export function analyzeEvents(events: Iterable<ConversationEvent>, options?: AnalyzerOptions): CallAnalysis {
  const a = new CallAnalyzer(options);
  for (const e of events) {
    if (a.isFinal && e.type !== 'feedback') continue;
    a.push(e);
  }
  return a.finalize();
}
