// The experiments stage's public surface (see README.md).
// Statistics live in ../stats (one home for every stage); re-exported here for experiment users.
export * from '../stats';
export { LAYER_BUCKETS, LayerFullError, assign, layerRangeOf, pickWeighted, reserveLayerRange } from './allocation';
export type { Assignment, AssignmentReason } from './allocation';
export { CallObservationSchema, METRICS, metricDefinition, observationFromConversation, summarizeMetric } from './metrics';
export type { CallObservation, MetricDefinition, MetricDirection, MetricKind, MetricSummary } from './metrics';
export { compareSummaries, differenceOf, estimateOf, sizeOf } from './compare';
export { analyzeExperiment, analyzeMetric, checkGuardrails, mixingSdFor, sequentialTimeline } from './analysis';
export type { AnalyzeOptions, CumulativePoint, ExperimentAnalysis, GuardrailCheck, MetricAnalysis, VariantMetricRow } from './analysis';
export { SRM_ALARM, decide } from './policy';
export type { Decision, DecisionAction } from './policy';
export { evaluateStage, stageView } from './rollout';
export type { RolloutStep } from './rollout';
export { ExperimentInputSchema, ExperimentNotFoundError, ExperimentService, ExperimentStateError, streams } from './service';
export type { ExperimentInput } from './service';
export { SummaryInputError, SummaryInputSchema, SummaryResultSchema, analyzeSummary, parseSummaryInput } from './summaryAnalysis';
export type { SummaryInput, SummaryResult } from './summaryAnalysis';
export { ExperimentStatisticsViewSchema, buildExperimentView } from './viewModel';
export type { ExperimentStatisticsView } from './viewModel';
export { SampleCallPool, simulateExperiment } from './simulation';
export type { ArmBehaviour, PooledCall, PromptMove, SimulationPlan, SimulationStep, SteppableClock } from './simulation';
export { PLAYBOOK_STAGES, runPlaybookScenario } from './scenario';
export type { PlaybookScenarioOptions, PlaybookScenarioResult, ScenarioPrompts } from './scenario';
export { plantedPlaybookPrompts } from './plantedPlaybook';
export { MonitorDecisionSchema, MonitorInputError, MonitorLookSchema, monitorExperiments } from './monitor';
export type { MonitorDecision, MonitorLook, MonitorOptions } from './monitor';
