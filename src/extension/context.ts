import * as vscode from 'vscode';
import type { EnginePorts } from '../engine/ports';
import type { Config } from './config';
import type { EngineService } from './engine/engineService';
import type { LiveSession } from './live/liveSession';

/** What every command factory, view and panel receives: no module reaches for globals. */
export interface KaizenContext {
  extension: vscode.ExtensionContext;
  config: Config;
  engine: EngineService;
  ports: EnginePorts;
  log: vscode.LogOutputChannel;
  /** The live connection to an agent endpoint (one per window). */
  live: LiveSession;
  /** Milliseconds `activate` took; shown by "Kaizen: Show Activation Time". */
  activationMs: number;
}

/**
 * Restricted Mode: anything that executes (import, analyze, replay, generate) or connects (agent
 * endpoint) needs a trusted workspace. The manifest hides these commands with `isWorkspaceTrusted`;
 * this is the runtime check for paths that bypass the palette (keybindings, executeCommand).
 */
export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(`Kaizen: ${what} is disabled in Restricted Mode. Trust this workspace to enable it.`, 'Manage Workspace Trust').then((pick) => {
    if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

export function workspaceBaseDir(extension: vscode.ExtensionContext): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder && folder.uri.scheme === 'file') return folder.uri.fsPath;
  return (extension.storageUri ?? extension.globalStorageUri).fsPath;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
