import * as fs from 'node:fs/promises';
import type * as vscode from 'vscode';
import type { SecretStore } from '../engine/ports';
import type { SecretKey } from '../shared/secretKeys';
import { SecretKeys } from '../shared/secretKeys';

const HEX_KEY = /^[0-9a-f]{64}$/i;

/**
 * The workspace HMAC key the CLI keeps in `.kaizen/secrets.json` (0600), when it has one: the two
 * hosts must hash a caller to the same id, so VS Code adopts the CLI's key rather than make its own.
 */
export async function readCliWorkspaceKey(file: string): Promise<string | undefined> {
  try {
    const value = (JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>)[SecretKeys.workspaceHmacKey];
    return typeof value === 'string' && HEX_KEY.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export interface SecretStorePortOptions {
  /** Where the CLI keeps its secrets for this workspace (`<folder>/.kaizen/secrets.json`). */
  cliSecretsFile?: () => string | undefined;
}

/**
 * Secrets live only in VS Code's SecretStorage (the OS keychain), under the typed keys of
 * `SecretKeys`; nothing secret is ever written to settings or to the workspace. The one thing read
 * from the workspace is the CLI's own key file, so a store the CLI filled keeps joining ids.
 */
export function secretStorePort(storage: vscode.SecretStorage, options: SecretStorePortOptions = {}): SecretStore {
  const known = new Set<string>(Object.values(SecretKeys));
  const check = (key: string): SecretKey => {
    if (!known.has(key)) throw new Error(`unknown secret key "${key}"; add it to SecretKeys in src/shared/settings.ts`);
    return key as SecretKey;
  };
  return {
    get: async (key) => {
      const stored = await storage.get(check(key));
      if (stored !== undefined || key !== SecretKeys.workspaceHmacKey) return stored;
      const file = options.cliSecretsFile?.();
      const cliKey = file === undefined ? undefined : await readCliWorkspaceKey(file);
      if (cliKey !== undefined) await storage.store(SecretKeys.workspaceHmacKey, cliKey);
      return cliKey;
    },
    set: async (key, value) => storage.store(check(key), value),
    delete: async (key) => storage.delete(check(key)),
  };
}
