/**
 * Everything heavy the extension uses, built as its own bundle (dist/extension-engine.js) and
 * required on first use, so activation compiles only the light host bundle: sql.js, the redactor's
 * lexicons, the analyzer, experiments and replay load when a command or view first needs them.
 */
export { createWorkspace, workspaceHmacKey } from '../../engine/workspace';
export { bundleTrustDecision, signBundle, verifyBundle } from '../../engine/store';
export { importFile } from '../../engine/ingest';
export { parseFixture, sidecarPathFor } from '../../engine/replay';
export { replayFixture } from '../../engine/replay';
export { rulesFromArtifacts } from '../../engine/errors';
export { ExperimentService } from '../../engine/experiments';
export { buildExperimentView } from '../../engine/experiments';
export { loadFixture } from '../../engine/replay';
export { iterateSampleCalls } from '../../engine/samples';
// zod and everything parsed with it (settings, the webview protocol) load here too, not at activation.
export { SETTING_KEYS, parseSettings } from '../../shared/settings';
export { dispatch, parseMessage } from '../../shared/protocol';
export { WEBVIEW_PROTOCOLS } from './webviewProtocols';
export { userRules, UserRulesFileSchema } from '../../engine/realtime';
export { approveArtifact, artifactText, publicationHistory, publishArtifact, publisherFor, publishingGates, rollbackArtifact } from '../../engine/realtime';
export { nodeHttpClient } from '../../node/liveTransports';
// Live sessions redact in the same worker thread as `kaizen live` (dist/liveRedactionWorker.js, beside this bundle).
export { nodeLiveHost } from '../../node/liveHost';
export { createComplianceValidator } from '../../engine/privacy';
export { ImprovementService, applyPromptPatch, promptPatch } from '../../engine/improvement';
export { contentHash, keyIdOf, packEnvelope, sharedArtifactPayload, signPayload } from '../../engine/collective';
// Readable documents (call, artifact) for the Markdown preview.
export { callToMarkdown } from '../documents/callMarkdown';
export { artifactToMarkdown } from '../documents/artifactMarkdown';
export { observationFromConversation } from '../../engine/experiments';
// The KPI dashboard.
export { computeKpis, loadCallFacts } from '../../engine/analytics';
export { simulateFleet } from '../../engine/pipeline';
// Deep analysis with Claude (the SDK loads with this bundle, never at activation).
export { deepAnalyze } from '../../engine/pipeline';
export { DEFAULT_PRICES, parsePriceTable } from '../../engine/llm';
export { deepAnalysisMarkdown } from '../documents/deepAnalysisMarkdown';
