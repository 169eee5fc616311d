import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { ImprovementError, ImprovementService, PLAYBOOK_ARTIFACT_ID, PatchError } from '../../engine/improvement';
import type { Proposal } from '../../engine/improvement';
import type { LearningArtifact } from '../../engine/model';
import { createComplianceValidator } from '../../engine/privacy';
import type { CliContext } from '../context';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openWorkspace, sourceName } from '../workspace';
import type { Workspace } from '../workspace';
import type { RegisterCommand } from './index';

interface StoreOpts {
  store: string;
  json?: boolean;
  budget?: number;
  minEvidence?: number;
}

function positiveInt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`${name} must be a positive whole number (got "${v}")`, ExitCode.usage);
  return n;
}

/** The prompt file's text; never written by these commands. */
function readPrompt(ctx: CliContext, file: string, option: string): string {
  const abs = path.resolve(ctx.cwd, file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) throw new CliError(`${option}: no file ${file}; give the path of the prompt file (e.g. prompts/agent.md)`, ExitCode.usage);
  return fs.readFileSync(abs, 'utf8');
}

/** The improvement service on the workspace store, with the workspace policy's strict validator. */
async function withService<T>(ctx: CliContext, opts: StoreOpts, fn: (svc: ImprovementService, ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await openWorkspace(ctx, opts.store);
  try {
    const svc = new ImprovementService(ws.store, {
      clock: ctx.ports.clock,
      sha256: (s) => ctx.ports.hashing.sha256(s),
      validator: createComplianceValidator({ policy: ws.policy }),
      options: { ...(opts.budget ? { promptBudgetTokens: opts.budget } : {}), ...(opts.minEvidence ? { minEvidenceCalls: opts.minEvidence } : {}) },
    });
    return await fn(svc, ws);
  } catch (err) {
    if (err instanceof ImprovementError) throw new CliError(err.message, err.reason === 'gates' || err.reason === 'privacy' ? ExitCode.problems : ExitCode.usage);
    if (err instanceof PatchError) throw new CliError(err.message, ExitCode.usage);
    throw err;
  } finally {
    await ws.close();
  }
}

const artifactRef = (a: LearningArtifact) => ({ id: a.artifactId, version: a.version, hash: a.contentHash, status: a.status });

/** A proposal in the shape the issue fixes for `improve propose --json`. */
export function proposalJson(p: Proposal) {
  return {
    id: p.id,
    hypothesis: p.hypothesis,
    bullets: p.bullets.map((b) => ({ id: b.id, section: b.section, text: b.text, helpful: b.helpful, harmful: b.harmful, provenance: { calls: b.provenance.callIds, patterns: b.provenance.patternIds, fingerprints: b.provenance.fingerprints } })),
    patch: p.patch,
    gates: p.gates.map((g) => ({ name: g.name, passed: g.passed, reason: g.reason })),
  };
}

function storeOptions(cmd: Command): Command {
  return cmd.option('--store <path>', 'learning store file', DEFAULT_STORE).option('--json', 'JSON output');
}

export const register: RegisterCommand = (program, ctx) => {
  const improve = program.command('improve').description('Prompt improvements from the analysis: proposals (playbook bullets as a diff of your prompt file, with gates), accept (optionally your edited patch) or reject; every decision is journaled.');

  storeOptions(
    improve
      .command('propose')
      .description('Propose playbook changes from the significant patterns and recurring errors, as a unified diff of the prompt file (the file is not changed).')
      .requiredOption('--prompt <file>', 'the prompt file the playbook section goes into')
      .option('--budget <tokens>', 'prompt-size budget in estimated tokens (default 6000)', (v) => positiveInt(v, '--budget'))
      .option('--min-evidence <calls>', 'calls a bullet needs (default 30)', (v) => positiveInt(v, '--min-evidence')),
  ).action(async (opts: StoreOpts & { prompt: string }) => {
    const prompt = readPrompt(ctx, opts.prompt, '--prompt');
    await withService(ctx, opts, async (svc, ws) => {
      // A command runs the earlier stages it needs: calls never analysed are analysed first.
      const stats = await ws.store.stats();
      if (stats.calls > 0 && stats.analyses === 0) {
        ctx.stderr.write('kaizen: no analysis yet; analysing the stored calls first…\n');
        await ws.engine.analyze();
      }
      const proposals = await svc.propose(sourceName(ctx, opts.prompt), prompt);
      if (opts.json) {
        writeJsonLine(ctx.stdout, { proposals: proposals.map(proposalJson) });
        return;
      }
      if (proposals.length === 0) ctx.stdout.write('No proposals: the playbook already says what the analysis found (run `kaizen analyze` after new calls).\n');
      for (const p of proposals) {
        const ok = p.gates.every((g) => g.passed);
        ctx.stdout.write(`\n${p.id}  ${ok ? 'ready to accept' : 'blocked by a gate'}\n  ${p.hypothesis}\n`);
        for (const g of p.gates) ctx.stdout.write(`  ${g.passed ? '✔' : '✘'} ${g.name}: ${g.reason}\n`);
        ctx.stdout.write(`${p.patch}\n`);
      }
    });
  });

  storeOptions(
    improve
      .command('accept <id>')
      .description('Accept a proposal (or your edit of its patch): a new playbook version and a versioned prompt-enhancement artifact.')
      .option('--patch <file>', 'your edited copy of the proposal\'s patch; it must apply cleanly to the prompt file')
      .option('--prompt <file>', 'the prompt file (default: the one the proposal was made for)'),
  ).action(async (id: string, opts: StoreOpts & { patch?: string; prompt?: string }) => {
    const patch = opts.patch === undefined ? undefined : readPatch(ctx, opts.patch);
    await withService(ctx, opts, async (svc) => {
      const proposal = await svc.openProposal(id);
      const prompt = readPrompt(ctx, opts.prompt ?? proposal.target, '--prompt');
      const r = await svc.accept(id, prompt, patch);
      if (opts.json) writeJsonLine(ctx.stdout, { artifact: artifactRef(r.artifact) });
      else ctx.stdout.write(`Accepted ${id}${r.edited ? ' (edited)' : ''}: ${r.artifact.artifactId} v${r.artifact.version} (${r.artifact.status}), playbook v${r.playbook.version}. Next: kaizen improve experiment ${id}\n`);
    });
  });

  storeOptions(
    improve
      .command('reject <id>')
      .description('Reject a proposal; the reason is journaled with the decision.')
      .requiredOption('--reason <text>', 'why (kept in the journal)'),
  ).action(async (id: string, opts: StoreOpts & { reason: string }) => {
    await withService(ctx, opts, async (svc) => {
      await svc.reject(id, opts.reason);
      if (opts.json) writeJsonLine(ctx.stdout, { id, status: 'rejected', reason: opts.reason });
      else ctx.stdout.write(`Rejected ${id}: ${opts.reason}\n`);
    });
  });

  storeOptions(
    improve
      .command('experiment <id>')
      .description('Create a draft A/B experiment from an accepted proposal: the prompt as it is against the prompt with the enhancement.')
      .option('--prompt <file>', 'the prompt file (default: the one the proposal was made for)')
      .option('--experiment-id <id>', 'id of the new experiment'),
  ).action(async (id: string, opts: StoreOpts & { prompt?: string; experimentId?: string }) => {
    await withService(ctx, opts, async (svc) => {
      const enh = await svc.acceptedEnhancement(id);
      const prompt = readPrompt(ctx, opts.prompt ?? enh.target, '--prompt');
      const e = await svc.createDraftExperiment(enh.artifactId, prompt, { version: enh.version, ...(opts.experimentId ? { id: opts.experimentId } : {}) });
      if (opts.json) writeJsonLine(ctx.stdout, { experiment: { id: e.id, status: e.status, variants: e.variants.map((v) => ({ name: v.name, artifactId: v.artifactId, artifactVersion: v.artifactVersion })) } });
      else ctx.stdout.write(`Draft experiment ${e.id}: ${e.variants.map((v) => `${v.name} = ${v.artifactId} v${v.artifactVersion}`).join(', ')}. Start it with kaizen experiment start ${e.id}\n`);
    });
  });

  storeOptions(
    improve.command('track').description('Recount each playbook bullet\'s helpful/harmful counters from the stored calls that ran it (their promptVersion names a prompt version carrying the bullet).'),
  ).action(async (opts: StoreOpts) => {
    await withService(ctx, opts, async (svc) => {
      const t = await svc.trackEffectiveness();
      if (opts.json) writeJsonLine(ctx.stdout, { calls: t.calls, bullets: t.bullets, playbook: t.playbook ? artifactRef(t.playbook) : null });
      else {
        ctx.stdout.write(`${t.calls} calls ran a playbook version.\n`);
        for (const b of t.bullets) ctx.stdout.write(`  ${b.id}  helpful ${b.helpful}  harmful ${b.harmful}\n`);
      }
    });
  });

  storeOptions(
    program
      .command('playbook')
      .description('The playbook (bullets with helpful/harmful counters, grown by deltas): show it, or `playbook add --section <s> --text <t>` to add a bullet by hand.'),
  ).action(async (opts: StoreOpts) => {
    await withService(ctx, opts, async (svc) => {
      const pb = await svc.playbook();
      if (!pb.artifact) throw new CliError('no playbook yet: accept a proposal (kaizen improve propose, then accept) or add a bullet (kaizen playbook add --section <s> --text <t>)', ExitCode.problems);
      if (opts.json) writeJsonLine(ctx.stdout, artifactRef(pb.artifact));
      else {
        ctx.stdout.write(`${PLAYBOOK_ARTIFACT_ID} v${pb.version} (${pb.artifact.status})\n`);
        for (const b of pb.bullets) ctx.stdout.write(`  ${b.id}  [${b.section}] ${b.status === 'active' ? '' : '(deprecated) '}+${b.helpful}/-${b.harmful}  ${b.text}\n`);
      }
    });
  });
  const playbook = program.commands.find((c) => c.name() === 'playbook')!;
  storeOptions(
    playbook
      .command('add')
      .description('Add a bullet by hand (a delta: a new playbook version).')
      .requiredOption('--section <s>', 'the section it goes under')
      .requiredOption('--text <t>', 'the bullet'),
  ).action(async (opts: StoreOpts & { section: string; text: string }) => {
    await withService(ctx, opts, async (svc) => {
      const a = await svc.addBullet(opts.section, opts.text);
      if (opts.json) writeJsonLine(ctx.stdout, artifactRef(a));
      else ctx.stdout.write(`Added to ${a.artifactId}: v${a.version} (${a.status}).\n`);
    });
  });
};

function readPatch(ctx: CliContext, file: string): string {
  const abs = path.resolve(ctx.cwd, file);
  if (!fs.existsSync(abs)) throw new CliError(`--patch: no file ${file}; save your edited copy of the proposal's patch there`, ExitCode.usage);
  return fs.readFileSync(abs, 'utf8');
}
