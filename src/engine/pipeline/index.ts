// The pipeline stage's public surface (see README.md): the only place that runs stages in sequence.
export { analysisLabelling, analyzeStore, intentPredictor, toRecord } from './analyzeStore';
export type { AnalysisLabelling, AnalyzeProgress, AnalyzeStoreOptions, AnalyzeSummary } from './analyzeStore';
export { createImportAnalysis } from './importAnalysis';
export type { AnalyzedElsewhere } from './importAnalysis';
export type { ImportAnalysis, ImportAnalysisOptions } from './importAnalysis';
export { createLiveLearning } from './liveLearning';
export type { LiveLearning, LiveLearningOptions, SnapshotAnalyzer } from './liveLearning';
export { analyzeSnapshot, applySnapshotWrites } from './snapshotAnalysis';
export type { AnalysisSnapshot, AnalyzeSnapshotOptions, SnapshotAnalysis, StoreWrite } from './snapshotAnalysis';
export { DeepAnswerSchema, DeepFindingSchema, deepAnalyze } from './deepAnalyze';
export { FLEET_AA_LOOKS, correctionFor, inProcessFleetHub, runFleetSimulation, simulateFleet } from './fleetSimulation';
export type { FleetHubFactory, FleetHubLink, FleetHubSetup, FleetMonth, FleetMonthFacts, FleetSimulationOptions, FleetSimulationResult } from './fleetSimulation';
export type { ClaudeSettings, DeepAnalysisResult, DeepAnalyzeOptions, DeepAnswer, DeepFinding } from './deepAnalyze';
export { DEFAULT_PATTERN_SCREEN, PatternScreen, stratumLift } from './patternScreen';
export type { MonthCell, PatternScreenOptions, ScreenedPattern } from './patternScreen';
