import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KaizenContext } from '../context';
import { errorMessage, requireTrust } from '../context';
import { loadEngine } from '../engine/load';

/**
 * Import Calls: a file picker (or URIs passed by a caller such as the Explorer context menu or a
 * test), a cancellable progress notification per file, then analysis so patterns appear at once.
 */
export function importCalls(ctx: KaizenContext) {
  return async (arg?: vscode.Uri | vscode.Uri[], all?: vscode.Uri[]): Promise<{ calls: number; rejected: number; patterns: number } | undefined> => {
    if (!requireTrust('Import Calls')) return undefined;
    let uris = all && all.length > 0 ? all : Array.isArray(arg) ? arg : arg ? [arg] : undefined;
    if (!uris) {
      uris = await vscode.window.showOpenDialog({
        canSelectMany: true,
        openLabel: 'Import Calls',
        title: 'Kaizen: Import Calls',
        filters: { 'Recorded calls': ['jsonl', 'json', 'ndjson', 'txt'], 'All files': ['*'] },
      });
      if (!uris || uris.length === 0) return undefined;
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Kaizen', cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          let calls = 0;
          let inserted = 0;
          let rejected = 0;
          let conflicted = 0;
          for (const [i, uri] of uris.entries()) {
            const name = path.basename(uri.fsPath);
            let lastPct = 0;
            progress.report({ message: `Importing ${name} (${i + 1}/${uris.length})…` });
            const report = await ctx.engine.importFile(uri.fsPath, {
              signal: abort.signal,
              onProgress: (p) => {
                const pct = p.bytesTotal > 0 ? Math.floor((100 * p.bytesRead) / p.bytesTotal) : 0;
                progress.report({ message: `Importing ${name}: ${p.calls} calls`, increment: (pct - lastPct) / uris.length });
                lastPct = pct;
              },
            });
            // The report counts what is durably stored (after the privacy gate and the save), as the CLI does.
            if (report.saveError) throw new Error(`the store could not be saved (${report.saveError}); nothing of ${name} was stored`);
            calls += report.calls;
            inserted += report.callsInserted;
            rejected += report.rejected;
            conflicted += report.conflicted;
            for (const c of report.conflicts.slice(0, 20)) ctx.log.warn(`import ${name}: conflict ${JSON.stringify(c)}`);
            ctx.log.info(`import ${uri.fsPath}: ${report.calls} calls (${report.callsInserted} new, ${report.callsMerged} merged), ${report.rejected} rejected, ${report.durationMs.toFixed(0)} ms`);
            for (const r of report.rejections.slice(0, 20)) ctx.log.warn(`import ${name}: ${JSON.stringify(r)}`);
            if (report.cancelled) break;
          }
          if (abort.signal.aborted) {
            void vscode.window.showWarningMessage(`Kaizen: import cancelled after ${calls} calls (what was stored stays; importing again completes it).`);
            return { calls, rejected, patterns: 0 };
          }
          progress.report({ message: 'Analyzing…' });
          const summary = await ctx.engine.analyze({ signal: abort.signal });
          const total = await (await ctx.engine.store()).countCalls();
          const msg = `Kaizen: imported ${inserted} new calls (${total} in the store)${rejected ? `, ${rejected} records rejected — see the Kaizen output` : ''}${conflicted ? `, ${conflicted} calls in conflict with stored ones (left as stored)` : ''}; ${summary.patterns} patterns, ${summary.significant} significant, ${summary.artifacts} artifacts.`;
          void vscode.window.showInformationMessage(msg, 'Open Pattern Explorer').then((pick) => {
            if (pick) void vscode.commands.executeCommand('kaizen.openPatternExplorer');
          });
          return { calls: total, rejected, patterns: summary.patterns };
        } catch (err) {
          ctx.log.error(`import: ${errorMessage(err)}`);
          void vscode.window.showErrorMessage(`Kaizen: import failed — ${errorMessage(err)}`);
          return undefined;
        } finally {
          sub.dispose();
        }
      },
    );
  };
}

export function analyze(ctx: KaizenContext) {
  return async () => {
    if (!requireTrust('Analyze')) return undefined;
    if (!(await ctx.engine.hasStore())) {
      void vscode.window.showInformationMessage('Kaizen: no calls yet — run Kaizen: Import Calls first.');
      return undefined;
    }
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Kaizen: analyzing calls', cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const s = await ctx.engine.analyze({ signal: abort.signal, onProgress: (n) => progress.report({ message: `${n} calls` }) });
        ctx.log.info(`analyze: ${s.calls} calls → ${s.patterns} patterns (${s.significant} significant) in ${s.durationMs.toFixed(0)} ms`);
        void vscode.window.showInformationMessage(`Kaizen: analyzed ${s.calls} calls — ${s.patterns} patterns, ${s.significant} significant.`);
        return s;
      } catch (err) {
        void vscode.window.showErrorMessage(`Kaizen: analysis failed — ${errorMessage(err)}`);
        return undefined;
      } finally {
        sub.dispose();
      }
    });
  };
}

export function exportStore(ctx: KaizenContext) {
  return async (target?: vscode.Uri) => {
    if (!(await ctx.engine.hasStore())) {
      void vscode.window.showInformationMessage('Kaizen: the learning store is empty — nothing to export.');
      return;
    }
    const uri =
      target ??
      (await vscode.window.showSaveDialog({ title: 'Kaizen: Export Learning Store', filters: { 'Kaizen bundle': ['kaizen'] }, defaultUri: vscode.Uri.file(path.join(path.dirname(ctx.engine.storePath), 'learning.kaizen')) }));
    if (!uri) return;
    try {
      const bytes = await ctx.engine.exportBundle(uri.fsPath);
      void vscode.window.showInformationMessage(`Kaizen: exported the learning store (${(bytes / 1024).toFixed(0)} KB) to ${vscode.workspace.asRelativePath(uri)}.`);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kaizen: export failed — ${errorMessage(err)}`);
    }
  };
}

export function importStore(ctx: KaizenContext) {
  return async (source?: vscode.Uri) => {
    if (!requireTrust('Import Learning Store')) return;
    const uri = source ?? (await vscode.window.showOpenDialog({ title: 'Kaizen: Import Learning Store', filters: { 'Kaizen bundle': ['kaizen'] }, canSelectMany: false }))?.[0];
    if (!uri) return;
    try {
      let r = await ctx.engine.importBundle(uri.fsPath);
      if ('refused' in r) {
        const flag = r.refused === 'unsigned' ? { allowUnsigned: true } : { trustUnknownKey: true };
        const what = r.refused === 'unsigned' ? 'carries no signature' : 'is signed by another workspace’s key (it cannot be verified here)';
        const pick = await vscode.window.showWarningMessage(`Kaizen: this bundle ${what}. Import it only if you trust where it came from.`, { modal: true }, 'Import anyway');
        if (pick !== 'Import anyway') return;
        r = await ctx.engine.importBundle(uri.fsPath, flag);
        if ('refused' in r) return;
      }
      void vscode.window.showInformationMessage(
        `Kaizen: merged ${r.callsInserted} new calls, ${r.artifactVersionsInserted} artifact versions, ${r.patternsImported} patterns, ${r.experimentsImported} experiments.`,
      );
    } catch (err) {
      void vscode.window.showErrorMessage(`Kaizen: import failed — ${errorMessage(err)}`);
    }
  };
}

/** Writes generated sample calls into the workspace and imports them, so a new user sees Kaizen work. */
export function generateSamples(ctx: KaizenContext) {
  return async (countArg?: number) => {
    if (!requireTrust('Generate Sample Calls')) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showWarningMessage('Kaizen: open a folder first; the sample calls are written into it.');
      return undefined;
    }
    let count = countArg;
    if (count === undefined) {
      const answer = await vscode.window.showInputBox({
        title: 'Kaizen: Generate Sample Calls',
        prompt: 'How many calls? (fictional customer-service calls with planted patterns)',
        value: '2000',
        validateInput: (v) => (/^[1-9]\d{0,5}$/.test(v) ? undefined : 'a whole number from 1 to 999999'),
      });
      if (!answer) return undefined;
      count = Number(answer);
    }
    const { iterateSampleCalls } = loadEngine();
    // Not *.calls.jsonl: these are data to learn from, not recorded-call tests with expectations.
    const target = vscode.Uri.joinPath(folder.uri, 'kaizen-samples', `sample-${count}.jsonl`);
    const lines: string[] = [];
    // Seed 11: a different set from the bundled samples/acme-support.jsonl (seed 7), so both can be imported.
    for (const call of iterateSampleCalls({ count, seed: 11 })) for (const e of call.events) lines.push(JSON.stringify(e));
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${lines.join('\n')}\n`));
    ctx.log.info(`samples: wrote ${count} calls to ${target.fsPath}`);
    return vscode.commands.executeCommand('kaizen.importCalls', target);
  };
}
