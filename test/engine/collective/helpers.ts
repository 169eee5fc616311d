import type { SigningKey } from '../../../src/engine/collective';
import { TrustSet, keyIdOf } from '../../../src/engine/collective';
import { nodeEd25519, nodeHashing } from '../../../src/node/nodePorts';

export const crypto = { hashing: nodeHashing, ed25519: nodeEd25519 };

export function newKey(): SigningKey {
  const pair = nodeEd25519.generateKeyPair();
  return { keyId: keyIdOf(pair.publicKey, nodeHashing), ...pair };
}

export function trustOf(keys: readonly SigningKey[]): TrustSet {
  return new TrustSet(keys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })));
}

export function samplePayload(artifactId = 'strategy-billing', version = 1): { artifactId: string; version: number; kind: string; title: string; ranking: { strategy: string; successRate: number }[] } {
  return { artifactId, version, kind: 'strategy', title: 'Billing disputes: acknowledge, then refund', ranking: [{ strategy: 'acknowledge the charge', successRate: 0.82 }] };
}

/** Polls `check` until it holds (generous bound: a loaded 2-core machine must pass). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
