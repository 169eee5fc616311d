import type { CallAnalysis } from '../analysis/schema';

/**
 * The knowledge graph: intents, triggers, strategies, tools and errors as nodes; weighted edges
 * counted over calls (mergeable), plus `works-better`/`works-worse` edges from significant patterns.
 */
export interface GraphNode {
  id: string;
  kind: 'intent' | 'trigger' | 'strategy' | 'tool' | 'error';
  label: string;
  weight: number;
}
export interface GraphEdge {
  from: string;
  to: string;
  kind: string;
  weight: number;
}
export interface KnowledgeGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphCounts {
  nodes: Record<string, GraphNode>;
  edges: Record<string, number>;
}

const SEP = '\u0000';
export const nodeId = (kind: GraphNode['kind'], label: string) => `${kind}:${label}`;

export function emptyGraphCounts(): GraphCounts {
  return { nodes: {}, edges: {} };
}

function node(g: GraphCounts, kind: GraphNode['kind'], label: string): string {
  const id = nodeId(kind, label);
  const n = (g.nodes[id] ??= { id, kind, label, weight: 0 });
  n.weight++;
  return id;
}
function edge(g: GraphCounts, from: string, kind: string, to: string, by = 1): void {
  const key = `${from}${SEP}${kind}${SEP}${to}`;
  g.edges[key] = (g.edges[key] ?? 0) + by;
}

export function addGraphCall(g: GraphCounts, a: CallAnalysis): void {
  const intent = node(g, 'intent', a.intent);
  for (const cell of a.cells) {
    const t = node(g, 'trigger', cell.trigger);
    const s = node(g, 'strategy', cell.strategy);
    edge(g, intent, 'has-trigger', t);
    edge(g, t, 'answered-by', s);
  }
  let prev: string | undefined;
  const seen = new Set<string>();
  for (const tool of a.toolSequence) {
    const id = seen.has(tool) ? nodeId('tool', tool) : node(g, 'tool', tool);
    if (!seen.has(tool)) edge(g, intent, 'uses-tool', id);
    seen.add(tool);
    if (prev && prev !== id) edge(g, prev, 'followed-by', id);
    prev = id;
  }
  for (const e of a.errors) {
    const id = node(g, 'error', e.code);
    edge(g, e.tool ? node(g, 'tool', e.tool) : intent, e.tool ? 'fails-with' : 'hits-error', id);
    if (e.tool) g.nodes[nodeId('tool', e.tool)]!.weight--;
  }
}

export function mergeGraphCounts(into: GraphCounts, other: GraphCounts): GraphCounts {
  for (const [id, n] of Object.entries(other.nodes)) {
    const t = (into.nodes[id] ??= { ...n, weight: 0 });
    t.weight += n.weight;
  }
  for (const [k, w] of Object.entries(other.edges)) into.edges[k] = (into.edges[k] ?? 0) + w;
  return into;
}

export function toGraph(g: GraphCounts, extraEdges: readonly GraphEdge[] = []): KnowledgeGraph {
  const edges = Object.entries(g.edges).map(([k, weight]) => {
    const [from, kind, to] = k.split(SEP) as [string, string, string];
    return { from, to, kind, weight };
  });
  const sortEdges = (a: GraphEdge, b: GraphEdge) => a.from.localeCompare(b.from) || a.kind.localeCompare(b.kind) || a.to.localeCompare(b.to);
  return {
    nodes: Object.values(g.nodes).sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...edges, ...extraEdges].sort(sortEdges),
  };
}

export interface Neighbour {
  id: string;
  kind: string;
  weight: number;
  direction: 'out' | 'in';
}

/** Nodes one edge away from `id`, heaviest first. */
export function neighbours(graph: KnowledgeGraph, id: string, options: { edgeKind?: string; direction?: 'out' | 'in' | 'both' } = {}): Neighbour[] {
  const dir = options.direction ?? 'out';
  const out: Neighbour[] = [];
  for (const e of graph.edges) {
    if (options.edgeKind && e.kind !== options.edgeKind) continue;
    if ((dir === 'out' || dir === 'both') && e.from === id) out.push({ id: e.to, kind: e.kind, weight: e.weight, direction: 'out' });
    if ((dir === 'in' || dir === 'both') && e.to === id) out.push({ id: e.from, kind: e.kind, weight: e.weight, direction: 'in' });
  }
  return out.sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
}

export interface GraphPath {
  nodes: string[];
  /** Product of transition probabilities (edge weight over the node's outgoing weight of that kind set). */
  score: number;
}

/**
 * The `k` most probable paths from `from` along count edges (edge weight divided by the node's total
 * outgoing weight), up to `maxDepth` edges, optionally ending at a node of kind `toKind`. Best-first
 * search; scores only shrink along a path, so the first k complete paths popped are the top k.
 */
export function topPaths(graph: KnowledgeGraph, from: string, options: { toKind?: GraphNode['kind']; maxDepth?: number; k?: number; edgeKinds?: string[] } = {}): GraphPath[] {
  const maxDepth = options.maxDepth ?? 3;
  const k = options.k ?? 5;
  const kinds = new Set(options.edgeKinds ?? ['has-trigger', 'answered-by', 'uses-tool', 'followed-by', 'fails-with', 'hits-error']);
  const outgoing = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    if (!kinds.has(e.kind)) continue;
    const l = outgoing.get(e.from) ?? [];
    l.push(e);
    outgoing.set(e.from, l);
  }
  const frontier: GraphPath[] = [{ nodes: [from], score: 1 }];
  const done: GraphPath[] = [];
  while (frontier.length > 0 && done.length < k) {
    frontier.sort((a, b) => b.score - a.score);
    const p = frontier.shift()!;
    const last = p.nodes[p.nodes.length - 1]!;
    const isEnd = options.toKind ? last.startsWith(`${options.toKind}:`) && p.nodes.length > 1 : p.nodes.length - 1 === maxDepth;
    if (isEnd) {
      done.push(p);
      continue;
    }
    if (p.nodes.length - 1 >= maxDepth) continue;
    const edges = outgoing.get(last) ?? [];
    const sum = edges.reduce((t, e) => t + e.weight, 0);
    for (const e of edges) if (!p.nodes.includes(e.to)) frontier.push({ nodes: [...p.nodes, e.to], score: p.score * (e.weight / sum) });
    if (edges.length === 0 && !options.toKind && p.nodes.length > 1) done.push(p);
  }
  return done;
}

const mid = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');
const esc = (s: string) => s.replace(/"/g, '#quot;');

/** Mermaid flowchart of the graph (edges below `minWeight` left out so the picture stays readable). */
export function graphToMermaid(graph: KnowledgeGraph, options: { minWeight?: number } = {}): string {
  const min = options.minWeight ?? 1;
  const shape: Record<string, [string, string]> = { intent: ['([', '])'], trigger: ['{{', '}}'], strategy: ['[', ']'], tool: ['[[', ']]'], error: ['((', '))'] };
  const lines = ['flowchart LR'];
  const used = new Set<string>();
  const edgeLines: string[] = [];
  for (const e of graph.edges) {
    if (e.weight < min && !e.kind.startsWith('works-')) continue;
    used.add(e.from);
    used.add(e.to);
    const w = Number.isInteger(e.weight) ? String(e.weight) : e.weight.toFixed(2);
    edgeLines.push(`  ${mid(e.from)} -->|${e.kind} ${w}| ${mid(e.to)}`);
  }
  for (const n of graph.nodes) {
    if (!used.has(n.id)) continue;
    const [o, c] = shape[n.kind] ?? ['[', ']'];
    lines.push(`  ${mid(n.id)}${o}"${esc(n.kind)}: ${esc(n.label)}"${c}`);
  }
  return [...lines, ...edgeLines].join('\n');
}
