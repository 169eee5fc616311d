import * as path from 'node:path';
import { StoreFileError, openSqlStore } from '../../engine/store';
import type { SqlLearningStore } from '../../engine/store';
import { examineStore, quarantineCount, quarantineRows } from '../../engine/store';
import type { DoctorReport } from '../../engine/store';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { assertStoreExists } from '../workspace';
import type { RegisterCommand } from './index';

/** `kaizen doctor`: find the rows of the store that cannot be read and, with --quarantine, set them aside. */
export const register: RegisterCommand = (program, ctx) => {
  program
    .command('doctor')
    .description(
      'Check every stored call row (JSON columns and transcripts). Damaged rows are listed; --quarantine moves them into the quarantined_calls table ' +
        '(nothing is deleted) so calls, export and analyze read the rest cleanly. Exit code 1 when damaged rows remain.',
    )
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--quarantine', 'move damaged rows into the quarantined_calls table')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { store: string; quarantine?: boolean; json?: boolean }) => {
      assertStoreExists(ctx, opts.store);
      const abs = path.resolve(ctx.cwd, opts.store);
      let store: SqlLearningStore;
      try {
        store = (await openSqlStore({ path: abs, ports: ctx.ports })) as SqlLearningStore;
      } catch (err) {
        if (err instanceof StoreFileError) {
          throw new CliError(`${opts.store}: ${err.message}`, err.reason === 'locked' ? ExitCode.problems : ExitCode.dataError);
        }
        throw err;
      }
      let report: DoctorReport;
      try {
        const problems = examineStore(store);
        const quarantined = opts.quarantine ? quarantineRows(store, problems, ctx.ports.clock.now()) : 0;
        report = { callsScanned: problems.scanned ?? 0, problems: [...problems], quarantined, inQuarantine: quarantineCount(store) };
        if (quarantined) await store.save();
      } finally {
        await store.close();
      }
      if (opts.json) writeJsonLine(ctx.stdout, report);
      else {
        ctx.stdout.write(`${opts.store}: ${report.callsScanned} calls checked, ${report.problems.length} damaged rows${report.quarantined ? `, ${report.quarantined} moved to quarantined_calls` : ''}.\n`);
        for (const p of report.problems) ctx.stdout.write(`  call ${p.callId} ${p.column}: ${p.reason}\n`);
        if (report.inQuarantine) ctx.stdout.write(`  ${report.inQuarantine} rows are in quarantined_calls (inspect them with any SQLite tool; nothing was deleted).\n`);
      }
      if (report.problems.length > report.quarantined) {
        throw new CliError(`${report.problems.length} damaged rows; run kaizen doctor --quarantine to set them aside`, ExitCode.problems);
      }
    });
};
