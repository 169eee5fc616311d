export type { DetectedEntity, EntityType, RedactConversationOptions, RedactionResult, Redactor } from './types';
export {
  DEFAULT_PLACEHOLDERS,
  DEFAULT_POLICY,
  ENTITY_TYPES,
  EntityRuleSchema,
  EntityTypeSchema,
  MAX_POLICY_MIN_SCORE,
  PROTECTED_TYPES,
  PolicyError,
  PrivacyPolicySchema,
  formatPolicyWarnings,
  parsePolicy,
  readPolicy,
} from './policy';
export type { EntityRule, PolicyWarning, PrivacyPolicy, PrivacyPolicyInput } from './policy';
export { resolvePolicy } from './resolvePolicy';
export type { PolicySources, PrivacySettings, ResolvedPolicy } from './resolvePolicy';
export { createRedactor } from './redactor';
export type { KaizenRedactor, RedactorOptions } from './redactor';
export { PrivacyViolationError, RESIDUAL_TYPES, createComplianceValidator } from './compliance';
export type { ComplianceFinding, ComplianceReport, ComplianceValidator, ComplianceValidatorOptions } from './compliance';
export { withCompliance } from './compliantStore';
export type { ComplianceOptions } from './compliantStore';
export { cardValid, dateValid, ibanValid, ipv4Public, ipv4Valid, luhnValid, numericDateValid, ssnValid } from './validators';
export { readNumberRun } from './spoken';
