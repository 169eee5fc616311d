import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox, storedText } from './helpers';

describe('cli: demo, export / import-bundle, retention, stats', function () {
  this.timeout(300_000);
  let box: ReturnType<typeof cliSandbox>;
  beforeEach(() => (box = cliSandbox('kaizen-cli-store-')));
  afterEach(() => box.dispose());

  it('runs the demo end to end on generated calls and writes both reports', async () => {
    const r = await box.run('demo', '--count', '400', '--out', 'demo');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Kaizen demo — 400 calls/);
    assert.match(r.stdout, /privacy\s+\d+ PII entities replaced/);
    assert.match(r.stdout, /experiment .*: (ship|stop|still running)/);
    const md = readFileSync(path.join(box.cwd, 'demo', 'report.md'), 'utf8');
    assert.match(md, /^# Kaizen demo: what 400 calls taught us/m);
    const html = readFileSync(path.join(box.cwd, 'demo', 'report.html'), 'utf8');
    assert.match(html, /<h2>Import<\/h2>/);
    // The raw sample file holds invented PII; the store must not.
    const raw = readFileSync(path.join(box.cwd, 'demo', 'calls', 'acme-support.jsonl'), 'utf8');
    const emails = [...new Set(raw.match(/[a-z]+\.[a-z]+\d*@(?:gmail|yahoo|outlook)\.com|[a-z]+\.[a-z]+\d*@example\.org/g))];
    assert.ok(emails.length > 0, 'the sample calls hold emails');
    // Transcripts are stored compressed: read back every row of every table (blobs unpacked), not the file's bytes.
    const stored = [...(await storedText(path.join(box.cwd, 'demo', 'learning.db'))).values()].join('\n');
    assert.match(stored, /\[EMAIL_\d+\]/, 'the read-back sees the redacted transcripts');
    for (const email of emails) assert.ok(!stored.includes(email), `raw email ${email} in the store`);
  });

  it('exports a bundle and merges it into an empty store without duplicates', async () => {
    assert.equal((await box.run('demo', '--count', '120', '--out', 'demo')).code, 0);
    const exp = await box.run('export', '--store', 'demo/learning.db', '--out', 'b.zip', '--json');
    assert.equal(exp.code, 0, exp.stderr);
    const exported = JSON.parse(exp.stdout);
    assert.equal(exported.calls, 120);
    const first = await box.run('import-bundle', 'b.zip', '--store', 'copy.db', '--json');
    assert.equal(first.code, 0, first.stderr);
    assert.equal(JSON.parse(first.stdout).callsInserted, 120);
    const again = await box.run('import-bundle', 'b.zip', '--store', 'copy.db', '--json');
    assert.equal(JSON.parse(again.stdout).callsInserted, 0);
    const stats = JSON.parse((await box.run('stats', '--store', 'copy.db', '--json')).stdout);
    assert.equal(stats.calls, 120);
    assert.equal(stats.artifactVersions, exported.artifactVersions);
  });

  it('refuses a tampered bundle with exit code 3 and leaves the store as it was', async () => {
    assert.equal((await box.run('demo', '--count', '60', '--out', 'demo')).code, 0);
    assert.equal((await box.run('export', '--store', 'demo/learning.db', '--out', 'b.zip')).code, 0);
    const bytes = readFileSync(path.join(box.cwd, 'b.zip'));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(path.join(box.cwd, 'bad.zip'), bytes);
    const r = await box.run('import-bundle', 'bad.zip', '--store', 'copy.db');
    assert.equal(r.code, 3);
    assert.match(r.stderr, /bad\.zip: /);
    const stats = JSON.parse((await box.run('stats', '--store', 'copy.db', '--json')).stdout);
    assert.equal(stats.calls, 0);
  });

  it('applies retention: transcripts go, aggregates stay', async () => {
    assert.equal((await box.run('demo', '--count', '80', '--out', 'demo')).code, 0);
    const before = JSON.parse((await box.run('stats', '--store', 'demo/learning.db', '--json')).stdout);
    const r = await box.run('retention', '--store', 'demo/learning.db', '--transcript-days', '0', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).transcriptsDeleted, 80);
    const after = JSON.parse((await box.run('stats', '--store', 'demo/learning.db', '--json')).stdout);
    assert.equal(after.calls, before.calls);
    assert.equal(after.analyses, before.analyses);
    assert.equal(after.transcriptsRetained, 0);
    assert.ok(existsSync(path.join(box.cwd, 'demo', 'learning.db')));
  });

  it('explains a missing option', async () => {
    const r = await box.run('retention');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--transcript-days/);
  });
});
