import { wilsonInterval } from '../stats';

/**
 * A small decision tree per intent: situation features (trigger, whether the caller was already
 * frustrated before the move) → the move with the best outcome. Learned greedily (ID3-style, multi-way
 * splits on categorical features) on outcome counts: a split is kept when choosing the best move per
 * branch raises the expected success over using the node's one best move everywhere, by at least
 * `minGain`, with every branch holding `minLeaf` calls.
 */
export interface TreeExample {
  features: Record<string, string>;
  action: string;
  n: number;
  s: number;
}

export interface ActionStat {
  action: string;
  n: number;
  s: number;
  rate: number;
  low: number;
  high: number;
}

export type TreeNode =
  | { type: 'leaf'; n: number; best: string; bestRate: number; bestLow: number; actions: ActionStat[] }
  | { type: 'split'; n: number; feature: string; branches: Array<{ value: string; node: TreeNode }>; best: string; bestRate: number };

export interface TreeOptions {
  maxDepth?: number;
  minLeaf?: number;
  minGain?: number;
  /** Moves seen fewer times than this in a node are not candidates for "best". */
  minActionSupport?: number;
}

function actionStats(examples: readonly TreeExample[]): ActionStat[] {
  const m = new Map<string, { n: number; s: number }>();
  for (const e of examples) {
    const t = m.get(e.action) ?? { n: 0, s: 0 };
    t.n += e.n;
    t.s += e.s;
    m.set(e.action, t);
  }
  return [...m.entries()]
    .map(([action, { n, s }]) => {
      const ci = wilsonInterval(s, n);
      return { action, n, s, rate: n ? s / n : 0, low: ci.low, high: ci.high };
    })
    .sort((a, b) => b.low - a.low || b.n - a.n);
}

/** The best move by Wilson lower bound (so a lucky move tried twice does not win). */
function best(stats: readonly ActionStat[], minActionSupport: number): ActionStat | undefined {
  return stats.find((a) => a.n >= minActionSupport) ?? stats[0];
}

const total = (ex: readonly TreeExample[]) => ex.reduce((t, e) => t + e.n, 0);

export function learnTree(examples: readonly TreeExample[], options: TreeOptions = {}, depth = 0): TreeNode {
  const maxDepth = options.maxDepth ?? 3;
  const minLeaf = options.minLeaf ?? 20;
  const minGain = options.minGain ?? 0.02;
  const minActionSupport = options.minActionSupport ?? 5;
  const n = total(examples);
  const stats = actionStats(examples);
  const here = best(stats, minActionSupport);
  const leaf: TreeNode = { type: 'leaf', n, best: here?.action ?? '', bestRate: here?.rate ?? 0, bestLow: here?.low ?? 0, actions: stats };
  if (depth >= maxDepth || !here) return leaf;
  const features = new Set(examples.flatMap((e) => Object.keys(e.features)));
  let chosen: { feature: string; gain: number; groups: Map<string, TreeExample[]> } | undefined;
  for (const f of features) {
    const groups = new Map<string, TreeExample[]>();
    for (const e of examples) {
      const v = e.features[f] ?? '(none)';
      const g = groups.get(v) ?? [];
      g.push(e);
      groups.set(v, g);
    }
    if (groups.size < 2 || [...groups.values()].some((g) => total(g) < minLeaf)) continue;
    // Expected success (Wilson lower bounds) when each branch uses its own best move, against the
    // node's single best move in every branch. Where that move was (almost) never tried in a branch
    // there is no evidence for recommending it there, so the single-move policy scores −1 in it and
    // the split wins: a tree never recommends a move for a situation it has not seen it used in.
    let value = 0;
    let single = 0;
    for (const g of groups.values()) {
      const stats = actionStats(g);
      const w = total(g) / n;
      value += w * best(stats, minActionSupport)!.low;
      const same = stats.find((a) => a.action === here.action && a.n >= minActionSupport);
      single += w * (same ? same.low : -1);
    }
    const gain = value - single;
    if (gain >= minGain && (!chosen || gain > chosen.gain)) chosen = { feature: f, gain, groups };
  }
  if (!chosen) return leaf;
  const branches = [...chosen.groups.entries()]
    .sort((a, b) => total(b[1]) - total(a[1]))
    .map(([value, g]) => ({ value, node: learnTree(g, options, depth + 1) }));
  return { type: 'split', n, feature: chosen.feature, branches, best: here.action, bestRate: here.rate };
}

/** The move the tree recommends for a situation. */
export function recommend(tree: TreeNode, features: Record<string, string>): string {
  let node = tree;
  while (node.type === 'split') {
    const value = features[node.feature] ?? '(none)';
    const next = node.branches.find((b) => b.value === value);
    if (!next) return node.best;
    node = next.node;
  }
  return node.best;
}

const esc = (s: string) => s.replace(/"/g, '#quot;');
/** Below this many calls a recommended move's rate is shown as a small sample. */
export const SMALL_CELL = 20;

/** Mermaid `flowchart TD` of a tree: questions as diamonds, recommended moves as boxes. */
export function treeToMermaid(tree: TreeNode, title?: string): string {
  const lines = ['flowchart TD'];
  let id = 0;
  const walk = (node: TreeNode): string => {
    const me = `n${id++}`;
    if (node.type === 'leaf') {
      const pct = Math.round(node.bestRate * 100);
      // n of the move itself, then of the situation: "80% of 20" reads as evidence, "n=83" alone misleads.
      const used = node.actions.find((a) => a.action === node.best)?.n ?? 0;
      const small = used < SMALL_CELL ? `<br/>small sample: fewer than ${SMALL_CELL} calls` : '';
      lines.push(`  ${me}["${esc(node.best || 'no data')}<br/>${pct}% success in ${used} of ${node.n} calls${small}"]`);
    } else {
      lines.push(`  ${me}{"${esc(node.feature)}?"}`);
      for (const b of node.branches) {
        const child = walk(b.node);
        lines.push(`  ${me} -->|${esc(b.value)}| ${child}`);
      }
    }
    return me;
  };
  if (title) lines.push(`  %% ${title}`);
  walk(tree);
  return lines.join('\n');
}

/** The tree as indented text for a terminal: one line per question branch and per recommended move. */
export function treeToText(tree: TreeNode, indent = ''): string[] {
  if (tree.type === 'leaf') {
    const used = tree.actions.find((a) => a.action === tree.best)?.n ?? 0;
    return [`${indent}→ ${tree.best || 'no data'} (${Math.round(tree.bestRate * 100)} % success in ${used} of ${tree.n} calls${used < SMALL_CELL ? '; small sample' : ''})`];
  }
  return tree.branches.flatMap((b) => [`${indent}${tree.feature} = ${b.value}`, ...treeToText(b.node, `${indent}  `)]);
}
