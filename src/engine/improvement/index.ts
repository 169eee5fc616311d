// The improvement stage's public surface (see README.md).
export { DEFAULT_IMPROVEMENT_OPTIONS, GateResultSchema, PlaybookDeltaSchema, ProposalSchema } from './schema';
export type { GateResult, ImprovementOptions, PlaybookDelta, Proposal } from './schema';
export { hypothesesFromFingerprints, hypothesesFromPatterns } from './hypotheses';
export type { AvoidanceRule, Hypothesis } from './hypotheses';
export { DeltaError, applyDeltas, planDeltas, similarity } from './playbook';
export { PatchError, SECTION_END, SECTION_START, applyPromptPatch, bulletIdsIn, promptPatch, readPlaybookSection, renderPlaybookSection, withPlaybookSection } from './render';
export { budgetGate, conflictGate, estimateTokens, evidenceGate, privacyGate } from './gates';
export { proposeImprovements } from './propose';
export type { ProposeInput } from './propose';
export { bulletCounters, moveGuidance } from './effectiveness';
export type { BulletRun, MoveGuidance } from './effectiveness';
export { IMPROVEMENT_STREAM, ImprovementError, ImprovementService, PLAYBOOK_ARTIFACT_ID, enhancementArtifactId } from './service';
export type { AcceptResult, ImprovementDeps, JournaledProposal, Playbook } from './service';
