import '../shared/zodConfig';
import baseCss from '../shared/base.css';
import css from './style.css';
import type { PublishTargetForm, PublishingView } from '../../shared/publishingProtocol';
import { adoptStyles, clear, h, resultLine } from '../shared/dom';
import { publishingProtocol } from '../../shared/publishingProtocol';
import { createIpc, messageReceivedAt } from '../shared/ipc';

const { connect, post } = createIpc(publishingProtocol);

adoptStyles(baseCss, css);

const root = document.getElementById('app')!;
let view: PublishingView = { artifacts: [], history: [] };
let firstPaintReported = false;
let busy = false;
/** The last outcome shown; kept across re-renders (a publish is followed by fresh data). */
const result = resultLine();

function field(label: string, id: string, value: string | undefined, placeholder: string): HTMLElement[] {
  const input = h('input', { id, type: 'text', value: value ?? '', placeholder, 'aria-label': label });
  return [h('label', { for: id }, label), input];
}

function readTarget(): PublishTargetForm {
  const get = (id: string) => ((document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '').trim() || undefined;
  return {
    kind: (get('target-kind') ?? 'kaizen') as PublishTargetForm['kind'],
    url: get('target-url') ?? '',
    assistantId: get('target-assistant'),
    agentId: get('target-agent'),
    llmId: get('target-llm'),
    phoneNumber: get('target-phone'),
  };
}

function targetForm(): HTMLElement {
  const t = view.target ?? {};
  const kind = h('select', { id: 'target-kind', 'aria-label': 'Target' }, ...(['kaizen', 'vapi', 'retell'] as const).map((k) => h('option', { value: k, selected: k === (t.kind ?? 'vapi') }, k === 'kaizen' ? 'Kaizen endpoint' : k === 'vapi' ? 'Vapi assistant' : 'Retell agent')));
  return h(
    'section',
    {},
    h('h2', {}, 'Target'),
    h(
      'div',
      { class: 'target' },
      h('label', { for: 'target-kind' }, 'Platform'),
      kind,
      ...field('API URL', 'target-url', t.url, 'https://api.vapi.ai, https://api.retellai.com or the http URL of kaizen serve'),
      ...field('Vapi assistant id', 'target-assistant', t.assistantId, 'asst_…'),
      ...field('Retell agent id', 'target-agent', t.agentId, 'agent_…'),
      ...field('Retell LLM id', 'target-llm', t.llmId, 'llm_…'),
      ...field('Retell phone number', 'target-phone', t.phoneNumber, '+1…'),
    ),
  );
}

function artifactCard(a: PublishingView['artifacts'][number], index: number): HTMLElement {
  const allOk = a.gates.every((g) => g.ok);
  const approve = h('button', { class: 'approve', disabled: busy || a.status !== 'draft' }, 'Approve');
  approve.addEventListener('click', () => post({ type: 'approveArtifact', artifactId: a.artifactId }));
  const publish = h('button', { class: 'publish', disabled: busy || !allOk, title: allOk ? 'Publish to the target' : 'Every gate must pass' }, 'Publish');
  publish.addEventListener('click', () => post({ type: 'publishArtifact', artifactId: a.artifactId, target: readTarget() }));
  const live = view.history.filter((p) => p.artifactId === a.artifactId);
  const rollback = h('button', { class: 'rollback', disabled: busy || live.length === 0 }, 'Roll back');
  rollback.addEventListener('click', () => post({ type: 'rollbackArtifact', artifactId: a.artifactId, target: readTarget() }));
  return h(
    'article',
    { class: 'artifact', id: `artifact-${index}`, 'data-artifact-id': a.artifactId },
    h('h2', {}, a.title || a.artifactId, h('span', { class: 'muted' }, ` · ${a.kind} · v${a.version} · `), h('span', { class: 'status' }, a.status)),
    h('pre', {}, a.text),
    h('ul', { class: 'gates' }, ...a.gates.map((g) => h('li', { class: g.ok ? 'ok' : 'bad', 'data-gate': g.name }, `${g.name}: ${g.detail}`))),
    h('div', { class: 'actions' }, approve, publish, rollback),
  );
}

function history(): HTMLElement {
  if (view.history.length === 0) return h('p', { class: 'muted', id: 'history' }, 'Nothing published yet.');
  return h(
    'table',
    { class: 'history', id: 'history' },
    h('tr', {}, ...['When', 'Artifact', 'Action', 'Target', 'Live version'].map((t) => h('th', { scope: 'col' }, t))),
    ...[...view.history].reverse().map((p) => h('tr', {}, h('td', {}, new Date(p.ts).toISOString().replace('T', ' ').slice(0, 19)), h('td', {}, `${p.artifactId} v${p.artifactVersion}`), h('td', {}, p.action), h('td', {}, p.target), h('td', { class: 'live-version' }, p.liveVersion))),
  );
}

function signButton(a: NonNullable<PublishingView['hub']>['artifacts'][number]): HTMLElement {
  const open = a.status === 'not-submitted' || a.status === 'pending';
  const b = h('button', { class: 'hub-sign', disabled: busy || !open, title: 'Sign with this workspace\'s key (SecretStorage) and send to the hub' }, a.status === 'not-submitted' ? 'Sign & submit' : 'Sign');
  b.addEventListener('click', () => post({ type: 'signForHub', artifactId: a.artifactId }));
  return b;
}

/** The collective hub: signers against the quorum and the agents that applied each artifact. */
function hubSection(): HTMLElement {
  const hub = view.hub;
  const input = h('input', { id: 'hub-url', type: 'text', value: hub?.url ?? '', placeholder: 'http URL of kaizen serve --hub', 'aria-label': 'Hub URL' });
  const watch = h('button', { id: 'hub-watch', disabled: busy }, hub ? 'Refresh' : 'Watch');
  watch.addEventListener('click', () => post({ type: 'setHub', url: (input as HTMLInputElement).value }));
  const head = h('div', { class: 'target' }, h('label', { for: 'hub-url' }, 'Hub'), input, watch);
  if (!hub) return h('section', { id: 'hub' }, h('h2', {}, 'Collective hub'), head, h('p', { class: 'muted' }, 'Watch a hub to see each artifact\'s signers, the quorum and the agents that applied it.'));
  if (!hub.reachable) return h('section', { id: 'hub' }, h('h2', {}, 'Collective hub'), head, h('p', { class: 'error', id: 'hub-message' }, hub.message ?? 'not reachable'));
  const quorum = hub.quorum ?? 0;
  return h(
    'section',
    { id: 'hub' },
    h('h2', {}, 'Collective hub', h('span', { class: 'muted', id: 'hub-quorum' }, ` · quorum ${quorum}`)),
    head,
    h(
      'table',
      { class: 'history', id: 'hub-artifacts' },
      h('tr', {}, ...['Artifact', 'Status', 'Signers', 'Agents applied', ''].map((t) => h('th', { scope: 'col' }, t))),
      ...hub.artifacts.map((a) =>
        h(
          'tr',
          { 'data-artifact-id': a.artifactId, 'data-hash': a.hash },
          h('td', {}, `${a.artifactId} v${a.version}`),
          h('td', { class: 'hub-status' }, a.status),
          h('td', { class: 'hub-signers', title: a.signers.join(', ') }, `${a.signers.length} of ${quorum}${a.signers.length ? `: ${a.signers.join(', ')}` : ''}`),
          h('td', { class: 'hub-applied', title: a.applied.join(', ') }, `${a.applied.length}${a.applied.length ? `: ${a.applied.slice(0, 8).join(', ')}${a.applied.length > 8 ? ', …' : ''}` : ''}`),
          h('td', {}, signButton(a)),
        ),
      ),
    ),
  );
}

function render(): void {
  const keep = view.artifacts.length ? readTargetSafe() : undefined;
  clear(root);
  root.append(h('h1', {}, 'Publishing'), result.element(), targetForm());
  if (keep) restoreTarget(keep);
  if (view.artifacts.length === 0) root.append(h('p', { class: 'empty', id: 'empty-state' }, 'No artifacts yet — run Kaizen: Analyze to learn some, or save a prompt artifact.'));
  root.append(h('h2', {}, 'Artifacts'), ...view.artifacts.map(artifactCard), h('h2', {}, 'History'), history(), hubSection());
}

function readTargetSafe(): PublishTargetForm | undefined {
  return document.getElementById('target-kind') ? readTarget() : undefined;
}

function restoreTarget(t: PublishTargetForm): void {
  const set = (id: string, v: string | undefined) => {
    const el = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
    if (el && v !== undefined) el.value = v;
  };
  set('target-kind', t.kind);
  set('target-url', t.url);
  set('target-assistant', t.assistantId);
  set('target-agent', t.agentId);
  set('target-llm', t.llmId);
  set('target-phone', t.phoneNumber);
}

connect({
  publishing: (m) => {
    view = m.data;
    render();
    if (!firstPaintReported) {
      firstPaintReported = true;
      post({ type: 'rendered', app: 'publishing', firstPaintMs: performance.now() - messageReceivedAt(), rows: view.artifacts.length });
    }
  },
  published: (m) => result.show(m.message, m.action === 'refused' && m.message.startsWith('Not published')),
  error: (m) => result.show(m.message, true),
  busy: (m) => {
    busy = m.busy;
    for (const b of document.querySelectorAll('button')) (b as HTMLButtonElement).disabled = busy || b.hasAttribute('data-off');
    if (!m.busy) post({ type: 'refresh' });
  },
});
