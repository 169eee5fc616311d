// The errors stage's public surface (see README.md): occurrences, fingerprints, user rules, the catalog.
export { WILDCARD, maskMessage } from './mask';
export { FINGERPRINT_PREFIX, fingerprintError, fingerprintKey } from './fingerprint';
export type { Fingerprinted, Hash } from './fingerprint';
export { FingerprintRuleSchema, FingerprintRulesError, FingerprintRulesSchema, findRule, readFingerprintRules } from './rules';
export type { FingerprintRule, FingerprintRules, RuleSubject } from './rules';
export { argumentShape, extractOccurrences } from './occurrences';
export type { ArgumentShape, ErrorOccurrence, OccurrenceOptions } from './occurrences';
export { ErrorCatalogBuilder } from './catalog';
export type { CatalogEntry } from './catalog';
