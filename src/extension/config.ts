import * as vscode from 'vscode';
import type { Event } from '../engine/lifecycle';
import { Emitter } from '../engine/lifecycle';
import type { Settings } from '../shared/settings';
import { loadEngine } from './engine/load';

/**
 * The one typed reader of `kaizen.*` settings. Values are parsed with the shared zod schema (a wrong
 * type falls back to the default) on first read after a change; zod itself loads with the engine
 * bundle, so activation does not pay for it.
 */
export class Config implements vscode.Disposable {
  private current: Settings | undefined;
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('kaizen')) return;
      this.current = undefined;
      this.changed.fire();
    });
  }

  get settings(): Settings {
    this.current ??= Config.read();
    return this.current;
  }

  private static read(): Settings {
    const { SETTING_KEYS, parseSettings } = loadEngine();
    const section = vscode.workspace.getConfiguration('kaizen');
    const raw: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) {
      // In Restricted Mode VS Code hands back only user-level values of restricted settings.
      const value = section.get(key);
      if (value !== undefined) raw[key] = value;
    }
    return parseSettings(raw);
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
