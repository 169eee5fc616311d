import * as path from 'node:path';
import * as fs from 'node:fs';
import { PolicyError, createComplianceValidator, createRedactor, parsePolicy, withCompliance } from '../engine/privacy';
import type { KaizenRedactor, PrivacyPolicy } from '../engine/privacy';
import { StoreFileError, openSqlStore } from '../engine/store';
import type { LearningStore } from '../engine/store';
import type { CliContext } from './context';
import { CliError, DEFAULT_STORE, ExitCode } from './context';

/** The secret under which identifiers are hashed; one per workspace, never leaves the machine. */
export const HMAC_KEY_NAME = 'kaizen.hmacKey';

/** The workspace privacy policy, beside the store: `.kaizen/privacy.json` (allowlist, types, threshold). */
export const POLICY_FILE = 'privacy.json';

export interface Workspace {
  /** The store behind the compliance gate: every write and every bundle in or out is validated first. */
  store: LearningStore;
  policy: PrivacyPolicy;
  redactor: KaizenRedactor;
  /** Absolute path of the store file. */
  storePath: string;
  /** Saves and closes the store. */
  close(): Promise<void>;
}

/** The workspace HMAC key from the secret store, created (32 random bytes) on first use. */
export async function workspaceHmacKey(ctx: CliContext): Promise<Uint8Array> {
  const existing = await ctx.ports.secrets.get(HMAC_KEY_NAME);
  if (existing && /^[0-9a-f]{64}$/i.test(existing)) return hexToBytes(existing);
  if (existing) throw new CliError(`the secret ${HMAC_KEY_NAME} is not 64 hex characters; restore it from a backup (calls hashed under it cannot be joined without it)`, ExitCode.dataError);
  const key = ctx.ports.hashing.randomBytes(32);
  await ctx.ports.secrets.set(HMAC_KEY_NAME, bytesToHex(key));
  return key;
}

export interface OpenWorkspaceOptions {
  /** Whether a missing store is created (import, samples, demo, import-bundle); every other command needs one. */
  create?: boolean;
}

/**
 * A command that reads a store fails on one that is not there (usually a mistyped `--store`), with
 * the path it looked at and how to make one; it creates nothing.
 */
export function assertStoreExists(ctx: CliContext, storePath: string): void {
  const abs = path.resolve(ctx.cwd, storePath);
  if (fs.existsSync(abs)) return;
  const shown = path.relative(ctx.cwd, abs) || abs;
  throw new CliError(
    `${shown}: no learning store there. Check --store (default ${DEFAULT_STORE}), or create one with \`kaizen import <file> --store ${shown}\` or \`kaizen samples\`.`,
    ExitCode.usage,
  );
}

/**
 * Opens the store and the redactor every data command needs. A store file that is corrupt, foreign
 * or newer than this build is a CliError with exit code 3 (and is never written).
 */
export async function openWorkspace(ctx: CliContext, storePath: string = DEFAULT_STORE, options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  const abs = path.resolve(ctx.cwd, storePath);
  const policy = readWorkspacePolicy(ctx, path.join(path.dirname(abs), POLICY_FILE));
  // Before the key or the folder: a mistyped --store must not leave an empty store behind.
  if (!options.create) assertStoreExists(ctx, storePath);
  const hmacKey = await workspaceHmacKey(ctx);
  const redactor = createRedactor({ hmacKey, hashing: ctx.ports.hashing, policy });
  let store: LearningStore;
  try {
    const raw = await openSqlStore({ path: abs, ports: ctx.ports });
    store = withCompliance(raw, createComplianceValidator({ policy }), { ports: ctx.ports, policy });
  } catch (err) {
    if (err instanceof StoreFileError) {
      throw new CliError(`${path.relative(ctx.cwd, abs) || abs}: ${err.message}`, err.reason === 'locked' ? ExitCode.problems : ExitCode.dataError);
    }
    throw err;
  }
  return { store, redactor, policy, storePath: abs, close: () => store.close() };
}

/**
 * Puts a store a command opened itself behind the workspace compliance gate (the policy file beside it),
 * for commands that need their own ports (a simulated clock) and so do not use `openWorkspace`.
 */
export function withWorkspaceGate(ctx: CliContext, store: LearningStore, storePath: string): LearningStore {
  const abs = path.resolve(ctx.cwd, storePath);
  const policy = readWorkspacePolicy(ctx, path.join(path.dirname(abs), POLICY_FILE));
  return withCompliance(store, createComplianceValidator({ policy }), { ports: ctx.ports, policy });
}

/** The policy file when there is one, else the defaults; a bad file is a usage error naming the field. */
function readWorkspacePolicy(ctx: CliContext, file: string): PrivacyPolicy {
  if (!fs.existsSync(file)) return parsePolicy({});
  const shown = path.relative(ctx.cwd, file) || file;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`${shown} is not JSON (${(err as Error).message}); fix it or remove it to use the default privacy policy`, ExitCode.usage);
  }
  try {
    return parsePolicy(json);
  } catch (err) {
    if (err instanceof PolicyError) throw new CliError(`${shown}: ${err.message}`, ExitCode.usage);
    throw err;
  }
}

/**
 * How a file is named in `source.file`: relative to the working folder when it is inside it, else
 * absolute; forward slashes either way. `kaizen calls --source` names files the same way.
 */
export function sourceName(ctx: CliContext, file: string): string {
  const abs = path.resolve(ctx.cwd, file);
  const rel = path.relative(ctx.cwd, abs);
  const name = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  return name.split(path.sep).join('/');
}

function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * After a command read the store: rows it had to skip because they are damaged are listed on stderr and
 * the command exits 1 (what it printed covers every other call). `kaizen doctor --quarantine` sets them aside.
 */
export function reportUnreadableRows(ctx: CliContext, store: LearningStore): void {
  const rows = store.unreadableRows?.() ?? [];
  if (rows.length === 0) return;
  for (const r of rows.slice(0, 20)) ctx.stderr.write(`kaizen: skipped a damaged row: call ${r.callId} ${r.column}: ${r.reason}\n`);
  if (rows.length > 20) ctx.stderr.write(`kaizen: … and ${rows.length - 20} more damaged rows\n`);
  throw new CliError(`${rows.length} damaged rows were skipped (everything else was read); run \`kaizen doctor --quarantine\` to set them aside`, ExitCode.problems);
}
