import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HubStore } from '../../engine/collective';
import { CollectiveRefusal, HubSubscriber, TrustSet, createEnvelopeVerifier, openSqlHubStore } from '../../engine/collective';
import { createComplianceValidator } from '../../engine/privacy';
import { startHub } from '../../node/hubServer';
import { nodeTimers, wsTransport } from '../../node/liveTransports';
import { HubDatabaseError, describeConnection, openPgHubStore } from '../../node/pgHubStore';
import type { CliContext } from '../context';
import { CliError, ExitCode, writeJsonLine } from '../context';

export const DEFAULT_HUB_STORE = path.join('.kaizen', 'hub.db');

export interface HubServeOpts {
  quorum?: number;
  trust?: string;
  hubStore?: string;
  /** postgres://… : the hub on PostgreSQL (replicas share it) instead of the embedded file. */
  database?: string;
  port: number;
  host: string;
}

function readTrust(ctx: CliContext, file: string | undefined): TrustSet {
  if (!file) throw new CliError('--hub needs --trust <file>: {"keys":[{"keyId","publicKey"}]} (kaizen keys trust <key dirs> writes one)', ExitCode.usage);
  const abs = path.resolve(ctx.cwd, file);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(abs, 'utf8'));
  } catch (err) {
    throw new CliError(`--trust ${file}: ${(err as Error).message}`, ExitCode.usage);
  }
  try {
    return TrustSet.parse(json);
  } catch (err) {
    if (err instanceof CollectiveRefusal) throw new CliError(`--trust ${file}: ${err.field}: ${err.reason} (expected {"keys":[{"keyId","publicKey"}]})`, ExitCode.usage);
    throw err;
  }
}

/** The hub's store: the embedded sql.js file (the default), or PostgreSQL with --database. */
async function openStore(ctx: CliContext, opts: HubServeOpts): Promise<HubStore> {
  if (opts.database !== undefined) {
    if (opts.hubStore !== undefined) throw new CliError('--hub-store and --database name two different hub stores; give one (--database for replicas sharing PostgreSQL)', ExitCode.usage);
    try {
      return await openPgHubStore({ connectionString: opts.database });
    } catch (err) {
      if (err instanceof HubDatabaseError) throw new CliError(err.message, err.reason === 'schema' ? ExitCode.dataError : ExitCode.usage);
      throw err;
    }
  }
  const file = path.resolve(ctx.cwd, opts.hubStore ?? DEFAULT_HUB_STORE);
  return openSqlHubStore({ ports: ctx.ports, path: file });
}

/** `kaizen serve --hub`: prints {"hub","http","quorum","trusted"} first, serves until SIGINT/SIGTERM. */
export async function serveHub(ctx: CliContext, opts: HubServeOpts): Promise<void> {
  const trust = readTrust(ctx, opts.trust);
  const quorum = opts.quorum ?? 1;
  if (quorum > trust.size) throw new CliError(`--quorum ${quorum} is more than the ${trust.size} key(s) in --trust ${opts.trust}: nothing could ever be adopted`, ExitCode.usage);
  const store = await openStore(ctx, opts);
  let hub;
  try {
    hub = await startHub({
      store,
      quorum,
      trust,
      port: opts.port,
      host: opts.host,
      validator: createComplianceValidator(),
      closeStore: true,
      onLog: (e) => {
        if (e.kind === 'refused') ctx.stderr.write(`hub: refused ${String(e.field)}: ${String(e.reason)}\n`);
        if (e.kind === 'error') ctx.stderr.write(`hub: ${String(e.message)}\n`);
      },
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  writeJsonLine(ctx.stdout, { hub: hub.url, http: hub.http, quorum, trusted: trust.size, ...(opts.database !== undefined ? { database: describeConnection(opts.database) } : {}) });
  ctx.stderr.write(`kaizen serve --hub: quorum ${quorum} of ${trust.size} trusted key(s) on ${hub.http} (Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await hub.close();
}

/**
 * `kaizen serve --subscribe <hub>`: the reference agent applies what the hub adopts (and rolls back),
 * verifying each envelope against --trust when given, logging each application, acking it to the hub.
 */
export function subscribeToHub(
  ctx: CliContext,
  opts: { subscribe?: string; agentId: string; trust?: string; untilApplied?: number },
  logFile: string | undefined,
  onDone: () => void,
): HubSubscriber {
  const trust = opts.trust ? readTrust(ctx, opts.trust) : undefined;
  const validator = createComplianceValidator();
  const verify = trust ? createEnvelopeVerifier({ trust, validator, hashing: ctx.ports.hashing, ed25519: ctx.ports.ed25519! }) : undefined;
  const subscriber = new HubSubscriber({
    url: opts.subscribe!,
    agentId: opts.agentId,
    transport: wsTransport,
    timers: nodeTimers,
    random: Math.random,
    verify,
    onStatus: (s) => ctx.stderr.write(`hub: ${s}\n`),
    onApply: (frame, live) => {
      const entry = { kind: 'hub-artifact', ts: new Date().toISOString(), id: frame.id, action: frame.action, hash: frame.hash, artifactId: frame.envelope.payload.artifactId, version: frame.envelope.payload.version, liveVersion: live?.payload.version ?? null };
      if (logFile) fs.appendFileSync(logFile, `${JSON.stringify(entry)}\n`);
      ctx.stderr.write(`hub ${frame.action}: ${entry.artifactId} v${entry.version} (live: ${entry.liveVersion === null ? 'none' : `v${entry.liveVersion}`})\n`);
      if (opts.untilApplied !== undefined && subscriber.counts.applied >= opts.untilApplied) onDone();
    },
  });
  subscriber.start();
  return subscriber;
}
