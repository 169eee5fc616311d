import * as vscode from 'vscode';
import type { KaizenContext } from '../context';
import { errorMessage } from '../context';
import { evidenceCall, patternRow } from './mappers';
import { WebviewHost, openCallInEditor } from './webviewHost';

/** The Pattern Explorer: one panel per window, fed from the learning store, refreshed on every change. */
export class PatternExplorerPanel {
  private static current: PatternExplorerPanel | undefined;
  private readonly host: WebviewHost<'patternExplorer'>;

  static show(ctx: KaizenContext): PatternExplorerPanel {
    if (PatternExplorerPanel.current) {
      PatternExplorerPanel.current.host.panel.reveal();
      return PatternExplorerPanel.current;
    }
    PatternExplorerPanel.current = new PatternExplorerPanel(ctx);
    return PatternExplorerPanel.current;
  }

  private constructor(private readonly ctx: KaizenContext) {
    this.host = new WebviewHost(ctx, 'patternExplorer', 'Kaizen: Pattern Explorer', {
      ready: () => this.sendPatterns(),
      refresh: () => this.sendPatterns(),
      getEvidence: async (m) => {
        try {
          const store = await ctx.engine.store();
          const pattern = (await store.listPatterns()).find((p) => p.id === m.patternId);
          if (!pattern) throw new Error(`pattern ${m.patternId} is no longer in the store; refresh`);
          const calls = [];
          for (const callId of pattern.exampleCallIds.slice(0, m.limit)) {
            const c = await store.getConversation(callId);
            if (c) calls.push(evidenceCall(c, await store.getCallAnalysis(callId)));
          }
          await this.host.post({ type: 'evidence', id: m.id, data: { patternId: m.patternId, calls } });
        } catch (err) {
          await this.host.post({ type: 'error', id: m.id, message: errorMessage(err) });
        }
      },
      openCall: openCallInEditor,
    });
    this.host.followStore(() => this.sendPatterns());
    this.host.onClosed(() => (PatternExplorerPanel.current = undefined));
  }

  private async sendPatterns(): Promise<void> {
    try {
      const exists = await this.ctx.engine.hasStore();
      const store = exists ? await this.ctx.engine.store() : undefined;
      const patterns = store ? await store.listPatterns() : [];
      const totalCalls = store ? await store.countCalls() : 0;
      const analyzedAt = patterns.reduce((m, p) => Math.max(m, p.updatedAt), 0) || undefined;
      await this.host.post({
        type: 'patterns',
        data: { patterns: patterns.map(patternRow), totalCalls, analyzedAt, source: vscode.workspace.asRelativePath(this.ctx.engine.storePath) },
      });
    } catch (err) {
      await this.host.post({ type: 'error', message: `Could not read the learning store: ${errorMessage(err)}` });
    }
  }
}
