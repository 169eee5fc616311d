import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox } from './helpers';
import type { CliSandbox } from './helpers';
import { SecretKeys } from '../../src/shared/secretKeys';
import type { SecretStore } from '../../src/engine/ports';

const FIXTURES = path.resolve(__dirname, '../fixtures/ingest');


describe('cli: kaizen import / kaizen calls', () => {
  let box: CliSandbox;
  let cwd: string;
  let secrets: SecretStore;
  beforeEach(() => {
    box = cliSandbox('kaizen-cli-import-');
    ({ cwd, secrets } = box);
    for (const f of ['tau.json', 'uss.txt', 'bad.jsonl', 'unknown.csv', 'vapi.json']) copyFileSync(path.join(FIXTURES, f), path.join(cwd, f));
  });
  afterEach(() => box.dispose());

  const run = (...argv: string[]) => box.run(...argv);
  const runWith = (interactive: boolean, ...argv: string[]) => box.runWith({ interactive }, ...argv);

  it('draws progress on stderr only when it is a terminal', async () => {
    const tty = await runWith(true, 'import', 'tau.json', '--store', 'k.db');
    assert.equal(tty.code, 0);
    assert.match(tty.stderr, /\rtau\.json: 100% \((\d+) kB of \1 kB\), 2 calls, 0 rejected/);
    const pipe = await runWith(false, 'import', 'uss.txt', '--store', 'k.db');
    assert.ok(!pipe.stderr.includes('\r'), 'no progress redraws when stderr is not a terminal');
    assert.match(pipe.stderr, /^imported 2 calls from 1 of 1 files/m);
  });

  it('imports files, summarises them, and lists the calls with their source', async () => {
    const imp = await run('import', 'tau.json', 'uss.txt', '--store', 'k.db');
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /tau\.json \[openai-messages\]: 2 calls imported \(2 new, 0 merged, 0 already stored\), 0 rejected, 0 duplicate events/);
    assert.match(imp.stdout, /uss\.txt \[uss\]: 2 calls imported/);
    assert.match(imp.stderr, /imported 4 calls from 2 of 2 files/);
    assert.match((await secrets.get(SecretKeys.workspaceHmacKey)) ?? '', /^[0-9a-f]{64}$/, 'the workspace key is created on first use');

    const list = await run('calls', '--store', 'k.db', '--json');
    assert.equal(list.code, 0, list.stderr);
    const calls = list.stdout.trim().split('\n').map((l) => JSON.parse(l) as { source: unknown; turnCount: number });
    assert.equal(calls.length, 4);
    const sources = calls.map((c) => c.source);
    assert.deepEqual(
      sources.filter((s) => (s as { format: string }).format === 'openai-messages'),
      [
        { file: 'tau.json', index: 0, format: 'openai-messages', externalId: '7', trial: 0 },
        { file: 'tau.json', index: 1, format: 'openai-messages', externalId: '7', trial: 1 },
      ],
    );

    const bySource = await run('calls', '--store', 'k.db', '--source', 'uss.txt', '--json');
    assert.equal(bySource.stdout.trim().split('\n').length, 2);
    const table = await run('calls', '--store', 'k.db', '--limit', '3');
    assert.match(table.stdout, /^call\s+agent\s+started \(UTC\)\s+turns\s+outcome\s+ended\s+source/);
    assert.match(table.stdout, /\(3 of 4; use --limit or --json for more\)/);

    const again = await run('import', 'tau.json', '--store', 'k.db', '--json');
    assert.equal(again.code, 0);
    const report = JSON.parse(again.stdout) as { reports: { callsUnchanged: number; duplicates: number }[] };
    assert.equal(report.reports[0]!.callsUnchanged, 2);
    assert.ok(report.reports[0]!.duplicates > 0);
  });

  it('exit 1 with the line and field of each rejected record; good records still imported', async () => {
    const r = await run('import', 'bad.jsonl', '--store', 'k.db');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /bad\.jsonl \[kaizen-jsonl\]: 1 calls imported .* 5 rejected/);
    assert.match(r.stderr, /bad\.jsonl:3 text: text is missing; add it/);
    assert.match(r.stderr, /bad\.jsonl:5 role: role is "robot"/);
    const list = await run('calls', '--store', 'k.db', '--json');
    assert.equal(list.stdout.trim().split('\n').length, 1);
  });

  it('a file in no known format: exit 1, other files still imported, --json carries the failure', async () => {
    const r = await run('import', 'unknown.csv', 'vapi.json', '--store', 'k.db', '--json');
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { failures: { file: string; error: string }[]; totals: { calls: number } };
    assert.equal(out.failures[0]!.file, 'unknown.csv');
    assert.match(out.failures[0]!.error, /matches no known format \(tried /);
    assert.equal(out.totals.calls, 1);
  });

  it('usage errors exit 2: missing file, unknown format, bad --since', async () => {
    assert.equal((await run('import', 'nope.json', '--store', 'k.db')).code, 2);
    const fmt = await run('import', 'tau.json', '--format', 'csv', '--store', 'k.db');
    assert.equal(fmt.code, 2);
    assert.match(fmt.stderr, /unknown format "csv"/);
    assert.equal((await run('calls', '--since', 'yesterday-ish', '--store', 'k.db')).code, 2);
  });

  it('a corrupt store exits 3 and is left untouched', async () => {
    writeFileSync(path.join(cwd, 'bad.db'), 'this is not a database at all, just text '.repeat(200));
    const r = await run('import', 'tau.json', '--store', 'bad.db');
    assert.equal(r.code, 3, r.stderr);
  });
});
