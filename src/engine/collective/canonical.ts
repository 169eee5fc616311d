import canonicalize from 'canonicalize';
import type { Hashing } from '../ports';
import { CollectiveRefusal } from './refusal';

const encoder = new TextEncoder();

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: keys sorted by UTF-16 code units,
 * numbers in ECMAScript shortest form, no whitespace. The `canonicalize` package is the RFC's
 * reference JavaScript implementation (by its co-author), so two nodes hash the same bytes.
 */
export function canonicalJson(value: unknown, field = 'payload'): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (err) {
    throw new CollectiveRefusal(field, `not canonicalizable JSON (${(err as Error).message})`);
  }
  if (text === undefined) throw new CollectiveRefusal(field, 'not a JSON value');
  return text;
}

/** The bytes that are hashed and signed: UTF-8 of the canonical JSON. */
export function canonicalBytes(value: unknown, field = 'payload'): Uint8Array {
  return encoder.encode(canonicalJson(value, field));
}

/** Content address: hex sha-256 of the canonical bytes. */
export function contentHash(value: unknown, hashing: Pick<Hashing, 'sha256'>): string {
  return hashing.sha256(canonicalBytes(value));
}
