export * from './truth';
export { generateSampleCalls, iterateSampleCalls, summarizeTruth, PLANTED_PATTERNS, PLANTED_TOOL_PATTERNS } from './generator';
export type { GeneratedCall, SampleOptions, ToolCallCorrection } from './generator';
export { SeededRandom } from './random';
export { scorePatternRecovery } from './recovery';
export type { DiscoveredPattern, RecoveryScore } from './recovery';
export { AIRLINE_PLANTED, generateAirlineCalls, iterateAirlineCalls } from './airline';
export type { AirlineCall, AirlineCallTruth, AirlinePlanted } from './airline';
export type { ErrorModeName, PlantedError } from './errorModes';
