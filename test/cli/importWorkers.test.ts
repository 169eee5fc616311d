import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { openSqlStore } from '../../src/engine/store';
import { createNodePorts } from '../../src/node/nodePorts';
import { cliSandbox } from './helpers';
import type { CliSandbox } from './helpers';

const FIXTURES = path.resolve(__dirname, '../fixtures/ingest');
const FILES = ['tau.json', 'kaizen.jsonl', 'uss.txt', 'vapi.json', 'retell.json', 'bad.jsonl'];

describe('cli: kaizen import --workers (redaction in worker threads)', () => {
  let box: CliSandbox;
  beforeEach(() => {
    box = cliSandbox('kaizen-cli-import-workers-');
    for (const f of FILES) copyFileSync(path.join(FIXTURES, f), path.join(box.cwd, f));
  });
  afterEach(() => box.dispose());

  async function stored(db: string): Promise<unknown[]> {
    const store = await openSqlStore({ path: path.join(box.cwd, db), ports: createNodePorts() });
    try {
      const calls: unknown[] = [];
      for await (const c of store.iterateConversations()) calls.push(c);
      return calls;
    } finally {
      await store.close();
    }
  }

  it('stores exactly the rows a single-threaded import stores, and reports the same', async () => {
    const here = await box.run('import', ...FILES, '--store', 'here.db', '--workers', '0', '--json');
    const pooled = await box.run('import', ...FILES, '--store', 'pooled.db', '--workers', '2', '--json');
    assert.equal(pooled.code, here.code, pooled.stderr);
    const reports = (out: string) => (JSON.parse(out) as { reports: Record<string, unknown>[] }).reports.map(({ durationMs: _d, ...r }) => r);
    assert.deepEqual(reports(pooled.stdout), reports(here.stdout));
    const [a, b] = [await stored('here.db'), await stored('pooled.db')];
    assert.ok(a.length >= 8, `${a.length} calls stored`);
    assert.deepEqual(b, a);
  });

  it('refuses a worker count that is not a whole number from 0 to 64', async () => {
    const bad = await box.run('import', 'tau.json', '--store', 'k.db', '--workers', 'many');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"many" is not a number of worker threads from 0 to 64/);
  });
});
