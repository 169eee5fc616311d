import { InvalidArgumentError } from 'commander';
import { DEFAULT_STORE, writeJsonLine } from '../context';
import { openWorkspace } from '../workspace';
import type { LearningStore } from '../../engine/store';
import type { RegisterCommand } from './index';

interface PatternsOpts {
  store: string;
  intent?: string;
  strategy?: string;
  minSupport?: number;
  sort: 'lift' | 'confidence' | 'support';
  significant?: boolean;
  limit?: number;
  json?: boolean;
  withCalls?: boolean;
}

/**
 * Every call behind each pattern, from the stored analyses: a call supports the pattern of its opening
 * situation (intent, situation, move) when its outcome is known, exactly as `kaizen analyze` counted it.
 */
async function supportingCalls(store: LearningStore): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const call of await store.listCalls()) {
    const a = await store.getCallAnalysis(call.callId);
    if (!a || a.outcome.label === 'unknown') continue;
    const fragments = ((a.detail as { fragments?: Array<{ trigger: string; strategy: string; opening: boolean; primary: boolean }> } | undefined)?.fragments ?? []);
    for (const f of fragments) {
      if (!f.opening || !f.primary) continue;
      const id = `${a.intent}|${f.trigger}|${f.strategy}`;
      const list = out.get(id) ?? [];
      list.push(call.callId);
      out.set(id, list);
    }
  }
  return out;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 0`);
  return n;
}
function sortKey(value: string): PatternsOpts['sort'] {
  if (value !== 'lift' && value !== 'confidence' && value !== 'support') throw new InvalidArgumentError(`"${value}": sort by lift, confidence or support`);
  return value;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('patterns')
    .description('List the (intent, situation, move) patterns from the last `kaizen analyze`: success rate, Wilson 95% interval, lift over the other moves in the same situation, BH-adjusted q-value.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--intent <intent>', 'only this intent')
    .option('--strategy <strategy>', 'only this agent move')
    .option('--min-support <n>', 'only patterns seen in at least n calls', positiveInt)
    .option('--sort <key>', 'lift (size of the effect, better or worse) | confidence (Wilson lower bound) | support', sortKey, 'lift')
    .option('--significant', 'only patterns significant at FDR 5%')
    .option('--limit <n>', 'at most n rows', positiveInt)
    .option('--json', 'one JSON line per pattern')
    .option('--with-calls', 'with --json: add every supporting call id ("callIds")')
    .action(async (opts: PatternsOpts) => {
      const ws = await openWorkspace(ctx, opts.store);
      try {
        let rows = await ws.store.listPatterns({ intent: opts.intent, strategy: opts.strategy, minSupport: opts.minSupport });
        if (opts.significant) rows = rows.filter((p) => p.liftPValue < 0.05);
        const key = { lift: (p: (typeof rows)[number]) => Math.abs(p.lift), confidence: (p: (typeof rows)[number]) => p.confidence.low, support: (p: (typeof rows)[number]) => p.support }[opts.sort];
        rows.sort((a, b) => key(b) - key(a) || a.id.localeCompare(b.id));
        if (opts.limit !== undefined) rows = rows.slice(0, opts.limit);
        if (opts.json) {
          const calls = opts.withCalls ? await supportingCalls(ws.store) : undefined;
          for (const p of rows) writeJsonLine(ctx.stdout, { ...p, significant: p.liftPValue < 0.05, ...(calls ? { callIds: calls.get(p.id) ?? [] } : {}) });
          return;
        }
        if (rows.length === 0) {
          ctx.stdout.write('no patterns match (run `kaizen analyze` first, or loosen the filters)\n');
          return;
        }
        const head = ['', 'intent', 'situation', 'move', 'n', 'success', '95% CI', 'lift', 'q'];
        const table = rows.map((p) => [
          p.liftPValue < 0.05 ? '*' : '',
          p.intent,
          p.trigger,
          p.strategy,
          String(p.support),
          pct(p.successRate),
          `${pct(p.confidence.low)}–${pct(p.confidence.high)}`,
          `${p.lift >= 0 ? '+' : ''}${(p.lift * 100).toFixed(1)}pt`,
          p.liftPValue.toExponential(1),
        ]);
        const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
        const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
        ctx.stdout.write(`${[line(head), ...table.map(line)].join('\n')}\n* significant at FDR 5% (Benjamini–Hochberg)\n`);
      } finally {
        await ws.close();
      }
    });
};
