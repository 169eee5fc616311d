import * as vscode from 'vscode';
import type { KaizenContext } from '../context';
import * as path from 'node:path';
import { requireTrust, workspaceBaseDir } from '../context';
import { readCliWorkspaceKey } from '../secrets';
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

/**
 * Replaces this window's workspace key with the CLI's (`.kaizen/secrets.json`), after saying what it
 * means: the store refuses a host whose key differs from the one its ids were hashed under.
 */
export function useCliWorkspaceKey(ctx: KaizenContext) {
  return async () => {
    const file = path.join(workspaceBaseDir(ctx.extension), '.kaizen', 'secrets.json');
    const cliKey = await readCliWorkspaceKey(file);
    if (cliKey === undefined) {
      void vscode.window.showErrorMessage(`Kaizen: no CLI workspace key in ${file} (the CLI writes one on its first import there).`);
      return;
    }
    const current = await ctx.extension.secrets.get(SecretKeys.workspaceHmacKey);
    if (current === cliKey) {
      void vscode.window.showInformationMessage('Kaizen: this window already uses the CLI\'s workspace key.');
      return;
    }
    const ok = await vscode.window.showWarningMessage(
      'Use the CLI\'s workspace key in this window? Identifiers are hashed under it from now on; a store bound to the current key will refuse new imports until it is used again.',
      { modal: true },
      'Use the CLI\'s Key',
    );
    if (ok !== 'Use the CLI\'s Key') return;
    await ctx.extension.secrets.store(SecretKeys.workspaceHmacKey, cliKey);
    await ctx.engine.close();
    ctx.engine.refresh();
    void vscode.window.showInformationMessage('Kaizen: this window now hashes identifiers under the CLI\'s workspace key.');
  };
}

/**
 * Connects to an agent endpoint (ws://…/v1/stream or http://…/v1/events, e.g. `kaizen serve`): live
 * events stream into the store and corrections go back. `url` skips the input box (tests, scripts).
 */
export function connectEndpoint(ctx: KaizenContext) {
  return async (url?: string) => {
    if (!requireTrust('Connect to Agent Endpoint')) return;
    const current = ctx.config.settings['agent.endpointUrl'];
    const target =
      url ??
      (await vscode.window.showInputBox({
        title: 'Kaizen: Connect to Agent Endpoint',
        prompt: "Your agent's Kaizen endpoint: ws://host/v1/stream (WebSocket) or http://host/v1/events (SSE); `kaizen serve` prints both",
        value: current || 'ws://127.0.0.1:7070/v1/stream',
        validateInput: (v) => (/^(wss?|https?):\/\/\S+$/.test(v) ? undefined : 'a ws://, wss://, http:// or https:// URL'),
      }));
    if (!target) return;
    if (target !== current) await vscode.workspace.getConfiguration('kaizen').update('agent.endpointUrl', target, vscode.ConfigurationTarget.Workspace);
    try {
      await ctx.live.connect(target);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kaizen: could not connect to ${target}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

export function disconnectEndpoint(ctx: KaizenContext) {
  return () => ctx.live.disconnect();
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
