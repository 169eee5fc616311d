import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox } from './helpers';
import type { CliSandbox } from './helpers';
import { SecretKeys } from '../../src/shared/secretKeys';

const FIXTURES = path.resolve(__dirname, '../fixtures/ingest');

describe('cli: commands that read a store need one', () => {
  let box: CliSandbox;
  beforeEach(() => {
    box = cliSandbox('kaizen-cli-store-required-');
  });
  afterEach(() => box.dispose());

  const readOnly: string[][] = [
    ['analyze'],
    ['patterns'],
    ['calls'],
    ['calls', 'show', 'x'],
    ['tree'],
    ['tree', '--intent', 'billing'],
    ['graph'],
    ['stats'],
    ['export'],
    ['retention', '--transcript-days', '30'],
    ['experiment', 'status'],
    ['doctor'],
    ['fixtures', 'from-calls', 'some-id'],
    ['report'],
    ['analytics', 'kpis'],
  ];
  for (const argv of readOnly) {
    it(`kaizen ${argv.join(' ')} on a mistyped --store: exit 2, a clear message, nothing created`, async () => {
      const r = await box.run(...argv, '--store', 'typo/learning.db');
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /typo\/learning\.db: no learning store there\. Check --store/);
      assert.deepEqual(readdirSync(box.cwd), [], 'no folder, store or secrets file was created');
      assert.equal(await box.secrets.get(SecretKeys.workspaceHmacKey), undefined, 'no workspace key was made for it');
    });
  }

  it('kaizen import creates the store it is pointed at', async () => {
    copyFileSync(path.join(FIXTURES, 'vapi.json'), path.join(box.cwd, 'vapi.json'));
    const r = await box.run('import', 'vapi.json', '--store', 'new/learning.db');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(path.join(box.cwd, 'new', 'learning.db')));
    const list = await box.run('calls', '--store', 'new/learning.db');
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^vapi-call-1\s/m, 'the table prints the full call id');
  });
});

describe('cli: kaizen tree without --intent lists every tree', () => {
  let box: CliSandbox;
  beforeEach(() => {
    box = cliSandbox('kaizen-cli-tree-');
  });
  afterEach(() => box.dispose());

  it('lists the trees analyze learned, each of which `tree --intent` then shows', async () => {
    const samples = await box.run('samples', '--count', '300', '--out', 's');
    assert.equal(samples.code, 0, samples.stderr);
    const file = readdirSync(path.join(box.cwd, 's')).find((f) => f.endsWith('.jsonl'))!;
    assert.equal((await box.run('import', path.join('s', file), '--store', 'k.db')).code, 0);
    const analyzed = await box.run('analyze', '--store', 'k.db');
    assert.equal(analyzed.code, 0, analyzed.stderr);
    const list = await box.run('tree', '--store', 'k.db', '--json');
    assert.equal(list.code, 0, list.stderr);
    const trees = list.stdout.trim().split('\n').map((l) => JSON.parse(l) as { intent: string; version: number; calls: number });
    assert.ok(trees.length >= 2, `several trees: ${list.stdout}`);
    for (const t of trees) {
      assert.ok(t.calls > 0);
      const one = await box.run('tree', '--intent', t.intent, '--store', 'k.db');
      assert.equal(one.code, 0, one.stderr);
      assert.match(one.stdout, new RegExp(`^decision tree for ${t.intent} `));
    }
    const text = await box.run('tree', '--store', 'k.db');
    assert.match(text.stdout, new RegExp(`^${trees.length} decision trees`));
  });
});
