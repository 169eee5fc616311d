import { z } from 'zod';
import type { EntityType } from './types';

export const ENTITY_TYPES = [
  'PERSON',
  'PHONE',
  'EMAIL',
  'CARD_NUMBER',
  'SSN',
  'IBAN',
  'ACCOUNT_NUMBER',
  'ADDRESS',
  'ZIP',
  'LOCATION',
  'DATE',
  'DATE_OF_BIRTH',
  'AGE',
  'IP_ADDRESS',
  'DRIVER_LICENSE',
  'URL',
  'DOLLAR_AMOUNT',
] as const satisfies readonly EntityType[];

export const EntityTypeSchema = z.enum(ENTITY_TYPES);

/** The placeholder stem each type is replaced by, before numbering (`[CUSTOMER_NAME_1]`). */
export const DEFAULT_PLACEHOLDERS: Record<EntityType, string> = {
  PERSON: 'CUSTOMER_NAME',
  PHONE: 'PHONE',
  EMAIL: 'EMAIL',
  CARD_NUMBER: 'CARD_NUMBER',
  SSN: 'SSN',
  IBAN: 'IBAN',
  ACCOUNT_NUMBER: 'ACCOUNT_NUMBER',
  ADDRESS: 'ADDRESS',
  ZIP: 'ZIP_CODE',
  LOCATION: 'LOCATION',
  DATE: 'DATE',
  DATE_OF_BIRTH: 'DATE_OF_BIRTH',
  AGE: 'AGE',
  IP_ADDRESS: 'IP_ADDRESS',
  DRIVER_LICENSE: 'DRIVER_LICENSE',
  URL: 'URL',
  DOLLAR_AMOUNT: 'DOLLAR_AMOUNT',
};

export const EntityRuleSchema = z.object({
  /** Off means the type is left in the text (e.g. a team that keeps dates). */
  enabled: z.boolean().default(true),
  placeholder: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/, 'placeholder must be UPPER_SNAKE_CASE letters, digits and underscores, e.g. "CUSTOMER_NAME"')
    .optional(),
  /**
   * `numbered`: `[PHONE_1]`, `[PHONE_2]`… consistent within a call; `plain`: `[PHONE]`;
   * `bucket`: numeric value kept as a range, `[DOLLAR_AMOUNT:100-500]` (amounts and ages only).
   */
  mode: z.enum(['numbered', 'plain', 'bucket']).optional(),
  /** Ascending bucket edges for `bucket` mode. */
  buckets: z
    .array(z.number().nonnegative())
    .min(1)
    .refine((b) => b.every((x, i) => i === 0 || x > b[i - 1]!), 'buckets must be strictly ascending, e.g. [0, 10, 100, 500]')
    .optional(),
});
export type EntityRule = z.output<typeof EntityRuleSchema>;

const DEFAULT_MIN_SCORE = 0.5;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** A privacy policy is data: a JSON file a team reviews, not code. */
export const PrivacyPolicySchema = z
  .object({
    version: z.literal(1).default(1),
    /** Per-type overrides; types not named keep the defaults (all on, numbered; amounts bucketed). */
    entities: z.partialRecord(EntityTypeSchema, EntityRuleSchema).default({}),
    /** Terms never redacted, matched case-insensitively as whole words: business names, product names, agent names. */
    allowlist: z.array(z.string().trim().min(1, 'allowlist entries must be non-empty strings')).default([]),
    /**
     * Types a team adds: a name (becomes the placeholder, `[MEMBER_ID_1]`) and a regular expression for its
     * values. Matched in every text and tool argument, after the built-in detectors, as identifiers.
     */
    customTypes: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'name must be UPPER_SNAKE_CASE, e.g. "MEMBER_ID"'),
            pattern: z
              .string()
              .min(3, 'pattern must be a regular expression of at least 3 characters')
              .max(200, 'pattern must be at most 200 characters')
              .refine((p) => compiles(p), 'pattern must be a valid JavaScript regular expression')
              .refine((p) => !compiles(p) || !new RegExp(`^(?:${p})$`, 'u').test(''), 'pattern must not match the empty string'),
          })
          .strict(),
      )
      .max(20, 'at most 20 custom types')
      .default([]),
    /** Detections scoring below this are left alone (0–1). The compliance validator uses its own, stricter threshold. */
    minScore: z.number().min(0).max(1).default(DEFAULT_MIN_SCORE),
  })
  .strict();
export type PrivacyPolicy = z.output<typeof PrivacyPolicySchema>;
export type PrivacyPolicyInput = z.input<typeof PrivacyPolicySchema>;

export const DEFAULT_AMOUNT_BUCKETS = [0, 10, 50, 100, 500, 1000, 5000, 10000];
export const DEFAULT_AGE_BUCKETS = [0, 18, 30, 45, 65];

export interface ResolvedRule {
  enabled: boolean;
  placeholder: string;
  mode: 'numbered' | 'plain' | 'bucket';
  buckets: number[];
}

/** The effective rule per type after defaults. */
export function resolveRules(policy: PrivacyPolicy): Record<EntityType, ResolvedRule> {
  const out = {} as Record<EntityType, ResolvedRule>;
  for (const t of ENTITY_TYPES) {
    const r = policy.entities[t];
    const defaultMode = t === 'DOLLAR_AMOUNT' ? 'bucket' : 'numbered';
    out[t] = {
      enabled: r?.enabled ?? true,
      placeholder: r?.placeholder ?? DEFAULT_PLACEHOLDERS[t],
      mode: r?.mode ?? defaultMode,
      buckets: r?.buckets ?? (t === 'AGE' ? DEFAULT_AGE_BUCKETS : DEFAULT_AMOUNT_BUCKETS),
    };
  }
  return out;
}

export class PolicyError extends Error {
  readonly reason = 'invalid-policy';
  constructor(
    message: string,
    readonly issues: { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}

/**
 * Types a policy can never switch off: a `.kaizen/privacy.json` travels with a cloned repository, and
 * a file nobody reviewed must not make Kaizen store caller names, numbers or addresses raw. Dates,
 * amounts, ages, places, ZIPs and URLs may be kept by a team that needs them.
 */
export const PROTECTED_TYPES: readonly EntityType[] = ['PERSON', 'EMAIL', 'PHONE', 'CARD_NUMBER', 'SSN', 'IBAN', 'IP_ADDRESS', 'ACCOUNT_NUMBER', 'DRIVER_LICENSE', 'ADDRESS', 'DATE_OF_BIRTH'];
/**
 * The highest detection threshold a policy may set. Detectors score what they find 0.45–0.99; the
 * structured types score ≥ 0.8 and most names 0.6–0.9, so a threshold above 0.7 would quietly turn
 * detection off (`minScore: 1` keeps everything).
 */
export const MAX_POLICY_MIN_SCORE = 0.7;

/** A field of a policy that was ignored because it would switch protection off; `field` is the JSON path. */
export interface PolicyWarning {
  field: string;
  message: string;
}

/**
 * Parses a policy from untrusted JSON. A malformed file is an error naming every bad field and what to
 * write instead (`PolicyError`); a well-formed file that tries to switch protection off keeps its safe
 * parts, and each dangerous field is ignored with a warning naming it (the host prints them).
 */
export function readPolicy(input: unknown): { policy: PrivacyPolicy; warnings: PolicyWarning[] } {
  const r = PrivacyPolicySchema.safeParse(input ?? {});
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(root)', message: i.message }));
    throw new PolicyError(`invalid privacy policy: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
  }
  const warnings: PolicyWarning[] = [];
  const policy: PrivacyPolicy = { ...r.data, entities: { ...r.data.entities } };
  for (const t of PROTECTED_TYPES) {
    const rule = policy.entities[t];
    if (rule && !rule.enabled) {
      policy.entities[t] = { ...rule, enabled: true };
      warnings.push({ field: `entities.${t}.enabled`, message: `${t} is always redacted; a policy cannot switch it off (ignored)` });
    }
  }
  if (policy.minScore > MAX_POLICY_MIN_SCORE) {
    warnings.push({
      field: 'minScore',
      message: `${policy.minScore} is above ${MAX_POLICY_MIN_SCORE}, the highest a policy may set (a higher threshold switches detection off); using the default ${DEFAULT_MIN_SCORE}`,
    });
    policy.minScore = DEFAULT_MIN_SCORE;
  }
  const allowlist: string[] = [];
  policy.allowlist.forEach((term, i) => {
    // An allowlist names business words; an email, a number or a two-letter fragment would exempt callers' data.
    const why = term.length < 3 ? 'shorter than 3 characters' : /@/.test(term) ? 'an email address' : /\d{3}/.test(term) ? 'a number' : /^[\p{P}\p{S}\s]+$/u.test(term) ? 'punctuation only' : undefined;
    if (why) warnings.push({ field: `allowlist[${i}]`, message: `"${term.length > 40 ? `${term.slice(0, 40)}…` : term}" is ${why}, not a business word (ignored)` });
    else allowlist.push(term);
  });
  policy.allowlist = allowlist;
  return { policy, warnings };
}

/** `readPolicy` for callers that report warnings elsewhere (or have none to report): the safe policy only. */
export function parsePolicy(input: unknown): PrivacyPolicy {
  return readPolicy(input).policy;
}

/** How a host shows policy warnings: one line per ignored field. */
export function formatPolicyWarnings(source: string, warnings: readonly PolicyWarning[]): string[] {
  return warnings.map((w) => `${source}: ${w.field}: ${w.message}`);
}

export const DEFAULT_POLICY: PrivacyPolicy = PrivacyPolicySchema.parse({});
