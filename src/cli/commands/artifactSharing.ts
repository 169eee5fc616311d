import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { Envelope } from '../../engine/collective';
import { CollectiveRefusal, addSignature, contentHash, packEnvelope, parseEnvelope, rollbackBytes, sharedArtifactPayload, signPayload } from '../../engine/collective';
import { createComplianceValidator } from '../../engine/privacy';
import { nodeHttpClient } from '../../node/liveTransports';
import type { CliContext } from '../context';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openWorkspace } from '../workspace';
import { ed25519Of, readSigningKey } from './keys';

function crypto(ctx: CliContext) {
  return { hashing: ctx.ports.hashing, ed25519: ed25519Of(ctx) };
}

/** Reads an envelope file (or `-` for stdin) and checks its hash; a refusal names the file and field. */
async function readEnvelope(ctx: CliContext, file: string): Promise<Envelope> {
  let text: string;
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of ctx.stdin) chunks.push(Buffer.from(c as Buffer));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    const abs = path.resolve(ctx.cwd, file);
    if (!fs.existsSync(abs)) throw new CliError(`${file}: no such file`, ExitCode.usage);
    text = fs.readFileSync(abs, 'utf8');
  }
  try {
    const envelope = parseEnvelope(JSON.parse(text));
    if (contentHash(envelope.payload, ctx.ports.hashing) !== envelope.hash) throw new CollectiveRefusal('hash', 'does not match the sha-256 of the canonical payload (the file was changed after packing)');
    return envelope;
  } catch (err) {
    if (err instanceof CollectiveRefusal) throw new CliError(`${file}: ${err.field}: ${err.reason}`, ExitCode.problems);
    if (err instanceof SyntaxError) throw new CliError(`${file}: not JSON (${err.message})`, ExitCode.usage);
    throw err;
  }
}

function writeOut(ctx: CliContext, out: string | undefined, value: unknown): void {
  if (!out) return writeJsonLine(ctx.stdout, value);
  const abs = path.resolve(ctx.cwd, out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, `${JSON.stringify(value, null, 2)}\n`);
  ctx.stderr.write(`wrote ${out}\n`);
}

export function hubUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'ws:' || u.protocol === 'wss:') u.protocol = u.protocol === 'ws:' ? 'http:' : 'https:';
    return u.origin;
  } catch {
    throw new CliError(`--hub must be the hub's URL (the "http" of kaizen serve --hub), got "${url}"`, ExitCode.usage);
  }
}

/** POSTs to the hub; a 4xx refusal becomes exit 1 with its field and reason. */
export async function callHub(ctx: CliContext, method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
  let res;
  try {
    res = await nodeHttpClient.request({ method, url, body });
  } catch (err) {
    throw new CliError(`cannot reach the hub at ${url}: ${(err as Error).message}`, ExitCode.problems);
  }
  if (res.status >= 400) {
    const e = (res.json as { error?: { field?: string; reason?: string } })?.error;
    throw new CliError(`hub refused (${res.status}): ${e?.field ?? '?'}: ${e?.reason ?? JSON.stringify(res.json)}`, ExitCode.problems);
  }
  return res.json;
}

/** `kaizen artifact pack|sign|submit|adopt|status`: sharing artifacts through a hub as signed envelopes. */
export function registerSharing(artifact: Command, ctx: CliContext): void {
  artifact
    .command('pack')
    .description('Wrap the latest version of a stored artifact in a signed envelope {"kind":"kaizen.artifact/1","hash","payload","signatures"} (privacy-checked first).')
    .requiredOption('--id <artifact>', 'artifact id (kaizen artifact list)')
    .requiredOption('--key <dir>', 'signing key folder (kaizen keys init)')
    .option('--out <file>', 'write the envelope here instead of stdout')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .action(async (opts: { id: string; key: string; out?: string; store: string }) => {
      const key = readSigningKey(ctx, opts.key);
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const a = await ws.store.getArtifact(opts.id);
        if (!a) throw new CliError(`no artifact "${opts.id}" (kaizen artifact list shows them)`, ExitCode.problems);
        const payload = sharedArtifactPayload(a);
        const report = createComplianceValidator({ policy: ws.policy }).validate(payload, 'payload');
        if (!report.ok) throw new CliError(`not packed: ${report.findings[0]!.field} looks like PII (${report.findings[0]!.entityType}); nothing left this machine`, ExitCode.problems);
        writeOut(ctx, opts.out, packEnvelope(payload, key, crypto(ctx)));
      } catch (err) {
        if (err instanceof CollectiveRefusal) throw new CliError(`${err.field}: ${err.reason}`, ExitCode.problems);
        throw err;
      } finally {
        await ws.close();
      }
    });

  artifact
    .command('sign <envelope>')
    .description('Add your signature to an envelope file (checks its hash first); prints the envelope, or writes --out.')
    .requiredOption('--key <dir>', 'signing key folder')
    .option('--out <file>', 'write the signed envelope here (may be the same file)')
    .action(async (file: string, opts: { key: string; out?: string }) => {
      const envelope = await readEnvelope(ctx, file);
      writeOut(ctx, opts.out, addSignature(envelope, readSigningKey(ctx, opts.key), crypto(ctx)));
    });

  artifact
    .command('submit <envelope>')
    .description('POST an envelope to a hub; prints {"hash","status","signers","quorum"} (exit 1 with the field and reason when refused).')
    .requiredOption('--hub <url>', 'the hub (the "http" line of kaizen serve --hub)')
    .action(async (file: string, opts: { hub: string }) => {
      const envelope = await readEnvelope(ctx, file);
      writeJsonLine(ctx.stdout, await callHub(ctx, 'POST', `${hubUrl(opts.hub)}/v1/artifacts`, envelope));
    });

  artifact
    .command('adopt <envelope>')
    .description('Vote on the hub: sign the envelope\'s payload and POST the signature (adopted once a quorum of trusted keys signed); --rollback votes to roll an adopted artifact back.')
    .requiredOption('--hub <url>', 'the hub')
    .requiredOption('--key <dir>', 'signing key folder')
    .option('--rollback', 'roll the adopted artifact back on every agent instead')
    .action(async (file: string, opts: { hub: string; key: string; rollback?: boolean }) => {
      const envelope = await readEnvelope(ctx, file);
      const key = readSigningKey(ctx, opts.key);
      const base = `${hubUrl(opts.hub)}/v1/artifacts/${envelope.hash}`;
      const body = opts.rollback ? { keyId: key.keyId, sig: ed25519Of(ctx).sign(key.privateKey, rollbackBytes(envelope.hash)) } : signPayload(envelope.payload, key, crypto(ctx));
      writeJsonLine(ctx.stdout, await callHub(ctx, 'POST', opts.rollback ? `${base}/rollback` : `${base}/signatures`, body));
    });

  artifact
    .command('status <hash>')
    .description('An artifact on the hub: {"hash","status","signers","quorum","applied"}.')
    .requiredOption('--hub <url>', 'the hub')
    .action(async (hash: string, opts: { hub: string }) => {
      writeJsonLine(ctx.stdout, await callHub(ctx, 'GET', `${hubUrl(opts.hub)}/v1/artifacts/${hash}`));
    });
}
