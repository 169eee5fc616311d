// The pipeline stage's public surface (see README.md): the only place that runs stages in sequence.
export { analyzeStore, intentPredictor, toRecord } from './analyzeStore';
export type { AnalyzeProgress, AnalyzeStoreOptions, AnalyzeSummary } from './analyzeStore';
export { createImportAnalysis } from './importAnalysis';
export type { ImportAnalysis, ImportAnalysisOptions } from './importAnalysis';
export { DeepAnswerSchema, DeepFindingSchema, deepAnalyze } from './deepAnalyze';
export { FLEET_AA_LOOKS, runFleetSimulation, simulateFleet } from './fleetSimulation';
export type { FleetMonth, FleetMonthFacts, FleetSimulationOptions, FleetSimulationResult } from './fleetSimulation';
export type { ClaudeSettings, DeepAnalysisResult, DeepAnalyzeOptions, DeepAnswer, DeepFinding } from './deepAnalyze';
