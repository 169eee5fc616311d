import * as vscode from 'vscode';
import type { KaizenContext } from './context';

/** Calls in the store and the live state (idle, importing, analyzing; the endpoint when one is set). */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kaizen.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subs: Array<{ dispose(): void }> = [];
  private calls: number | undefined;
  private readonly firstRefresh: ReturnType<typeof setTimeout>;

  constructor(private readonly ctx: KaizenContext) {
    this.item.name = 'Kaizen';
    this.item.command = 'workbench.view.extension.kaizen';
    this.subs.push(
      ctx.engine.onDidChange(() => void this.refresh()),
      ctx.engine.onDidChangeState(() => this.render()),
      ctx.config.onDidChange(() => this.render()),
      ctx.live.onDidChange(() => this.render()),
    );
    this.item.text = '$(pulse) Kaizen';
    this.item.show();
    // The count needs the store (sql.js): read it once the window has settled, never during activation.
    this.firstRefresh = setTimeout(() => void this.refresh(), 2000);
  }

  private async refresh(): Promise<void> {
    this.calls = (await this.ctx.engine.hasStore()) ? await (await this.ctx.engine.store()).countCalls() : 0;
    this.render();
  }

  private render(): void {
    const s = this.ctx.config.settings;
    if (!s['statusBar.enabled']) {
      this.item.hide();
      return;
    }
    const state = this.ctx.engine.state;
    const icon = state === 'idle' ? '$(pulse)' : '$(sync~spin)';
    const l = this.ctx.live.state;
    const live =
      l.status === 'connected'
        ? `$(plug) connected · ${l.eventsPerSecond} ev/s · ${l.corrections} corrections`
        : l.status === 'reconnecting' || l.status === 'connecting'
          ? `$(sync~spin) ${l.status}`
          : s['agent.endpointUrl']
            ? 'endpoint set'
            : 'offline';
    this.item.text = `${icon} Kaizen: ${this.calls ?? '…'} calls · ${state === 'idle' ? live : state}`;
    const latency = l.summary ? `\nDecision p99 ${l.summary.decisionMs.p99} ms · correction round trip p99 ${l.summary.roundTripMs.p99} ms` : '';
    this.item.tooltip = `Kaizen learning store: ${this.ctx.engine.storePath}\n${this.calls ?? 0} calls · ${state}\nAgent endpoint: ${l.url ?? (s['agent.endpointUrl'] || 'none (recorded calls only)')} (${l.status})${latency}`;
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.firstRefresh);
    for (const s of this.subs.splice(0)) s.dispose();
    this.item.dispose();
  }
}
