import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImprovementService, Proposal } from '../../engine/improvement';
import type { PromptDiffView } from '../../shared/promptDiffProtocol';
import type { KaizenContext } from '../context';
import { errorMessage } from '../context';
import { loadEngine } from '../engine/load';
import { WebviewHost, openCallInEditor } from './webviewHost';

/** The scheme of the proposed prompt shown on the right of the diff editor (read-only, from memory). */
export const PROPOSAL_SCHEME = 'kaizen-proposal';
const TARGET_STATE = 'kaizen.promptDiff.target';

/** The proposed prompts the diff editor shows, by proposal id. */
export class ProposalDocuments implements vscode.TextDocumentContentProvider {
  private static readonly texts = new Map<string, string>();
  static uri(proposalId: string, target: string): vscode.Uri {
    return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${proposalId}/${path.basename(target)}` });
  }
  static set(proposalId: string, text: string): void {
    ProposalDocuments.texts.set(proposalId, text);
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return ProposalDocuments.texts.get(uri.path.split('/')[1] ?? '') ?? '';
  }
}

/**
 * Prompt Diff: the improvement engine's proposals for a workspace prompt file, each openable in VS
 * Code's diff editor (the file against the proposed text); accept (as proposed or as edited) → a
 * versioned prompt-enhancement artifact → one click to a draft experiment; reject with a reason. The
 * prompt file itself is never written: the artifact carries the change.
 */
export class PromptDiffPanel {
  private static current: PromptDiffPanel | undefined;
  private readonly host: WebviewHost<'promptDiff'>;
  private proposals: Proposal[] = [];
  private base = '';
  private accepted: PromptDiffView['accepted'];

  static show(ctx: KaizenContext, file?: vscode.Uri): PromptDiffPanel {
    if (file) void ctx.extension.workspaceState.update(TARGET_STATE, file.toString());
    if (PromptDiffPanel.current) {
      PromptDiffPanel.current.host.panel.reveal();
      void PromptDiffPanel.current.send();
      return PromptDiffPanel.current;
    }
    PromptDiffPanel.current = new PromptDiffPanel(ctx);
    return PromptDiffPanel.current;
  }

  private constructor(private readonly ctx: KaizenContext) {
    this.host = new WebviewHost(ctx, 'promptDiff', 'Kaizen: Prompt Diff', {
      ready: () => this.send(),
      refresh: () => this.send(),
      openCall: openCallInEditor,
      choosePrompt: async () => {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use as prompt file', filters: { Prompts: ['md', 'txt', 'prompt'], 'All files': ['*'] } });
        if (!picked?.[0]) return;
        await ctx.extension.workspaceState.update(TARGET_STATE, picked[0].toString());
        await this.send();
      },
      openDiff: (m) => this.guard(async () => {
        const p = this.find(m.proposalId);
        const file = this.targetUri()!;
        await vscode.commands.executeCommand('vscode.diff', file, ProposalDocuments.uri(p.id, p.target), `${path.basename(p.target)} ↔ Kaizen proposal ${p.id}`);
      }),
      accept: (m) => this.guard(async () => {
        const p = this.find(m.proposalId);
        const { promptPatch } = loadEngine();
        const patch = m.editedText === undefined ? undefined : promptPatch(p.target, this.base, m.editedText);
        const r = await (await this.service()).accept(p.id, this.base, patch);
        this.accepted = { proposalId: p.id, artifact: { id: r.artifact.artifactId, version: r.artifact.version, hash: r.artifact.contentHash, status: r.artifact.status } };
        await this.host.post({ type: 'decided', proposalId: p.id, action: 'accepted', message: `Accepted ${p.id}${r.edited ? ' (edited)' : ''}: ${r.artifact.artifactId} v${r.artifact.version}, playbook v${r.playbook.version}.` });
      }),
      reject: (m) => this.guard(async () => {
        await (await this.service()).reject(m.proposalId, m.reason);
        await this.host.post({ type: 'decided', proposalId: m.proposalId, action: 'rejected', message: `Rejected ${m.proposalId}: ${m.reason}` });
      }),
      createExperiment: (m) => this.guard(async () => {
        const svc = await this.service();
        const enh = await svc.acceptedEnhancement(m.proposalId);
        const e = await svc.createDraftExperiment(enh.artifactId, this.base, { version: enh.version });
        if (this.accepted?.proposalId === m.proposalId) this.accepted = { ...this.accepted, experimentId: e.id };
        await this.host.post({ type: 'decided', proposalId: m.proposalId, action: 'experiment', message: `Draft experiment ${e.id} created (${e.variants.map((v) => `${v.name}: ${v.artifactId} v${v.artifactVersion}`).join(', ')}).` });
      }),
    });
    this.host.onClosed(() => (PromptDiffPanel.current = undefined));
  }

  private targetUri(): vscode.Uri | undefined {
    const saved = this.ctx.extension.workspaceState.get<string>(TARGET_STATE);
    return saved ? vscode.Uri.parse(saved) : undefined;
  }

  private find(id: string): Proposal {
    const p = this.proposals.find((x) => x.id === id);
    if (!p) throw new Error(`proposal ${id} is no longer on screen; refresh the Prompt Diff`);
    return p;
  }

  private async service(): Promise<ImprovementService> {
    const { ImprovementService, createComplianceValidator } = loadEngine();
    return new ImprovementService(await this.ctx.engine.store(), {
      clock: this.ctx.ports.clock,
      sha256: (s) => this.ctx.ports.hashing.sha256(s),
      validator: createComplianceValidator({ policy: await this.ctx.engine.policy() }),
    });
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    await this.host.post({ type: 'busy', busy: true });
    try {
      await work();
      await (await this.ctx.engine.store()).save();
    } catch (err) {
      this.ctx.log.error(`prompt diff: ${errorMessage(err)}`);
      await this.host.post({ type: 'error', message: errorMessage(err) });
    } finally {
      await this.host.post({ type: 'busy', busy: false });
      this.ctx.engine.refresh();
    }
  }

  /** Reads the prompt file, proposes against it (journaled by the engine) and sends the view. */
  private async send(): Promise<void> {
    try {
      const file = this.targetUri();
      if (!file) {
        await this.host.post({ type: 'promptDiff', data: { target: null, proposals: [], note: 'Choose the prompt file the playbook section goes into.' } });
        return;
      }
      const target = vscode.workspace.asRelativePath(file, false);
      if (!(await this.ctx.engine.hasStore())) {
        await this.host.post({ type: 'promptDiff', data: { target, proposals: [], note: 'No learning store yet — run Kaizen: Import Calls, then Kaizen: Analyze.' } });
        return;
      }
      this.base = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      const { applyPromptPatch } = loadEngine();
      this.proposals = await (await this.service()).propose(target, this.base);
      const proposals = this.proposals.map((p) => {
        const proposedText = applyPromptPatch(this.base, p.patch);
        ProposalDocuments.set(p.id, proposedText);
        return { id: p.id, hypothesis: p.hypothesis, section: p.section, patch: p.patch, proposedText, bullets: p.bullets.map((b) => ({ id: b.id, section: b.section, text: b.text, support: b.support })), gates: p.gates };
      });
      await (await this.ctx.engine.store()).save();
      const note = proposals.length === 0 ? 'No proposals: the playbook already holds what the analysis found (run Kaizen: Analyze after new calls).' : undefined;
      await this.host.post({ type: 'promptDiff', data: { target, proposals, ...(this.accepted ? { accepted: this.accepted } : {}), ...(note ? { note } : {}) } });
    } catch (err) {
      await this.host.post({ type: 'error', message: `Could not propose: ${errorMessage(err)}` });
    }
  }
}
