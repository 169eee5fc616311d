import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { IngestFormatError, SourceReader } from '../../engine/ingest';
import type { ConversationEvent } from '../../engine/model';
import { ConversationEventSchema, assembleConversation } from '../../engine/model';
import type { CorrectionRule, LiveSummary } from '../../engine/realtime';
import { UserRulesFileSchema, userRules } from '../../engine/realtime';
import { iterateSampleCalls } from '../../engine/samples';
import { startAgentServer } from '../../node/agentServer';
import { nodeLiveHost } from '../../node/liveHost';
import { transportFor } from '../../node/liveTransports';
import type { CliContext } from '../context';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openWorkspace } from '../workspace';
import { DEFAULT_HUB_STORE, serveHub, subscribeToHub } from './hubServe';
import type { RegisterCommand } from './index';

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number ≥ 0, got "${value}"`);
    return n;
  };
}

function wholeNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got "${value}"`);
    return n;
  };
}

/** Recorded calls from files in any import format, each in call order; events keep their ids. */
export async function readCalls(ctx: CliContext, files: readonly string[]): Promise<ConversationEvent[][]> {
  const calls: ConversationEvent[][] = [];
  for (const file of files) {
    const abs = path.resolve(ctx.cwd, file);
    const reader = new SourceReader(abs, { fs: ctx.ports.fs, hashing: ctx.ports.hashing, sourceName: file });
    try {
      for await (const item of reader.items()) {
        if (item.kind === 'reject') {
          ctx.stderr.write(`${file}: skipped a record (${item.rejection.field ?? ''}: ${item.rejection.reason})\n`);
          continue;
        }
        calls.push(assembleConversation(item.events).events);
      }
    } catch (err) {
      if (err instanceof IngestFormatError) throw new CliError(err.message, ExitCode.usage);
      throw err;
    }
  }
  return calls;
}

interface ServeOpts {
  calls?: string[];
  speed: number;
  port: number;
  host: string;
  log?: string;
  count: number;
  staggerMs: number;
  untilAcked?: boolean;
  hub?: boolean;
  subscribe?: string;
  agentId: string;
  untilApplied?: number;
  quorum?: number;
  trust?: string;
  hubStore?: string;
  database?: string;
}

interface LiveOpts {
  endpoint: string;
  untilEnd?: boolean;
  learn?: boolean;
  maxCorrectionsPerCall?: number;
  rules?: string;
  resume?: boolean;
  seeds?: 'auto' | 'on' | 'off';
  store: string;
  json?: boolean;
}

function readRulesFile(ctx: CliContext, file: string): CorrectionRule[] {
  const abs = path.resolve(ctx.cwd, file);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(abs, 'utf8'));
  } catch (err) {
    throw new CliError(`--rules ${file}: ${(err as Error).message}`, ExitCode.usage);
  }
  const parsed = UserRulesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`--rules ${file}: ${issue.path.join('.')}: ${issue.message} (expected {"rules":[{"id","when":{…},"text","mode?","stopsTool?"}]})`, ExitCode.usage);
  }
  try {
    return userRules(parsed.data.rules);
  } catch (err) {
    throw new CliError(`--rules ${file}: ${(err as Error).message}`, ExitCode.usage);
  }
}

/** The exit line of `kaizen live`, in the issue's shape (plus a few extra counters). */
function exitJson(s: LiveSummary): Record<string, unknown> {
  return {
    received: s.received,
    stored: s.stored,
    duplicatesDropped: s.duplicatesDropped,
    rejected: s.rejected,
    reconnects: s.reconnects,
    corrections: { sent: s.corrections.sent, acked: s.corrections.acked, applied: s.corrections.applied, throttled: s.corrections.throttled },
    decisionMs: s.decisionMs,
    roundTripMs: s.roundTripMs,
    malformedFrames: s.malformedFrames,
    conflicts: s.conflicts,
    lastEventId: s.lastEventId,
  };
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('serve')
    .description('The agent side of the Kaizen protocol: replay recorded calls live (WebSocket /v1/stream, SSE /v1/events), apply and log corrections and published artifacts. Prints {"stream","events","http"} first. With --hub: the collective hub (signed artifacts, quorum, agents applied); prints {"hub",…} first.')
    .option('--calls <files...>', 'recorded calls in any import format (default: generated sample calls)')
    .option('--speed <n>', 'replay speed: 10 = ten times faster than recorded, 0 = as fast as possible', positiveNumber('--speed'), 1)
    .option('--port <p>', 'port to listen on (0 = any free port)', wholeNumber('--port'), 0)
    .option('--host <h>', 'interface to listen on', '127.0.0.1')
    .option('--log <file.jsonl>', 'append every correction, artifact and ack here')
    .option('--count <n>', 'generated calls when no --calls', wholeNumber('--count'), 20)
    .option('--stagger-ms <ms>', 'recorded time between call starts (0 = all calls at once)', positiveNumber('--stagger-ms'), 0)
    .option('--until-acked', 'exit once a client has acked the whole replay (for scripts and tests)')
    .option('--hub', 'serve the collective hub instead (WS /v1/hub, POST /v1/artifacts…); prints {"hub",…} first')
    .option('--quorum <q>', 'with --hub: distinct trusted signers an artifact needs to be adopted', wholeNumber('--quorum'))
    .option('--trust <file>', 'with --hub: trusted keys {"keys":[{"keyId","publicKey"}]}')
    .option('--hub-store <file>', `with --hub: the hub's embedded database file (default ${DEFAULT_HUB_STORE})`)
    .option('--database <postgres-url>', 'with --hub: keep the hub in PostgreSQL (postgres://user@host:5432/db; the password may come from PGPASSWORD) so several replicas can share it')
    .option('--subscribe <url>', 'as an agent: apply artifacts a hub adopts (ws://…/v1/hub); with --trust, envelopes are verified first')
    .option('--agent-id <id>', 'with --subscribe: this agent\'s id on the hub', 'kaizen-serve')
    .option('--until-applied <n>', 'with --subscribe: exit once n hub entries were applied (for scripts and tests)', wholeNumber('--until-applied'))
    .action(async (opts: ServeOpts) => {
      if (opts.hub) return serveHub(ctx, opts);
      if (opts.database !== undefined || opts.hubStore !== undefined) throw new CliError('--database and --hub-store are for the hub: add --hub', ExitCode.usage);
      const calls = opts.calls?.length
        ? await readCalls(ctx, opts.calls)
        : [...iterateSampleCalls({ count: opts.count, seed: 7 })].map((c) => assembleConversation(c.events.map((e) => ConversationEventSchema.parse(e))).events);
      if (calls.length === 0) throw new CliError('no calls to replay (the files hold none)', ExitCode.usage);
      const logFile = opts.log ? path.resolve(ctx.cwd, opts.log) : undefined;
      if (logFile) fs.mkdirSync(path.dirname(logFile), { recursive: true });
      let onDone: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (onDone = resolve));
      const server = await startAgentServer({
        calls,
        speed: opts.speed,
        staggerMs: opts.staggerMs,
        port: opts.port,
        host: opts.host,
        holdTools: true,
        onLog: (entry) => {
          if (logFile) fs.appendFileSync(logFile, `${JSON.stringify(entry)}\n`);
          if (entry.kind === 'correction') ctx.stderr.write(`correction ${entry.status}: ${entry.callId} ← ${entry.text}\n`);
          if (entry.kind === 'ack' && opts.untilAcked && server.ackedIndex >= server.totalEvents - 1) onDone();
        },
      });
      const subscriber = opts.subscribe ? subscribeToHub(ctx, opts, logFile, onDone) : undefined;
      writeJsonLine(ctx.stdout, server.urls);
      ctx.stderr.write(`kaizen serve: ${calls.length} calls, ${server.totalEvents} events at ${opts.speed || '∞'}× on ${server.urls.http} (Ctrl+C to stop)\n`);
      const stop = () => onDone();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await finished;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        subscriber?.stop();
        await server.close();
      }
    });

  program
    .command('live')
    .description('Stream live calls from an agent endpoint into the store (redacted), sending micro-corrections; prints a JSON summary on exit.')
    .requiredOption('--endpoint <url>', 'ws://host/v1/stream (WebSocket) or http://host/v1/events (SSE)')
    .option('--until-end', 'exit once the endpoint ends a finite replay and everything is stored')
    .option('--learn', 'relearn correction rules from the store as calls end (unattended loop)')
    .option('--max-corrections-per-call <n>', 'at most this many corrections per call', wholeNumber('--max-corrections-per-call'))
    .option('--rules <file.json>', 'user-written correction rules {"rules":[…]} (see docs/agent-protocol.md)')
    .option('--seeds <mode>', "naming of intents, situations and moves (as `kaizen analyze --seeds`): auto, on, off; default: as the store's last analysis", (v: string) => {
      if (v !== 'auto' && v !== 'on' && v !== 'off') throw new InvalidArgumentError(`--seeds must be auto, on or off, got "${v}"`);
      return v;
    })
    .option('--resume', "resume after this endpoint's last stored cursor in the store")
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'only the JSON summary on stdout (it is always printed)')
    .action(async (opts: LiveOpts) => {
      try {
        transportFor(opts.endpoint);
      } catch (err) {
        throw new CliError((err as Error).message, ExitCode.usage);
      }
      const user = opts.rules ? readRulesFile(ctx, opts.rules) : [];
      const ws = await openWorkspace(ctx, opts.store, { create: true });
      try {
        let resumeFrom: string | null = null;
        if (opts.resume) {
          const cursors = await ws.store.readJournal('live.cursor');
          for (const c of cursors) {
            const p = c.payload as { url?: string; lastEventId?: string | null };
            if (p.url === opts.endpoint) resumeFrom = p.lastEventId ?? null;
          }
        }
        // The workspace composes the session as for the extension and the demo: the user's rules, then
        // what the store learned (avoidance rules, patterns in the analysis' own vocabulary, tool orders);
        // redaction in a worker thread (same key and policy), so it never holds up the frames a correction
        // waits on; `--learn` relearns as calls end.
        await ws.redactor(); // a malformed workspace key stops here as a CLI error naming the fix
        const session = await ws.engine.live({
          url: opts.endpoint,
          host: nodeLiveHost,
          userRules: user,
          learn: Boolean(opts.learn),
          maxCorrectionsPerCall: opts.maxCorrectionsPerCall,
          seeds: opts.seeds,
          untilEnd: Boolean(opts.untilEnd),
          resumeFrom,
          onRelearned: (r) => opts.learn && ctx.stderr.write(`learn: ${r.rules} rules (${r.patternRules} from patterns, ${r.avoidanceRules} avoidance rules) after analysing ${r.calls} calls\n`),
          onLearnError: (err) => ctx.stderr.write(`learn: relearning failed (${String(err)}); keeping the previous rules\n`),
          onStatus: (s) => {
            if (!opts.json) ctx.stderr.write(`live: ${s}\n`);
          },
        });
        const stop = () => void session.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        let summary: LiveSummary;
        try {
          summary = await session.run();
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
        writeJsonLine(ctx.stdout, exitJson(summary));
      } finally {
        await ws.close();
      }
    });

  program
    .command('events')
    .description('Stored events (redacted) as JSONL, each call in seq order.')
    .option('--call <id>', 'only this call')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'JSONL (the only output format; accepted for symmetry)')
    .action(async (opts: { call?: string; store: string }) => {
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const write = (events: readonly ConversationEvent[]) => {
          const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.seq ?? a.i) - (b.e.seq ?? b.i) || a.i - b.i);
          for (const { e } of ordered) writeJsonLine(ctx.stdout, e);
        };
        if (opts.call) {
          const conv = await ws.store.getConversation(opts.call);
          if (!conv) throw new CliError(`no stored call "${opts.call}" (kaizen calls lists them)`, ExitCode.problems);
          write(conv.events);
          return;
        }
        for await (const conv of ws.store.iterateConversations()) write(conv.events);
      } finally {
        await ws.close();
      }
    });
};
