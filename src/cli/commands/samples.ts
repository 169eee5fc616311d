import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { iterateSampleCalls, summarizeTruth } from '../../engine/samples';
import type { CallTruth } from '../../engine/samples';
import { AIRLINE_PLANTED, iterateAirlineCalls } from '../../engine/samples';
import type { AirlineCallTruth } from '../../engine/samples';
import type { RegisterCommand } from './index';

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a whole number above 0, got "${value}"`);
  return n;
}

/** Writes generated calls as Kaizen JSONL plus the planted truth; streams, so any count fits in memory. */
export async function writeSampleFiles(options: { outDir: string; count: number; seed: number; agentId?: string; errorModes?: boolean }): Promise<{ callsFile: string; truthFile: string; events: number }> {
  fs.mkdirSync(options.outDir, { recursive: true });
  const callsFile = path.join(options.outDir, `${options.agentId ?? 'acme-support'}.jsonl`);
  const truthFile = path.join(options.outDir, 'truth.json');
  const out = fs.createWriteStream(callsFile);
  const truths: CallTruth[] = [];
  let events = 0;
  for (const call of iterateSampleCalls({ seed: options.seed, count: options.count, agentId: options.agentId, errorModes: options.errorModes })) {
    let chunk = '';
    for (const e of call.events) chunk += `${JSON.stringify(e)}\n`;
    events += call.events.length;
    truths.push(call.truth);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
  fs.writeFileSync(truthFile, `${JSON.stringify(summarizeTruth(options.seed, truths), null, 1)}\n`);
  return { callsFile, truthFile, events };
}

/** The airline domain (its own phrase banks): calls plus the answer key of planted (intent, situation, move) effects. */
export async function writeAirlineFiles(options: { outDir: string; count: number; seed: number; agentId?: string }): Promise<{ callsFile: string; truthFile: string; events: number }> {
  fs.mkdirSync(options.outDir, { recursive: true });
  const callsFile = path.join(options.outDir, `${options.agentId ?? 'skyway-air'}.jsonl`);
  const truthFile = path.join(options.outDir, 'truth.json');
  const out = fs.createWriteStream(callsFile);
  const truths: AirlineCallTruth[] = [];
  let events = 0;
  for (const call of iterateAirlineCalls({ seed: options.seed, count: options.count, agentId: options.agentId })) {
    events += call.events.length;
    truths.push(call.truth);
    if (!out.write(call.events.map((e) => `${JSON.stringify(e)}\n`).join(''))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
  fs.writeFileSync(truthFile, `${JSON.stringify({ domain: 'airline', seed: options.seed, count: options.count, planted: AIRLINE_PLANTED, calls: truths }, null, 1)}\n`);
  return { callsFile, truthFile, events };
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('samples')
    .description('Generate realistic customer-service calls (Kaizen JSONL, raw with PII as a recording would be) and the truth of what was planted in them.')
    .option('-n, --count <n>', 'number of calls', parsePositiveInt, 5000)
    .option('--seed <n>', 'random seed (same seed, same calls)', parsePositiveInt, 7)
    .option('--agent <id>', 'agent id written on every event (default acme-support, or skyway-air for the airline domain)')
    .option('--domain <domain>', 'retail (the demo retailer) or airline (its own phrase banks, for measuring learning)', (v: string) => {
      if (v !== 'retail' && v !== 'airline') throw new InvalidArgumentError(`"${v}": the domains are retail and airline`);
      return v;
    }, 'retail')
    .option('-o, --out <dir>', 'output folder', 'samples-out')
    .option('--error-modes', 'retail: plant recurring tool errors with visible precursors (refund without identity check, change after shipped, missing field, same-arguments retry)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { count: number; seed: number; agent?: string; out: string; json?: boolean; domain: 'retail' | 'airline'; errorModes?: boolean }) => {
      const outDir = path.resolve(ctx.cwd, opts.out);
      const r =
        opts.domain === 'airline'
          ? await writeAirlineFiles({ outDir, count: opts.count, seed: opts.seed, agentId: opts.agent })
          : await writeSampleFiles({ outDir, count: opts.count, seed: opts.seed, agentId: opts.agent, errorModes: opts.errorModes });
      if (opts.json) ctx.stdout.write(`${JSON.stringify({ calls: opts.count, events: r.events, callsFile: r.callsFile, truthFile: r.truthFile })}\n`);
      else ctx.stdout.write(`Wrote ${opts.count} calls (${r.events} events) to ${path.relative(ctx.cwd, r.callsFile)}\nPlanted truth: ${path.relative(ctx.cwd, r.truthFile)}\n`);
    });
};
