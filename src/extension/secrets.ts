import type * as vscode from 'vscode';
import type { SecretStore } from '../engine/ports';
import type { SecretKey } from '../shared/secretKeys';
import { SecretKeys } from '../shared/secretKeys';

/**
 * Secrets live only in VS Code's SecretStorage (the OS keychain), under the typed keys of
 * `SecretKeys`; nothing secret is ever written to settings or to the workspace.
 */
export function secretStorePort(storage: vscode.SecretStorage): SecretStore {
  const known = new Set<string>(Object.values(SecretKeys));
  const check = (key: string): SecretKey => {
    if (!known.has(key)) throw new Error(`unknown secret key "${key}"; add it to SecretKeys in src/shared/settings.ts`);
    return key as SecretKey;
  };
  return {
    get: async (key) => storage.get(check(key)),
    set: async (key, value) => storage.store(check(key), value),
    delete: async (key) => storage.delete(check(key)),
  };
}
