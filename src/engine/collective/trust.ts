import { z } from 'zod';
import type { Hashing } from '../ports';
import { CollectiveRefusal, refusalFromIssues } from './refusal';

const BASE64URL_32 = /^[A-Za-z0-9_-]{43}$/;

export const PublicKeySchema = z.string().regex(BASE64URL_32, 'a public key is 32 raw bytes in base64url (43 characters)');

export const TrustedKeySchema = z.object({
  keyId: z.string().min(1).max(128),
  publicKey: PublicKeySchema,
  /** The nodes this key may contribute statistics for (omitted: any node not bound to another key; first use binds). */
  nodes: z.array(z.string().min(1).max(200)).optional(),
});
export type TrustedKey = z.infer<typeof TrustedKeySchema>;

/** The trust file of `kaizen serve --hub --trust <file>`: `{"keys":[{"keyId","publicKey"}]}`. */
export const TrustFileSchema = z.object({ keys: z.array(TrustedKeySchema) });
export type TrustFile = z.infer<typeof TrustFileSchema>;

/** A key's id: the first 16 hex digits of the sha-256 of its base64url text (short, stable, not secret). */
export function keyIdOf(publicKey: string, hashing: Pick<Hashing, 'sha256'>): string {
  return `ed25519:${hashing.sha256(publicKey).slice(0, 16)}`;
}

/** The signers a hub or an agent accepts, by keyId. */
export class TrustSet {
  private readonly keys = new Map<string, string>();
  private readonly nodesByKey = new Map<string, string[]>();
  private readonly keyByNode = new Map<string, string>();

  constructor(keys: readonly TrustedKey[]) {
    keys.forEach((k, i) => {
      const known = this.keys.get(k.keyId);
      if (known !== undefined && known !== k.publicKey) throw new CollectiveRefusal('keys', `keyId "${k.keyId}" is listed twice with different public keys`, 400);
      this.keys.set(k.keyId, k.publicKey);
      if (k.nodes === undefined) return;
      this.nodesByKey.set(k.keyId, [...(this.nodesByKey.get(k.keyId) ?? []), ...k.nodes]);
      for (const node of k.nodes) {
        const other = this.keyByNode.get(node);
        if (other !== undefined && other !== k.keyId) throw new CollectiveRefusal(`keys[${i}].nodes`, `node "${node}" is bound to two keys ("${other}" and "${k.keyId}"); a node's statistics have one signer`, 400);
        this.keyByNode.set(node, k.keyId);
      }
    });
  }

  /** The nodes a key is bound to by the trust file (undefined: not restricted). */
  nodesOf(keyId: string): readonly string[] | undefined {
    return this.nodesByKey.get(keyId);
  }

  /** The key the trust file binds a node to (undefined: none; the hub binds it on first use). */
  keyForNode(node: string): string | undefined {
    return this.keyByNode.get(node);
  }

  static parse(json: unknown): TrustSet {
    const parsed = TrustFileSchema.safeParse(json);
    if (!parsed.success) throw refusalFromIssues('', parsed.error.issues);
    return new TrustSet(parsed.data.keys);
  }

  publicKey(keyId: string): string | undefined {
    return this.keys.get(keyId);
  }

  get size(): number {
    return this.keys.size;
  }

  list(): TrustedKey[] {
    return [...this.keys].map(([keyId, publicKey]) => ({ keyId, publicKey, ...(this.nodesByKey.has(keyId) ? { nodes: [...this.nodesByKey.get(keyId)!] } : {}) }));
  }
}
