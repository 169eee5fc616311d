import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option } from 'commander';
import { createRedactor } from '../../engine/privacy';
import { junitReport, loadFixture, replayFixture, sidecarPathFor, tapReport, textReport, totals } from '../../engine/replay';
import type { FixtureResult } from '../../engine/replay';
import { rulesFromArtifacts } from '../../engine/errors';
import type { AvoidanceRule } from '../../engine/errors';
import { openSqlStore } from '../../engine/store';
import { CliError, DEFAULT_STORE, ExitCode } from '../context';
import type { CliContext } from '../context';
import { loadFingerprintRules } from '../fingerprintRules';
import type { RegisterCommand } from './index';

const FIXTURE_RE = /\.calls\.jsonl$/i;

/** Expands folders to the `*.calls.jsonl` files under them (sorted, skipping node_modules and dot folders). */
export function findFixtures(inputs: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (FIXTURE_RE.test(entry.name)) out.push(full);
    }
  };
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) throw new CliError(`no such file or folder: ${input}`, ExitCode.usage);
    if (stat.isDirectory()) walk(full);
    else out.push(full);
  }
  return [...new Set(out)];
}

/**
 * What the learning store knows about errors: its fingerprints (the catalog's ids and their
 * `code|stage|tool` form) and its avoidance rules; nothing when there is no store yet.
 */
async function storeErrorKnowledge(ctx: CliContext, storePath: string): Promise<{ known: string[]; rules: AvoidanceRule[] }> {
  if (!fs.existsSync(storePath)) return { known: [], rules: [] };
  const store = await openSqlStore({ path: storePath, ports: ctx.ports });
  try {
    const known = (await store.listErrorFingerprints()).flatMap((f) => [f.fingerprint, ...(f.code ? [`${f.code}|${f.stage ?? ''}|${f.tool ?? ''}`] : [])]);
    return { known, rules: rulesFromArtifacts(await store.listArtifacts({ kind: 'avoidance-rule' })) };
  } finally {
    await store.close();
  }
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('test')
    .description('Replay recorded-call fixtures (*.calls.jsonl with expectations) through redact → analyze and check them; exit 1 when any fails.')
    .argument('<paths...>', 'fixture files or folders to search for *.calls.jsonl')
    .addOption(new Option('--reporter <kind>', 'output format').choices(['text', 'junit', 'tap']).default('text'))
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .option('--store <path>', 'learning store whose error fingerprints count as known and whose avoidance rules the caughtBeforeError check uses', DEFAULT_STORE)
    .action(async (paths: string[], opts: { reporter: 'text' | 'junit' | 'tap'; out?: string; store: string }) => {
      const files = findFixtures(paths, ctx.cwd);
      if (files.length === 0) throw new CliError(`no *.calls.jsonl fixtures under ${paths.join(', ')}`, ExitCode.usage);
      // The replay only needs the hashed identifiers to be consistent within this run, so an
      // ephemeral key keeps the workspace secret out of test runs.
      const redactor = createRedactor({ hashing: ctx.ports.hashing, hmacKey: ctx.ports.hashing.randomBytes(32) });
      const { known, rules } = await storeErrorKnowledge(ctx, path.resolve(ctx.cwd, opts.store));
      const fingerprintRules = loadFingerprintRules(ctx);
      const hash = (text: string) => ctx.ports.hashing.sha256(text);
      const results: FixtureResult[] = [];
      for (const file of files) {
        const sidecar = sidecarPathFor(file);
        const fixture = await loadFixture(path.relative(ctx.cwd, file) || file, fs.readFileSync(file, 'utf8'), fs.existsSync(sidecar) ? fs.readFileSync(sidecar, 'utf8') : undefined, ctx.ports.hashing);
        results.push(replayFixture(fixture, { redactor, knownFingerprints: known, hash, fingerprintRules, avoidanceRules: rules }));
      }
      const report = opts.reporter === 'junit' ? junitReport(results) : opts.reporter === 'tap' ? tapReport(results) : textReport(results);
      if (opts.out) {
        const out = path.resolve(ctx.cwd, opts.out);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, report);
        const t = totals(results);
        ctx.stderr.write(`kaizen test: ${t.passed} passed, ${t.failed} failed, ${t.errored + t.problems} errors → ${path.relative(ctx.cwd, out)}\n`);
      } else ctx.stdout.write(report);
      const t = totals(results);
      // The report (or the line above) already gave the counts: exit 1 without saying them twice.
      if (t.failed + t.errored + t.problems > 0) throw new CliError('', ExitCode.problems);
    });
};
