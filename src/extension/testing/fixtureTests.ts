import * as vscode from 'vscode';
import type { Fixture } from '../../engine/replay';
import type { CallResult } from '../../engine/replay';
import type { KaizenContext } from '../context';
import { errorMessage } from '../context';
import { loadEngine } from '../engine/load';

/**
 * Recorded calls as tests: every `*.calls.jsonl` in the workspace (setting kaizen.tests.fixtureGlob)
 * becomes a test file in Test Explorer with one test per call; running replays each call through the
 * engine (redact → analyze, src/engine/replay) and reports pass/fail with an expected/actual diff.
 */
export class FixtureTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('kaizen.recordedCalls', 'Kaizen recorded calls');
  private readonly fixtures = new Map<string, Fixture>();
  private readonly subs: vscode.Disposable[] = [];
  private watcher: vscode.FileSystemWatcher | undefined;

  constructor(private readonly ctx: KaizenContext) {
    // Discovery starts when Test Explorer first asks (resolveHandler with no item), not at activation.
    this.controller.resolveHandler = async (item) => {
      if (!item) {
        if (!this.watcher) this.watch();
        await this.discover();
      }
      else if (item.uri) await this.load(item.uri);
    };
    this.controller.refreshHandler = () => this.discover();
    this.controller.createRunProfile('Replay', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    this.subs.push(toVs(ctx.config.onDidChange(() => this.watcher && this.watch())));
  }

  private watch(): void {
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(this.ctx.config.settings['tests.fixtureGlob']);
    this.watcher.onDidCreate((u) => void this.load(u));
    this.watcher.onDidChange((u) => void this.load(u));
    this.watcher.onDidDelete((u) => {
      this.controller.items.delete(u.toString());
      this.fixtures.delete(u.toString());
    });
  }

  async discover(): Promise<void> {
    const files = await vscode.workspace.findFiles(this.ctx.config.settings['tests.fixtureGlob'], '**/node_modules/**', 2000);
    await Promise.all(files.map((f) => this.load(f)));
  }

  private async load(uri: vscode.Uri): Promise<Fixture | undefined> {
    const { loadFixture, sidecarPathFor } = loadEngine();
    const id = uri.toString();
    let file = this.controller.items.get(id);
    if (!file) {
      file = this.controller.createTestItem(id, vscode.workspace.asRelativePath(uri), uri);
      this.controller.items.add(file);
    }
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const sidecarUri = uri.with({ path: sidecarPathFor(uri.path) });
      let sidecar: string | undefined;
      try {
        sidecar = new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecarUri));
      } catch {
        sidecar = undefined;
      }
      // Kaizen JSONL, or any format `kaizen import` reads (expectations in the sidecar then).
      const fixture = await loadFixture(uri.fsPath, text, sidecar, this.ctx.ports.hashing);
      this.fixtures.set(id, fixture);
      const children = fixture.calls.map((c) => {
        const item = this.controller.createTestItem(`${id}#${c.callId}`, c.callId, uri);
        item.range = new vscode.Range(c.line, 0, c.line, 0);
        item.description = c.expectSource === 'none' ? 'no expectations' : Object.keys(c.expect).join(', ');
        return item;
      });
      file.children.replace(children);
      file.error = fixture.problems.length > 0 ? new vscode.MarkdownString(fixture.problems.map((p) => `line ${p.line + 1}: ${p.message}`).join('\n\n')) : undefined;
      return fixture;
    } catch (err) {
      file.children.replace([]);
      file.error = errorMessage(err);
      return undefined;
    }
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const queue: vscode.TestItem[] = [];
    if (request.include) queue.push(...request.include);
    else this.controller.items.forEach((i) => queue.push(i));
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    // Group the requested calls by fixture file.
    const byFile = new Map<string, { file: vscode.TestItem; calls: vscode.TestItem[] }>();
    for (const item of queue) {
      if (excluded.has(item.id)) continue;
      const fileId = item.id.split('#')[0]!;
      const file = this.controller.items.get(fileId);
      if (!file) continue;
      const entry = byFile.get(fileId) ?? { file, calls: [] };
      if (item.id === fileId) file.children.forEach((c) => void (!excluded.has(c.id) && entry.calls.push(c)));
      else entry.calls.push(item);
      byFile.set(fileId, entry);
    }
    try {
      if (!vscode.workspace.isTrusted) {
        for (const { calls } of byFile.values()) for (const c of calls) run.errored(c, new vscode.TestMessage('Replaying recorded calls runs the engine on workspace files; trust this workspace to run them.'));
        return;
      }
      const { replayFixture } = loadEngine();
      const [redactor, knownFingerprints, avoidanceRules] = await Promise.all([this.ctx.engine.redactor(), this.ctx.engine.knownFingerprints(), this.ctx.engine.avoidanceRules()]);
      const hash = (text: string) => this.ctx.ports.hashing.sha256(text);
      for (const [fileId, { file, calls }] of byFile) {
        if (token.isCancellationRequested) break;
        const fixture = this.fixtures.get(fileId) ?? (file.uri ? await this.load(file.uri) : undefined);
        if (!fixture) {
          for (const c of calls) run.errored(c, new vscode.TestMessage(typeof file.error === 'string' ? file.error : 'the fixture could not be read'));
          continue;
        }
        for (const c of calls) run.started(c);
        const wanted = new Set(calls.map((c) => c.id.slice(fileId.length + 1)));
        const result = replayFixture(fixture, { redactor, knownFingerprints, hash, avoidanceRules }, { callIds: wanted });
        const byCall = new Map(result.calls.map((r) => [r.callId, r]));
        for (const c of calls) this.report(run, c, byCall.get(c.id.slice(fileId.length + 1)));
      }
    } catch (err) {
      this.ctx.log.error(`tests: ${errorMessage(err)}`);
      for (const { calls } of byFile.values()) for (const c of calls) run.errored(c, new vscode.TestMessage(errorMessage(err)));
    } finally {
      run.end();
    }
  }

  private report(run: vscode.TestRun, item: vscode.TestItem, r: CallResult | undefined): void {
    if (!r) {
      run.skipped(item);
      return;
    }
    const location = item.uri && item.range ? new vscode.Location(item.uri, item.range) : undefined;
    switch (r.status) {
      case 'passed':
        run.passed(item, r.durationMs);
        break;
      case 'skipped':
        run.appendOutput(`${r.callId}: no expectations (add an "expect" object to its call.started line or a sidecar .expect.json)\r\n`, location, item);
        run.skipped(item);
        break;
      case 'errored':
        run.errored(item, new vscode.TestMessage(r.error ?? 'replay failed'), r.durationMs);
        break;
      case 'failed': {
        const messages = r.checks
          .filter((k) => !k.ok)
          .map((k) => {
            const m = vscode.TestMessage.diff(k.message, k.expected, k.actual);
            if (location) m.location = location;
            return m;
          });
        run.failed(item, messages, r.durationMs);
        break;
      }
    }
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const s of this.subs.splice(0)) s.dispose();
    this.controller.dispose();
  }
}

function toVs(d: { dispose(): void }): vscode.Disposable {
  return new vscode.Disposable(() => d.dispose());
}
