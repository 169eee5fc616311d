import * as path from 'node:path';
import { StoreFileError, openSqlStore } from '../../engine/store';
import type { SqlLearningStore } from '../../engine/store';
import { examineSegments, examineStore, quarantineCount, quarantineRows } from '../../engine/store';
import type { DoctorReport, PiiLeak } from '../../engine/store';
import type { Conversation } from '../../engine/model';
import { createComplianceValidator } from '../../engine/privacy';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { assertStoreExists, workspacePolicy } from '../workspace';
import type { RegisterCommand } from './index';

/** `kaizen doctor`: find the rows of the store that cannot be read and, with --quarantine, set them aside. */
export const register: RegisterCommand = (program, ctx) => {
  program
    .command('doctor')
    .description(
      'Check every stored call row (JSON columns and transcripts), in the store file and in each segment file of sealed calls, for damage and for ' +
        'personal data the privacy gate would refuse (emails, phone, card, SSN, IBAN, IP numbers; reported by file, field and type, never the value). ' +
        'Damaged rows are listed; --quarantine moves those of the store file into the quarantined_calls table (nothing is deleted) so calls, export ' +
        'and analyze read the rest cleanly; segment files are immutable and only reported. Exit code 1 when damaged rows or leaks remain.',
    )
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--quarantine', 'move damaged rows into the quarantined_calls table')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { store: string; quarantine?: boolean; json?: boolean }) => {
      assertStoreExists(ctx, opts.store);
      const abs = path.resolve(ctx.cwd, opts.store);
      let store: SqlLearningStore;
      try {
        // verify: the page-by-page check runs even when the file matches its last save's record.
        store = (await openSqlStore({ path: abs, ports: ctx.ports, verify: true })) as SqlLearningStore;
      } catch (err) {
        if (err instanceof StoreFileError) {
          throw new CliError(`${opts.store}: ${err.message}`, err.reason === 'locked' ? ExitCode.problems : ExitCode.dataError);
        }
        throw err;
      }
      // The same check the gate runs on every stored transcript, under the workspace's policy.
      const transcripts = createComplianceValidator({ policy: await workspacePolicy(ctx, opts.store), mode: 'residual' });
      const leaks: PiiLeak[] = [];
      const scan = (file: string) => (c: Conversation) => {
        // An id that is itself personal data is not printed: the call is named by the finding alone.
        const ids = transcripts.validate({ callId: c.callId, agentId: c.agentId }, 'call').findings;
        const label = ids.length > 0 ? 'call (its id)' : `call ${c.callId}`;
        for (const f of ids) leaks.push({ file, field: f.field, entityType: f.entityType });
        for (const f of transcripts.validate(c.events, `${label}.events`).findings) leaks.push({ file, field: f.field, entityType: f.entityType });
      };
      const storeFile = path.relative(ctx.cwd, abs) || abs;
      let report: DoctorReport;
      try {
        const problems = examineStore(store, scan(storeFile));
        const segments = (await examineSegments(store, (file, c) => scan(path.relative(ctx.cwd, file) || file)(c))).map((s) => ({ ...s, file: path.relative(ctx.cwd, s.file) || s.file }));
        const quarantined = opts.quarantine ? quarantineRows(store, problems, ctx.ports.clock.now()) : 0;
        report = { callsScanned: problems.scanned ?? 0, problems: [...problems], quarantined, inQuarantine: quarantineCount(store), segments, leaks };
        if (quarantined) await store.save();
      } finally {
        await store.close();
      }
      const segmentProblems = report.segments.reduce((n, s) => n + s.problems.length + (s.error ? 1 : 0), 0);
      if (opts.json) writeJsonLine(ctx.stdout, report);
      else {
        ctx.stdout.write(`${opts.store}: ${report.callsScanned} calls checked, ${report.problems.length} damaged rows${report.quarantined ? `, ${report.quarantined} moved to quarantined_calls` : ''}.\n`);
        for (const p of report.problems) ctx.stdout.write(`  call ${p.callId} ${p.column}: ${p.reason}\n`);
        if (report.inQuarantine) ctx.stdout.write(`  ${report.inQuarantine} rows are in quarantined_calls (inspect them with any SQLite tool; nothing was deleted).\n`);
        for (const s of report.segments) {
          if (s.error) ctx.stdout.write(`${s.file}: cannot be read: ${s.error}\n`);
          else ctx.stdout.write(`${s.file}: ${s.callsScanned} sealed calls checked, ${s.problems.length} damaged rows.\n`);
          for (const p of s.problems) ctx.stdout.write(`  call ${p.callId} ${p.column}: ${p.reason}\n`);
        }
        const byFile = new Map<string, PiiLeak[]>();
        for (const l of report.leaks) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
        for (const [file, ls] of byFile) {
          ctx.stdout.write(`${file}: ${ls.length} stored fields still look like personal data:\n`);
          for (const l of ls) ctx.stdout.write(`  ${l.field} (${l.entityType})\n`);
        }
        if (report.leaks.length === 0) ctx.stdout.write('No stored transcript holds personal data the privacy gate would refuse.\n');
      }
      const remaining = report.problems.length - report.quarantined + segmentProblems;
      if (remaining > 0 || report.leaks.length > 0) {
        const parts = [
          report.problems.length > report.quarantined ? `${report.problems.length - report.quarantined} damaged rows in the store file; run kaizen doctor --quarantine to set them aside` : '',
          segmentProblems ? `${segmentProblems} damaged rows or files among the segment files (immutable: restore them from a backup)` : '',
          report.leaks.length ? `${report.leaks.length} stored fields look like personal data (re-import the calls with the current redactor)` : '',
        ].filter(Boolean);
        throw new CliError(parts.join('; '), ExitCode.problems);
      }
    });
};
