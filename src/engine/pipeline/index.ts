// The pipeline stage's public surface (see README.md): the only place that runs stages in sequence.
export { analysisLabelling, analyzeStore, intentPredictor, toRecord } from './analyzeStore';
export type { AnalysisLabelling, AnalyzeProgress, AnalyzeStoreOptions, AnalyzeSummary } from './analyzeStore';
export { createImportAnalysis } from './importAnalysis';
export type { AnalyzedElsewhere } from './importAnalysis';
export type { ImportAnalysis, ImportAnalysisOptions } from './importAnalysis';
export { createLiveLearning } from './liveLearning';
export type { LiveLearning, LiveLearningOptions } from './liveLearning';
export { DeepAnswerSchema, DeepFindingSchema, deepAnalyze } from './deepAnalyze';
export { FLEET_AA_LOOKS, correctionFor, runFleetSimulation, simulateFleet } from './fleetSimulation';
export type { FleetMonth, FleetMonthFacts, FleetSimulationOptions, FleetSimulationResult } from './fleetSimulation';
export type { ClaudeSettings, DeepAnalysisResult, DeepAnalyzeOptions, DeepAnswer, DeepFinding } from './deepAnalyze';
