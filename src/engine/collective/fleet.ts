import { learnTree } from '../knowledge';
import type { TreeExample, TreeNode, TreeOptions } from '../knowledge';
import { benjaminiHochberg, compareProportions, wilsonInterval } from '../stats';
import type { StatsFile } from './stats';
import { STATS_KIND, splitPatternKey } from './stats';

export interface CountView {
  n: number;
  successes: number;
  rate: number;
  /** Nodes whose contribution has the pattern. */
  nodes: number;
}

/** One pattern as this node sees it beside the rest of the fleet. */
export interface FleetRow {
  key: string;
  intent: string;
  situation: string;
  move: string;
  own: CountView;
  /** Every other node. */
  others: CountView;
  /** "seen on 4 agents, 12,400 calls" (the whole fleet, this node included). */
  label: string;
  /** Two-sided p-value of own vs others (Fisher's exact test for small counts, pooled z otherwise); undefined when one side has no calls. */
  p?: number;
  /** Benjamini–Hochberg adjusted over every tested row. */
  q?: number;
  /** This node's move does significantly worse here than the same move on other nodes. */
  underperforms: boolean;
}

function view(n: number, successes: number, nodes: number): CountView {
  return { n, successes, rate: n ? successes / n : 0, nodes };
}

export function fleetLabel(nodes: number, calls: number): string {
  return `seen on ${nodes} agent${nodes === 1 ? '' : 's'}, ${calls.toLocaleString('en-US')} call${calls === 1 ? '' : 's'}`;
}

/**
 * How `node`'s patterns compare with the rest of the fleet, from merged statistics: every pattern either
 * side has, own and others' counts, the fleet label, and whether this node underperforms (own success
 * rate below the others', BH q < alpha).
 */
export function compareWithFleet(stats: StatsFile, node: string, options: { alpha?: number } = {}): FleetRow[] {
  const alpha = options.alpha ?? 0.05;
  const rows: FleetRow[] = [];
  for (const key of Object.keys(stats.totals)) {
    let on = 0;
    let oth = { n: 0, s: 0, nodes: 0 };
    let own = { n: 0, s: 0, nodes: 0 };
    for (const [name, c] of Object.entries(stats.contributions)) {
      const count = c.patterns[key];
      if (!count) continue;
      on++;
      if (name === node) own = { n: count.n, s: count.successes, nodes: 1 };
      else oth = { n: oth.n + count.n, s: oth.s + count.successes, nodes: oth.nodes + 1 };
    }
    const parts = splitPatternKey(key);
    const total = stats.totals[key]!;
    const row: FleetRow = { key, ...parts, own: view(own.n, own.s, own.nodes), others: view(oth.n, oth.s, oth.nodes), label: fleetLabel(on, total.n), underperforms: false };
    if (own.n > 0 && oth.n > 0) row.p = compareProportions(own.s, own.n, oth.s, oth.n).p;
    rows.push(row);
  }
  const tested = rows.filter((r) => r.p !== undefined);
  const q = benjaminiHochberg(tested.map((r) => r.p!));
  tested.forEach((r, i) => {
    r.q = q[i]!;
    r.underperforms = r.q < alpha && r.own.rate < r.others.rate;
  });
  return rows.sort((a, b) => a.key.localeCompare(b.key));
}

/** A move's standing in one situation after the fleet's counts were blended in. */
export interface BlendedMove {
  move: string;
  /** Own calls plus `weight` × other nodes' calls. */
  n: number;
  rate: number;
  low: number;
  own: CountView;
  others: CountView;
  label: string;
}

export interface BlendedSituation {
  intent: string;
  situation: string;
  /** Best first (Wilson lower bound of the blended counts). */
  moves: BlendedMove[];
}

/**
 * Cross-agent learning: this node's patterns with the fleet's folded in at `weight` (0 = only its own
 * calls, 1 = the fleet's calls count as its own), per (intent, situation), ranked as the decision trees
 * rank moves. A move this node never tried appears when other nodes saw it often enough.
 */
export function blendWithFleet(stats: StatsFile, node: string, options: { weight?: number } = {}): BlendedSituation[] {
  const weight = options.weight ?? 0.5;
  const groups = new Map<string, BlendedSituation>();
  for (const row of compareWithFleet(stats, node)) {
    const n = row.own.n + weight * row.others.n;
    if (n <= 0) continue;
    const s = row.own.successes + weight * row.others.successes;
    const id = `${row.intent}\u0000${row.situation}`;
    const g = groups.get(id) ?? { intent: row.intent, situation: row.situation, moves: [] };
    g.moves.push({ move: row.move, n, rate: s / n, low: wilsonInterval(s, n).low, own: row.own, others: row.others, label: row.label });
    groups.set(id, g);
  }
  for (const g of groups.values()) g.moves.sort((a, b) => b.low - a.low || b.n - a.n);
  return [...groups.values()].sort((a, b) => a.intent.localeCompare(b.intent) || a.situation.localeCompare(b.situation));
}

/** Per intent, the decision tree learned on the blended counts (the feature is the situation). */
export function fleetTrees(stats: StatsFile, node: string, options: { weight?: number; tree?: TreeOptions } = {}): Map<string, TreeNode> {
  const byIntent = new Map<string, TreeExample[]>();
  for (const g of blendWithFleet(stats, node, options)) {
    const list = byIntent.get(g.intent) ?? [];
    for (const m of g.moves) list.push({ features: { situation: g.situation }, action: m.move, n: m.n, s: m.rate * m.n });
    byIntent.set(g.intent, list);
  }
  return new Map([...byIntent].map(([intent, examples]) => [intent, learnTree(examples, options.tree)]));
}

/**
 * A node's local view for learning: the fleet's shared statistics with this node's own contribution
 * replaced by its complete local counts (patterns below k included: they never leave the node, but they
 * are what it knows). Not for export: its k is 1.
 */
export function localFleetView(shared: StatsFile, local: StatsFile): StatsFile {
  const contributions = { ...shared.contributions, ...local.contributions };
  const totals: StatsFile['totals'] = {};
  for (const c of Object.values(contributions)) {
    for (const [key, count] of Object.entries(c.patterns)) {
      const t = totals[key] ?? { n: 0, successes: 0 };
      totals[key] = { n: t.n + count.n, successes: t.successes + count.successes };
    }
  }
  return { kind: STATS_KIND, k: 1, contributions, totals };
}
