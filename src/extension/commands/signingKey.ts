import * as vscode from 'vscode';
import { SecretKeys } from '../../shared/secretKeys';
import type { KaizenContext } from '../context';
import { loadEngine } from '../engine/load';

export interface WorkspaceSigningKey {
  keyId: string;
  publicKey: string;
  privateKey: string;
}

/** The line a hub's trust file needs for this key (the public half only). */
export function trustEntry(key: WorkspaceSigningKey): string {
  return JSON.stringify({ keyId: key.keyId, publicKey: key.publicKey });
}

/** This workspace's collective signing key from SecretStorage; undefined when none was made yet. */
export async function storedSigningKey(ctx: KaizenContext): Promise<WorkspaceSigningKey | undefined> {
  const stored = await ctx.extension.secrets.get(SecretKeys.collectiveSigningKey);
  return stored ? (JSON.parse(stored) as WorkspaceSigningKey) : undefined;
}

/** This workspace's signing key, made (and its public half shown) on first use. */
export async function workspaceSigningKey(ctx: KaizenContext): Promise<WorkspaceSigningKey> {
  const stored = await storedSigningKey(ctx);
  if (stored) return stored;
  const ed25519 = ctx.ports.ed25519;
  if (!ed25519) throw new Error('this host has no Ed25519 implementation');
  const { keyIdOf } = loadEngine();
  const pair = ed25519.generateKeyPair();
  const key = { keyId: keyIdOf(pair.publicKey, ctx.ports.hashing), ...pair };
  await ctx.extension.secrets.store(SecretKeys.collectiveSigningKey, JSON.stringify(key));
  void offerCopy(`Kaizen made a signing key for this workspace. Add it to the hub's trust file: ${trustEntry(key)}`, key);
  return key;
}

/**
 * `Kaizen: Show Collective Signing Key`: the public half of this workspace's key again, whenever the hub's
 * trust file needs it (the first notification is easily dismissed), with a button that copies the entry.
 */
export function showSigningKey(ctx: KaizenContext) {
  return async () => {
    const key = await storedSigningKey(ctx);
    if (key) return offerCopy(`This workspace's collective signing key (add it to the hub's trust file): ${trustEntry(key)}`, key);
    const make = await vscode.window.showInformationMessage('This workspace has no collective signing key yet (Publishing → Sign makes one on first use).', 'Make one now');
    if (make) await workspaceSigningKey(ctx);
  };
}

async function offerCopy(message: string, key: WorkspaceSigningKey): Promise<void> {
  if ((await vscode.window.showInformationMessage(message, 'Copy trust entry')) === 'Copy trust entry') await vscode.env.clipboard.writeText(trustEntry(key));
}
