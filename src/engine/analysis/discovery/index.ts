/** Discovery: a store's own intents, situations and moves, induced from its calls without labels. */
export { assignGroup, induceGroups } from './induce';
export type { InduceInput, InduceOptions, InducedGroup, InducedGroupSummary, InducedModel, Induction } from './induce';
export { OpeningTracker } from './opening';
export { CALL_MERGE_SIMILARITY, callDocs, induceVocabulary, summarizeVocabulary, toolTerms, vocabularyLabeler } from './vocabulary';
export type { CallDocs, InducedVocabulary, InduceVocabularyOptions, VocabularyLabeler, VocabularySummary } from './vocabulary';
export { embedSif, fitSif, loadWordVectors, parseWordVectors, wordSimilarity } from './wordVectors';
export type { SifEmbedder, WordVectors } from './wordVectors';
