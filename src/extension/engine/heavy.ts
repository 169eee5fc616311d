/**
 * Everything heavy the extension uses, built as its own bundle (dist/extension-engine.js) and
 * required on first use, so activation compiles only the light host bundle: sql.js, the redactor's
 * lexicons, the analyzer, experiments and replay load when a command or view first needs them.
 */
export { openSqlStore, bundleTrustDecision, signBundle, verifyBundle } from '../../engine/store';
export { createComplianceValidator, createRedactor, parsePolicy, withCompliance } from '../../engine/privacy';
export { importFile } from '../../engine/ingest/importer';
export { analyzeWholeStore } from './analyzeStore';
export { parseFixture, sidecarPathFor } from '../../engine/replay/fixture';
export { loadFixture } from '../../engine/replay/load';
export { replayFixture } from '../../engine/replay/replay';
export { ExperimentService } from '../../engine/experiments/service';
export { buildExperimentView } from '../../engine/experiments/viewModel';
export { iterateSampleCalls } from '../../engine/samples';
// zod and everything parsed with it (settings, the webview protocol) load here too, not at activation.
export { SETTING_KEYS, parseSettings } from '../../shared/settings';
export { HostToWebviewSchema, dispatch, parseWebviewMessage } from '../../shared/protocol';
