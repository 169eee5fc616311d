import type { KaizenContext } from '../context';
import { errorMessage } from '../context';
import { loadEngine } from '../engine/load';
import { WebviewHost, openCallInEditor } from './webviewHost';

/** Experiment Statistics: one panel per window; shows the chosen (or first) experiment of the store. */
export class ExperimentPanel {
  private static current: ExperimentPanel | undefined;
  private readonly host: WebviewHost<'experiment'>;
  private selected: string | undefined;

  static show(ctx: KaizenContext, experimentId?: string): ExperimentPanel {
    const existing = ExperimentPanel.current;
    if (existing) {
      if (experimentId) existing.selected = experimentId;
      existing.host.panel.reveal();
      void existing.send();
      return existing;
    }
    ExperimentPanel.current = new ExperimentPanel(ctx, experimentId);
    return ExperimentPanel.current;
  }

  private constructor(
    private readonly ctx: KaizenContext,
    experimentId: string | undefined,
  ) {
    this.selected = experimentId;
    this.host = new WebviewHost(ctx, 'experiment', 'Kaizen: Experiment Statistics', {
      ready: () => this.send(),
      refresh: () => this.send(),
      selectExperiment: (m) => {
        this.selected = m.experimentId;
        return this.send();
      },
      openCall: openCallInEditor,
    });
    this.host.followStore(() => this.send());
    this.host.onClosed(() => (ExperimentPanel.current = undefined));
  }

  private async send(): Promise<void> {
    try {
      if (!(await this.ctx.engine.hasStore())) {
        await this.host.post({ type: 'experiment', data: null, experiments: [] });
        return;
      }
      const store = await this.ctx.engine.store();
      const experiments = await store.listExperiments();
      const e = experiments.find((x) => x.id === this.selected) ?? experiments[0];
      if (!e) {
        await this.host.post({ type: 'experiment', data: null, experiments: [] });
        return;
      }
      const { ExperimentService, buildExperimentView } = loadEngine();
      const service = new ExperimentService(store, this.ctx.ports.clock);
      const view = buildExperimentView(e, await service.analyze(e.id), await service.history(e.id));
      await this.host.post({ type: 'experiment', data: view, experiments: experiments.map((x) => ({ id: x.id, name: x.name })) });
    } catch (err) {
      await this.host.post({ type: 'error', message: `Could not analyze the experiment: ${errorMessage(err)}` });
    }
  }
}
