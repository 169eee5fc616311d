import * as vscode from 'vscode';
import type { KaizenContext } from '../context';
import { requireTrust } from '../context';
import { SecretKeys } from '../../shared/secretKeys';
import { artifactUri, callUri, openRendered } from '../callDocument';

/** Stores the Anthropic API key in SecretStorage only, asked with a password box. */
export function setApiKey(ctx: KaizenContext) {
  return async () => {
    const key = await vscode.window.showInputBox({
      title: 'Kaizen: Set Anthropic API Key',
      prompt: 'Used only for the optional deep analysis with Claude. Stored in VS Code SecretStorage (your OS keychain), never in settings.',
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-ant-…',
      validateInput: (v) => (v.length === 0 || /^sk-ant-[A-Za-z0-9_-]{10,}$/.test(v.trim()) ? undefined : 'an Anthropic key starts with sk-ant-'),
    });
    if (key === undefined) return;
    if (key.trim() === '') {
      await ctx.extension.secrets.delete(SecretKeys.anthropicApiKey);
      void vscode.window.showInformationMessage('Kaizen: Anthropic API key removed.');
      return;
    }
    await ctx.extension.secrets.store(SecretKeys.anthropicApiKey, key.trim());
    void vscode.window.showInformationMessage('Kaizen: Anthropic API key saved in SecretStorage.');
  };
}

/** Records the endpoint in settings; the live stream (ingest's endpoint client) comes in a later release. */
export function connectEndpoint(ctx: KaizenContext) {
  return async () => {
    if (!requireTrust('Connect to Agent Endpoint')) return;
    const current = ctx.config.settings['agent.endpointUrl'];
    const url = await vscode.window.showInputBox({
      title: 'Kaizen: Connect to Agent Endpoint',
      prompt: 'WebSocket or SSE URL of your agent\'s Kaizen endpoint (e.g. ws://127.0.0.1:7070/kaizen)',
      value: current || 'ws://127.0.0.1:7070/kaizen',
      validateInput: (v) => (/^(wss?|https?):\/\/\S+$/.test(v) ? undefined : 'a ws://, wss://, http:// or https:// URL'),
    });
    if (!url) return;
    await vscode.workspace.getConfiguration('kaizen').update('agent.endpointUrl', url, vscode.ConfigurationTarget.Workspace);
    void vscode.window.showInformationMessage(`Kaizen: endpoint set to ${url}. Live streaming from the endpoint arrives in a later release; until then import recorded calls (Kaizen: Import Calls).`);
  };
}

/** Opens a stored call rendered: facts table, then the redacted transcript. */
export function openCall() {
  return async (callId?: string) => {
    if (!callId) return;
    await openRendered(callUri(callId));
  };
}

/** Opens an artifact version as a readable document (prompt text, drawn decision tree, tables). */
export function openArtifact() {
  return async (ref?: { artifactId: string; version: number } | { artifact: { artifactId: string; version: number } }) => {
    const a = ref && 'artifact' in ref ? ref.artifact : ref;
    if (!a) return;
    await openRendered(artifactUri(a.artifactId, a.version));
  };
}

export function showActivation(ctx: KaizenContext) {
  return () => {
    const msg = `Kaizen activated in ${ctx.activationMs.toFixed(1)} ms`;
    ctx.log.info(msg);
    void vscode.window.showInformationMessage(msg);
    return ctx.activationMs;
  };
}
