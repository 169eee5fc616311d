import type { Command } from 'commander';
import type { LearningArtifact } from '../../engine/model';
import { createComplianceValidator } from '../../engine/privacy';
import type { PublishTarget, PublishTargetKind } from '../../engine/realtime';
import { PublishError, approveArtifact, artifactText, publicationHistory, publishArtifact, publisherFor, publishingGates, rollbackArtifact } from '../../engine/realtime';
import { nodeHttpClient } from '../../node/liveTransports';
import type { CliContext } from '../context';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openWorkspace } from '../workspace';
import { registerSharing } from './artifactSharing';
import type { RegisterCommand } from './index';

interface TargetOpts {
  target: PublishTargetKind;
  url?: string;
  apiKey?: string;
  assistant?: string;
  agent?: string;
  llm?: string;
  phone?: string;
  to?: string;
  minEvidence?: string;
  store: string;
  json?: boolean;
}

const TARGETS: readonly PublishTargetKind[] = ['kaizen', 'vapi', 'retell'];
const DEFAULT_URLS: Record<PublishTargetKind, string | undefined> = { kaizen: undefined, vapi: 'https://api.vapi.ai', retell: 'https://api.retellai.com' };
const KEY_ENV: Record<PublishTargetKind, string> = { kaizen: 'KAIZEN_ENDPOINT_KEY', vapi: 'VAPI_API_KEY', retell: 'RETELL_API_KEY' };

function targetFrom(opts: TargetOpts): PublishTarget {
  if (!TARGETS.includes(opts.target)) throw new CliError(`--target must be one of ${TARGETS.join(', ')}`, ExitCode.usage);
  const url = opts.url ?? DEFAULT_URLS[opts.target];
  if (!url) throw new CliError(`--target ${opts.target} needs --url (the endpoint's http URL, e.g. the "http" line of kaizen serve)`, ExitCode.usage);
  return {
    kind: opts.target,
    url,
    apiKey: opts.apiKey ?? process.env[KEY_ENV[opts.target]],
    assistantId: opts.assistant,
    agentId: opts.agent,
    llmId: opts.llm,
    phoneNumber: opts.phone,
  };
}

function targetOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--target <kind>', `where it goes live: ${TARGETS.join(' | ')}`)
    .option('--url <url>', 'API base URL (default: the platform\'s; required for kaizen)')
    .option('--api-key <key>', 'API key (default: $VAPI_API_KEY / $RETELL_API_KEY)')
    .option('--assistant <id>', 'Vapi assistant id')
    .option('--agent <id>', 'Retell agent id')
    .option('--llm <id>', 'Retell LLM id (holds the prompt)')
    .option('--phone <e164>', 'Retell phone number to re-point to the published version')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'JSON output');
}

function line(a: LearningArtifact): string {
  return `${a.artifactId}  v${a.version}  ${a.status.padEnd(11)} ${a.payload.kind.padEnd(18)} ${a.title}`;
}

async function withStore<T>(ctx: CliContext, storePath: string, fn: (ws: Awaited<ReturnType<typeof openWorkspace>>) => Promise<T>): Promise<T> {
  const ws = await openWorkspace(ctx, storePath);
  try {
    return await fn(ws);
  } catch (err) {
    if (err instanceof PublishError) throw new CliError(err.message, err.status ? ExitCode.problems : ExitCode.usage);
    throw err;
  } finally {
    await ws.close();
  }
}

export const register: RegisterCommand = (program, ctx) => {
  const artifact = program.command('artifact').description('Learning artifacts: list, show, approve, publish to a live agent (Kaizen endpoint, Vapi, Retell), roll back. Every transition is journaled.');

  artifact
    .command('list')
    .description('The latest version of every artifact.')
    .option('--status <status>', 'only this status (draft, approved, testing, rolled-out, retired)')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'one JSON object per line')
    .action(async (opts: { status?: LearningArtifact['status']; store: string; json?: boolean }) =>
      withStore(ctx, opts.store, async (ws) => {
        const list = await ws.store.listArtifacts(opts.status ? { status: opts.status } : {});
        if (opts.json) for (const a of list) writeJsonLine(ctx.stdout, a);
        else ctx.stdout.write(list.length ? `${list.map(line).join('\n')}\n` : 'No artifacts yet (kaizen analyze synthesizes them).\n');
      }),
    );

  artifact
    .command('show <id>')
    .description('One artifact: its versions, the text that would go live, the publishing gates, and where it is live.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'JSON output')
    .action(async (id: string, opts: { store: string; json?: boolean }) =>
      withStore(ctx, opts.store, async (ws) => {
        const a = await ws.store.getArtifact(id);
        if (!a) throw new CliError(`no artifact "${id}" (kaizen artifact list shows them)`, ExitCode.problems);
        const history = await ws.store.artifactHistory(id);
        const gates = await publishingGates(ws.store, a, { validator: createComplianceValidator({ policy: ws.policy }) });
        const publications = await publicationHistory(ws.store, id);
        if (opts.json) {
          writeJsonLine(ctx.stdout, { artifact: a, text: artifactText(a), versions: history.map((h) => ({ version: h.version, status: h.status, note: h.note })), gates, publications });
          return;
        }
        ctx.stdout.write(`${line(a)}\n\n${artifactText(a)}\n\nversions:\n${history.map((h) => `  v${h.version} ${h.status}${h.note ? ` — ${h.note}` : ''}`).join('\n')}\n`);
        ctx.stdout.write(`gates:\n${gates.map((g) => `  ${g.ok ? '✓' : '✗'} ${g.name}: ${g.detail}`).join('\n')}\n`);
        if (publications.length) ctx.stdout.write(`live:\n${publications.map((p) => `  ${p.action} on ${p.target} as ${p.liveVersion} (target ${p.targetKey})`).join('\n')}\n`);
      }),
    );

  artifact
    .command('approve <id>')
    .description('Approve the latest version for publishing (a new version with status approved; journaled).')
    .option('--note <text>', 'why')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'JSON output')
    .action(async (id: string, opts: { note?: string; store: string; json?: boolean }) =>
      withStore(ctx, opts.store, async (ws) => {
        const a = await approveArtifact(ws.store, ctx.ports, id, opts.note);
        if (opts.json) writeJsonLine(ctx.stdout, a);
        else ctx.stdout.write(`approved ${a.artifactId} (now v${a.version})\n`);
      }),
    );

  targetOptions(artifact.command('publish <id>').description('Publish an approved artifact to a live agent once every gate passes (exit 1 and the failing gates otherwise).'))
    .option('--min-evidence <n>', 'calls of evidence a learned artifact needs (default 30)')
    .action(async (id: string, opts: TargetOpts) =>
      withStore(ctx, opts.store, async (ws) => {
        const target = targetFrom(opts);
        const out = await publishArtifact(ws.store, ctx.ports, publisherFor(nodeHttpClient, target), target, id, {
          validator: createComplianceValidator({ policy: ws.policy }),
          minEvidence: opts.minEvidence === undefined ? undefined : Number(opts.minEvidence),
        });
        if (opts.json) writeJsonLine(ctx.stdout, out);
        else {
          ctx.stdout.write(`${out.gates.map((g) => `${g.ok ? '✓' : '✗'} ${g.name}: ${g.detail}`).join('\n')}\n`);
          if (out.publication) ctx.stdout.write(`published ${id} v${out.publication.artifactVersion} to ${target.kind}: live version ${out.publication.liveVersion}\n`);
        }
        if (!out.publication) throw new CliError(`not published: ${out.gates.filter((g) => !g.ok).map((g) => `${g.name} (${g.detail})`).join('; ')}`, ExitCode.problems);
      }),
    );

  targetOptions(artifact.command('rollback <id>').description('Make the version that was live before this artifact live again on the target (journaled).'))
    .option('--to <version>', 'the platform version to make live (default: the one before)')
    .action(async (id: string, opts: TargetOpts) =>
      withStore(ctx, opts.store, async (ws) => {
        const target = targetFrom(opts);
        const p = await rollbackArtifact(ws.store, ctx.ports, publisherFor(nodeHttpClient, target), target, id, opts.to);
        if (opts.json) writeJsonLine(ctx.stdout, p);
        else ctx.stdout.write(`rolled back ${target.kind}: live version ${p.liveVersion}\n`);
      }),
    );

  registerSharing(artifact, ctx);
};
