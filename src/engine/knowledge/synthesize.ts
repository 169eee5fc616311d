import type { CallAnalysis } from '../analysis/schema';
import type { ScoredPattern } from '../analysis/patterns';
import type { ArtifactPayload, JsonValue } from '../model';
import type { LearningStore } from '../store/learningStore';
import { wilsonInterval } from '../stats';
import { learnTree, treeToMermaid } from './decisionTree';
import type { TreeExample, TreeNode, TreeOptions } from './decisionTree';
import { nodeId, toGraph } from './graph';
import type { GraphCounts, GraphEdge, KnowledgeGraph } from './graph';
import { collapseMirrors, scoreToolPatterns } from './toolPatterns';
import type { ToolCounts, ToolPattern } from './toolPatterns';

/** Outcome counts per intent for the decision trees: (trigger, already-frustrated, move) → n, successes. */
export interface TreeCounts {
  intents: Record<string, Record<string, { n: number; s: number }>>;
}
const SEP = '\u0000';
const FRUSTRATION = new Set(['frustration', 'negation', 'already-told', 'profanity', 'repetition', 'escalation-request']);

export function emptyTreeCounts(): TreeCounts {
  return { intents: {} };
}

export function addTreeCall(counts: TreeCounts, a: CallAnalysis): void {
  if (a.outcome.label === 'unknown') return;
  const f = a.fragments.find((x) => x.opening && x.primary);
  if (!f) return;
  const frustrated = a.signals.some((s) => FRUSTRATION.has(s.kind) && s.turnIndex <= f.userTurn) || a.triggers.some((t) => t.name === 'frustration' && t.turnIndex <= f.userTurn);
  const key = [f.trigger, frustrated ? 'yes' : 'no', f.strategy].join(SEP);
  const m = (counts.intents[a.intent] ??= {});
  const c = (m[key] ??= { n: 0, s: 0 });
  c.n++;
  if (a.outcome.label === 'success') c.s++;
}

export function mergeTreeCounts(into: TreeCounts, other: TreeCounts): TreeCounts {
  for (const [intent, m] of Object.entries(other.intents)) {
    const t = (into.intents[intent] ??= {});
    for (const [k, c] of Object.entries(m)) {
      const x = (t[k] ??= { n: 0, s: 0 });
      x.n += c.n;
      x.s += c.s;
    }
  }
  return into;
}

export function treeExamples(counts: TreeCounts, intent: string): TreeExample[] {
  return Object.entries(counts.intents[intent] ?? {}).map(([k, c]) => {
    const [trigger, frustrated, action] = k.split(SEP) as [string, string, string];
    return { features: { trigger, 'caller already frustrated': frustrated }, action, n: c.n, s: c.s };
  });
}

export interface Knowledge {
  templates: Array<Extract<ArtifactPayload, { kind: 'template' }>>;
  trees: Array<{ intent: string; tree: TreeNode; mermaid: string }>;
  strategies: Array<Extract<ArtifactPayload, { kind: 'strategy' }>>;
  toolPatterns: ToolPattern[];
  graph: KnowledgeGraph;
}

/** Turns the mergeable counts and the scored patterns into the knowledge a designer reads. */
export function synthesize(input: { patterns: readonly ScoredPattern[]; tools: ToolCounts; trees: TreeCounts; graph: GraphCounts; treeOptions?: TreeOptions }): Knowledge {
  const intents = [...new Set(input.patterns.map((p) => p.intent))].sort();
  const templates: Knowledge['templates'] = [];
  const strategies: Knowledge['strategies'] = [];
  for (const intent of intents) {
    const mine = input.patterns.filter((p) => p.intent === intent);
    // Conversation templates: the strongest (significant, positive) situation → move pairs, else the best rates.
    const good = mine.filter((p) => p.significant && p.lift > 0).sort((a, b) => b.lift - a.lift);
    const chosen = (good.length > 0 ? good : [...mine].sort((a, b) => b.confidence.low - a.confidence.low)).slice(0, 3);
    const steps = chosen.flatMap((p) => [
      { role: 'user' as const, template: p.userTemplate ?? `(${p.trigger})` },
      { role: 'agent' as const, template: p.template ?? `(${p.strategy})` },
    ]);
    if (steps.length > 0) templates.push({ kind: 'template', intent, steps });
    // Strategy ranking across the intent's situations.
    const by = new Map<string, { n: number; s: number }>();
    let tn = 0;
    let ts = 0;
    for (const p of mine) {
      const t = by.get(p.strategy) ?? { n: 0, s: 0 };
      t.n += p.support;
      t.s += p.successes;
      by.set(p.strategy, t);
      tn += p.support;
      ts += p.successes;
    }
    // Ranked by the Wilson lower bound, not the raw rate: a move that won 2 of 2 calls is not the best one.
    const ranking = [...by.entries()]
      .map(([strategy, { n, s }]) => {
        const rest = tn - n > 0 ? (ts - s) / (tn - n) : s / n;
        return { strategy, successRate: s / n, lift: s / n - rest, support: n, low: wilsonInterval(s, n).low };
      })
      .sort((a, b) => b.low - a.low || b.support - a.support)
      .map(({ low: _low, ...r }) => r);
    strategies.push({ kind: 'strategy', intent, ranking });
  }
  const trees = Object.keys(input.trees.intents)
    .sort()
    .map((intent) => {
      const tree = learnTree(treeExamples(input.trees, intent), input.treeOptions);
      return { intent, tree, mermaid: treeToMermaid(tree, intent) };
    });
  const toolPatterns = collapseMirrors(scoreToolPatterns(input.tools).filter((t) => t.significant)).sort((a, b) => a.qValue - b.qValue);
  const extra: GraphEdge[] = input.patterns
    .filter((p) => p.significant)
    .map((p) => ({ from: nodeId('trigger', p.trigger), to: nodeId('strategy', p.strategy), kind: p.lift > 0 ? `works-better:${p.intent}` : `works-worse:${p.intent}`, weight: Math.round(p.lift * 1000) / 1000 }));
  return { templates, trees, strategies, toolPatterns, graph: toGraph(input.graph, extra) };
}

export interface ArtifactDraft {
  artifactId: string;
  title: string;
  payload: ArtifactPayload;
}

export function knowledgeArtifacts(k: Knowledge): ArtifactDraft[] {
  const out: ArtifactDraft[] = [];
  for (const t of k.templates) out.push({ artifactId: `template:${t.intent}`, title: `Conversation template: ${t.intent}`, payload: t });
  for (const t of k.trees)
    out.push({
      artifactId: `decision-tree:${t.intent}`,
      title: `Decision tree: ${t.intent}`,
      payload: { kind: 'decision-tree', intent: t.intent, tree: { root: t.tree as unknown as JsonValue, mermaid: t.mermaid } },
    });
  for (const s of k.strategies) out.push({ artifactId: `strategy:${s.intent}`, title: `Response strategies: ${s.intent}`, payload: s });
  for (const t of k.toolPatterns)
    out.push({
      artifactId: `tool-pattern:${t.intent}:${t.sequence.join('>')}`,
      title: `Tool order: ${t.sequence.join(' before ')} (${t.intent})`,
      payload: { kind: 'tool-pattern', sequence: [...t.sequence], lift: t.lift, support: t.support, rule: t.rule },
    });
  out.push({ artifactId: 'knowledge-graph', title: 'Knowledge graph', payload: { kind: 'knowledge-graph', nodes: k.graph.nodes, edges: k.graph.edges } });
  return out;
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Saves each artifact as a new version only when its content changed; returns what happened. */
export async function saveKnowledge(store: LearningStore, drafts: readonly ArtifactDraft[], agentId?: string): Promise<{ saved: number; unchanged: number }> {
  let saved = 0;
  let unchanged = 0;
  for (const d of drafts) {
    const current = await store.getArtifact(d.artifactId);
    if (current && current.status !== 'retired' && stable(current.payload) === stable(d.payload)) {
      unchanged++;
      continue;
    }
    await store.saveArtifact({ artifactId: d.artifactId, payload: d.payload, title: d.title, status: 'draft', agentId });
    saved++;
  }
  return { saved, unchanged };
}
