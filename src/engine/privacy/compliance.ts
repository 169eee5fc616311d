import { createDetector } from './detect';
import { personalIdType } from './identifiers';
import { HAS_NUMBER_RE } from './spoken';
import { DEFAULT_POLICY, ENTITY_TYPES, resolveRules } from './policy';
import type { PrivacyPolicy } from './policy';
import type { EntityType } from './types';

/** One thing that still looks like PII: where it is and what kind. Never the value. */
export interface ComplianceFinding {
  field: string;
  entityType: EntityType;
}

export interface ComplianceReport {
  ok: boolean;
  findings: ComplianceFinding[];
}

export interface ComplianceValidator {
  /** Walks strings, arrays and objects (keys too); `fieldPath` names the root in findings. */
  validate(value: unknown, fieldPath?: string): ComplianceReport;
  /** Throws a PrivacyViolationError naming every field and entity type when anything looks like PII. */
  assertCompliant(value: unknown, fieldPath?: string): void;
}

export class PrivacyViolationError extends Error {
  readonly reason = 'pii-detected';
  constructor(readonly findings: ComplianceFinding[]) {
    const shown = findings.slice(0, 10).map((f) => `${f.field} (${f.entityType})`);
    super(
      `blocked: ${findings.length} field${findings.length === 1 ? '' : 's'} still look${findings.length === 1 ? 's' : ''} like PII: ${shown.join(', ')}${findings.length > 10 ? ', …' : ''}; redact them before storing or sharing`,
    );
    this.name = 'PrivacyViolationError';
  }
}

/** Field names whose non-placeholder value is PII on its own. */
const PII_FIELD_RE =
  /^(?:e-?mail|email_?address|phone|phone_?number|mobile|cell|ssn|social_?security_?number|card_?number|credit_?card|iban|first_?name|last_?name|full_?name|customer_?name|caller_?name|date_?of_?birth|dob|birth_?date|street|street_?address|home_?address|zip|zip_?code|postal_?code|ip_?address|drivers?_?licen[cs]e|account_?(?:no|num|number)|member_?(?:no|num|number))$/i;
const PLACEHOLDER_ONLY_RE = /^(?:\[[A-Z][A-Z0-9_]*(?::[^\]\s]*)?\]|id_[0-9a-f]{16,64}|[0-9a-f]{64})$/;
const FIELD_TYPE: [RegExp, EntityType][] = [
  [/account|member/i, 'ACCOUNT_NUMBER'],
  [/mail/i, 'EMAIL'],
  [/phone|mobile|cell/i, 'PHONE'],
  [/ssn|social/i, 'SSN'],
  [/card/i, 'CARD_NUMBER'],
  [/iban/i, 'IBAN'],
  [/name/i, 'PERSON'],
  [/birth|dob/i, 'DATE_OF_BIRTH'],
  [/zip|postal/i, 'ZIP'],
  [/street|address/i, 'ADDRESS'],
  [/ip/i, 'IP_ADDRESS'],
  [/licen/i, 'DRIVER_LICENSE'],
];

/**
 * Structural fields: identifiers, hashes, versions, timestamps and enums. Their values are made by
 * software, not said by a caller, and their shapes (`sample-7-000000:0`, `2026.09`, an HMAC) look like
 * phones and account numbers to a text scanner, so they are skipped by name.
 */
const STRUCTURAL_FIELD_RE =
  /^(?:id|ids|eventId|callId|agentId|toolCallId|artifactId|experimentId|variantId|patternId|contentHash|hash|sha256|fingerprint|fingerprints|errorFingerprints|salt|callerKey|targetKey|version|schemaVersion|fromSchemaVersion|agentVersion|promptVersion|ts|seq|type|kind|status|role|format|stage|channel|polarity|code|endReason|decision|mode|outcomeLabel|stream|from|to)$|(?:[a-z0-9]Ids?|_ids?|Version|At|Ms|Hash)$/;
/** An HMAC / sha digest or an `id_<hmac>` hashed identifier: safe by construction. */
const DIGEST_RE = /^(?:id_)?[0-9a-f]{32,128}$/;
/** A map key shaped like a machine identifier (`sample-7-000000:0`, `call_12`), never scanned. */
const ID_KEY_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_:.][A-Za-z0-9]+)+$/;

const PLACEHOLDERS_G = /\[[A-Z][A-Z0-9_]*(?::[^\]\s]*)?\]/g;
const SPOKEN_AT_RE = /\bat\b[^]*\bdot\b/i;

const KEY_PLAIN = 0;
const KEY_STRUCTURAL = 1;
const KEY_PII = 2;
/** Identifier fields: not scanned as text, but an id holding an email, a phone number or a name blocks (identifiers are data). */
const KEY_IDENT = 3;
const IDENT_FIELD_RE = /^(?:id|ids|eventId|callId|callIds|agentId|toolCallId|externalId|artifactId|experimentId|variantId|patternId)$|(?:[a-z0-9]Ids?|_ids?)$/;
/** Ids a person may have typed or a platform may have filled with a caller's details: also checked for names. */
const NAMED_IDENT_RE = /^(?:agentId|callId|externalId|id)$/;
/** Field names repeat in every record (`eventId`, `ts`, `text`…): their kind is computed once. */
const keyKinds = new Map<string, number>();
function keyKind(key: string): number {
  let k = keyKinds.get(key);
  if (k === undefined) {
    k = IDENT_FIELD_RE.test(key) ? KEY_IDENT : STRUCTURAL_FIELD_RE.test(key) ? KEY_STRUCTURAL : PII_FIELD_RE.test(key) ? KEY_PII : KEY_PLAIN;
    if (keyKinds.size < 10_000) keyKinds.set(key, k);
  }
  return k;
}

/** The high-precision structured types: a residual one of these in redacted text is a leak, never a judgement call. */
export const RESIDUAL_TYPES: readonly EntityType[] = ['EMAIL', 'PHONE', 'CARD_NUMBER', 'SSN', 'IBAN', 'IP_ADDRESS'];

export interface ComplianceValidatorOptions {
  policy?: PrivacyPolicy;
  /**
   * `strict` (default): the gate for learned artifacts, patterns, analyses: every enabled type except
   * amounts, plain dates and locations, at the recall-first threshold. `residual`: the gate for
   * transcripts the redactor already processed: only `RESIDUAL_TYPES`, at the policy's threshold, so a
   * redacted transcript is not re-judged on names and dates the redactor decided to keep (that would
   * block legitimate text and double the cost), while a raw email, phone, card, SSN, IBAN or IP left in
   * it still blocks.
   */
  mode?: 'strict' | 'residual';
}

/**
 * The last gate before anything is stored or shared. It re-scans with the detectors in strict mode
 * (lower threshold, bare long digit runs, capitalised name pairs without context) plus field-name rules,
 * and reports field paths and types only, so the report itself is safe to log.
 *
 * It is schema-aware: numbers and booleans are not scanned unless the field name says PII
 * (`phone: 4155550199`); identifier, hash, version, timestamp and enum fields are skipped by name
 * (`STRUCTURAL_FIELD_RE`); every other string (text, template, message, result, note, arguments…) is
 * scanned.
 */
export function createComplianceValidator(options: ComplianceValidatorOptions = {}): ComplianceValidator {
  const policy = options.policy ?? DEFAULT_POLICY;
  const rules = resolveRules(policy);
  const residual = options.mode === 'residual';
  // Amounts, plain dates and locations are kept by policy in learned artifacts; everything else blocks.
  const enabled = new Set(
    ENTITY_TYPES.filter((t) => rules[t].enabled && (residual ? RESIDUAL_TYPES.includes(t) : t !== 'DOLLAR_AMOUNT' && t !== 'DATE' && t !== 'LOCATION')),
  );
  const detector = residual
    ? createDetector({ enabled, allowlist: policy.allowlist, minScore: policy.minScore, restoreCase: false })
    : createDetector({ enabled, allowlist: policy.allowlist, minScore: Math.min(policy.minScore, 0.45), strict: true });

  // Ids repeat on every event of a call: each distinct value is judged once.
  const nameProbe = createDetector({ enabled: new Set<EntityType>(['PERSON', 'EMAIL', 'PHONE', 'SSN']), allowlist: policy.allowlist, minScore: 0.6, restoreCase: false });
  const idMemo = new Map<string, EntityType | null>();
  function idType(id: string, named: boolean): EntityType | undefined {
    const k = named ? `n\u0000${id}` : id;
    let t = idMemo.get(k);
    if (t === undefined) {
      t = personalIdType(id, named ? (w) => nameProbe.detect(w) : undefined) ?? null;
      if (idMemo.size >= 10_000) idMemo.clear();
      idMemo.set(k, t);
    }
    return t ?? undefined;
  }

  function validate(value: unknown, fieldPath = ''): ComplianceReport {
    const findings: ComplianceFinding[] = [];
    const seen = new Set<string>();
    const add = (field: string, entityType: EntityType) => {
      if (!enabled.has(entityType) && !(rules[entityType].enabled && !residual)) return;
      const k = `${field}\u0000${entityType}`;
      if (!seen.has(k)) {
        seen.add(k);
        findings.push({ field: field || '(root)', entityType });
      }
    };
    const scan = (text: string, parent: string, seg: string | number | undefined) => {
      // Every residual type needs a digit, a number word or an "@"/"at": most turns are skipped without a detector pass.
      if (residual) {
        // Placeholders carry digits ("[PHONE_1]", "[DOLLAR_AMOUNT:100-500]"): they do not count.
        const bare = text.includes('[') ? text.replace(PLACEHOLDERS_G, ' ') : text;
        if (!bare.includes('@') && !HAS_NUMBER_RE.test(bare) && !SPOKEN_AT_RE.test(bare)) return;
      }
      const found = detector.detect(text);
      if (found.length === 0) return;
      const field = pathOf(parent, seg);
      for (const e of found) add(field, e.type);
    };
    const fieldType = (key: string): EntityType => FIELD_TYPE.find(([re]) => re.test(key))?.[1] ?? 'PERSON';
    // The path of a leaf is built only when it is reported; containers build theirs for their children.
    const pathOf = (parent: string, seg: string | number | undefined): string =>
      seg === undefined ? parent : typeof seg === 'number' ? `${parent}[${seg}]` : parent ? `${parent}.${seg}` : seg;
    const walk = (v: unknown, parent: string, seg: string | number | undefined, key: string | undefined, depth: number) => {
      if (depth > 64) return;
      const kind = key === undefined ? KEY_PLAIN : keyKind(key);
      if (kind === KEY_STRUCTURAL) return;
      if (kind === KEY_IDENT) {
        if (typeof v === 'string') {
          const t = idType(v, NAMED_IDENT_RE.test(key!));
          if (t !== undefined) findings.push({ field: pathOf(parent, seg), entityType: t });
        } else if (Array.isArray(v)) for (let i = 0; i < v.length && depth < 64; i++) walk(v[i], pathOf(parent, seg), i, key, depth + 1);
        return;
      }
      if (typeof v === 'string') {
        if (v.length === 0 || (v.length <= 131 && DIGEST_RE.test(v.trim()))) return;
        if (kind === KEY_PII && v.trim().length > 0 && !PLACEHOLDER_ONLY_RE.test(v.trim())) add(pathOf(parent, seg), fieldType(key!));
        scan(v, parent, seg);
      } else if (typeof v === 'number' || typeof v === 'bigint') {
        // A number is data only when its field says so (`phone: 4155550199`); counts, scores and times are not.
        if (kind === KEY_PII) add(pathOf(parent, seg), FIELD_TYPE.find(([re]) => re.test(key!))?.[1] ?? 'ACCOUNT_NUMBER');
      } else if (Array.isArray(v)) {
        const here = pathOf(parent, seg);
        for (let i = 0; i < v.length; i++) walk(v[i], here, i, key, depth + 1);
      } else if (v !== null && typeof v === 'object') {
        const here = pathOf(parent, seg);
        const obj = v as Record<string, unknown>;
        for (const k in obj) {
          if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
          // Keys can carry PII too (a map keyed by email address); id-shaped keys are machine-made. A finding
          // names the map, never the key itself (the report is logged and printed): "metadata.<key> (EMAIL)".
          const before = findings.length;
          if (/[\d@]/.test(k) && !ID_KEY_RE.test(k) && !DIGEST_RE.test(k)) for (const e of detector.detect(k)) add(`${pathOf(here, '<key>')} (key)`, e.type);
          else if (ID_KEY_RE.test(k)) {
            const t = idType(k, false);
            if (t !== undefined) add(`${pathOf(here, '<key>')} (key)`, t);
          }
          walk(obj[k], here, findings.length > before ? '<key>' : k, k, depth + 1);
        }
      }
    };
    walk(value, fieldPath, undefined, undefined, 0);
    return { ok: findings.length === 0, findings };
  }

  return {
    validate,
    assertCompliant(value, fieldPath) {
      const r = validate(value, fieldPath);
      if (!r.ok) throw new PrivacyViolationError(r.findings);
    },
  };
}
