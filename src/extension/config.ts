import * as vscode from 'vscode';
import type { Emitter as EmitterType, Event } from '../engine/lifecycle';
import { Emitter } from '../engine/lifecycle';
import type { Settings } from '../shared/settings';
import { SETTING_KEYS, parseSettings } from '../shared/settings';

/**
 * The one typed reader of `kaizen.*` settings. Values are parsed with the shared zod schema (a wrong
 * type falls back to the default) and re-read when the configuration changes.
 */
export class Config implements vscode.Disposable {
  private current: Settings;
  private readonly changed: EmitterType<Settings> = new Emitter<Settings>();
  readonly onDidChange: Event<Settings> = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.current = Config.read();
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('kaizen')) return;
      this.current = Config.read();
      this.changed.fire(this.current);
    });
  }

  get settings(): Settings {
    return this.current;
  }

  private static read(): Settings {
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
