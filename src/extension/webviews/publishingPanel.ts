import * as vscode from 'vscode';
import type { PublishTarget } from '../../engine/realtime';
import type { LearningArtifact } from '../../engine/model';
import type { HubView, PublishTargetForm, PublishingView } from '../../shared/publishingProtocol';
import { SecretKeys } from '../../shared/secretKeys';
import { workspaceSigningKey } from '../commands/signingKey';
import type { KaizenContext } from '../context';
import { errorMessage } from '../context';
import { loadEngine } from '../engine/load';
import { WebviewHost, openCallInEditor } from './webviewHost';

const TARGET_STATE = 'kaizen.publishing.target';
const HUB_STATE = 'kaizen.publishing.hub';
const KEY_FOR = { vapi: SecretKeys.vapiApiKey, retell: SecretKeys.retellApiKey, kaizen: SecretKeys.kaizenEndpointKey } as const;
const ENV_FOR = { vapi: 'VAPI_API_KEY', retell: 'RETELL_API_KEY', kaizen: 'KAIZEN_ENDPOINT_KEY' } as const;

/**
 * Publishing: an approved artifact → its gates (privacy validator, minimum evidence, experiment
 * verdict) → a target (Kaizen endpoint, Vapi assistant, Retell agent) → one click → the version live,
 * with the publication history and one-click rollback. Every transition is journaled by the engine.
 */
export class PublishingPanel {
  private static current: PublishingPanel | undefined;
  private readonly host: WebviewHost<'publishing'>;

  static show(ctx: KaizenContext): PublishingPanel {
    if (PublishingPanel.current) {
      PublishingPanel.current.host.panel.reveal();
      void PublishingPanel.current.send();
      return PublishingPanel.current;
    }
    PublishingPanel.current = new PublishingPanel(ctx);
    return PublishingPanel.current;
  }

  private constructor(private readonly ctx: KaizenContext) {
    this.host = new WebviewHost(ctx, 'publishing', 'Kaizen: Publishing', {
      ready: () => this.send(),
      refresh: () => this.send(),
      openCall: openCallInEditor,
      approveArtifact: (m) => this.guard(m.artifactId, async () => {
        const { approveArtifact } = loadEngine();
        const a = await approveArtifact(await ctx.engine.store(), ctx.ports, m.artifactId);
        await this.host.post({ type: 'published', artifactId: m.artifactId, liveVersion: '', action: 'approved', message: `Approved ${m.artifactId} (v${a.version}).` });
      }),
      publishArtifact: (m) => this.guard(m.artifactId, async () => {
        const { publishArtifact, publisherFor, nodeHttpClient } = loadEngine();
        const target = await this.target(m.target);
        const out = await publishArtifact(await ctx.engine.store(), ctx.ports, publisherFor(nodeHttpClient, target), target, m.artifactId, { validator: await this.validator() });
        const failed = out.gates.filter((g) => !g.ok);
        await this.host.post(
          out.publication
            ? { type: 'published', artifactId: m.artifactId, liveVersion: out.publication.liveVersion, action: 'published', message: `Live on ${target.kind} as version ${out.publication.liveVersion}.` }
            : { type: 'published', artifactId: m.artifactId, liveVersion: '', action: 'refused', message: `Not published: ${failed.map((g) => `${g.name} (${g.detail})`).join('; ')}` },
        );
      }),
      rollbackArtifact: (m) => this.guard(m.artifactId, async () => {
        const { rollbackArtifact, publisherFor, nodeHttpClient } = loadEngine();
        const target = await this.target(m.target);
        const p = await rollbackArtifact(await ctx.engine.store(), ctx.ports, publisherFor(nodeHttpClient, target), target, m.artifactId);
        await this.host.post({ type: 'published', artifactId: m.artifactId, liveVersion: p.liveVersion, action: 'rolled-back', message: `Rolled back: ${target.kind} version ${p.liveVersion} is live.` });
      }),
      signForHub: (m) => this.guard(m.artifactId, async () => {
        const message = await this.signForHub(m.artifactId);
        await this.host.post({ type: 'published', artifactId: m.artifactId, liveVersion: '', action: 'approved', message });
      }),
      setHub: async (m) => {
        await ctx.extension.workspaceState.update(HUB_STATE, m.url.trim() || undefined);
        await this.send();
      },
    });
    this.host.followStore(() => this.send());
    this.host.onClosed(() => (PublishingPanel.current = undefined));
  }

  /** The compliance validator under the workspace policy (the same gate the store applies to learned data). */
  private async validator() {
    const { createComplianceValidator } = loadEngine();
    return createComplianceValidator({ policy: await this.ctx.engine.policy() });
  }

  /** The form's target plus its API key (SecretStorage, else the environment, else asked once with a password box). */
  private async target(form: PublishTargetForm): Promise<PublishTarget> {
    await this.ctx.extension.workspaceState.update(TARGET_STATE, form);
    let apiKey = (await this.ctx.extension.secrets.get(KEY_FOR[form.kind])) ?? process.env[ENV_FOR[form.kind]];
    if (!apiKey && form.kind !== 'kaizen') {
      apiKey = await vscode.window.showInputBox({ title: `Kaizen: ${form.kind} API key`, prompt: 'Stored in SecretStorage only', password: true, ignoreFocusOut: true });
      if (!apiKey) throw new Error(`publishing to ${form.kind} needs its API key`);
      await this.ctx.extension.secrets.store(KEY_FOR[form.kind], apiKey);
    }
    return { ...form, apiKey };
  }

  /**
   * Each artifact's standing on the watched hub: its envelope's content hash (the payload `kaizen artifact
   * pack` signs), then GET /v1/artifacts/<hash> for signers, quorum and agents applied.
   */
  private async hubView(artifacts: readonly LearningArtifact[]): Promise<HubView | undefined> {
    const url = this.ctx.extension.workspaceState.get<string>(HUB_STATE);
    if (!url) return undefined;
    const { contentHash, sharedArtifactPayload, nodeHttpClient } = loadEngine();
    const base = url.replace(/\/+$/, '').replace(/^ws(s?):/, 'http$1:');
    const view: HubView = { url: base, reachable: true, quorum: null, artifacts: [] };
    try {
      const info = await nodeHttpClient.request({ method: 'GET', url: `${base}/v1/hub` });
      view.quorum = (info.json as { quorum?: number } | undefined)?.quorum ?? null;
      for (const a of artifacts.slice(0, 50)) {
        const hash = contentHash(sharedArtifactPayload(a), this.ctx.ports.hashing);
        const res = await nodeHttpClient.request({ method: 'GET', url: `${base}/v1/artifacts/${hash}` });
        const body = res.json as { status?: HubView['artifacts'][number]['status']; signers?: string[]; applied?: string[]; quorum?: number };
        view.artifacts.push({ artifactId: a.artifactId, version: a.version, hash, status: res.status === 200 && body.status ? body.status : 'not-submitted', signers: body.signers ?? [], applied: body.applied ?? [] });
      }
    } catch (err) {
      return { ...view, reachable: false, message: `hub not reachable: ${errorMessage(err)}` };
    }
    return view;
  }

  /** Submits the artifact's envelope signed by this workspace, or adds this workspace's signature when the hub has it. */
  private async signForHub(artifactId: string): Promise<string> {
    const url = this.ctx.extension.workspaceState.get<string>(HUB_STATE);
    if (!url) throw new Error('watch a hub first (its http URL)');
    const { packEnvelope, sharedArtifactPayload, signPayload, nodeHttpClient } = loadEngine();
    const a = await (await this.ctx.engine.store()).getArtifact(artifactId);
    if (!a) throw new Error(`no artifact ${artifactId}`);
    const report = (await this.validator()).validate(sharedArtifactPayload(a), 'payload');
    if (!report.ok) throw new Error(`not shared: ${report.findings[0]!.field} looks like PII (${report.findings[0]!.entityType})`);
    const key = await workspaceSigningKey(this.ctx);
    const crypto = { hashing: this.ctx.ports.hashing, ed25519: this.ctx.ports.ed25519! };
    const envelope = packEnvelope(sharedArtifactPayload(a), key, crypto);
    const base = url.replace(/\/+$/, '').replace(/^ws(s?):/, 'http$1:');
    const known = await nodeHttpClient.request({ method: 'GET', url: `${base}/v1/artifacts/${envelope.hash}` });
    const res =
      known.status === 200
        ? await nodeHttpClient.request({ method: 'POST', url: `${base}/v1/artifacts/${envelope.hash}/signatures`, body: signPayload(envelope.payload, key, crypto) })
        : await nodeHttpClient.request({ method: 'POST', url: `${base}/v1/artifacts`, body: envelope });
    const body = res.json as { status?: string; signers?: string[]; quorum?: number; error?: { field: string; reason: string } };
    if (res.status >= 400) throw new Error(`the hub refused it: ${body.error?.field ?? '?'}: ${body.error?.reason ?? res.status}`);
    return `${artifactId} v${a.version} on the hub: ${body.status} (${body.signers?.length ?? 0} of ${body.quorum ?? '?'} signers).`;
  }

  private async guard(artifactId: string, work: () => Promise<void>): Promise<void> {
    await this.host.post({ type: 'busy', busy: true, message: artifactId });
    try {
      await work();
      await (await this.ctx.engine.store()).save();
    } catch (err) {
      this.ctx.log.error(`publishing ${artifactId}: ${errorMessage(err)}`);
      await this.host.post({ type: 'error', message: errorMessage(err) });
    } finally {
      await this.host.post({ type: 'busy', busy: false });
      this.ctx.engine.refresh();
    }
  }

  private async send(): Promise<void> {
    try {
      const target = this.ctx.extension.workspaceState.get<Partial<PublishTargetForm>>(TARGET_STATE);
      if (!(await this.ctx.engine.hasStore())) {
        await this.host.post({ type: 'publishing', data: { artifacts: [], history: [], target, hub: await this.hubView([]) } });
        return;
      }
      const { artifactText, publicationHistory, publishingGates } = loadEngine();
      const store = await this.ctx.engine.store();
      const validator = await this.validator();
      const artifacts = (await store.listArtifacts()).filter((a) => ['prompt', 'prompt-enhancement', 'tool-pattern', 'avoidance-rule', 'strategy', 'template'].includes(a.payload.kind));
      const data: PublishingView = {
        artifacts: await Promise.all(
          artifacts.slice(0, 200).map(async (a) => ({
            artifactId: a.artifactId,
            version: a.version,
            status: a.status,
            kind: a.payload.kind,
            title: a.title,
            text: artifactText(a),
            gates: await publishingGates(store, a, { validator }),
          })),
        ),
        history: (await publicationHistory(store)).map((p) => ({ artifactId: p.artifactId, artifactVersion: p.artifactVersion, target: p.target, liveVersion: p.liveVersion, action: p.action, ts: p.ts })),
        target,
        hub: await this.hubView(artifacts),
      };
      await this.host.post({ type: 'publishing', data });
    } catch (err) {
      await this.host.post({ type: 'error', message: `Could not load artifacts: ${errorMessage(err)}` });
    }
  }
}
