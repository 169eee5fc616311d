import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_STORE, ExitCode, CliError, writeJsonLine } from '../context';
import { openWorkspace, reportUnreadableRows, workspaceHmacKey } from '../workspace';
import { BundleError, bundleTrustDecision, signBundle, verifyBundle } from '../../engine/store';
import type { BundleSigner } from '../../engine/store';
import type { RegisterCommand } from './index';
import { registerStatsSharing } from './statsSharing';

function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number of days (0 or more), got "${value}"`);
  return n;
}

/** Store housekeeping: portable bundles, retention, figures. */
export const register: RegisterCommand = (program, ctx) => {
  program
    .command('export')
    .description('Write the learning store as a portable bundle (schema version and a checksum per section); `kaizen import-bundle` merges it into another store.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('-o, --out <file>', 'bundle file to write', 'kaizen-bundle.zip')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { store: string; out: string; json?: boolean }) => {
      const ws = await openWorkspace(ctx, opts.store);
      try {
        // Signed with the workspace key, so an import can tell this bundle was not edited since.
        const bytes = signBundle(await ws.store.exportBundle(), await workspaceHmacKey(ctx), ctx.ports.hashing);
        const out = path.resolve(ctx.cwd, opts.out);
        await ctx.ports.fs.writeFileAtomic(out, bytes);
        const stats = await ws.store.stats();
        if (opts.json) writeJsonLine(ctx.stdout, { bundle: out, bytes: bytes.length, ...stats });
        else ctx.stdout.write(`Wrote ${path.relative(ctx.cwd, out)} (${(bytes.length / 1e6).toFixed(2)} MB): ${stats.calls} calls, ${stats.artifactVersions} artifact versions, ${stats.patterns} patterns, ${stats.experiments} experiments.\n`);
        reportUnreadableRows(ctx, ws.store);
      } finally {
        await ws.close();
      }
    });

  program
    .command('import-bundle')
    .description('Merge a bundle from `kaizen export` into the store: validated (checksums, every record), no duplicates, older schemas migrated. A bad bundle changes nothing.')
    .argument('<bundle>', 'bundle file')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'print the result as JSON')
    .option('--allow-unsigned', 'import a bundle that carries no signature (older Kaizen, or the signature was removed)')
    .option('--trust-unknown-key', 'import a bundle signed by another workspace\'s key (it cannot be verified here)')
    .action(async (bundle: string, opts: { store: string; json?: boolean; allowUnsigned?: boolean; trustUnknownKey?: boolean }) => {
      const file = path.resolve(ctx.cwd, bundle);
      if (!fs.existsSync(file)) throw new CliError(`${bundle}: no such file`, ExitCode.usage);
      const bytes = await ctx.ports.fs.readFile(file);
      let decision: { accept: boolean; message: string };
      let signed: BundleSigner;
      try {
        const verification = verifyBundle(bytes, await workspaceHmacKey(ctx), ctx.ports.hashing);
        signed = verification.signed;
        decision = bundleTrustDecision(verification, opts);
      } catch (err) {
        if (err instanceof BundleError) throw new CliError(`${bundle}: ${err.message}`, ExitCode.dataError);
        throw err;
      }
      ctx.stderr.write(`${bundle}: ${decision.message}\n`);
      if (!decision.accept) throw new CliError(`${bundle}: not imported (${decision.message.split(';')[0]}); the store is unchanged`, ExitCode.dataError);
      const ws = await openWorkspace(ctx, opts.store, { create: true });
      try {
        let result;
        try {
          result = await ws.store.importBundle(bytes);
        } catch (err) {
          throw new CliError(`${bundle}: ${(err as Error).message}`, ExitCode.dataError);
        }
        await ws.store.save();
        for (const c of result.conflicts) {
          if (c.kind === 'call') ctx.stderr.write(`  conflict: call ${c.callId} ${c.field}: kept as stored\n`);
          else ctx.stderr.write(`  conflict: artifact ${c.artifactId} v${c.version} differs from the stored one: kept as stored\n`);
        }
        if (opts.json) writeJsonLine(ctx.stdout, { ...result, signed, trust: decision.message });
        else
          ctx.stdout.write(
            `Merged ${bundle} (schema v${result.fromSchemaVersion}): ${result.callsInserted} calls new, ${result.callsMerged} merged; ` +
              `${result.artifactVersionsInserted} artifact versions new, ${result.artifactVersionsSkipped} already present; ` +
              `${result.patternsImported} patterns, ${result.experimentsImported} experiments, ${result.journalEntriesInserted} journal entries.\n`,
          );
      } finally {
        await ws.close();
      }
    });

  program
    .command('retention')
    .description('Apply a retention policy: delete redacted transcripts (and journal entries) older than the given days; aggregates, analyses, patterns and artifacts stay.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--transcript-days <n>', 'keep transcripts this many days', parseDays)
    .option('--journal-days <n>', 'keep journal entries this many days', parseDays)
    .option('--json', 'print the result as JSON')
    .action(async (opts: { store: string; transcriptDays?: number; journalDays?: number; json?: boolean }) => {
      if (opts.transcriptDays === undefined && opts.journalDays === undefined) throw new CliError('give --transcript-days and/or --journal-days', ExitCode.usage);
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const r = await ws.store.applyRetention({ transcriptDays: opts.transcriptDays, journalDays: opts.journalDays }, ctx.ports.clock.now());
        await ws.store.save();
        if (opts.json) writeJsonLine(ctx.stdout, r);
        else ctx.stdout.write(`Deleted ${r.transcriptsDeleted} transcripts and ${r.journalEntriesDeleted} journal entries; aggregates kept.\n`);
      } finally {
        await ws.close();
      }
    });

  const stats = program
    .command('stats')
    .description('What the store holds: calls, events, analyses, patterns, artifacts, experiments, file size. `stats export|merge|fleet|submit|pull` share pattern statistics between nodes.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'print as JSON')
    .action(async (opts: { store: string; json?: boolean }) => {
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const s = await ws.store.stats();
        if (opts.json) writeJsonLine(ctx.stdout, s);
        else for (const [k, v] of Object.entries(s)) ctx.stdout.write(`${k.padEnd(20)} ${v}\n`);
      } finally {
        await ws.close();
      }
    });
  registerStatsSharing(stats, ctx);
};
