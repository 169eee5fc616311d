import type { DetectedEntity, EntityType } from './types';

/**
 * Identifiers are data: an `agentId` of "maria.lopez@gmail.com", a `callId` holding a phone number or an
 * `externalId` naming the caller is personal data like any text. The redactor hashes such an id (keyed,
 * deterministic, so re-imports and merges still join); the compliance gate refuses one that arrives
 * unhashed. Machine-made ids ("call_8f3a…", UUIDs, "sample-7-000000", "support-bot") pass unchanged.
 */
const EMAIL_IN_ID_RE = /[\p{L}0-9._%+-]+@[\p{L}0-9-]+(?:\.[\p{L}0-9-]+)+/u;
/**
 * A phone number inside an id, not glued to letters or other digits (hex digests and UUIDs are stripped
 * first): written like one ("+1 415 555 0199", "(415) 555-0199", "555-0199") or ten/eleven bare digits
 * that are not an epoch timestamp. "sample-7-000000" and "call-1790000000000" are not phones.
 */
const PHONE_IN_ID_RE = /(?<![\p{L}0-9])(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\p{L}0-9])|(?<![\p{L}0-9])\d{3}[ .-]\d{4}(?![\p{L}0-9])|(?<![\p{L}0-9])\+\d[\d ().-]{8,18}\d(?![\p{L}0-9])|(?<![\p{L}0-9])1?[2-9]\d{9}(?![\p{L}0-9])/u;
const EPOCH_RE = /^1[5-9]\d{8}$/;
const MACHINE_TOKEN_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|[0-9A-Za-z_-]{20,}/gi;
/** Already hashed by us: `id_<hex>` or a bare 64-hex HMAC. */
export const HASHED_ID_RE = /^(?:id_[0-9a-f]{16,64}|[0-9a-f]{64})$/;

/** Runs the name detectors on an id read as words ("maria.lopez" → "maria lopez"). */
export type NameProbe = (words: string) => readonly DetectedEntity[];

/** The PII type an identifier carries, or undefined for a machine-made id. `probe` adds the name check. */
export function personalIdType(id: string, probe?: NameProbe): EntityType | undefined {
  if (id.length === 0 || HASHED_ID_RE.test(id)) return undefined;
  if (id.includes('@') && EMAIL_IN_ID_RE.test(id)) return 'EMAIL';
  const stripped = id.replace(MACHINE_TOKEN_RE, ' ');
  const phone = PHONE_IN_ID_RE.exec(stripped);
  if (phone && !EPOCH_RE.test(phone[0])) return 'PHONE';
  if (probe && /\p{L}{2,}[ ._-]+\p{L}{2,}|^\p{Lu}\p{Ll}+$/u.test(stripped)) {
    const words = stripped.replace(/[._-]+/g, ' ');
    for (const e of probe(words)) if ((e.type === 'PERSON' && e.score >= 0.6) || e.type === 'EMAIL' || e.type === 'PHONE' || e.type === 'SSN') return e.type;
  }
  return undefined;
}
