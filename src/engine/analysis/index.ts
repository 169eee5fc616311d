export * from './schema';
export { CallAnalyzer, analyzeEvents } from './callAnalyzer';
export type { AnalyzerOptions, IntentPredictor } from './callAnalyzer';
export * from './outcomeModel';
export * from './patterns';
export * from './taxonomy';
export { toTemplate } from './template';
export * from './intent';
export * from './discovery';
