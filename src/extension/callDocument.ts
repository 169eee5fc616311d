import * as vscode from 'vscode';
import type { KaizenContext } from './context';
import { loadEngine } from './engine/load';

/**
 * Read-only virtual Markdown documents, opened in VS Code's Markdown preview (rendered, not source):
 * `kaizen-call:/<callId>.md` (a stored call's redacted transcript) and
 * `kaizen-artifact:/<artifactId> v<version>.md` (a learning artifact as prompt text, drawn tree, tables;
 * the tab reads "Preview strategy:billing v2.md").
 */
export const CALL_SCHEME = 'kaizen-call';
export const ARTIFACT_SCHEME = 'kaizen-artifact';

export function callUri(callId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CALL_SCHEME, path: `/${encodeURIComponent(callId)}.md` });
}

export function artifactUri(artifactId: string, version: number): vscode.Uri {
  return vscode.Uri.from({ scheme: ARTIFACT_SCHEME, path: `/${artifactId.replace(/%/g, '%25').replace(/\//g, '%2F')} v${version}.md` });
}

function callIdOf(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
}

export class CallDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly ctx: KaizenContext) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const callId = callIdOf(uri);
    const store = await this.ctx.engine.store();
    const c = await store.getConversation(callId);
    if (!c) return `# Call ${callId}\n\nThis call is not in the learning store (it may have been removed by retention).`;
    return loadEngine().callToMarkdown(c);
  }
}

export class ArtifactDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly ctx: KaizenContext) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const m = /^\/(.+) v(\d+)\.md$/.exec(uri.path);
    if (!m) return `# Not a Kaizen artifact\n\n${uri.toString()}`;
    const artifactId = decodeURIComponent(m[1]!);
    const version = Number(m[2]);
    const store = await this.ctx.engine.store();
    const a = (await store.artifactHistory(artifactId)).find((x) => x.version === version);
    if (!a) return `# ${artifactId} v${version}\n\nThis artifact version is not in the learning store.`;
    return loadEngine().artifactToMarkdown(a);
  }
}

/** Opens a virtual Markdown document rendered (the built-in preview), falling back to the source. */
export async function openRendered(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}
