/** The intent stage's public surface: train, classify, save/load, propose new intents. */
export * from './schema';
export { classify, classifyBatch, IntentModelError, IntentTrainingError, loadIntentModel, scoreIntents, serializeIntentModel, trainIntentClassifier } from './classifier';
export type { IntentModel } from './classifier';
export { clusterTexts, proposeFromUnknown, proposeNewIntents } from './cluster';
export type { ProposeOptions } from './cluster';
export { accuracy, macroF1, meanAndSd } from './metrics';
export { detectExamplesFormat, parseExamplesCsv, parseExamplesJsonl, parseIntentExamples } from './examplesFile';
export type { ExampleProblem, ExamplesFormat, ParsedExamples } from './examplesFile';
