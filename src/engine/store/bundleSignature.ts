import { strFromU8 } from 'fflate';
import type { Hashing } from '../ports';
import { BundleError } from './learningStore';
import { unzipBounded } from './bundleZip';

/**
 * Bundles are signed with the workspace key: HMAC-SHA256 (the keyed hash the redactor already uses) over
 * `manifest.json`, which names every section's sha-256, so the signature covers every byte imported.
 * The signature rides in the zip's archive comment (end-of-central-directory record): any zip tool still
 * opens the bundle, and older Kaizen builds read it as before.
 *
 * On import: `known` = signed by this workspace's key and intact; `unknown` = signed by another key
 * (an HMAC cannot be checked without that key); `unsigned` = no signature (an old bundle, or one whose
 * signature was stripped). A signature by this workspace's key that does not verify is tampering and
 * is always refused; `unknown` and `unsigned` are refused unless the user says so explicitly.
 */
export type BundleSigner = 'known' | 'unknown' | 'unsigned';

export interface BundleVerification {
  signed: BundleSigner;
  /** The signing key's id (not the key: an HMAC of a fixed label under it). */
  keyId?: string;
}

export interface BundleTrustOptions {
  /** Accept a bundle with no signature (`--allow-unsigned`). */
  allowUnsigned?: boolean;
  /** Accept a bundle signed by a key other than this workspace's (`--trust-unknown-key`). */
  trustUnknownKey?: boolean;
}

const PREFIX = 'kaizen-signature:';
const EOCD = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_MANIFEST_BYTES = 1024 * 1024;

interface SignatureRecord {
  alg: 'hmac-sha256';
  keyId: string;
  mac: string;
}

export function bundleKeyId(key: Uint8Array, hashing: Hashing): string {
  return hashing.hmacSha256(key, 'kaizen-bundle-key-id/v1').slice(0, 16);
}

function manifestMac(key: Uint8Array, hashing: Hashing, manifest: string): string {
  return hashing.hmacSha256(key, `kaizen-bundle/v1\n${manifest}`);
}

function manifestOf(bytes: Uint8Array): string {
  const manifest = unzipBounded(bytes, MAX_MANIFEST_BYTES, 'manifest.json')['manifest.json'];
  if (!manifest) throw new BundleError('This zip is not a Kaizen bundle: it has no manifest.json.', 'format');
  return strFromU8(manifest);
}

/** Where the end-of-central-directory record starts (searching back over a possible comment). */
function eocdOffset(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = bytes.byteLength - EOCD_SIZE; at >= Math.max(0, bytes.byteLength - EOCD_SIZE - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD && at + EOCD_SIZE + view.getUint16(at + 20, true) === bytes.byteLength) return at;
  }
  throw new BundleError('This file is not a Kaizen bundle (no zip end record).', 'format');
}

/** The bundle with its signature in the archive comment (replacing any comment it had). */
export function signBundle(bytes: Uint8Array, key: Uint8Array, hashing: Hashing): Uint8Array {
  const record: SignatureRecord = { alg: 'hmac-sha256', keyId: bundleKeyId(key, hashing), mac: manifestMac(key, hashing, manifestOf(bytes)) };
  const comment = new TextEncoder().encode(PREFIX + JSON.stringify(record));
  const at = eocdOffset(bytes);
  const out = new Uint8Array(at + EOCD_SIZE + comment.byteLength);
  out.set(bytes.subarray(0, at + EOCD_SIZE));
  new DataView(out.buffer).setUint16(at + 20, comment.byteLength, true);
  out.set(comment, at + EOCD_SIZE);
  return out;
}

/** Who signed the bundle; throws `BundleError('signature')` when this workspace's signature does not verify. */
export function verifyBundle(bytes: Uint8Array, key: Uint8Array, hashing: Hashing): BundleVerification {
  const at = eocdOffset(bytes);
  const comment = strFromU8(bytes.subarray(at + EOCD_SIZE));
  if (!comment.startsWith(PREFIX)) return { signed: 'unsigned' };
  let record: SignatureRecord;
  try {
    record = JSON.parse(comment.slice(PREFIX.length)) as SignatureRecord;
  } catch {
    throw new BundleError('The bundle\u2019s signature is unreadable: the bundle was altered after export. Nothing was imported.', 'signature');
  }
  if (record?.alg !== 'hmac-sha256' || typeof record.keyId !== 'string' || typeof record.mac !== 'string') {
    throw new BundleError('The bundle\u2019s signature is malformed: the bundle was altered after export. Nothing was imported.', 'signature');
  }
  if (record.keyId !== bundleKeyId(key, hashing)) return { signed: 'unknown', keyId: record.keyId };
  if (!constantTimeEqual(record.mac, manifestMac(key, hashing, manifestOf(bytes)))) {
    throw new BundleError(
      'The bundle is signed with this workspace\u2019s key but its content does not match the signature: it was edited after export (checksums recomputed). Nothing was imported.',
      'signature',
    );
  }
  return { signed: 'known', keyId: record.keyId };
}

/** Whether to import, and the sentence that says why (printed either way). */
export function bundleTrustDecision(v: BundleVerification, options: BundleTrustOptions): { accept: boolean; message: string } {
  if (v.signed === 'known') return { accept: true, message: 'signed: known (this workspace\u2019s key); accepted' };
  if (v.signed === 'unknown') {
    return options.trustUnknownKey
      ? { accept: true, message: `signed: unknown (key ${v.keyId}, not this workspace\u2019s); accepted because --trust-unknown-key was given` }
      : {
          accept: false,
          message: `signed: unknown (key ${v.keyId}, not this workspace\u2019s); refused. Its origin cannot be checked here; pass --trust-unknown-key if you trust the sender`,
        };
  }
  return options.allowUnsigned
    ? { accept: true, message: 'signed: unsigned; accepted because --allow-unsigned was given' }
    : { accept: false, message: 'signed: unsigned (an old bundle, or its signature was removed); refused. Pass --allow-unsigned if you trust where it came from' };
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
