import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { capture } from './helpers';
import { createNodePorts, memorySecretStore } from '../../src/node/nodePorts';


describe('cli: kaizen redact', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(path.join(os.tmpdir(), 'kaizen-cli-redact-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  async function run(stdin: string, ...argv: string[]) {
    const out = capture();
    const err = capture();
    const secrets = memorySecretStore();
    const code = await runCli(argv, { cwd, stdin: Readable.from([stdin]), stdout: out.stream, stderr: err.stream, interactive: false, ports: createNodePorts({ secrets }) });
    return { code, stdout: out.text(), stderr: err.text(), secrets };
  }

  it('redacts plain text from stdin line by line, keeping empty lines, and creates no secret', async () => {
    const r = await run('Hi, my name is Maria Lopez, call me at 415-555-0199\n\nnothing personal here\n', 'redact');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Hi, my name is [CUSTOMER_NAME_1], call me at [PHONE_1]\n\nnothing personal here\n');
    assert.equal(await r.secrets.get('kaizen.hmacKey'), undefined);
  });

  it('keeps the JSONL shape from a file and redacts only the text field', async () => {
    writeFileSync(path.join(cwd, 'in.jsonl'), '{"id":7,"text":"email me at jane.roe@example.org"}\n{"id":8,"text":"ok"}\n');
    const r = await run('', 'redact', 'in.jsonl');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l)), [
      { id: 7, text: 'email me at [EMAIL_1]' },
      { id: 8, text: 'ok' },
    ]);
  });

  it('--json gives entities with offsets into the original text', async () => {
    const input = 'card 4111 1111 1111 1111 and SSN 123-45-6789';
    const r = await run(`${input}\n`, 'redact', '-', '--json');
    assert.equal(r.code, 0, r.stderr);
    const rec = JSON.parse(r.stdout) as { text: string; entities: { type: string; start: number; end: number }[] };
    assert.equal(rec.text, 'card [CARD_NUMBER_1] and SSN [SSN_1]');
    assert.deepEqual(rec.entities.map((e) => [e.type, input.slice(e.start, e.end)]), [
      ['CARD_NUMBER', '4111 1111 1111 1111'],
      ['SSN', '123-45-6789'],
    ]);
  });

  it('applies a policy file and names the bad field of a wrong one', async () => {
    const line = 'Welcome to Jordan Furniture, Maria Lopez called from 415-555-0199\n';
    const plain = await run(line, 'redact');
    assert.equal(plain.stdout, 'Welcome to [LOCATION_1] Furniture, [CUSTOMER_NAME_1] called from [PHONE_1]\n');
    writeFileSync(path.join(cwd, 'p.json'), JSON.stringify({ allowlist: ['Jordan Furniture'], entities: { PHONE: { mode: 'plain', placeholder: 'TEL' } } }));
    const ok = await run(line, 'redact', '--policy', 'p.json');
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, 'Welcome to Jordan Furniture, [CUSTOMER_NAME_1] called from [TEL]\n');
    writeFileSync(path.join(cwd, 'bad.json'), JSON.stringify({ entities: { PHONE: { mode: 'sometimes' } } }));
    const bad = await run('x\n', 'redact', '--policy', 'bad.json');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /entities\.PHONE\.mode/);
  });

  it('rejects a JSONL line without a text string, naming the line', async () => {
    const r = await run('{"text":"fine"}\n{"body":"no text"}\n', 'redact');
    assert.equal(r.code, 3);
    assert.match(r.stderr, /stdin:2: field "text" must be a string/);
  });

  it('reports a missing file as a usage error', async () => {
    const r = await run('', 'redact', 'nope.txt');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope\.txt: no such file/);
  });

  it('--json warns on stderr, with the line number, about a line that looks like JSON but does not parse', async () => {
    writeFileSync(path.join(cwd, 'in.jsonl'), '{"text":"call me at 415-555-0199"\nplain words\n');
    const r = await run('', 'redact', 'in.jsonl', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /in\.jsonl:1: warning: this line looks like JSON but does not parse \(.+\); it was redacted as plain text/);
    assert.equal(r.stdout.trim().split('\n').length, 2);
    assert.ok(!r.stdout.includes('555-0199'));
    const clean = await run('just text\n', 'redact', '--json');
    assert.equal(clean.stderr, '', 'no warning for plain text');
  });
});
