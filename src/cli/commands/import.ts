import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { IngestFormatError, MAX_RECORD_CHARS } from '../../engine/ingest';
import type { ImportProgress, ImportReport } from '../../engine/ingest';
import { IngestFormatSchema } from '../../engine/model';
import type { IngestFormat } from '../../engine/model';
import type { CliContext } from '../context';
import { CliError, DEFAULT_STORE, ExitCode } from '../context';
import { openWorkspace, sourceName, workspaceHmacKey } from '../workspace';
import { createRedactionPool } from '../../node/redactionPool';
import type { RedactionPool } from '../../node/redactionPool';
import { createStatusLine } from '../progress';
import type { RegisterCommand } from './index';

/** Rejections printed per file in the human summary; `--json` has them all (up to the report's cap). */
const SHOWN_REJECTIONS = 20;

function parseFormat(value: string): IngestFormat {
  const r = IngestFormatSchema.safeParse(value);
  if (!r.success) throw new InvalidArgumentError(`unknown format "${value}"; use one of ${IngestFormatSchema.options.join(', ')}`);
  return r.data;
}

interface ImportOpts {
  format?: IngestFormat;
  store: string;
  agent?: string;
  transcriptDays?: number;
  json?: boolean;
  maxRecordMb?: number;
  workers?: number;
}

/** Files from this size up are redacted in worker threads by default (below it, starting them costs more than it saves). */
const WORKER_IMPORT_BYTES = 8 * 1024 * 1024;

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new InvalidArgumentError(`"${value}" is not a number of worker threads from 0 to 64`);
  return n;
}

function parseMegabytes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number of megabytes`);
  return n;
}

function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive whole number of days`);
  return n;
}

interface FileFailure {
  file: string;
  error: string;
}

function progressDrawer(ctx: CliContext): { draw: (p: ImportProgress) => void; done: () => void } {
  const line = createStatusLine(ctx);
  return {
    draw(p) {
      const pct = p.bytesTotal > 0 ? Math.floor((100 * p.bytesRead) / p.bytesTotal) : 100;
      line.show(`${p.file}: ${pct}% (${mb(p.bytesRead)} of ${mb(p.bytesTotal)}), ${p.calls} calls, ${p.rejected} rejected`, p.bytesRead >= p.bytesTotal);
    },
    done: () => line.done(),
  };
}

function mb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`;
}

function summaryLine(r: ImportReport): string {
  const parts = [
    `${r.calls} calls imported (${r.callsInserted} new, ${r.callsMerged} merged, ${r.callsUnchanged} already stored)`,
    `${r.rejected} rejected`,
    `${r.duplicates} duplicate events`,
  ];
  if (r.conflicted) parts.push(`${r.conflicted} in conflict with the store (left as stored)`);
  if (r.saveError) parts.push(`NOT SAVED: ${r.saveError}`);
  if (r.skipped) parts.push(`${r.skipped} skipped`);
  return `${r.file} [${r.format ?? '?'}]: ${parts.join(', ')}${r.cancelled ? ' (cancelled: batches written before stay; run again to finish)' : ''}`;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('import')
    .description(
      'Import recorded calls into the learning store (redacted before storing). Formats are detected: ' +
        `${IngestFormatSchema.options.join(', ')}. Exit code 1 when any record was rejected.`,
    )
    .argument('<files...>', 'files to import')
    .option('--format <format>', `force a format (${IngestFormatSchema.options.join(' | ')})`, parseFormat)
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--agent <id>', 'agent id for calls whose file names none', undefined)
    .option('--transcript-days <n>', 'after importing, delete transcripts older than this many days (as the extension\'s kaizen.privacy.transcriptRetentionDays)', parseDays)
    .option('--json', 'print the import reports as JSON')
    .option(
      '--max-record-mb <n>',
      `raise the size limit of one record (default ${MAX_RECORD_CHARS / (1024 * 1024)} MB; a smaller value is ignored)`,
      parseMegabytes,
    )
    .option(
      '--workers <n>',
      `redact in n worker threads while this thread parses and stores (default: one per core beyond the first, for files of ${WORKER_IMPORT_BYTES / (1024 * 1024)} MB or more; 0: all in this thread). The stored calls are the same either way`,
      parseWorkers,
    )
    .action(async (files: string[], opts: ImportOpts) => {
      for (const f of files) {
        const abs = path.resolve(ctx.cwd, f);
        let stat: fs.Stats;
        try {
          stat = fs.statSync(abs);
        } catch {
          throw new CliError(`${f}: no such file`, ExitCode.usage);
        }
        if (!stat.isFile()) throw new CliError(`${f}: not a file`, ExitCode.usage);
      }
      const ws = await openWorkspace(ctx, opts.store, { create: true, settings: { transcriptRetentionDays: opts.transcriptDays ?? null } });
      const reports: ImportReport[] = [];
      const failures: FileFailure[] = [];
      const controller = new AbortController();
      const onSigint = () => controller.abort(new Error('interrupted'));
      process.once('SIGINT', onSigint);
      const progress = progressDrawer(ctx);
      // Redaction, the costliest stage, in a pool of worker threads built from the same key and policy as
      // this thread's redactor; batches come back in file order and this thread stays the store's one writer.
      let pool: RedactionPool | undefined;
      const poolFor = async (file: string): Promise<RedactionPool | undefined> => {
        const size = opts.workers ?? (fs.statSync(path.resolve(ctx.cwd, file)).size >= WORKER_IMPORT_BYTES ? availableParallelism() - 1 : 0);
        if (size < 1) return undefined;
        pool ??= createRedactionPool({ hmacKey: await workspaceHmacKey(ctx), policy: await ws.engine.policy(), size });
        return pool;
      };
      try {
        for (const f of files) {
          if (controller.signal.aborted) break;
          const name = sourceName(ctx, f);
          try {
            const workers = await poolFor(f);
            // The engine workspace imports, applies retention and saves, as it does for the extension.
            const report = await ws.engine.importFile(path.resolve(ctx.cwd, f), {
              format: opts.format,
              agentId: opts.agent,
              sourceName: name,
              signal: controller.signal,
              onProgress: progress.draw,
              limits: opts.maxRecordMb !== undefined ? { maxRecordChars: opts.maxRecordMb * 1024 * 1024 } : undefined,
              ...(workers ? { redactBatch: workers.redactBatch, parallelBatches: workers.size + 1 } : {}),
            });
            progress.done();
            reports.push(report);
            if (!opts.json) {
              ctx.stdout.write(`${summaryLine(report)}\n`);
              for (const r of report.rejections.slice(0, SHOWN_REJECTIONS)) {
                ctx.stderr.write(`  ${r.file}${r.line !== undefined ? `:${r.line}` : ''} ${r.field}: ${r.reason}\n`);
              }
              if (report.rejected > SHOWN_REJECTIONS) ctx.stderr.write(`  … and ${report.rejected - SHOWN_REJECTIONS} more (--json lists them)\n`);
              for (const c of report.conflicts.slice(0, SHOWN_REJECTIONS)) ctx.stderr.write(`  ${c.file} conflict: call ${c.callId} ${c.field}: ${c.reason}\n`);
              if (report.conflicted > SHOWN_REJECTIONS) ctx.stderr.write(`  … and ${report.conflicted - SHOWN_REJECTIONS} more conflicts (--json lists them)\n`);
            }
          } catch (err) {
            progress.done();
            if (!(err instanceof IngestFormatError)) throw err;
            failures.push({ file: name, error: err.message });
            if (!opts.json) ctx.stderr.write(`kaizen: ${err.message}\n`);
          }
        }
      } finally {
        process.removeListener('SIGINT', onSigint);
        await pool?.close();
        await ws.close().catch((err: unknown) => {
          // The import's own save already failed and is in its report; a failing close adds nothing new.
          if (!reports.some((r) => r.saveError)) throw err;
        });
      }
      const totals = {
        files: files.length,
        calls: sum(reports, 'calls'),
        callsInserted: sum(reports, 'callsInserted'),
        rejected: sum(reports, 'rejected'),
        conflicted: sum(reports, 'conflicted'),
        unsaved: reports.filter((r) => r.saveError).length,
        duplicates: sum(reports, 'duplicates'),
        failedFiles: failures.length,
      };
      if (opts.json) {
        ctx.stdout.write(`${JSON.stringify({ reports, failures, totals })}\n`);
      } else if (!ctx.interactive || files.length > 1) {
        ctx.stderr.write(
          `imported ${totals.calls} calls from ${reports.length} of ${files.length} files; ${totals.rejected} records rejected, ${totals.duplicates} duplicate events` +
            `${totals.conflicted ? `, ${totals.conflicted} calls in conflict with the store` : ''}` +
            `${failures.length ? `, ${failures.length} files in no known format` : ''}\n`,
        );
      }
      if (totals.unsaved > 0) {
        const why = reports.find((r) => r.saveError)!.saveError!;
        throw new CliError(`the store could not be saved (${why}); nothing of this import was stored. Free space or fix the folder's permissions and import again`, ExitCode.dataError);
      }
      if (totals.rejected > 0 || failures.length > 0 || totals.conflicted > 0) {
        const problems = [
          totals.rejected ? `${totals.rejected} records rejected` : '',
          totals.conflicted ? `${totals.conflicted} calls in conflict with the store (left as stored)` : '',
          failures.length ? `${failures.length} files not imported` : '',
        ].filter(Boolean);
        throw new CliError(`${problems.join(', ')}; the rest was imported`, ExitCode.problems);
      }
    });
};

function sum(reports: ImportReport[], key: 'calls' | 'callsInserted' | 'rejected' | 'duplicates' | 'conflicted'): number {
  return reports.reduce((n, r) => n + r[key], 0);
}
