import { PolicyError, formatPolicyWarnings, readPolicy } from './policy';
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
export interface ResolvedPolicy {
  policy: PrivacyPolicy;
  /** Fields a source set that the policy may not change (ignored, one line each, naming the source). */
  warnings: string[];
}

export function resolvePolicy(sources: PolicySources): ResolvedPolicy {
  const warnings: string[] = [];
  const base = sources.file ? parsePolicyFile(sources.file, warnings) : readPolicy({}).policy;
  const s = sources.settings;
  if (!s) return { policy: base, warnings };
  const layered = readPolicy({
    ...base,
    allowlist: [...new Set([...base.allowlist, ...(s.allowlist ?? [])])],
    minScore: s.minScore === undefined ? base.minScore : Math.min(base.minScore, s.minScore),
  });
  warnings.push(...formatPolicyWarnings('kaizen.privacy settings', layered.warnings));
  return { policy: layered.policy, warnings };
}

function parsePolicyFile(file: { name: string; text: string }, warnings: string[]): PrivacyPolicy {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (err) {
    throw new PolicyError(`${file.name} is not JSON (${(err as Error).message}); fix it or remove it to use the default privacy policy`, [{ field: '(root)', message: 'not JSON' }]);
  }
  try {
    // A file that tries to switch protection off keeps its safe parts; each ignored field is a warning.
    const read = readPolicy(json);
    warnings.push(...formatPolicyWarnings(file.name, read.warnings));
    return read.policy;
  } catch (err) {
    if (err instanceof PolicyError) throw new PolicyError(`${file.name}: ${err.message}`, err.issues);
    throw err;
  }
}
