import { z } from 'zod';
import type { LearningArtifact } from '../model';
import type { ComplianceValidator } from '../privacy';
import type { Ed25519, Hashing } from '../ports';
import { canonicalBytes, contentHash } from './canonical';
import { CollectiveRefusal, refusalFromIssues } from './refusal';
import type { TrustSet } from './trust';

export const ENVELOPE_KIND = 'kaizen.artifact/1';

export const SignatureSchema = z.object({
  keyId: z.string().min(1).max(128),
  sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'an Ed25519 signature is 64 bytes in base64url (86 characters)'),
});
export type EnvelopeSignature = z.infer<typeof SignatureSchema>;

/**
 * What an envelope carries. `artifactId` + `version` let agents keep versions and roll back; the rest is
 * the artifact itself, kept verbatim (it is hashed, so nothing may be added or dropped in transit).
 */
export const ArtifactPayloadSchema = z.looseObject({
  artifactId: z.string().min(1).max(200),
  version: z.number().int().positive(),
  kind: z.string().min(1),
});
export type SharedArtifactPayload = z.infer<typeof ArtifactPayloadSchema>;

/** What an artifact shares: its latest version as stored, without local fields (status, note, times). */
export function sharedArtifactPayload(a: LearningArtifact): SharedArtifactPayload {
  return { artifactId: a.artifactId, version: a.version, kind: a.payload.kind, title: a.title, content: a.payload, ...(a.agentId ? { agentId: a.agentId } : {}) };
}

export const EnvelopeSchema = z.object({
  kind: z.literal(ENVELOPE_KIND),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'hex sha-256 of the RFC 8785 canonical JSON of payload'),
  payload: ArtifactPayloadSchema,
  signatures: z.array(SignatureSchema).max(64),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

export interface SigningKey {
  keyId: string;
  publicKey: string;
  privateKey: string;
}

export interface EnvelopeCrypto {
  hashing: Pick<Hashing, 'sha256'>;
  ed25519: Ed25519;
}

/** A new envelope around `payload`, signed by `key`. */
export function packEnvelope(payload: SharedArtifactPayload, key: SigningKey, crypto: EnvelopeCrypto): Envelope {
  const parsed = ArtifactPayloadSchema.safeParse(payload);
  if (!parsed.success) throw refusalFromIssues('payload', parsed.error.issues);
  const envelope: Envelope = { kind: ENVELOPE_KIND, hash: contentHash(payload, crypto.hashing), payload, signatures: [] };
  return addSignature(envelope, key, crypto);
}

/** The signature `key` makes over the envelope's canonical payload bytes. */
export function signPayload(payload: unknown, key: SigningKey, crypto: EnvelopeCrypto): EnvelopeSignature {
  return { keyId: key.keyId, sig: crypto.ed25519.sign(key.privateKey, canonicalBytes(payload)) };
}

/** The envelope with `key`'s signature added (once per keyId). */
export function addSignature(envelope: Envelope, key: SigningKey, crypto: EnvelopeCrypto): Envelope {
  if (envelope.signatures.some((s) => s.keyId === key.keyId)) return envelope;
  return { ...envelope, signatures: [...envelope.signatures, signPayload(envelope.payload, key, crypto)] };
}

export interface VerifyOptions extends EnvelopeCrypto {
  trust: TrustSet;
  validator: ComplianceValidator;
  /** Envelopes with no signature are refused unless this is set (a hub needs at least the submitter's). */
  allowUnsigned?: boolean;
}

/** Parses JSON-shaped input as an envelope, refusing it with the field that is wrong. */
export function parseEnvelope(input: unknown): Envelope {
  const parsed = EnvelopeSchema.safeParse(input);
  if (!parsed.success) throw refusalFromIssues('', parsed.error.issues);
  return parsed.data;
}

/** Checks one signature; returns nothing or throws the refusal naming `field`. */
export function verifySignature(payload: unknown, signature: EnvelopeSignature, field: string, options: Pick<VerifyOptions, 'trust' | 'ed25519'>): void {
  const parsed = SignatureSchema.safeParse(signature);
  if (!parsed.success) throw refusalFromIssues(field, parsed.error.issues);
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const publicKey = options.trust.publicKey(signature.keyId);
  if (publicKey === undefined) throw new CollectiveRefusal(at('keyId'), `untrusted signer "${signature.keyId}" (not in the trust file)`, 403);
  if (!options.ed25519.verify(publicKey, canonicalBytes(payload), signature.sig)) {
    throw new CollectiveRefusal(at('sig'), `signature by "${signature.keyId}" does not verify over the payload (tampered or wrong key)`, 403);
  }
}

/**
 * What one process already verified, keyed by content hash: a signature (by public key and signature
 * text) that verified over the payload with that hash, and a payload with that hash that passed the
 * privacy validator. Sound because the hash is always recomputed from the payload first: a payload
 * tampered under a known hash fails the hash check before the memo is consulted.
 */
class VerifiedMemo {
  private readonly entries = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(key: string): boolean {
    return this.entries.has(key);
  }

  add(key: string): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.values().next().value!);
    this.entries.add(key);
  }
}

function verifyWith(input: unknown, options: VerifyOptions, memo: VerifiedMemo | undefined): { envelope: Envelope; signers: string[] } {
  const envelope = parseEnvelope(input);
  const expected = contentHash(envelope.payload, options.hashing);
  if (expected !== envelope.hash) throw new CollectiveRefusal('hash', 'does not match the sha-256 of the canonical payload (tampered in transit, or hashed differently)');
  if (envelope.signatures.length === 0 && !options.allowUnsigned) throw new CollectiveRefusal('signatures', 'at least one signature by a trusted key is needed');
  envelope.signatures.forEach((s, i) => {
    const publicKey = options.trust.publicKey(s.keyId);
    const key = `sig\n${envelope.hash}\n${publicKey ?? ''}\n${s.sig}`;
    if (publicKey !== undefined && memo?.has(key)) return;
    verifySignature(envelope.payload, s, `signatures[${i}]`, options);
    memo?.add(key);
  });
  const cleanKey = `clean\n${envelope.hash}`;
  if (!memo?.has(cleanKey)) {
    const report = options.validator.validate(envelope.payload, 'payload');
    if (!report.ok) {
      const f = report.findings[0]!;
      throw new CollectiveRefusal(f.field, `looks like PII (${f.entityType}); redact it before sharing`);
    }
    memo?.add(cleanKey);
  }
  return { envelope, signers: [...new Set(envelope.signatures.map((s) => s.keyId))] };
}

/**
 * Everything an envelope must pass before it is stored or applied: shape, content hash, every signature
 * by a trusted key, and the privacy validator over the payload. Returns the parsed envelope and its
 * distinct signers; throws a CollectiveRefusal (field, reason) otherwise.
 */
export function verifyEnvelope(input: unknown, options: VerifyOptions): { envelope: Envelope; signers: string[] } {
  return verifyWith(input, options, undefined);
}

/**
 * `verifyEnvelope` for a process that meets the same envelope many times (every agent hosted in one
 * process receives each adoption): each call still parses the envelope, recomputes its content hash and
 * checks every signer against the trust set, but a signature or a privacy check already passed for that
 * hash is not computed again. Refusals are never remembered. One verifier per trust set and validator.
 */
export function createEnvelopeVerifier(options: VerifyOptions, capacity = 4096): (input: unknown) => { envelope: Envelope; signers: string[] } {
  const memo = new VerifiedMemo(capacity);
  return (input) => verifyWith(input, options, memo);
}
