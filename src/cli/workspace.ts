import * as path from 'node:path';
import * as fs from 'node:fs';
import { PolicyError } from '../engine/privacy';
import type { KaizenRedactor, PrivacyPolicy } from '../engine/privacy';
import type { Clock } from '../engine/ports';
import { StoreFileError } from '../engine/store';
import type { LearningStore } from '../engine/store';
import { WorkspaceKeyError, createWorkspace, workspaceHmacKey as engineWorkspaceKey } from '../engine/workspace';
import type { Workspace as EngineWorkspace, WorkspaceSettings } from '../engine/workspace';
import type { CliContext } from './context';
import { CliError, DEFAULT_STORE, ExitCode } from './context';

export interface Workspace {
  /** The store behind the compliance gate: every write and every bundle in or out is validated first. */
  store: LearningStore;
  policy: PrivacyPolicy;
  /** The redactor, built (and the key created) on first call: read-only commands never pay for it. */
  redactor(): Promise<KaizenRedactor>;
  /** Absolute path of the store file. */
  storePath: string;
  /** The engine's workspace (import with retention, policy refresh) the fields above come from. */
  engine: EngineWorkspace;
  /** Saves and closes the store. */
  close(): Promise<void>;
}

export interface OpenWorkspaceOptions {
  /** Settings from the command's flags (e.g. `--transcript-days`). */
  settings?: WorkspaceSettings;
  /** A clock other than the system's (simulated experiment days). */
  clock?: Clock;
  /** Whether a missing store is created (import, samples, demo, import-bundle); every other command needs one. */
  create?: boolean;
}

/** The workspace HMAC key from the secret store, created on first use; a malformed one is a data error, never replaced. */
export async function workspaceHmacKey(ctx: CliContext): Promise<Uint8Array> {
  return cliErrors(ctx, undefined, () => engineWorkspaceKey(ctx.ports));
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
 * Opens the store and the redactor every data command needs, built by the engine's composition
 * root (src/engine/workspace.ts) from the CLI's ports, as the extension does. A store file that is
 * corrupt, foreign or newer than this build is a CliError with exit code 3 (and is never written);
 * a bad `.kaizen/privacy.json` is a usage error naming the field.
 */
export async function openWorkspace(ctx: CliContext, storePath: string = DEFAULT_STORE, options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  // Before the key or the folder: a mistyped --store must not leave an empty store behind.
  if (!options.create) assertStoreExists(ctx, storePath);
  const { abs, engine } = cliWorkspace(ctx, storePath, options);
  return cliErrors(ctx, abs, async () => {
    const policy = await engine.policy();
    const store = await engine.store();
    return { store, redactor: () => cliErrors(ctx, abs, () => engine.redactor()), policy, storePath: abs, engine, close: () => engine.close() };
  });
}

/**
 * Only the gated store (no redactor, so no key is created), for commands that write learned data
 * but never redact: experiments, with their own clock for simulated days.
 */
export async function openGatedStore(ctx: CliContext, storePath: string = DEFAULT_STORE, options: OpenWorkspaceOptions = {}): Promise<LearningStore> {
  if (!options.create) assertStoreExists(ctx, storePath);
  const { abs, engine } = cliWorkspace(ctx, storePath, options);
  return cliErrors(ctx, abs, () => engine.store());
}

/** The privacy policy in force for a store (its `.kaizen/privacy.json`), without opening the store. */
export async function workspacePolicy(ctx: CliContext, storePath: string = DEFAULT_STORE): Promise<PrivacyPolicy> {
  const { abs, engine } = cliWorkspace(ctx, storePath, {});
  return cliErrors(ctx, abs, () => engine.policy());
}

function cliWorkspace(ctx: CliContext, storePath: string, options: OpenWorkspaceOptions): { abs: string; engine: EngineWorkspace } {
  const abs = path.resolve(ctx.cwd, storePath);
  const engine = createWorkspace({
    ports: options.clock ? { ...ctx.ports, clock: options.clock } : ctx.ports,
    storePath: abs,
    settings: () => options.settings ?? {},
    describePath: (p) => path.relative(ctx.cwd, p) || p,
    onPolicyWarning: (line) => ctx.stderr.write(`kaizen: warning: ${line}\n`),
  });
  return { abs, engine };
}

/** Engine errors a user can fix, as CLI errors with the right exit code. */
async function cliErrors<T>(ctx: CliContext, storePath: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StoreFileError) {
      const file = storePath === undefined ? '' : `${path.relative(ctx.cwd, storePath) || storePath}: `;
      throw new CliError(`${file}${err.message}`, err.reason === 'locked' ? ExitCode.problems : ExitCode.dataError);
    }
    if (err instanceof PolicyError) throw new CliError(err.message, ExitCode.usage);
    if (err instanceof WorkspaceKeyError) throw new CliError(err.message, ExitCode.dataError);
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
