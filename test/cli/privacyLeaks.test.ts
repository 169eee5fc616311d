import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { caseEvents, loadLeakCases, scanForLeaks } from '../engine/privacy/handmadeCases';
import { cliSandbox, storedText } from './helpers';

describe('cli: no hand-made PII reaches any stored or exported field', function () {
  this.timeout(300_000);
  let box: ReturnType<typeof cliSandbox>;
  beforeEach(() => (box = cliSandbox('kaizen-privacy-leaks-')));
  afterEach(() => box.dispose());

  it('imports every case of test/fixtures/privacy/handmade, analyzes, exports, and finds none of their secrets', async () => {
    const cases = loadLeakCases();
    assert.ok(cases.length >= 70, `only ${cases.length} cases`);
    const lines = cases.flatMap((c, i) => caseEvents(c, 1_790_000_000_000 + i * 600_000).map((e) => JSON.stringify(e)));
    writeFileSync(path.join(box.cwd, 'handmade.jsonl'), lines.join('\n'));

    const outputs: string[] = [];
    const imp = await box.run('import', 'handmade.jsonl', '--store', 'k.db', '--json');
    assert.equal(imp.code, 0, imp.stderr);
    outputs.push(imp.stdout, imp.stderr);
    const stored = JSON.parse(imp.stdout) as { totals: { callsInserted: number; rejected: number } };
    assert.equal(stored.totals.callsInserted, cases.length, `every case is stored (none refused by the gate): ${imp.stdout}`);
    const an = await box.run('analyze', '--store', 'k.db', '--json');
    assert.equal(an.code, 0, an.stderr);
    outputs.push(an.stdout, an.stderr);
    const listed = await box.run('calls', '--store', 'k.db', '--json', '--limit', '1000');
    outputs.push(listed.stdout, listed.stderr);
    const exp = await box.run('export', '--store', 'k.db', '--out', 'b.zip');
    assert.equal(exp.code, 0, exp.stderr);

    const fields = await storedText(path.join(box.cwd, 'k.db'));
    const bundle = Object.entries(unzipSync(readFileSync(path.join(box.cwd, 'b.zip')))).map(([name, bytes]) => [`bundle:${name}`, strFromU8(bytes)] as const);
    const haystacks = [...fields.entries(), ...bundle, ['cli output', outputs.join('\n')] as const];
    // The scan reads what is stored: redacted transcripts and analyses are there to be searched.
    const all = haystacks.map(([, text]) => text).join('\n');
    assert.match(all, /\[CUSTOMER_NAME_\d+\]/);
    assert.match(all, /\[EMAIL_\d+\]/);
    assert.ok(fields.has('calls') && fields.get('calls')!.includes('[ADDRESS_'), 'transcripts were read back from the calls table');
    assert.ok(bundle.some(([, text]) => text.includes('[PHONE_')), 'the bundle holds the redacted transcripts');

    const { leaks, checks } = scanForLeaks(cases, haystacks);
    console.log(`      ${cases.length} hand-made calls, ${cases.reduce((n, c) => n + c.secrets.length, 0)} secrets × ${haystacks.length} stored/exported fields = ${checks} checks, ${leaks.length} leaks`);
    assert.deepEqual(leaks, []);
  });
});
