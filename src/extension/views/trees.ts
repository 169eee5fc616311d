import * as vscode from 'vscode';
import type { CallSummary } from '../../engine/store';
import type { LearningArtifact, Pattern } from '../../engine/model';
import type { KaizenContext } from '../context';
import { errorMessage } from '../context';
import { callUri } from '../callDocument';
import { pText } from '../../shared/format';

/**
 * The four trees of the Kaizen container. Each reads the store on demand (nothing cached beyond one
 * render) and refreshes when the engine says the data changed. With no store yet they return no
 * items, and the manifest's viewsWelcome shows the honest empty state with the command to run.
 */
abstract class StoreTree<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<T | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(protected readonly ctx: KaizenContext) {
    const d = ctx.engine.onDidChange(() => this.emitter.fire());
    this.sub = new vscode.Disposable(() => d.dispose());
  }

  abstract getTreeItem(element: T): vscode.TreeItem;
  protected abstract roots(): Promise<T[]>;
  protected children(_element: T): Promise<T[]> {
    return Promise.resolve([]);
  }

  /** Whether the last root read failed (the Calls view then says so instead of "No calls yet"). */
  protected failed = false;

  async getChildren(element?: T): Promise<T[]> {
    try {
      if (element) return await this.children(element);
      this.failed = false;
      if (!(await this.ctx.engine.hasStore())) return [];
      return await this.roots();
    } catch (err) {
      this.failed = true;
      this.ctx.log.error(`tree: ${errorMessage(err)}`);
      return [];
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

// ---- Calls: imported sources with counts and outcomes, then their calls ------------------------

type CallNode = { kind: 'source'; file: string; calls: CallSummary[] } | { kind: 'call'; call: CallSummary };
const MAX_LISTED = 20000;

/**
 * `kaizen.storeState` for the Calls view's welcome content: "loading" while the store opens (a big
 * store takes a while; the view must not claim "No calls yet" meanwhile), then "empty", "ready" or
 * "error". Unset (before the first read) counts as loading.
 */
function setStoreState(state: 'loading' | 'empty' | 'ready' | 'error'): void {
  void vscode.commands.executeCommand('setContext', 'kaizen.storeState', state);
}

export class CallsTree extends StoreTree<CallNode> {
  override async getChildren(element?: CallNode): Promise<CallNode[]> {
    if (element) return super.getChildren(element);
    setStoreState('loading');
    const items = await super.getChildren();
    setStoreState(this.failed ? 'error' : items.length > 0 ? 'ready' : 'empty');
    return items;
  }

  protected async roots(): Promise<CallNode[]> {
    const store = await this.ctx.engine.store();
    const calls = await store.listCalls({ limit: MAX_LISTED });
    const bySource = new Map<string, CallSummary[]>();
    for (const c of calls) {
      const file = c.source?.file ?? '(live)';
      bySource.set(file, [...(bySource.get(file) ?? []), c]);
    }
    return [...bySource.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([file, list]) => ({ kind: 'source', file, calls: list }));
  }

  protected override async children(node: CallNode): Promise<CallNode[]> {
    return node.kind === 'source' ? node.calls.slice(0, 500).map((call) => ({ kind: 'call', call })) : [];
  }

  getTreeItem(node: CallNode): vscode.TreeItem {
    if (node.kind === 'source') {
      const ok = node.calls.filter((c) => c.outcomeLabel === 'success').length;
      const bad = node.calls.filter((c) => c.outcomeLabel === 'failure').length;
      // The file's name, not its path, and short figures: a default-width sidebar cuts anything longer.
      const item = new vscode.TreeItem(node.file.split(/[\\/]/).pop() || node.file, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.calls.length} calls · ${ok}✓ ${bad}✗`;
      item.tooltip = `${node.file}\n${node.calls.length} calls, ${ok} succeeded, ${bad} failed, ${node.calls.length - ok - bad} unknown (shown: first 500)`;
      item.iconPath = new vscode.ThemeIcon('file');
      item.contextValue = 'kaizen.source';
      return item;
    }
    const c = node.call;
    const item = new vscode.TreeItem(c.callId, vscode.TreeItemCollapsibleState.None);
    item.description = [c.intent, c.outcomeLabel, `${c.turnCount} turns`].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(c.outcomeLabel === 'success' ? 'pass' : c.outcomeLabel === 'failure' ? 'error' : 'circle-outline');
    item.command = { command: 'kaizen.openCall', title: 'Open Call', arguments: [c.callId] };
    item.resourceUri = callUri(c.callId);
    item.contextValue = 'kaizen.call';
    return item;
  }
}

// ---- Patterns: intent → situation (trigger) → move, with success rate and interval ---------------
// Three short levels instead of one long "trigger → strategy" label, so the figures are not cut off.

type PatternNode =
  | { kind: 'intent'; intent: string; patterns: Pattern[] }
  | { kind: 'trigger'; intent: string; trigger: string; patterns: Pattern[] }
  | { kind: 'pattern'; pattern: Pattern };

const groupBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
};
const signedPp = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(0)} pp`;

export class PatternsTree extends StoreTree<PatternNode> {
  protected async roots(): Promise<PatternNode[]> {
    const store = await this.ctx.engine.store();
    const patterns = await store.listPatterns({ sortBy: 'lift' });
    return groupBy(patterns, (p) => p.intent).map(([intent, list]) => ({ kind: 'intent', intent, patterns: list }));
  }

  protected override async children(node: PatternNode): Promise<PatternNode[]> {
    if (node.kind === 'intent') return groupBy(node.patterns, (p) => p.trigger).map(([trigger, list]) => ({ kind: 'trigger', intent: node.intent, trigger, patterns: list }));
    if (node.kind === 'trigger') return [...node.patterns].sort((a, b) => b.lift - a.lift).map((pattern) => ({ kind: 'pattern', pattern }));
    return [];
  }

  getTreeItem(node: PatternNode): vscode.TreeItem {
    if (node.kind !== 'pattern') {
      const item = new vscode.TreeItem(node.kind === 'intent' ? node.intent : node.trigger, vscode.TreeItemCollapsibleState.Collapsed);
      const significant = node.patterns.filter((p) => p.liftPValue < 0.05).length;
      item.description = `${node.patterns.length} patterns${significant ? `, ${significant} significant` : ''}`;
      item.iconPath = new vscode.ThemeIcon(node.kind === 'intent' ? 'symbol-namespace' : 'comment-discussion');
      if (node.kind === 'trigger') item.tooltip = `${node.intent}: when the caller shows "${node.trigger}", how each agent move did`;
      return item;
    }
    const p = node.pattern;
    const significant = p.liftPValue < 0.05;
    // Figures first ("75% [58–87%]"), the move's name as the description: in a narrow sidebar VS Code cuts
    // the end of a row, which then is the name (also in the hover), never the interval. The icon says
    // whether the lift is significant and its direction; the hover has lift, adjusted p and n.
    const item = new vscode.TreeItem(`${pct(p.successRate)} [${Math.round(p.confidence.low * 100)}–${pct(p.confidence.high)}]`, vscode.TreeItemCollapsibleState.None);
    item.description = p.strategy;
    // The lift is against the situation's ordinary moves and its p-value is adjusted for the number of
    // patterns tested (Benjamini–Hochberg): say both, and say when a big lift is not significant.
    item.tooltip = new vscode.MarkdownString(
      `**${p.intent}** · ${p.trigger} → **${p.strategy}**\n\n` +
        `Success ${pct(p.successRate)} (95% CI ${pct(p.confidence.low)}–${pct(p.confidence.high)}), ${p.successes} of ${p.support} calls.\n\n` +
        `Lift ${signedPp(p.lift)} over the other moves in the same situation; ${pText(p.liftPValue, 'adjusted p')} (Benjamini–Hochberg over all patterns). ` +
        (significant ? 'Significant at 5% FDR.' : 'Not significant: with this many calls the lift may be chance.'),
    );
    item.iconPath = new vscode.ThemeIcon(significant ? (p.lift > 0 ? 'arrow-up' : 'arrow-down') : 'dash');
    item.command = { command: 'kaizen.openPatternExplorer', title: 'Open Pattern Explorer', arguments: [] };
    item.contextValue = 'kaizen.pattern';
    return item;
  }
}

// ---- Experiments ------------------------------------------------------------------------------

export class ExperimentsTree extends StoreTree<{ id: string; name: string; status: string; metric: string }> {
  protected async roots() {
    const store = await this.ctx.engine.store();
    return (await store.listExperiments()).map((e) => ({ id: e.id, name: e.name, status: e.status, metric: e.primaryMetric }));
  }

  getTreeItem(e: { id: string; name: string; status: string; metric: string }): vscode.TreeItem {
    const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.None);
    item.description = `${e.status} · ${e.metric}`;
    item.iconPath = new vscode.ThemeIcon(e.status === 'running' || e.status === 'shipping' ? 'beaker' : 'beaker-stop');
    item.command = { command: 'kaizen.openExperiment', title: 'Open Experiment', arguments: [e.id] };
    // The context menu offers the lifecycle steps this status allows (package.json matches on it).
    item.contextValue = `kaizen.experiment.${e.status}`;
    item.id = `experiment:${e.id}`;
    return item;
  }
}

// ---- Artifacts: latest version of each, with its history underneath ---------------------------

/**
 * "Decision tree: refund-request" → "refund-request": the kind is in the description, and a
 * default-width sidebar would otherwise cut the version and status off.
 */
function shortTitle(a: LearningArtifact): string {
  const title = a.title || `${a.payload.kind} ${a.artifactId}`;
  const rest = /^[^:]{1,40}:\s*(.+)$/.exec(title)?.[1];
  return rest ?? title;
}

type ArtifactNode = { kind: 'artifact'; artifact: LearningArtifact } | { kind: 'version'; artifact: LearningArtifact };

export class ArtifactsTree extends StoreTree<ArtifactNode> {
  protected async roots(): Promise<ArtifactNode[]> {
    const store = await this.ctx.engine.store();
    return (await store.listArtifacts({ latestOnly: true })).map((artifact) => ({ kind: 'artifact', artifact }));
  }

  protected override async children(node: ArtifactNode): Promise<ArtifactNode[]> {
    if (node.kind !== 'artifact') return [];
    const store = await this.ctx.engine.store();
    return (await store.artifactHistory(node.artifact.artifactId)).sort((a, b) => b.version - a.version).map((artifact) => ({ kind: 'version', artifact }));
  }

  getTreeItem(node: ArtifactNode): vscode.TreeItem {
    const a = node.artifact;
    if (node.kind === 'artifact') {
      const item = new vscode.TreeItem(shortTitle(a), a.version > 1 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = `${a.payload.kind} · v${a.version} · ${a.status}`;
      item.iconPath = new vscode.ThemeIcon(a.status === 'rolled-out' ? 'rocket' : a.status === 'retired' ? 'archive' : 'lightbulb');
      item.tooltip = `${a.title || a.artifactId}\n${a.artifactId} v${a.version} (${a.status})\nhash ${a.contentHash.slice(0, 12)}`;
      item.command = { command: 'kaizen.openArtifact', title: 'Open Artifact', arguments: [{ artifactId: a.artifactId, version: a.version }] };
      return item;
    }
    const item = new vscode.TreeItem(`v${a.version}`, vscode.TreeItemCollapsibleState.None);
    item.description = `${a.status} · ${new Date(a.createdAt).toISOString().slice(0, 16).replace('T', ' ')}${a.note ? ` · ${a.note}` : ''}`;
    item.iconPath = new vscode.ThemeIcon('history');
    item.command = { command: 'kaizen.openArtifact', title: 'Open Artifact', arguments: [{ artifactId: a.artifactId, version: a.version }] };
    return item;
  }
}
