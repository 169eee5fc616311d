import * as vscode from 'vscode';
import type { Experiment } from '../../engine/model';
import type { Conversation } from '../../engine/model';
import type { ExperimentService } from '../../engine/experiments';
import type { KaizenContext } from '../context';
import { errorMessage, requireTrust } from '../context';
import { loadEngine } from '../engine/load';

/**
 * The experiment lifecycle from the editor, through the engine's ExperimentService (the same one the
 * CLI uses): create, record from imported calls, ship, advance, roll back, kill. Each asks for a
 * modal confirmation that says what will change; nothing happens on Escape. Every command takes the
 * Experiments view's item (context menu) or asks which experiment with a quick pick.
 */
type ExperimentRef = { id: string } | string | undefined;

const METRIC_CHOICES: Array<{ label: string; description: string }> = [
  { label: 'resolution', description: 'Resolution rate (higher is better)' },
  { label: 'escalation', description: 'Escalation rate (lower is better)' },
  { label: 'csat', description: 'CSAT 1–5 (higher is better)' },
  { label: 'handleTime', description: 'Handle time in seconds (lower is better)' },
  { label: 'repeatError', description: 'Repeat-error rate (lower is better)' },
];

async function withService<T>(ctx: KaizenContext, fn: (svc: ExperimentService) => Promise<T>): Promise<T> {
  const { ExperimentService } = loadEngine();
  const store = await ctx.engine.store();
  try {
    return await fn(new ExperimentService(store, ctx.ports.clock));
  } finally {
    await store.save();
    ctx.engine.refresh();
  }
}

/** The stored experiments, read without writing anything. */
async function listExperiments(ctx: KaizenContext): Promise<Experiment[]> {
  const { ExperimentService } = loadEngine();
  return new ExperimentService(await ctx.engine.store(), ctx.ports.clock).list();
}

async function confirm(message: string, detail: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
}

/** The experiment the command is about: the view item it was run on, or one picked among those in `statuses`. */
async function pickExperiment(ctx: KaizenContext, ref: ExperimentRef, statuses: readonly string[], verb: string): Promise<Experiment | undefined> {
  const all = await listExperiments(ctx);
  const id = typeof ref === 'string' ? ref : ref?.id;
  if (id) {
    const e = all.find((x) => x.id === id);
    if (!e) void vscode.window.showErrorMessage(`Kaizen: no experiment "${id}" in the store.`);
    return e;
  }
  const candidates = all.filter((e) => statuses.includes(e.status));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`Kaizen: no experiment can be ${verb} (it needs one that is ${statuses.join(' or ')}).`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    candidates.map((e) => ({ label: e.name, description: `${e.id} · ${e.status}${e.rollout ? ` · ${e.rollout.variant} at ${e.rollout.percent}%` : ''}`, e })),
    { title: `Kaizen: which experiment is ${verb}?` },
  );
  return pick?.e;
}

/** Runs one lifecycle step with progress-free error reporting: engine errors name the state and the fix. */
async function step<T>(ctx: KaizenContext, what: string, fn: (svc: ExperimentService) => Promise<T>): Promise<T | undefined> {
  try {
    return await withService(ctx, fn);
  } catch (err) {
    ctx.log.error(`experiment ${what}: ${errorMessage(err)}`);
    void vscode.window.showErrorMessage(`Kaizen: ${what} failed — ${errorMessage(err)}`);
    return undefined;
  }
}

type VariantArtifact = { artifactId: string; artifactVersion: number } | undefined;

/**
 * Which artifact version a variant serves: every stored version, prompts first, or none (a label only,
 * e.g. when the calls are recorded from elsewhere). Undefined means the designer cancelled.
 */
async function pickVariantArtifact(ctx: KaizenContext, variant: string, stepTitle: string): Promise<{ chosen: VariantArtifact } | undefined> {
  const store = await ctx.engine.store();
  const rank = (kind: string) => (kind === 'prompt' ? 0 : kind === 'prompt-enhancement' ? 1 : 2);
  const latest = (await store.listArtifacts({ latestOnly: true })).sort((a, b) => rank(a.payload.kind) - rank(b.payload.kind) || a.artifactId.localeCompare(b.artifactId));
  const items: Array<vscode.QuickPickItem & { chosen: VariantArtifact }> = [{ label: 'No artifact', description: 'a label only', chosen: undefined }];
  for (const a of latest) {
    for (const v of (await store.artifactHistory(a.artifactId)).sort((x, y) => y.version - x.version)) {
      items.push({ label: `${v.artifactId}@${v.version}`, description: `${v.payload.kind} · ${v.status}`, detail: v.title, chosen: { artifactId: v.artifactId, artifactVersion: v.version } });
    }
  }
  const pick = await vscode.window.showQuickPick(items, { title: `${stepTitle} — artifact version served to "${variant}"`, matchOnDescription: true, matchOnDetail: true });
  return pick ? { chosen: pick.chosen } : undefined;
}

export function createExperiment(ctx: KaizenContext) {
  return async (): Promise<Experiment | undefined> => {
    if (!requireTrust('Create Experiment')) return undefined;
    const existing = new Set((await listExperiments(ctx)).map((e) => e.id));
    const id = await vscode.window.showInputBox({
      title: 'Kaizen: Create Experiment (1/4)',
      prompt: 'Experiment id (letters, digits, ".", "_" or "-")',
      validateInput: (v) => (!/^[A-Za-z0-9._-]+$/.test(v) ? 'use letters, digits, ".", "_" or "-"' : existing.has(v) ? `"${v}" already exists` : undefined),
    });
    if (!id) return undefined;
    const variantsText = await vscode.window.showInputBox({
      title: 'Kaizen: Create Experiment (2/4)',
      prompt: 'Variants, control first, comma-separated (equal traffic)',
      value: 'control,treatment',
      validateInput: (v) => {
        const names = v.split(',').map((s) => s.trim());
        if (names.length < 2 || names.some((n) => !n)) return 'at least two names, control first';
        return new Set(names).size === names.length ? undefined : 'variant names must be unique';
      },
    });
    if (!variantsText) return undefined;
    const names = variantsText.split(',').map((s) => s.trim());
    const served: VariantArtifact[] = [];
    for (const name of names) {
      const picked = await pickVariantArtifact(ctx, name, 'Kaizen: Create Experiment (3/4)');
      if (!picked) return undefined;
      served.push(picked.chosen);
    }
    const metric = await vscode.window.showQuickPick(METRIC_CHOICES, { title: 'Kaizen: Create Experiment (4/4) — primary metric' });
    if (!metric) return undefined;
    const shown = names.map((n, i) => (served[i] ? `${n} (${served[i].artifactId}@${served[i].artifactVersion})` : n));
    const ok = await confirm(
      `Create and start experiment "${id}"?`,
      `${shown.join(' vs ')} on ${metric.label}, equal traffic, default guardrails off. Traffic is split from now on; record calls with "Kaizen: Record Calls into Experiment".`,
      'Create and Start',
    );
    if (!ok) return undefined;
    const created = await step(ctx, 'create experiment', async (svc) => {
      const e = await svc.create({ id, variants: names.map((name, i) => ({ name, weight: 1, ...served[i] })), primaryMetric: metric.label });
      return svc.start(e.id);
    });
    if (created) void vscode.window.showInformationMessage(`Kaizen: experiment ${created.id} created and running (${shown.join(' vs ')} on ${created.primaryMetric}).`);
    return created;
  };
}

/** The unit an experiment randomises on, read from a stored call. */
function unitOf(e: Experiment, c: Conversation): string {
  if (e.unit === 'agent') return c.agentId;
  if (e.unit === 'caller') {
    const started = c.events.find((x) => x.type === 'call.started');
    const key = started && 'callerKey' in started ? (started as { callerKey?: string }).callerKey : undefined;
    return key ?? c.callId;
  }
  return c.callId;
}

/**
 * Records imported calls into a running (or rolling-out) experiment: each call gets the variant the
 * experiment's sticky hash assigns its unit, the exposure is logged, and what the call says about the
 * metrics (observationFromConversation) becomes the observation.
 */
export function recordCalls(ctx: KaizenContext) {
  return async (ref?: ExperimentRef): Promise<{ recorded: number; outside: number } | undefined> => {
    if (!requireTrust('Record Calls into Experiment')) return undefined;
    const e = await pickExperiment(ctx, ref, ['running', 'shipping'], 'recording calls');
    if (!e) return undefined;
    const store = await ctx.engine.store();
    const bySource = new Map<string, number>();
    for (const c of await store.listCalls({ limit: 1_000_000 })) {
      const file = c.source?.file ?? '(live)';
      bySource.set(file, (bySource.get(file) ?? 0) + 1);
    }
    if (bySource.size === 0) {
      void vscode.window.showInformationMessage('Kaizen: no calls in the store — import calls first.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      [...bySource.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([file, n]) => ({ label: file, description: `${n} calls` })),
      { title: `Kaizen: record which imported calls into ${e.id}?` },
    );
    if (!pick) return undefined;
    const ok = await confirm(
      `Record ${pick.description} from ${pick.label} into experiment "${e.id}"?`,
      `Each call is assigned its variant by the experiment's sticky hash on its ${e.unit}; its outcome (resolved, escalated, CSAT, handle time) becomes the observation. Recorded calls count in the analysis and the decisions.`,
      'Record',
    );
    if (!ok) return undefined;
    const { observationFromConversation } = loadEngine();
    const result = await step(ctx, 'record calls', async (svc) => {
      const assignments = [];
      const observations = [];
      let outside = 0;
      for await (const c of store.iterateConversations({ sourceFile: pick.label === '(live)' ? undefined : pick.label })) {
        if (pick.label === '(live)' && c.source) continue;
        const a = await svc.assign(e.id, unitOf(e, c));
        assignments.push(a);
        if (!a.inAnalysis) {
          outside++;
          continue;
        }
        observations.push(observationFromConversation(c, a.variant, a.unitId));
      }
      await svc.logExposures(e.id, assignments);
      await svc.recordCalls(e.id, observations);
      return { recorded: observations.length, outside };
    });
    if (result) {
      void vscode.window.showInformationMessage(
        `Kaizen: recorded ${result.recorded} calls into ${e.id}${result.outside ? ` (${result.outside} fell outside its traffic or in the holdout and were not recorded)` : ''}.`,
      );
    }
    return result;
  };
}

export function shipExperiment(ctx: KaizenContext) {
  return async (ref?: ExperimentRef): Promise<Experiment | undefined> => {
    if (!requireTrust('Ship Experiment')) return undefined;
    const e = await pickExperiment(ctx, ref, ['running', 'stopped'], 'shipping');
    if (!e) return undefined;
    const tests = e.variants.slice(1).map((v) => v.name);
    const variant = tests.length === 1 ? tests[0] : (await vscode.window.showQuickPick(tests, { title: `Kaizen: ship which variant of ${e.id}?` }));
    if (!variant) return undefined;
    const ok = await confirm(
      `Ship "${variant}" of experiment "${e.id}"?`,
      `Starts the staged rollout at ${e.policy.stages[0]}% of traffic (stages ${e.policy.stages.join(' → ')}%). Each stage advances only when its guardrails hold.`,
      'Ship',
    );
    if (!ok) return undefined;
    const shipped = await step(ctx, 'ship', (svc) => svc.ship(e.id, variant, 'Shipped from the editor.'));
    if (shipped) void vscode.window.showInformationMessage(`Kaizen: ${e.id} is rolling out ${variant} at ${shipped.rollout?.percent}%.`);
    return shipped;
  };
}

export function advanceExperiment(ctx: KaizenContext) {
  return async (ref?: ExperimentRef) => {
    if (!requireTrust('Advance Rollout')) return undefined;
    const e = await pickExperiment(ctx, ref, ['shipping'], 'rolling out');
    if (!e) return undefined;
    const ok = await confirm(
      `Check the gate of ${e.id}'s rollout stage (${e.rollout?.percent}%)?`,
      'The stage advances when it has enough calls and no guardrail is breached; it holds when it needs more calls; a breached guardrail rolls it back.',
      'Check and Advance',
    );
    if (!ok) return undefined;
    const r = await step(ctx, 'advance', (svc) => svc.advance(e.id));
    if (r) void vscode.window.showInformationMessage(`Kaizen: ${e.id} rollout — ${r.step.kind}: ${r.step.reason}`);
    return r;
  };
}

async function askReason(title: string): Promise<string | undefined> {
  return vscode.window.showInputBox({ title, prompt: 'Why, in plain words (kept in the experiment history)', validateInput: (v) => (v.trim() ? undefined : 'a reason is required') });
}

export function rollbackExperiment(ctx: KaizenContext) {
  return async (ref?: ExperimentRef, reasonArg?: string) => {
    if (!requireTrust('Roll Back Experiment')) return undefined;
    const e = await pickExperiment(ctx, ref, ['running', 'shipping', 'shipped'], 'rolled back');
    if (!e) return undefined;
    const reason = reasonArg ?? (await askReason(`Kaizen: roll back ${e.id}`));
    if (!reason) return undefined;
    const ok = await confirm(`Roll back experiment "${e.id}"?`, 'Everyone is served the control again; a shipped artifact version is restored to the control\'s content (as a new version) or retired.', 'Roll Back');
    if (!ok) return undefined;
    const r = await step(ctx, 'roll back', (svc) => svc.rollback(e.id, reason));
    if (r) void vscode.window.showInformationMessage(`Kaizen: ${e.id} rolled back.`);
    return r;
  };
}

export function killExperiment(ctx: KaizenContext) {
  return async (ref?: ExperimentRef, reasonArg?: string) => {
    if (!requireTrust('Kill Experiment')) return undefined;
    const e = await pickExperiment(ctx, ref, ['draft', 'running', 'shipping', 'stopped'], 'killed');
    if (!e) return undefined;
    const reason = reasonArg ?? (await askReason(`Kaizen: kill ${e.id}`));
    if (!reason) return undefined;
    const ok = await confirm(`Kill experiment "${e.id}"?`, 'Stops it at once: every unit is served the control from the next assignment on. This cannot be undone.', 'Kill');
    if (!ok) return undefined;
    const r = await step(ctx, 'kill', (svc) => svc.kill(e.id, reason));
    if (r) void vscode.window.showInformationMessage(`Kaizen: ${e.id} killed.`);
    return r;
  };
}
