import { maskMessage } from './mask';
import { findRule } from './rules';
import type { FingerprintRule, RuleSubject } from './rules';

export type Hash = (text: string) => string;

export interface Fingerprinted {
  /** Stable id: the same message shape, code, tool and stage give the same id on every run. */
  fingerprint: string;
  template: string;
  /** The user rule that named it, when one matched. */
  rule?: string;
}

/** Prefix of mined fingerprints; user rules' names are used as they are written. */
export const FINGERPRINT_PREFIX = 'fp_';

/** The normalised key a mined fingerprint hashes: every part lower-cased and trimmed, empty when absent. */
export function fingerprintKey(parts: { template: string; code?: string; tool?: string; stage?: string }): string {
  const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();
  return [norm(parts.stage), norm(parts.code), norm(parts.tool), norm(parts.template)].join('|');
}

/**
 * Fingerprints one (redacted) error message: its mined template plus code, tool and stage, hashed;
 * a matching user rule overrides the id (or refines it, with `{{default}}` in its name).
 */
export function fingerprintError(subject: RuleSubject, hash: Hash, rules: readonly FingerprintRule[] = []): Fingerprinted {
  const template = maskMessage(subject.message);
  const mined = `${FINGERPRINT_PREFIX}${hash(fingerprintKey({ ...subject, template })).slice(0, 16)}`;
  const rule = findRule(rules, subject);
  if (!rule) return { fingerprint: mined, template };
  const name = rule.fingerprint.replaceAll('{{default}}', mined);
  return { fingerprint: name, template: rule.template ?? template, rule: rule.fingerprint };
}
