import '../shared/zodConfig';
import baseCss from '../shared/base.css';
import css from './style.css';
import type { PromptDiffProposal, PromptDiffView } from '../../shared/promptDiffProtocol';
import { adoptStyles, clear, h, resultLine } from '../shared/dom';
import { promptDiffProtocol } from '../../shared/promptDiffProtocol';
import { createIpc, messageReceivedAt } from '../shared/ipc';

const { connect, post } = createIpc(promptDiffProtocol);

adoptStyles(baseCss, css);

const root = document.getElementById('app')!;
let view: PromptDiffView = { target: null, proposals: [] };
let firstPaintReported = false;
let busy = false;
/** Proposals the designer opened for editing (UI state only; the text lives in the textarea). */
const editing = new Set<string>();
const result = resultLine();

function patchView(patch: string): HTMLElement {
  return h('pre', { class: 'patch' }, ...patch.split('\n').map((l) => h('span', { class: l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : undefined }, `${l}\n`)));
}

function card(p: PromptDiffProposal, index: number): HTMLElement {
  const ok = p.gates.every((g) => g.passed);
  const isEditing = editing.has(p.id);
  const openDiff = h('button', { class: 'open-diff', disabled: busy }, 'Open in diff editor');
  openDiff.addEventListener('click', () => post({ type: 'openDiff', proposalId: p.id }));
  const edit = h('button', { class: 'edit', disabled: busy || !ok }, isEditing ? 'Discard edit' : 'Edit');
  edit.addEventListener('click', () => {
    if (isEditing) editing.delete(p.id);
    else editing.add(p.id);
    render();
  });
  const accept = h('button', { class: 'accept', disabled: busy || !ok, title: ok ? 'Accept: a versioned prompt-enhancement artifact' : 'Every gate must pass' }, isEditing ? 'Accept edit' : 'Accept');
  accept.addEventListener('click', () => {
    const area = document.getElementById(`edit-${index}`) as HTMLTextAreaElement | null;
    post(area ? { type: 'accept', proposalId: p.id, editedText: area.value } : { type: 'accept', proposalId: p.id });
  });
  const reason = h('input', { id: `reason-${index}`, class: 'reason', type: 'text', placeholder: 'Why not?', 'aria-label': 'Reason for rejecting' });
  const reject = h('button', { class: 'reject', disabled: busy }, 'Reject');
  reject.addEventListener('click', () => {
    const text = (reason as HTMLInputElement).value.trim();
    if (!text) return result.show('Give a reason to reject: it is journaled with the decision.', true);
    post({ type: 'reject', proposalId: p.id, reason: text });
  });
  return h(
    'article',
    { class: 'proposal', id: `proposal-${index}`, 'data-proposal-id': p.id },
    h('h2', {}, p.section, h('span', { class: 'muted' }, ` · ${p.id} · ${ok ? 'ready' : 'blocked by a gate'}`)),
    h('p', { class: 'hypothesis' }, p.hypothesis),
    h('ul', { class: 'gates' }, ...p.gates.map((g) => h('li', { class: g.passed ? 'ok' : 'bad', 'data-gate': g.name }, `${g.name}: ${g.reason}`))),
    isEditing ? h('textarea', { id: `edit-${index}`, class: 'editor', 'aria-label': 'Proposed prompt (editable)', spellcheck: false }, p.proposedText) : patchView(p.patch),
    h('div', { class: 'actions' }, openDiff, edit, accept, reason, reject),
  );
}

function acceptedBox(): HTMLElement[] {
  const a = view.accepted;
  if (!a) return [];
  const create = h('button', { class: 'create-experiment', disabled: busy || a.experimentId !== undefined }, a.experimentId ? `Draft experiment ${a.experimentId}` : 'Create draft experiment');
  create.addEventListener('click', () => post({ type: 'createExperiment', proposalId: a.proposalId }));
  return [
    h(
      'section',
      { id: 'accepted' },
      h('h2', {}, 'Accepted'),
      h('p', {}, `${a.proposalId} → `, h('code', { class: 'artifact-ref' }, `${a.artifact.id} v${a.artifact.version}`), ` (${a.artifact.status}, sha-256 ${a.artifact.hash.slice(0, 12)}…)`),
      create,
    ),
  ];
}

function render(): void {
  clear(root);
  const choose = h('button', { class: 'choose', disabled: busy }, 'Choose prompt file…');
  choose.addEventListener('click', () => post({ type: 'choosePrompt' }));
  root.append(
    h('h1', {}, 'Prompt Diff'),
    h('p', {}, view.target ? h('code', { id: 'target' }, view.target) : h('span', { class: 'muted' }, 'No prompt file chosen.'), ' ', choose),
    result.element(),
    ...acceptedBox(),
  );
  if (view.proposals.length === 0) root.append(h('p', { class: 'empty', id: 'empty-state' }, view.note ?? 'No proposals.'));
  root.append(...view.proposals.map(card));
}

connect({
  promptDiff: (m) => {
    view = m.data;
    for (const id of [...editing]) if (!view.proposals.some((p) => p.id === id)) editing.delete(id);
    render();
    if (!firstPaintReported) {
      firstPaintReported = true;
      post({ type: 'rendered', app: 'promptDiff', firstPaintMs: performance.now() - messageReceivedAt(), rows: view.proposals.length });
    }
  },
  decided: (m) => {
    editing.delete(m.proposalId);
    result.show(m.message);
  },
  error: (m) => result.show(m.message, true),
  busy: (m) => {
    busy = m.busy;
    for (const b of document.querySelectorAll('button')) (b as HTMLButtonElement).disabled = busy;
    if (!m.busy) post({ type: 'refresh' });
  },
});
