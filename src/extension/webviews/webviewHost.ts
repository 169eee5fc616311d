import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { z } from 'zod';
import type { DashboardProtocol } from '../../shared/dashboardProtocol';
import type { ExperimentProtocol } from '../../shared/experimentProtocol';
import type { PatternExplorerProtocol } from '../../shared/patternExplorerProtocol';
import type { PromptDiffProtocol } from '../../shared/promptDiffProtocol';
import type { PublishingProtocol } from '../../shared/publishingProtocol';
import type { HandlerMap, ToHostOf, ToWebviewInputOf } from '../../shared/protocol';
import { renderWebviewHtml } from '../../shared/webviewHtml';
import type { KaizenContext } from '../context';
import { loadEngine } from '../engine/load';

/** Each app's protocol (core messages plus its own); the schemas load with the engine bundle. */
interface Protocols {
  patternExplorer: PatternExplorerProtocol;
  experiment: ExperimentProtocol;
  publishing: PublishingProtocol;
  promptDiff: PromptDiffProtocol;
  dashboard: DashboardProtocol;
}
type App = keyof Protocols;

/** The `openCall` message of every app: the stored call opens rendered in an editor. */
export async function openCallInEditor(m: { callId: string }): Promise<void> {
  await vscode.commands.executeCommand('kaizen.openCall', m.callId);
}

/**
 * One webview panel speaking its app's protocol. Every inbound message is parsed with zod and
 * dropped (and logged) when it does not parse; every outbound one is checked too. The HTML carries a
 * fresh nonce per render and loads only dist/webviews/<app>.js; data flows only after `ready`.
 */
export class WebviewHost<A extends App> implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private ready = false;
  private readonly queue: ToWebviewInputOf<Protocols[A]>[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly ctx: KaizenContext,
    private readonly app: A,
    title: string,
    handlers: Omit<HandlerMap<ToHostOf<Protocols[A]>>, 'ready' | 'rendered'> & { ready: () => void | Promise<void> },
  ) {
    const distWebviews = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'webviews');
    this.panel = vscode.window.createWebviewPanel(`kaizen.${app}`, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [distWebviews],
      retainContextWhenHidden: false,
    });
    this.panel.iconPath = vscode.Uri.joinPath(ctx.extension.extensionUri, 'media', 'kaizen.svg');
    const all = {
      ...handlers,
      ready: async () => {
        this.ready = true;
        await handlers.ready();
        for (const m of this.queue.splice(0)) void this.post(m);
      },
      rendered: (m: { app: string; firstPaintMs: number; rows: number }) => this.ctx.log.info(`webview ${m.app}: first paint ${m.firstPaintMs.toFixed(1)} ms for ${m.rows} rows`),
    } as unknown as HandlerMap<ToHostOf<Protocols[A]>>;
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        const { WEBVIEW_PROTOCOLS, parseMessage, dispatch } = loadEngine();
        const parsed = parseMessage<ToHostOf<Protocols[A]>>(WEBVIEW_PROTOCOLS[this.app].toHost as unknown as z.ZodType<ToHostOf<Protocols[A]>>, raw);
        if (!parsed.ok) {
          this.ctx.log.warn(`webview ${this.app}: dropped a message (${parsed.reason})`);
          return;
        }
        Promise.resolve(dispatch(all, parsed.message as ToHostOf<Protocols[A]>)).catch((err: unknown) => this.ctx.log.error(`webview ${this.app}: ${String(err)}`));
      }),
      // A hidden panel loses its page; the new page says `ready` again and gets fresh data.
      this.panel.onDidChangeViewState(() => {
        if (!this.panel.visible) this.ready = false;
      }),
    );
    this.render();
  }

  private render(): void {
    const webview = this.panel.webview;
    const script = vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'dist', 'webviews', `${this.app}.js`);
    webview.html = renderWebviewHtml({
      app: this.app,
      title: this.panel.title,
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(script).toString(),
      nonce: randomBytes(18).toString('base64'),
    });
  }

  /** Posts after the handshake; earlier messages wait in a queue. Invalid messages are a bug: logged, not sent. */
  async post(message: ToWebviewInputOf<Protocols[A]>): Promise<void> {
    const checked = loadEngine().WEBVIEW_PROTOCOLS[this.app].toWebview.safeParse(message);
    if (!checked.success) {
      this.ctx.log.error(`webview ${this.app}: refusing to send an invalid ${(message as { type: string }).type} message: ${checked.error.message}`);
      return;
    }
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    await this.panel.webview.postMessage(checked.data);
  }

  onDidDispose(listener: () => void): vscode.Disposable {
    return this.panel.onDidDispose(listener);
  }

  /** Calls `send` after every store change (import, analysis, live calls) until the panel closes. */
  followStore(send: () => Promise<void>): void {
    const changed = this.ctx.engine.onDidChange(() => void send());
    this.subscriptions.push(new vscode.Disposable(() => changed.dispose()));
  }

  /** Runs `closed` once when the user closes the panel, then releases everything this host holds. */
  onClosed(closed: () => void): void {
    this.subscriptions.push(
      this.panel.onDidDispose(() => {
        closed();
        this.dispose();
      }),
    );
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.panel.dispose();
  }
}
