import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClaudeSettings, DeepAnalysisResult } from '../../engine/pipeline';
import { SecretKeys } from '../../shared/secretKeys';
import type { KaizenContext } from '../context';
import { errorMessage, requireTrust } from '../context';
import { loadEngine } from '../engine/load';

/**
 * Kaizen: Deep Analyze — the engine's deep analysis (as `kaizen deep-analyze`): with
 * `kaizen.claude.enabled` and a key in SecretStorage, Claude explains each finding with the
 * `kaizen.claude.model` and `kaizen.claude.thinkingBudget` settings; otherwise the offline findings.
 * The result opens as a rendered Markdown document and is logged in the Kaizen output channel.
 */
export function deepAnalyze(ctx: KaizenContext) {
  return async (): Promise<DeepAnalysisResult | undefined> => {
    if (!requireTrust('Deep Analyze')) return undefined;
    const settings = ctx.config.settings;
    const apiKey = settings['claude.enabled'] ? await ctx.ports.secrets.get(SecretKeys.anthropicApiKey) : undefined;
    if (settings['claude.enabled'] && !apiKey) {
      void vscode.window.showWarningMessage('Kaizen: no Anthropic API key in SecretStorage; showing the offline findings.', 'Set Anthropic API Key').then((pick) => {
        if (pick) void vscode.commands.executeCommand('kaizen.setAnthropicApiKey');
      });
    }
    const { DEFAULT_PRICES, deepAnalysisMarkdown, parsePriceTable } = loadEngine();
    // A price file beside the store (as `--prices` in the CLI) replaces the built-in table.
    const pricesFile = path.join(path.dirname(ctx.engine.storePath), 'prices.json');
    let prices = { table: DEFAULT_PRICES, source: "Kaizen's built-in price table" };
    try {
      if (await ctx.ports.fs.exists(pricesFile)) prices = { table: parsePriceTable(new TextDecoder().decode(await ctx.ports.fs.readFile(pricesFile)), pricesFile), source: pricesFile };
    } catch (err) {
      void vscode.window.showErrorMessage(`Kaizen: ${errorMessage(err)}`);
      return undefined;
    }
    const claude: ClaudeSettings | undefined = apiKey
      ? {
          apiKey,
          // As the SDK reads it (a proxy or gateway); the public API otherwise.
          baseURL: process.env.ANTHROPIC_BASE_URL || undefined,
          model: settings['claude.model'],
          thinkingBudget: settings['claude.thinkingBudget'],
          prices: prices.table,
          pricesSource: prices.source,
        }
      : undefined;
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: claude ? `Kaizen: deep analysis with ${claude.model}…` : 'Kaizen: deep analysis (offline)…' },
        () => ctx.engine.deepAnalyze(claude),
      );
      ctx.log.info(`deep-analyze: ${JSON.stringify({ mode: result.mode, model: result.model, requests: result.requests, usage: result.usage, costUsd: result.costUsd, findings: result.findings.length })}`);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: deepAnalysisMarkdown(result) });
      await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
      return result;
    } catch (err) {
      ctx.log.error(`deep-analyze: ${errorMessage(err)}`);
      void vscode.window.showErrorMessage(`Kaizen: deep analysis failed — ${errorMessage(err)}`);
      return undefined;
    }
  };
}
