import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { capture } from './helpers';
import { createNodePorts, memorySecretStore } from '../../src/node/nodePorts';
import { IntentModelSchema } from '../../src/engine/analysis/intent';

const FIXTURES = path.resolve(__dirname, '../fixtures/intent');


describe('cli: kaizen intents', () => {
  let cwd: string;
  before(() => {
    cwd = mkdtempSync(path.join(os.tmpdir(), 'kaizen-cli-intents-'));
    for (const f of ['examples.csv', 'examples.jsonl', 'bad.csv', 'unlabelled.txt']) copyFileSync(path.join(FIXTURES, f), path.join(cwd, f));
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  async function run(stdin: string, ...argv: string[]) {
    const out = capture();
    const err = capture();
    const code = await runCli(argv, { cwd, stdin: Readable.from([stdin]), stdout: out.stream, stderr: err.stream, interactive: false, ports: createNodePorts({ secrets: memorySecretStore() }) });
    return { code, stdout: out.text(), stderr: err.text() };
  }
  const jsonLines = (s: string): Record<string, unknown>[] => s.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('fits a model from CSV and writes a loadable model file', async () => {
    const r = await run('', 'intents', 'fit', 'examples.csv', '--model', 'models/m.json', '--json');
    assert.equal(r.code, 0, r.stderr);
    const [summary] = jsonLines(r.stdout);
    assert.equal(summary!.examples, 60);
    assert.equal(summary!.intents, 4);
    assert.equal(summary!.threshold, 0.5);
    const model = IntentModelSchema.parse(JSON.parse(readFileSync(path.join(cwd, 'models/m.json'), 'utf8')));
    assert.deepEqual(model.labels, ['cancel_subscription', 'card_arrival', 'change_pin', 'refund_request']);
  });

  it('classifies a file into JSONL, unknown below the threshold, and --threshold overrides it', async () => {
    const r = await run('', 'intents', 'classify', '--model', 'models/m.json', 'unlabelled.txt');
    assert.equal(r.code, 0, r.stderr);
    const rows = jsonLines(r.stdout);
    assert.equal(rows.length, 12);
    assert.deepEqual(Object.keys(rows[0]!), ['text', 'intent', 'confidence']);
    assert.deepEqual(rows.slice(6, 10).map((x) => x.intent), ['card_arrival', 'refund_request', 'change_pin', 'cancel_subscription']);
    assert.equal(rows[10]!.intent, 'unknown', 'weather on Mars');
    const forced = jsonLines((await run('', 'intents', 'classify', '--model', 'models/m.json', '--threshold', '0', 'unlabelled.txt')).stdout);
    assert.ok(forced.every((x) => x.intent !== 'unknown'));
  });

  it('reads JSONL texts from stdin, ranks with --top, and reports a bad line without dropping the rest', async () => {
    const r = await run('{"text":"how do I change my PIN?"}\n{"id":3}\nwhere is my card\n', 'intents', 'classify', '--model', 'models/m.json', '--top', '2');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /line 2: field "text" is missing/);
    const rows = jsonLines(r.stdout);
    assert.deepEqual(rows.map((x) => x.intent), ['change_pin', 'card_arrival']);
    assert.equal((rows[0]!.ranked as unknown[]).length, 2);
  });

  it('proposes the planted unknown group as a new intent', async () => {
    const r = await run('', 'intents', 'propose', '--model', 'models/m.json', 'unlabelled.txt', '--json');
    assert.equal(r.code, 0, r.stderr);
    const proposals = jsonLines(r.stdout);
    assert.equal(proposals.length, 1);
    assert.ok((proposals[0]!.terms as string[]).includes('luggage'));
    const text = await run('', 'intents', 'propose', '--model', 'models/m.json', 'unlabelled.txt');
    assert.match(text.stdout, /8 of 12 texts are unknown/);
    assert.match(text.stdout, /luggage/);
  });

  it('reports each bad row with its line and field and writes no model', async () => {
    const r = await run('', 'intents', 'fit', 'bad.csv', '--model', 'bad.json');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.csv:3: \(row\) has 3 fields/);
    assert.match(r.stderr, /bad\.csv:4: text is missing/);
    assert.match(r.stderr, /bad\.csv:5: intent is missing/);
    assert.match(r.stderr, /--skip-bad-rows/);
    assert.equal(existsSync(path.join(cwd, 'bad.json')), false);
    const skipped = await run('', 'intents', 'fit', 'examples.jsonl', '--model', 'j.json', '--skip-bad-rows', '--json');
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.equal(jsonLines(skipped.stdout)[0]!.skippedRows, 3);
  });

  it('explains a missing or foreign model file', async () => {
    const missing = await run('hello\n', 'intents', 'classify', '--model', 'nope.json');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--model nope\.json: cannot read it \(ENOENT\)/);
    writeFileSync(path.join(cwd, 'foreign.json'), '{"format":"something else"}');
    const foreign = await run('hello\n', 'intents', 'classify', '--model', 'foreign.json');
    assert.equal(foreign.code, 3);
    assert.match(foreign.stderr, /not a Kaizen intent model .*format/);
    const badOption = await run('', 'intents', 'classify', '--model', 'models/m.json', '--threshold', '2');
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /--threshold must be a number between 0 and 1/);
  });
});
