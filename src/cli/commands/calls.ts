import { InvalidArgumentError } from 'commander';
import type { CallFilter, CallSummary, OutcomeLabel } from '../../engine/store';
import { DEFAULT_STORE, writeJsonLine } from '../context';
import { openWorkspace, reportUnreadableRows, sourceName } from '../workspace';
import { callView, renderCallText, resolveCallId } from '../callView';
import type { RegisterCommand } from './index';

const OUTCOMES: readonly OutcomeLabel[] = ['success', 'failure', 'unknown'];

function parseOutcome(value: string): OutcomeLabel {
  if (!(OUTCOMES as readonly string[]).includes(value)) throw new InvalidArgumentError(`use one of ${OUTCOMES.join(', ')}`);
  return value as OutcomeLabel;
}

function parseSince(value: string): number {
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(t)) throw new InvalidArgumentError(`"${value}" is not a date; use ISO 8601 (2026-03-01 or 2026-03-01T10:00:00Z) or epoch milliseconds`);
  return t;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a whole number above 0, got "${value}"`);
  return n;
}

interface CallsOpts {
  agent?: string;
  intent?: string;
  outcome?: OutcomeLabel;
  source?: string;
  since?: number;
  limit?: number;
  store: string;
  json?: boolean;
}

/**
 * The outcome column is the analysed label `--outcome` filters on; the platform's reason the call
 * ended has its own column, so the two are never mixed.
 */
function outcomeText(c: CallSummary): string {
  return c.outcomeLabel ?? '(not analysed)';
}

function endedText(c: CallSummary): string {
  const o = c.outcome;
  if (!o) return '';
  return o.transferred && o.endReason !== 'transfer' ? `${o.endReason}, transferred` : o.endReason;
}

function cut(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** Keeps the end of a path (the file name), which says more than its start. */
function cutLeft(s: string, n: number): string {
  return s.length <= n ? s : `…${s.slice(s.length - n + 1)}`;
}

export const register: RegisterCommand = (program, ctx) => {
  const calls = program
    .command('calls')
    .description('List stored calls in start-time order; filter by agent, intent, outcome, source file or start time.')
    .option('--agent <id>', 'only this agent')
    .option('--intent <intent>', 'only calls analysed with this intent')
    .option('--outcome <label>', `only this outcome label (${OUTCOMES.join(' | ')})`, parseOutcome)
    .option('--source <file>', 'only calls imported from this file (as given to kaizen import)')
    .option('--since <date>', 'only calls started at or after this time (ISO 8601 or epoch ms)', parseSince)
    .option('--limit <n>', 'at most this many calls (default 100 in the table, all with --json)', parseLimit)
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'one JSON object per line per call')
    // `calls show <id> --store x`: options after `show` are its own, not the list's.
    .enablePositionalOptions()
    .action(async (opts: CallsOpts) => {
      const filter: CallFilter = {};
      if (opts.agent) filter.agentId = opts.agent;
      if (opts.intent) filter.intent = opts.intent;
      if (opts.outcome) filter.outcome = opts.outcome;
      if (opts.source) filter.sourceFile = sourceName(ctx, opts.source);
      if (opts.since !== undefined) filter.since = opts.since;
      filter.limit = opts.limit ?? (opts.json ? undefined : 100);
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const calls = await ws.store.listCalls(filter);
        if (opts.json) {
          for (const c of calls) writeJsonLine(ctx.stdout, c);
          reportUnreadableRows(ctx, ws.store);
          return;
        }
        if (calls.length === 0) {
          ctx.stdout.write('No calls match.\n');
          reportUnreadableRows(ctx, ws.store);
          return;
        }
        // Full ids: `kaizen calls show` takes them (or any unambiguous prefix).
        const rows = calls.map((c) => [
          c.callId,
          cut(c.agentId, 24),
          new Date(c.startedAt).toISOString().slice(0, 16).replace('T', ' '),
          String(c.turnCount),
          outcomeText(c),
          endedText(c),
          c.source ? cutLeft(`${c.source.file}#${c.source.index}`, 40) : '',
        ]);
        const head = ['call', 'agent', 'started (UTC)', 'turns', 'outcome', 'ended', 'source'];
        const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        const line = (r: string[]) => r.map((x, i) => (i === 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
        ctx.stdout.write(`${line(head)}\n${rows.map(line).join('\n')}\n`);
        const total = await ws.store.countCalls({ ...filter, limit: undefined });
        if (total > calls.length) ctx.stdout.write(`(${calls.length} of ${total}; use --limit or --json for more)\n`);
        reportUnreadableRows(ctx, ws.store);
      } finally {
        await ws.close();
      }
    });

  calls
    .command('show <id>')
    .description('Show one stored call: redacted transcript with tools, outcome, analysis and signals, and what its platform reported (cost, latency, summary, URLs…). The id may be an unambiguous prefix.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--json', 'print the call as one JSON object')
    .action(async (id: string, opts: { store: string; json?: boolean }) => {
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const callId = await resolveCallId(ws.store, id);
        const conv = (await ws.store.getConversation(callId))!;
        const view = callView(conv, await ws.store.getCallAnalysis(callId));
        if (opts.json) writeJsonLine(ctx.stdout, view);
        else ctx.stdout.write(renderCallText(view));
      } finally {
        await ws.close();
      }
    });
};
