import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox } from './helpers';
import type { CliSandbox } from './helpers';

const INGEST = path.resolve(__dirname, '../fixtures/ingest');

describe('cli: recorded-call fixtures from any import format', () => {
  let box: CliSandbox;
  beforeEach(() => {
    box = cliSandbox('kaizen-cli-fixtures-');
  });
  afterEach(() => box.dispose());

  it('a Vapi report or a τ-bench file saved as *.calls.jsonl is a fixture (expectations in the sidecar)', async () => {
    copyFileSync(path.join(INGEST, 'platform', 'vapi_end_of_call.json'), path.join(box.cwd, 'vapi.calls.jsonl'));
    writeFileSync(
      path.join(box.cwd, 'vapi.expect.json'),
      JSON.stringify({ calls: { 'vapi-full-1': { endReason: 'transfer', toolOrder: ['lookup_invoice'], transcriptContains: ['charged twice'], transcriptNotContains: ['refund issued'] } } }),
    );
    copyFileSync(path.join(INGEST, 'tau.json'), path.join(box.cwd, 'tau.calls.jsonl'));
    const r = await box.run('test', 'vapi.calls.jsonl', 'tau.calls.jsonl');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✔ vapi-full-1/);
    assert.match(r.stdout, /1 passed, 0 failed, 0 errors, 2 without expectations/);
  });

  it('tool order, end reason and transcript content fail with readable messages; JUnit has one <failure> per call; the summary prints once', async () => {
    copyFileSync(path.join(INGEST, 'platform', 'vapi_end_of_call.json'), path.join(box.cwd, 'vapi.calls.jsonl'));
    writeFileSync(
      path.join(box.cwd, 'vapi.expect.json'),
      JSON.stringify({ calls: { 'vapi-full-1': { endReason: 'customer_hangup', toolOrder: ['transferCall', 'lookup_invoice'], transcriptContains: ['refund issued'], transcriptNotContains: ['CHARGED TWICE'] } } }),
    );
    const text = await box.run('test', 'vapi.calls.jsonl');
    assert.equal(text.code, 1);
    assert.match(text.stdout, /tool order: expected transferCall → lookup_invoice, called lookup_invoice/);
    assert.match(text.stdout, /end reason: expected customer_hangup, got transfer \(assistant-forwarded-call\)/);
    assert.match(text.stdout, /transcript lacks: "refund issued"/);
    assert.match(text.stdout, /transcript contains: "CHARGED TWICE"/);
    assert.equal((text.stdout + text.stderr).match(/0 passed, 1 failed/g)?.length, 1, 'one summary line');
    assert.equal(text.stderr, '', 'nothing repeated on stderr');
    const junit = await box.run('test', 'vapi.calls.jsonl', '--reporter', 'junit');
    assert.equal((junit.stdout.match(/<failure /g) ?? []).length, 1);
    assert.match(junit.stdout, /<failure type="toolOrder,endReason,transcriptContains,transcriptNotContains"/);
  });

  it('kaizen fixtures from-calls turns an import file and stored calls into fixtures that pass kaizen test', async () => {
    copyFileSync(path.join(INGEST, 'platform', 'retell_webhooks.jsonl'), path.join(box.cwd, 'retell.jsonl'));
    copyFileSync(path.join(INGEST, 'platform', 'vapi_end_of_call.json'), path.join(box.cwd, 'vapi.json'));
    const fromFile = await box.run('fixtures', 'from-calls', 'retell.jsonl', '--out', 'fx/retell.calls.jsonl');
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.match(fromFile.stdout, /wrote 1 call\(s\)/, 'call_ended and call_analyzed of one call are one fixture call');
    const written = readFileSync(path.join(box.cwd, 'fx/retell.calls.jsonl'), 'utf8');
    assert.ok(!written.includes('+1415555'), 'the fixture holds no raw phone number');
    const started = written.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; expect?: Record<string, unknown> }).find((e) => e.expect);
    assert.deepEqual(started?.expect?.toolOrder, ['lookup_invoice']);
    assert.equal(started?.expect?.endReason, 'transfer');

    assert.equal((await box.run('import', 'vapi.json', '--store', 'k.db')).code, 0);
    const fromStore = await box.run('fixtures', 'from-calls', 'vapi-full', '--store', 'k.db', '--out', 'fx/stored.calls.jsonl');
    assert.equal(fromStore.code, 0, fromStore.stderr);
    const again = await box.run('fixtures', 'from-calls', 'vapi-full', '--store', 'k.db', '--out', 'fx/stored.calls.jsonl');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists; pass --force/);

    const test = await box.run('test', 'fx');
    assert.equal(test.code, 0, test.stdout + test.stderr);
    assert.match(test.stdout, /2 passed, 0 failed, 0 errors/);
  });
});
