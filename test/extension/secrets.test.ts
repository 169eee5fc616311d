import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { fileSecretStore } from '../../src/node/nodePorts';
import { readCliWorkspaceKey, secretStorePort } from '../../src/extension/secrets';
import { SecretKeys } from '../../src/shared/secretKeys';

/** The part of VS Code's SecretStorage the port uses, over a Map (the keychain itself is not under test). */
function keychain(initial: Record<string, string> = {}): vscode.SecretStorage & { entries: Map<string, string> } {
  const entries = new Map(Object.entries(initial));
  return {
    entries,
    get: async (k: string) => entries.get(k),
    store: async (k: string, v: string) => void entries.set(k, v),
    delete: async (k: string) => void entries.delete(k),
    onDidChange: (() => ({ dispose() {} })) as unknown as vscode.Event<vscode.SecretStorageChangeEvent>,
  };
}

describe('extension secrets: one workspace key for the CLI and VS Code', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-secrets-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cliFile = () => path.join(dir, '.kaizen', 'secrets.json');

  it('adopts the key the CLI wrote when SecretStorage has none, and keeps it in SecretStorage', async () => {
    const cliKey = 'ab'.repeat(32);
    await fileSecretStore(cliFile()).set(SecretKeys.workspaceHmacKey, cliKey);
    const storage = keychain();
    const port = secretStorePort(storage, { cliSecretsFile: cliFile });
    assert.equal(await port.get(SecretKeys.workspaceHmacKey), cliKey);
    assert.equal(storage.entries.get(SecretKeys.workspaceHmacKey), cliKey);
    assert.equal(await port.get(SecretKeys.anthropicApiKey), undefined, 'only the workspace key is read from the CLI file');
  });

  it("never replaces a key SecretStorage already has, and ignores a malformed or missing CLI file", async () => {
    const own = 'cd'.repeat(32);
    await fileSecretStore(cliFile()).set(SecretKeys.workspaceHmacKey, 'ab'.repeat(32));
    assert.equal(await secretStorePort(keychain({ [SecretKeys.workspaceHmacKey]: own }), { cliSecretsFile: cliFile }).get(SecretKeys.workspaceHmacKey), own);

    fs.writeFileSync(cliFile(), JSON.stringify({ [SecretKeys.workspaceHmacKey]: 'not-hex' }));
    assert.equal(await readCliWorkspaceKey(cliFile()), undefined);
    assert.equal(await secretStorePort(keychain(), { cliSecretsFile: cliFile }).get(SecretKeys.workspaceHmacKey), undefined);
    assert.equal(await readCliWorkspaceKey(path.join(dir, 'absent.json')), undefined);
  });

  it('refuses keys outside SecretKeys', async () => {
    await assert.rejects(secretStorePort(keychain()).get('kaizen.other'), /unknown secret key "kaizen\.other"/);
  });
});
