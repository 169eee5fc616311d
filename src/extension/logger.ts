import type * as vscode from 'vscode';
import type { Logger } from '../engine/ports';

/** The engine's Logger port on the "Kaizen" log output channel. */
export function outputLogger(channel: vscode.LogOutputChannel): Logger {
  const fmt = (m: string, data?: Record<string, unknown>) => (data ? `${m} ${JSON.stringify(data)}` : m);
  return {
    debug: (m, d) => channel.debug(fmt(m, d)),
    info: (m, d) => channel.info(fmt(m, d)),
    warn: (m, d) => channel.warn(fmt(m, d)),
    error: (m, d) => channel.error(fmt(m, d)),
  };
}
