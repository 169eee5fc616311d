import { createDetector } from './detect';
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
  /^(?:e-?mail|email_?address|phone|phone_?number|mobile|cell|ssn|social_?security_?number|card_?number|credit_?card|iban|first_?name|last_?name|full_?name|customer_?name|caller_?name|date_?of_?birth|dob|birth_?date|street|street_?address|home_?address|zip|zip_?code|postal_?code|ip_?address|drivers?_?licen[cs]e)$/i;
const PLACEHOLDER_ONLY_RE = /^(?:\[[A-Z][A-Z0-9_]*(?::[^\]\s]*)?\]|id_[0-9a-f]{16,64}|[0-9a-f]{64})$/;
const FIELD_TYPE: [RegExp, EntityType][] = [
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
 * The last gate before anything is stored or shared. It re-scans with the detectors in strict mode
 * (lower threshold, bare long digit runs, capitalised name pairs without context) plus field-name rules,
 * and reports field paths and types only, so the report itself is safe to log.
 */
export function createComplianceValidator(options: { policy?: PrivacyPolicy } = {}): ComplianceValidator {
  const policy = options.policy ?? DEFAULT_POLICY;
  const rules = resolveRules(policy);
  // Amounts, plain dates and locations are kept by policy in learned artifacts; everything else blocks.
  const enabled = new Set(ENTITY_TYPES.filter((t) => rules[t].enabled && t !== 'DOLLAR_AMOUNT' && t !== 'DATE' && t !== 'LOCATION'));
  const detector = createDetector({ enabled, allowlist: policy.allowlist, minScore: Math.min(policy.minScore, 0.45), strict: true });

  function validate(value: unknown, fieldPath = ''): ComplianceReport {
    const findings: ComplianceFinding[] = [];
    const seen = new Set<string>();
    const add = (field: string, entityType: EntityType) => {
      const k = `${field}\u0000${entityType}`;
      if (!seen.has(k)) {
        seen.add(k);
        findings.push({ field: field || '(root)', entityType });
      }
    };
    const scan = (text: string, field: string) => {
      for (const e of detector.detect(text)) add(field, e.type);
    };
    const walk = (v: unknown, field: string, key: string | undefined, depth: number) => {
      if (depth > 64) return;
      if (typeof v === 'string') {
        if (key !== undefined && PII_FIELD_RE.test(key) && v.trim().length > 0 && !PLACEHOLDER_ONLY_RE.test(v.trim())) {
          const t = FIELD_TYPE.find(([re]) => re.test(key))?.[1] ?? 'PERSON';
          if (rules[t].enabled) add(field, t);
        }
        scan(v, field);
      } else if (typeof v === 'number') {
        if (Number.isInteger(v) && Math.abs(v) >= 1e6) scan(String(v), field);
        else if (key !== undefined && PII_FIELD_RE.test(key) && Number.isInteger(v)) add(field, FIELD_TYPE.find(([re]) => re.test(key))?.[1] ?? 'ACCOUNT_NUMBER');
      } else if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, `${field}[${i}]`, key, depth + 1));
      } else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
          const path = field ? `${field}.${k}` : k;
          // Keys can carry PII too (a map keyed by email address).
          if (/[\d@]/.test(k)) for (const e of detector.detect(k)) add(`${path} (key)`, e.type);
          walk(x, path, k, depth + 1);
        }
      }
    };
    walk(value, fieldPath, undefined, 0);
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
