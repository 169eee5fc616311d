import type { KaizenContext } from '../context';
import { errorMessage } from '../context';
import { loadEngine } from '../engine/load';
import { WebviewHost, openCallInEditor } from './webviewHost';

/** The calls the KPIs are computed over (the engine's call facts). */
type CallFacts = Parameters<ReturnType<typeof loadEngine>['computeKpis']>[0];

/**
 * The KPI dashboard: the store's KPIs per prompt version, month and agent (the rows of
 * `kaizen analytics kpis`), recomputed whenever the store changes (import, live calls, analyze).
 */
export class DashboardPanel {
  private static current: DashboardPanel | undefined;
  private readonly host: WebviewHost<'dashboard'>;
  /** One computation at a time; a change during one asks for one more, not one per event. */
  private running: Promise<void> | undefined;
  private again = false;

  /** Set while the panel shows a simulated fleet: store changes do not replace it until "Show my store". */
  private showingSimulation = false;
  private simulating = false;

  /** Opens the dashboard on a simulated fleet run, month by month as the loop learns (nothing is stored). */
  static simulate(ctx: KaizenContext): DashboardPanel {
    const panel = DashboardPanel.show(ctx);
    void panel.runSimulation();
    return panel;
  }

  static show(ctx: KaizenContext): DashboardPanel {
    const existing = DashboardPanel.current;
    if (existing) {
      existing.host.panel.reveal();
      void existing.send();
      return existing;
    }
    DashboardPanel.current = new DashboardPanel(ctx);
    return DashboardPanel.current;
  }

  private constructor(private readonly ctx: KaizenContext) {
    this.host = new WebviewHost(ctx, 'dashboard', 'Kaizen: Dashboard', {
      ready: () => this.send(),
      refresh: () => {
        this.showingSimulation = false;
        return this.send();
      },
      openCall: openCallInEditor,
    });
    this.host.followStore(() => this.send());
    this.host.onClosed(() => (DashboardPanel.current = undefined));
  }

  private send(): Promise<void> {
    if (this.showingSimulation) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.compute().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.send();
      }
    });
    return this.running;
  }

  private async runSimulation(): Promise<void> {
    if (this.simulating) return;
    this.simulating = true;
    this.showingSimulation = true;
    try {
      const { simulateFleet } = loadEngine();
      const months = simulateFleet({ seed: 1, agents: 4, months: 6, callsPerAgentMonth: 500, ports: this.ctx.ports, onLog: (line) => this.ctx.log.info(`simulate: ${line}`) });
      const facts: CallFacts[number][] = [];
      for (;;) {
        // A turn of the event loop between months keeps the window responsive while the fleet runs.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const step = await months.next();
        if (step.done) break;
        facts.push(...step.value.facts);
        if (!this.showingSimulation) return;
        await this.host.post({ type: 'kpis', data: { source: 'simulation', ...this.kpis(facts) } });
      }
    } catch (err) {
      await this.host.post({ type: 'error', message: `The simulation failed: ${errorMessage(err)}` });
    } finally {
      this.simulating = false;
    }
  }

  /** The KPIs the panel shows, per prompt version, month and agent, over these calls. */
  private kpis(facts: CallFacts) {
    const { computeKpis } = loadEngine();
    return {
      totalCalls: facts.length,
      computedAt: this.ctx.ports.clock.now(),
      byVersion: computeKpis(facts, 'prompt-version'),
      byMonth: computeKpis(facts, 'month'),
      byAgent: computeKpis(facts, 'agent'),
    };
  }

  private async compute(): Promise<void> {
    try {
      if (!(await this.ctx.engine.hasStore())) {
        await this.host.post({ type: 'kpis', data: null });
        return;
      }
      const store = await this.ctx.engine.store();
      const { loadCallFacts } = loadEngine();
      const facts = await loadCallFacts(store);
      // A simulation may have started while the store was being read; its view wins until "Show my store".
      if (this.showingSimulation) return;
      await this.host.post({ type: 'kpis', data: this.kpis(facts) });
    } catch (err) {
      if (this.showingSimulation) return;
      await this.host.post({ type: 'error', message: `Could not compute the KPIs: ${errorMessage(err)}` });
    }
  }
}
