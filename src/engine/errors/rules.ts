import { z } from 'zod';

/**
 * User fingerprint rules (as Sentry's): the first rule whose conditions all match an occurrence gives
 * its fingerprint. A name with `{{default}}` refines the mined fingerprint (e.g. `payments/{{default}}`
 * splits the default groups by team); a name without it overrides it (many templates → one group).
 */
const RegexSource = z.string().min(1).superRefine((source, ctx) => {
  try {
    new RegExp(source, 'i');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression (${(err as Error).message}); escape special characters like ( [ . with a backslash` });
  }
});

export const FingerprintRuleSchema = z
  .object({
    match: z
      .object({
        tool: z.string().min(1).optional(),
        code: z.string().min(1).optional(),
        stage: z.string().min(1).optional(),
        /** A case-insensitive regular expression tested against the redacted message. */
        message: RegexSource.optional(),
      })
      .strict()
      .refine((m) => Object.keys(m).length > 0, { message: 'give at least one of tool, code, stage, message' }),
    fingerprint: z.string().min(1).max(200),
    /** The template shown for the group (default: the mined template of the occurrence). */
    template: z.string().min(1).optional(),
  })
  .strict();
export type FingerprintRule = z.output<typeof FingerprintRuleSchema>;

export const FingerprintRulesSchema = z.object({ rules: z.array(FingerprintRuleSchema).default([]) }).strict();
export type FingerprintRules = z.output<typeof FingerprintRulesSchema>;

export class FingerprintRulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FingerprintRulesError';
  }
}

/** Parses a rules file's JSON; the error names each bad field (`rules[0].match.message: ...`). */
export function readFingerprintRules(json: unknown): FingerprintRules {
  const parsed = FingerprintRulesSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(top level)'}: ${i.message}`);
  throw new FingerprintRulesError(`fingerprint rules: ${problems.join('; ')} (expected {"rules":[{"match":{"tool"?,"code"?,"stage"?,"message"?},"fingerprint","template"?}]})`);
}

export interface RuleSubject {
  message: string;
  tool?: string;
  code?: string;
  stage?: string;
}

/** The first rule that matches, or undefined. */
export function findRule(rules: readonly FingerprintRule[], s: RuleSubject): FingerprintRule | undefined {
  return rules.find((r) => {
    const m = r.match;
    if (m.tool !== undefined && m.tool !== s.tool) return false;
    if (m.code !== undefined && m.code !== s.code) return false;
    if (m.stage !== undefined && m.stage !== s.stage) return false;
    if (m.message !== undefined && !new RegExp(m.message, 'i').test(s.message)) return false;
    return true;
  });
}
