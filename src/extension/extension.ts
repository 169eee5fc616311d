import * as path from 'node:path';
import * as vscode from 'vscode';
import { createNodePorts } from '../node/nodePorts';
import { ARTIFACT_SCHEME, ArtifactDocumentProvider, CALL_SCHEME, CallDocumentProvider } from './callDocument';
import { analyze, exportStore, generateSamples, importCalls, importStore } from './commands/data';
import { deepAnalyze } from './commands/deepAnalyze';
import { showSigningKey } from './commands/signingKey';
import { connectEndpoint, disconnectEndpoint, openArtifact, openCall, setApiKey, showActivation, useCliWorkspaceKey } from './commands/misc';
import { LiveSession } from './live/liveSession';
import { advanceExperiment, createExperiment, killExperiment, recordCalls, rollbackExperiment, shipExperiment } from './commands/experiments';
import { Config } from './config';
import type { KaizenContext } from './context';
import { workspaceBaseDir } from './context';
import { EngineService } from './engine/engineService';
import { outputLogger } from './logger';
import { secretStorePort } from './secrets';
import { StatusBar } from './statusBar';
import { FixtureTests } from './testing/fixtureTests';
import { ArtifactsTree, CallsTree, ExperimentsTree, PatternsTree } from './views/trees';
import { DashboardPanel } from './webviews/dashboardPanel';
import { ExperimentPanel } from './webviews/experimentPanel';
import { PatternExplorerPanel } from './webviews/patternExplorerPanel';
import { PublishingPanel } from './webviews/publishingPanel';
import { PROPOSAL_SCHEME, PromptDiffPanel, ProposalDocuments } from './webviews/promptDiffPanel';

/**
 * Wiring only: config, secrets, the engine (lazy: nothing heavy loads until a command or view asks),
 * then views, commands, the test controller and the status bar, each built from one context.
 */
export function activate(extension: vscode.ExtensionContext): { activationMs: number } {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Kaizen', { log: true });
  const config = new Config();
  const ports = createNodePorts({ logger: outputLogger(log), secrets: secretStorePort(extension.secrets, { cliSecretsFile: () => path.join(workspaceBaseDir(extension), '.kaizen', 'secrets.json') }) });
  const engine = new EngineService({ ports, settings: () => config.settings, baseDir: () => workspaceBaseDir(extension) });
  const live = new LiveSession({ engine, ports });
  const ctx: KaizenContext = { extension, config, engine, ports, log, live, activationMs: 0 };
  extension.subscriptions.push(log, config, engine, live);

  // A changed store location means a different store: close the open one, views re-read.
  const onConfig = config.onDidChange(() => void engine.onSettingsChanged());
  extension.subscriptions.push(new vscode.Disposable(() => onConfig.dispose()));

  const tree = <T>(name: string, provider: vscode.TreeDataProvider<T> & vscode.Disposable) =>
    extension.subscriptions.push(provider, vscode.window.createTreeView(`kaizen.${name}`, { treeDataProvider: provider, showCollapseAll: name !== 'experiments' }));
  tree('calls', new CallsTree(ctx));
  tree('patterns', new PatternsTree(ctx));
  tree('experiments', new ExperimentsTree(ctx));
  tree('artifacts', new ArtifactsTree(ctx));

  const commands: Record<string, (...args: never[]) => unknown> = {
    'kaizen.importCalls': importCalls(ctx),
    'kaizen.analyze': analyze(ctx),
    'kaizen.openPatternExplorer': () => PatternExplorerPanel.show(ctx) && undefined,
    'kaizen.openExperiment': (id?: string) => ExperimentPanel.show(ctx, id) && undefined,
    'kaizen.exportStore': exportStore(ctx),
    'kaizen.importStore': importStore(ctx),
    'kaizen.setAnthropicApiKey': setApiKey(ctx),
    'kaizen.deepAnalyze': deepAnalyze(ctx),
    'kaizen.useCliWorkspaceKey': useCliWorkspaceKey(ctx),
    'kaizen.connectEndpoint': connectEndpoint(ctx),
    'kaizen.disconnectEndpoint': disconnectEndpoint(ctx),
    'kaizen.openPublishing': () => PublishingPanel.show(ctx) && undefined,
    'kaizen.showSigningKey': showSigningKey(ctx),
    // From the explorer or editor context menu the file comes as an argument; otherwise the active editor's.
    'kaizen.openPromptDiff': (file?: vscode.Uri) => PromptDiffPanel.show(ctx, file ?? vscode.window.activeTextEditor?.document.uri) && undefined,
    'kaizen.openDashboard': () => DashboardPanel.show(ctx) && undefined,
    'kaizen.simulateFleet': () => DashboardPanel.simulate(ctx) && undefined,
    'kaizen.generateSamples': generateSamples(ctx),
    'kaizen.openCall': openCall(),
    'kaizen.openArtifact': openArtifact(),
    'kaizen.experiment.create': createExperiment(ctx),
    'kaizen.experiment.record': recordCalls(ctx),
    'kaizen.experiment.ship': shipExperiment(ctx),
    'kaizen.experiment.advance': advanceExperiment(ctx),
    'kaizen.experiment.rollback': rollbackExperiment(ctx),
    'kaizen.experiment.kill': killExperiment(ctx),
    'kaizen.showActivationTime': showActivation(ctx),
    'kaizen.refresh': () => engine.refresh(),
  };
  for (const [id, handler] of Object.entries(commands)) extension.subscriptions.push(vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown));

  extension.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CALL_SCHEME, new CallDocumentProvider(ctx)),
    vscode.workspace.registerTextDocumentContentProvider(ARTIFACT_SCHEME, new ArtifactDocumentProvider(ctx)),
    vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, new ProposalDocuments()),
    new FixtureTests(ctx),
    new StatusBar(ctx),
  );

  ctx.activationMs = performance.now() - started;
  // Nothing here may read the settings or the store path: both load the engine bundle, which
  // arrives on first use (the store path is logged when the engine opens its workspace).
  log.info(`Kaizen activated in ${ctx.activationMs.toFixed(1)} ms`);
  return { activationMs: ctx.activationMs };
}

export function deactivate(): void {
  // Everything is in context.subscriptions; the engine service saves and closes the store there.
}
