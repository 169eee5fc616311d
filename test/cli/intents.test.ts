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

  it('clusters a file of texts without labels into JSONL {text, cluster, name}', async () => {
    const lines = [
      ...['where can I park my car', 'car parking prices', 'is there parking for my car', 'parking for my car tonight'],
      ...['the wifi is not working', 'wifi password please', 'how do I join the wifi', 'wifi keeps dropping'],
    ];
    writeFileSync(path.join(cwd, 'texts.txt'), `${lines.join('\n')}\n${JSON.stringify({ text: 'my car needs parking' })}\n`);
    const r = await run('', 'intents', 'cluster', 'texts.txt', '--min-size', '2');
    assert.equal(r.code, 0, r.stderr);
    const rows = jsonLines(r.stdout) as Array<{ text: string; cluster: number; name: string }>;
    assert.equal(rows.length, 9);
    assert.deepEqual(Object.keys(rows[0]!), ['text', 'cluster', 'name']);
    const car = new Set(rows.filter((x) => /car|park/.test(x.text)).map((x) => x.cluster));
    const wifi = new Set(rows.filter((x) => /wifi/.test(x.text)).map((x) => x.cluster));
    assert.ok([...car].every((c) => !wifi.has(c)), 'no cluster mixes parking and wifi');
    assert.ok(rows.every((x) => x.cluster >= 0 && x.name.length > 0));
    const empty = await run('', 'intents', 'cluster', '-');
    assert.notEqual(empty.code, 0);
    assert.match(empty.stderr, /no texts to cluster/, empty.stderr);
  });

  it('intents cluster --word-vectors joins the shipped word vectors: paraphrases with no shared word meet', async () => {
    // "vehicle" and "automobile" share no term with "car" (nor char 4-gram): only the vectors relate them.
    const lines = ['where do I park my car', 'car parking fees', 'parking for my car', 'vehicle garage rates', 'automobile garage prices', 'the wifi is not working', 'wifi password please', 'internet connection keeps dropping', 'wifi signal is weak'];
    writeFileSync(path.join(cwd, 'para.txt'), `${lines.join('\n')}\n`);
    const r = await run('', 'intents', 'cluster', 'para.txt', '--min-size', '2', '--word-vectors');
    assert.equal(r.code, 0, r.stderr);
    const rows = jsonLines(r.stdout) as Array<{ text: string; cluster: number; name: string }>;
    assert.equal(rows.length, lines.length);
    const car = new Set(rows.filter((x) => /car|vehicle|automobile/.test(x.text)).map((x) => x.cluster));
    const net = new Set(rows.filter((x) => /wifi|internet/.test(x.text)).map((x) => x.cluster));
    assert.ok([...car].every((c) => !net.has(c)), `no cluster mixes parking and wifi: ${r.stdout}`);
    assert.equal(car.size, 1, `"vehicle garage" and "automobile garage" join the car parking texts: ${r.stdout}`);
    assert.equal(net.size, 1, `"internet connection keeps dropping" joins the wifi texts: ${r.stdout}`);
    // Without the vectors the same file keeps them apart (the internet line shares no term at all).
    const plain = jsonLines((await run('', 'intents', 'cluster', 'para.txt', '--min-size', '2')).stdout) as Array<{ text: string; cluster: number }>;
    assert.equal(plain.find((x) => /internet/.test(x.text))!.cluster, -1);
  });

  it("induces the store's intents, then analyze, patterns --with-calls and propose work on the store", async function () {
    this.timeout(240_000);
    assert.equal((await run('', 'samples', '--domain', 'airline', '-n', '600', '--seed', '4', '-o', 'air')).code, 0);
    assert.equal((await run('', 'import', 'air/skyway-air.jsonl', '--store', 'air.db')).code, 0);
    const ind = await run('', 'intents', 'induce', '--store', 'air.db', '--json');
    assert.equal(ind.code, 0, ind.stderr);
    const { intents } = JSON.parse(ind.stdout) as { intents: Array<{ id: string; name: string; size: number; topTerms: string[]; exampleCallIds: string[] }> };
    assert.ok(intents.length >= 3 && intents.length <= 12, `${intents.length} intents`);
    for (const i of intents) assert.deepEqual(Object.keys(i), ['id', 'name', 'size', 'topTerms', 'exampleCallIds']);
    assert.equal(intents.reduce((t, i) => t + i.size, 0), 600);
    assert.ok(intents.some((i) => /cancel/.test(i.topTerms.join(' '))), 'a cancellation intent, named from the calls');
    const a = await run('', 'analyze', '--store', 'air.db', '--json', '--seeds', 'off');
    assert.equal(a.code, 0, a.stderr);
    const calls = jsonLines(a.stdout) as Array<{ intent: string; situations: Array<{ label: string; turnIndex: number }>; moves: Array<{ label: string; turnIndex: number }> }>;
    assert.equal(calls.filter((c) => c.intent === 'unknown').length, 0);
    assert.ok(calls.every((c) => c.situations.length > 0 && c.moves.length > 0));
    const p = await run('', 'patterns', '--store', 'air.db', '--json', '--with-calls');
    assert.equal(p.code, 0, p.stderr);
    const rows = jsonLines(p.stdout) as Array<{ support: number; callIds: string[] }>;
    assert.ok(rows.length > 0);
    for (const row of rows) assert.equal(row.callIds.length, row.support, 'every supporting call is listed');
    const induced = calls[0]!.intent;
    assert.equal((await run('', 'tree', '--intent', induced, '--store', 'air.db')).code, 0, 'a tree per induced intent');
    const seeded = await run('', 'analyze', '--store', 'air.db', '--seeds', 'on');
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(seeded.stdout, /knowledge artifact\(s\) retired/);
    const gone = await run('', 'tree', '--intent', induced, '--store', 'air.db');
    assert.equal(gone.code, 1, 'the tree of an intent that no longer has calls is gone');
    assert.equal((await run('', 'analyze', '--store', 'air.db', '--seeds', 'off')).code, 0);
    const prop = await run('', 'intents', 'propose', '--store', 'air.db');
    assert.equal(prop.code, 0, prop.stderr);
    assert.match(prop.stdout, /0 call goal\(s\) without an intent in the store/);
  });
});
