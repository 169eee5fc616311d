import { z } from 'zod';
import type { Hashing } from '../ports';
import { CollectiveRefusal, refusalFromIssues } from './refusal';

const BASE64URL_32 = /^[A-Za-z0-9_-]{43}$/;

export const PublicKeySchema = z.string().regex(BASE64URL_32, 'a public key is 32 raw bytes in base64url (43 characters)');

export const TrustedKeySchema = z.object({ keyId: z.string().min(1).max(128), publicKey: PublicKeySchema });
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

  constructor(keys: readonly TrustedKey[]) {
    for (const k of keys) {
      const known = this.keys.get(k.keyId);
      if (known !== undefined && known !== k.publicKey) throw new CollectiveRefusal('keys', `keyId "${k.keyId}" is listed twice with different public keys`, 400);
      this.keys.set(k.keyId, k.publicKey);
    }
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
    return [...this.keys].map(([keyId, publicKey]) => ({ keyId, publicKey }));
  }
}
