import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Event } from '../../engine/lifecycle';
import { Emitter } from '../../engine/lifecycle';
import type { LiveClient, LiveStatus, LiveSummary } from '../../engine/realtime';
import type { EnginePorts } from '../../engine/ports';
import type { LiveSession as EngineLiveSession } from '../../engine/workspace';
import type { EngineService } from '../engine/engineService';
import { errorMessage } from '../context';
import { loadEngine } from '../engine/load';

export interface LiveState {
  status: LiveStatus | 'disconnected';
  url?: string;
  eventsPerSecond: number;
  corrections: number;
  summary?: LiveSummary;
}

/**
 * One live connection to an agent endpoint per window: events stream into the store (redacted, as on
 * import), corrections go back, and the Calls view, the status bar and the "Kaizen Live" output channel
 * follow along. The engine's LiveClient does the work; this class only wires it to VS Code.
 */
export class LiveSession implements vscode.Disposable {
  private client: LiveClient | undefined;
  private session: EngineLiveSession | undefined;
  private readonly output = vscode.window.createOutputChannel('Kaizen Live', { log: true });
  private readonly changed = new Emitter<LiveState>();
  readonly onDidChange: Event<LiveState> = this.changed.event;
  private _state: LiveState = { status: 'disconnected', eventsPerSecond: 0, corrections: 0 };
  private arrivals: number[] = [];
  private ticker: ReturnType<typeof setInterval> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: { engine: EngineService; ports: EnginePorts }) {}

  get state(): LiveState {
    return this._state;
  }

  private update(patch: Partial<LiveState>): void {
    this._state = { ...this._state, ...patch };
    this.changed.fire(this._state);
  }

  /** Connects (replacing any earlier connection); resolves once the client runs, not when it ends. */
  async connect(url: string): Promise<void> {
    await this.disconnect();
    const user = await this.userRules();
    // Composed by the workspace as `kaizen live` composes it: the user's rules, then what the store learned
    // (avoidance rules, the analysis' (intent, situation, move) patterns in its own vocabulary, tool
    // orders); redaction runs in the worker thread, never on the extension host's thread.
    let learned = { rules: 0, patterns: 0, avoidance: 0 };
    const session = await this.ctx.engine.live({
      url,
      userRules: user,
      logger: this.ctx.ports.logger,
      onRelearned: (r) => (learned = { rules: r.rules, patterns: r.patternRules, avoidance: r.avoidanceRules }),
      onStatus: (status) => {
        this.output.info(`status: ${status}`);
        this.update({ status });
      },
      onStored: () => {
        this.arrivals.push(Date.now());
        this.scheduleRefresh();
      },
      onCorrection: (c, status, rtt) => {
        if (status === 'sent') this.update({ corrections: this._state.corrections + 1 });
        this.output.info(`correction ${status}: ${c.callId} ← "${c.text}"${rtt !== undefined ? ` (round trip ${rtt.toFixed(1)} ms)` : ''}`);
      },
    });
    this.output.info(`connecting to ${url} with ${learned.rules} correction rules (${learned.patterns} from patterns, ${learned.avoidance} avoidance rules)`);
    const client = session.client;
    this.client = client;
    this.update({ status: 'connecting', url, corrections: 0, eventsPerSecond: 0 });
    this.ticker = setInterval(() => this.tick(), 1000);
    this.session = session;
    void session.run().then(
      (summary) => this.ended(summary),
      (err: unknown) => {
        this.output.error(`stopped: ${errorMessage(err)}`);
        this.ended(client.summary());
      },
    );
  }

  async disconnect(): Promise<void> {
    const session = this.session;
    this.client = undefined;
    this.session = undefined;
    if (session) this.ended(await session.stop());
  }

  private ended(summary: LiveSummary): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.output.info(`summary: ${JSON.stringify(summary)}`);
    this.update({ status: 'disconnected', summary, eventsPerSecond: 0 });
    this.ctx.engine.refresh();
  }

  /** Events per second over the last second; latencies to the output channel every 5 s. */
  private tick(): void {
    const now = Date.now();
    this.arrivals = this.arrivals.filter((t) => now - t < 1000);
    const summary = this.client?.summary();
    this.update({ eventsPerSecond: this.arrivals.length, summary });
    if (summary && Math.floor(now / 1000) % 5 === 0) {
      this.output.info(
        `events ${summary.stored} stored / ${summary.received} received · decision p50 ${summary.decisionMs.p50} ms p99 ${summary.decisionMs.p99} ms · correction round trip p50 ${summary.roundTripMs.p50} ms p99 ${summary.roundTripMs.p99} ms`,
      );
    }
  }

  /** The Calls view follows live calls, refreshed at most twice a second. */
  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.ctx.engine.refresh();
    }, 500);
  }

  /** User-written rules from `.kaizen/rules.json` beside the store, when there is one. */
  private async userRules() {
    const engine = loadEngine();
    const file = path.join(path.dirname(this.ctx.engine.storePath), 'rules.json');
    if (!(await this.ctx.ports.fs.exists(file))) return [];
    try {
      const json: unknown = JSON.parse(new TextDecoder().decode(await this.ctx.ports.fs.readFile(file)));
      return engine.userRules(engine.UserRulesFileSchema.parse(json).rules);
    } catch (err) {
      void vscode.window.showWarningMessage(`Kaizen: ${file} was not used: ${errorMessage(err)}`);
      return [];
    }
  }

  dispose(): void {
    void this.disconnect();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.changed.dispose();
    this.output.dispose();
  }
}
