import { PolicyError, parsePolicy } from './policy';
import type { PrivacyPolicy } from './policy';

/** A host's privacy settings (VS Code `kaizen.privacy.*`); the CLI has none. */
export interface PrivacySettings {
  allowlist?: readonly string[];
  minScore?: number;
}

export interface PolicySources {
  /** The workspace policy file (`.kaizen/privacy.json` beside the store) when there is one: its name for messages, its text. */
  file?: { name: string; text: string };
  settings?: PrivacySettings;
}

/**
 * The one rule by which every host gets its privacy policy. The workspace file is parsed with the
 * policy schema (a bad file is a `PolicyError` naming the file and the field); host settings are
 * layered over it through the same parser: their allowlist terms are added to the file's, and their
 * `minScore` applies only where it is stricter (lower) than the file's.
 */
export function resolvePolicy(sources: PolicySources): PrivacyPolicy {
  const base = sources.file ? parsePolicyFile(sources.file) : parsePolicy({});
  const s = sources.settings;
  if (!s) return base;
  return parsePolicy({
    ...base,
    allowlist: [...new Set([...base.allowlist, ...(s.allowlist ?? [])])],
    minScore: s.minScore === undefined ? base.minScore : Math.min(base.minScore, s.minScore),
  });
}

function parsePolicyFile(file: { name: string; text: string }): PrivacyPolicy {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (err) {
    throw new PolicyError(`${file.name} is not JSON (${(err as Error).message}); fix it or remove it to use the default privacy policy`, [{ field: '(root)', message: 'not JSON' }]);
  }
  try {
    return parsePolicy(json);
  } catch (err) {
    if (err instanceof PolicyError) throw new PolicyError(`${file.name}: ${err.message}`, err.issues);
    throw err;
  }
}
