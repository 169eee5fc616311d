import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';

const fixtures = path.resolve(__dirname, '../../fixtures/replay');

async function run(args: string[], cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(args, { stdout, stderr, cwd });
  return { code, out, err };
}

describe('kaizen test (CLI)', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kaizen-test-cli-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('passes a fixture whose expectations hold (exit 0, TAP)', async () => {
    const r = await run(['test', path.join(fixtures, 'support.calls.jsonl'), '--reporter', 'tap'], tmp);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^TAP version 13\nok 1 - .*support\.calls\.jsonl sample-7-000000\nok 2 .*\nok 3 .*\n1\.\.3\n$/);
  });

  it('finds fixtures in a folder, fails with exit 1 and writes JUnit to --out', async () => {
    const r = await run(['test', fixtures, '--reporter', 'junit', '--out', 'reports/kaizen.xml'], tmp);
    assert.equal(r.code, 1);
    assert.match(r.err, /3 passed, 1 failed, 2 errors → reports\/kaizen\.xml/);
    const xml = readFileSync(path.join(tmp, 'reports/kaizen.xml'), 'utf8');
    assert.match(xml, /<testsuite name="[^"]*regression\.calls\.jsonl" tests="3" failures="1" errors="2"/);
    assert.match(xml, /<failure type="intent,noKnownErrorFingerprint"/);
    assert.equal((r.err.match(/passed, 1 failed/g) ?? []).length, 1, 'the summary is printed once');
  });

  it('names a missing path as a usage error', async () => {
    const r = await run(['test', 'nope/'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.err, /no such file or folder: nope\//);
  });
});
