import type { ConversationEvent } from '../../model';
import { isTransferTool } from '../signals';
import { assignGroup, induceGroups } from './induce';
import type { WordVectors } from './wordVectors';
import type { InducedGroupSummary, InducedModel, InduceOptions } from './induce';
import { OpeningTracker } from './opening';
import { ACT_TERMS, TOPIC_TERMS } from './terms';

/**
 * A store's own vocabulary: intents from what callers want (and the tools agents used), situations from
 * what callers say before the agent's first real move, moves from what the agent then does. Each is
 * induced from the calls, named from them, and kept stable across re-analysis through `previous`.
 */
export interface CallDocs {
  callId: string;
  goal: string;
  tools: string[];
  situation?: string;
  move?: string;
}

export interface InducedVocabulary {
  intents: InducedModel;
  situations: InducedModel;
  moves: InducedModel;
}

export interface VocabularySummary {
  intents: Array<InducedGroupSummary & { size: number }>;
  situations: Array<InducedGroupSummary & { size: number }>;
  moves: Array<InducedGroupSummary & { size: number }>;
}

export const toolTerms = (tools: readonly string[]): string[] => [...new Set(tools.filter((t) => !isTransferTool(t)))].map((t) => `tool:${t}`);

/** The documents induction reads from one call's events. */
export function callDocs(callId: string, events: Iterable<ConversationEvent>): CallDocs {
  const tracker = new OpeningTracker();
  let turn = -1;
  for (const e of events) {
    if (e.type === 'turn') tracker.onTurn(e.role, e.text, ++turn);
    else if (e.type === 'tool.called') tracker.onTool(e.name);
  }
  const ex = tracker.exchange;
  return { callId, goal: tracker.goalText, tools: [...tracker.tools], situation: ex?.situation.text, move: ex?.move.text };
}

/** See `InduceOptions.mergeSimilarity`: one meaning phrased many ways stays one group. */
export const CALL_MERGE_SIMILARITY = 0.1;

export interface InduceVocabularyOptions {
  /** Smallest intent (calls); smaller groups fold into their nearest neighbour. */
  minSize?: number;
  previous?: VocabularySummary;
  seed?: number;
  /**
   * Pretrained word vectors for the intents (what a caller wants is said in many words). Situations
   * and moves keep their own terms: a move is an act ("could you", "I'm sorry"), which topic vectors blur.
   */
  wordVectors?: WordVectors;
}

export function induceVocabulary(docs: readonly CallDocs[], options: InduceVocabularyOptions = {}): InducedVocabulary {
  const base: InduceOptions = { seed: options.seed ?? 1, mergeSimilarity: CALL_MERGE_SIMILARITY, ...(options.minSize ? { minSize: options.minSize } : {}) };
  const intents = induceGroups(
    docs.map((d) => ({ text: d.goal, extraTerms: toolTerms(d.tools) })),
    { ...base, kind: 'intent', terms: TOPIC_TERMS, previous: options.previous?.intents, ...(options.wordVectors ? { wordVectors: options.wordVectors } : {}) },
  ).model;
  const withSituation = docs.filter((d) => d.situation);
  const situations = induceGroups(
    withSituation.map((d) => ({ text: d.situation! })),
    { ...base, kind: 'situation', terms: TOPIC_TERMS, previous: options.previous?.situations },
  ).model;
  const withMove = docs.filter((d) => d.move);
  const moves = induceGroups(
    withMove.map((d) => ({ text: d.move! })),
    { ...base, kind: 'move', terms: ACT_TERMS, previous: options.previous?.moves },
  ).model;
  return { intents, situations, moves };
}

export function summarizeVocabulary(v: InducedVocabulary): VocabularySummary {
  const s = (m: InducedModel) => m.groups.map((g) => ({ id: g.id, name: g.name, topTerms: [...g.topTerms], size: g.size }));
  return { intents: s(v.intents), situations: s(v.situations), moves: s(v.moves) };
}

/** Labels for one call's texts, from an induced vocabulary. */
export interface VocabularyLabeler {
  intent(goal: string, tools: readonly string[]): { label: string; confidence: number } | undefined;
  situation(text: string): string | undefined;
  move(text: string): string | undefined;
}

/** Remembers results by key (a store repeats its short texts); forgets all past `limit` to stay bounded. */
function memo<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    if (cache.size >= limit) cache.clear();
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

const MEMO_LIMIT = 50_000;

export function vocabularyLabeler(v: InducedVocabulary): VocabularyLabeler {
  const name = (m: InducedModel, g: number) => (g >= 0 ? m.groups[g]?.name : undefined);
  const intentOf = memo(MEMO_LIMIT, (key) => {
    const [goal, tools] = key.split('\u0000') as [string, string];
    const r = assignGroup(v.intents, { text: goal, extraTerms: toolTerms(tools ? tools.split('\u0001') : []) });
    const label = name(v.intents, r.group);
    return label ? { label, confidence: Math.max(0, Math.min(1, r.similarity)) } : undefined;
  });
  const situationOf = memo(MEMO_LIMIT, (text) => name(v.situations, assignGroup(v.situations, { text }).group));
  const moveOf = memo(MEMO_LIMIT, (text) => name(v.moves, assignGroup(v.moves, { text }).group));
  return {
    intent: (goal, tools) => intentOf(`${goal}\u0000${tools.join('\u0001')}`),
    situation: situationOf,
    move: moveOf,
  };
}
