import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { StatsFile } from '../../engine/collective';
import { CollectiveRefusal, blendWithFleet, canonicalBytes, compareWithFleet, exportStats, mergeStats, parseStatsFile } from '../../engine/collective';
import { createComplianceValidator } from '../../engine/privacy';
import type { CliContext } from '../context';
import { CliError, DEFAULT_STORE, ExitCode, writeJsonLine } from '../context';
import { openWorkspace } from '../workspace';
import { callHub, hubUrl } from './artifactSharing';
import { ed25519Of, readSigningKey } from './keys';

const JOURNAL_STREAM = 'collective.stats';

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${name} must be a whole number ≥ 1, got "${value}"`, ExitCode.usage);
  return n;
}

function readStatsFile(ctx: CliContext, file: string): StatsFile {
  const abs = path.resolve(ctx.cwd, file);
  if (!fs.existsSync(abs)) throw new CliError(`${file}: no such file`, ExitCode.usage);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(abs, 'utf8'));
  } catch (err) {
    throw new CliError(`${file}: not JSON (${(err as Error).message})`, ExitCode.usage);
  }
  try {
    return parseStatsFile(json, file);
  } catch (err) {
    if (err instanceof CollectiveRefusal) throw new CliError(`${err.field}: ${err.reason}`, ExitCode.usage);
    throw err;
  }
}

function writeOut(ctx: CliContext, out: string | undefined, value: unknown): void {
  if (!out) return writeJsonLine(ctx.stdout, value);
  const abs = path.resolve(ctx.cwd, out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, `${JSON.stringify(value)}\n`);
}

/** `kaizen stats export|merge|fleet`: pattern statistics shared between nodes without sharing a call. */
export function registerStatsSharing(stats: Command, ctx: CliContext): void {
  stats
    .command('export')
    .description('This node\'s pattern statistics as kaizen.stats/1 (no pattern with fewer than k calls; privacy-checked); each export a higher version.')
    .requiredOption('--node <id>', 'this node\'s name in the fleet')
    .option('--k <n>', 'least calls a pattern needs to leave this node', '10')
    .option('--out <file>', 'write here instead of stdout')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .action(async (opts: { node: string; k: string; out?: string; store: string }) => {
      const k = positiveInt('--k', opts.k);
      const ws = await openWorkspace(ctx, opts.store);
      try {
        const previous = (await ws.store.readJournal(JOURNAL_STREAM, { kind: 'export' })).map((e) => e.payload as { node?: string; version?: number }).filter((p) => p.node === opts.node);
        const version = Math.max(0, ...previous.map((p) => p.version ?? 0)) + 1;
        const patterns = await ws.store.listPatterns();
        if (patterns.length === 0) throw new CliError('no patterns in this store yet (kaizen analyze learns them)', ExitCode.problems);
        let result;
        try {
          result = exportStats(patterns, { node: opts.node, version, k, validator: createComplianceValidator({ policy: ws.policy }) });
        } catch (err) {
          if (err instanceof CollectiveRefusal) throw new CliError(`not exported: ${err.field}: ${err.reason}`, ExitCode.problems);
          throw err;
        }
        await ws.store.appendJournal([{ stream: JOURNAL_STREAM, kind: 'export', ts: ctx.ports.clock.now(), payload: { node: opts.node, version, k, patterns: Object.keys(result.stats.totals).length, withheld: result.withheld } }]);
        writeOut(ctx, opts.out, result.stats);
        ctx.stderr.write(`stats export: ${Object.keys(result.stats.totals).length} patterns as ${opts.node} v${version}; ${result.withheld} below k=${k} withheld\n`);
      } finally {
        await ws.close();
      }
    });

  stats
    .command('merge <files...>')
    .description('Merge kaizen.stats/1 files: newest version per node wins, totals summed, the strictest k kept (order and repeats do not matter).')
    .option('--out <file>', 'write here instead of stdout')
    .action((files: string[], opts: { out?: string }) => {
      writeOut(ctx, opts.out, mergeStats(files.map((f) => readStatsFile(ctx, f))));
    });

  stats
    .command('fleet <file>')
    .description('What a node learns from merged statistics: each situation\'s moves with the fleet blended in ("seen on 4 agents, 12,400 calls"), and where its own move underperforms the fleet.')
    .requiredOption('--node <id>', 'the node to compare')
    .option('--weight <w>', 'weight of other nodes\' calls (0..1)', '0.5')
    .option('--json', 'JSON output')
    .action((file: string, opts: { node: string; weight: string; json?: boolean }) => {
      const weight = Number(opts.weight);
      if (!(weight >= 0 && weight <= 1)) throw new CliError(`--weight must be between 0 and 1, got "${opts.weight}"`, ExitCode.usage);
      const merged = readStatsFile(ctx, file);
      if (!merged.contributions[opts.node]) ctx.stderr.write(`note: ${opts.node} has no contribution in ${file}; everything shown is the fleet's\n`);
      const situations = blendWithFleet(merged, opts.node, { weight });
      const underperforming = compareWithFleet(merged, opts.node).filter((r) => r.underperforms);
      if (opts.json) return writeJsonLine(ctx.stdout, { node: opts.node, weight, situations, underperforming });
      for (const s of situations) {
        ctx.stdout.write(`${s.intent} › ${s.situation}\n`);
        for (const m of s.moves) ctx.stdout.write(`  ${(m.rate * 100).toFixed(0).padStart(3)}%  ${m.move}  (own ${m.own.n} calls; ${m.label})\n`);
      }
      for (const r of underperforming) ctx.stdout.write(`underperforms: ${r.intent} › ${r.situation} › ${r.move}: ${(r.own.rate * 100).toFixed(0)}% here vs ${(r.others.rate * 100).toFixed(0)}% on ${r.others.nodes} other node(s) (q=${r.q!.toPrecision(2)})\n`);
    });

  stats
    .command('submit <file>')
    .description('Send a kaizen.stats/1 file to a hub, signed by a trusted key; the hub keeps each node\'s newest version. Prints {"kept","ignored"}.')
    .requiredOption('--hub <url>', 'the hub (the "http" line of kaizen serve --hub)')
    .requiredOption('--key <dir>', 'signing key folder')
    .action(async (file: string, opts: { hub: string; key: string }) => {
      const stats = readStatsFile(ctx, file);
      const key = readSigningKey(ctx, opts.key);
      const body = { stats, keyId: key.keyId, sig: ed25519Of(ctx).sign(key.privateKey, canonicalBytes(stats)) };
      writeJsonLine(ctx.stdout, await callHub(ctx, 'POST', `${hubUrl(opts.hub)}/v1/stats`, body));
    });

  stats
    .command('pull')
    .description('The statistics a hub holds, merged (kaizen.stats/1).')
    .requiredOption('--hub <url>', 'the hub')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (opts: { hub: string; out?: string }) => {
      writeOut(ctx, opts.out, parseStatsFile(await callHub(ctx, 'GET', `${hubUrl(opts.hub)}/v1/stats`), 'hub'));
    });
}
