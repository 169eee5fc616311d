import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { loadLeakCases, scanForLeaks } from '../engine/privacy/handmadeCases';
import { hostileFormatFiles } from '../engine/privacy/hostileFormats';
import type { HostileCase } from '../engine/privacy/hostileFormats';
import { cliSandbox, storedText } from './helpers';

const HOSTILE_DIR = path.resolve(__dirname, '..', 'fixtures', 'privacy', 'hostile');

/**
 * A second, separately written set of hostile calls (test/fixtures/privacy/hostile: other wording than
 * the hand-made set), each written in every recording format it fits, through import → analyze →
 * patterns → graph → calls → events → report → export, and every stored or exported byte searched.
 */
describe('cli: no hostile PII reaches any stored or exported field, whatever the import format', function () {
  this.timeout(600_000);
  let box: ReturnType<typeof cliSandbox>;
  beforeEach(() => (box = cliSandbox('kaizen-privacy-hostile-')));
  afterEach(() => box.dispose());

  it('imports every case in every format it fits, and finds none of their secrets anywhere', async () => {
    const cases = loadLeakCases(HOSTILE_DIR) as HostileCase[];
    assert.ok(cases.length >= 40, `only ${cases.length} cases`);
    const files = hostileFormatFiles(cases);
    const outputs: string[] = [];
    const refused: string[] = [];
    const formats = new Map<string, number>();
    for (const f of files) {
      writeFileSync(path.join(box.cwd, f.name), f.text);
      const imp = await box.run('import', f.name, '--store', 'k.db', '--json');
      outputs.push(imp.stdout, imp.stderr);
      const report = JSON.parse(imp.stdout) as { totals: { callsInserted: number }; reports: { format?: string; rejections: { field: string }[] }[] };
      // A call the gate refuses is lost to learning: every case must be redacted well enough to be stored.
      if (report.totals.callsInserted !== f.ids.length || imp.code !== 0) refused.push(`${f.name}: ${report.totals.callsInserted}/${f.ids.length} stored, exit ${imp.code}: ${report.reports[0]!.rejections.map((r) => r.field).join('; ')}`);
      assert.equal(report.reports[0]!.format, f.format, f.name);
      formats.set(f.format, (formats.get(f.format) ?? 0) + f.ids.length);
    }
    for (const argv of [
      ['analyze', '--store', 'k.db', '--json'],
      ['patterns', '--store', 'k.db', '--json', '--with-calls'],
      ['graph', '--store', 'k.db', '--json'],
      ['calls', '--store', 'k.db', '--json', '--limit', '1000'],
      ['events', '--store', 'k.db'],
      ['report', '--store', 'k.db', '--format', 'md'],
      ['report', '--store', 'k.db', '--out', 'report.html'],
      ['export', '--store', 'k.db', '--out', 'b.zip'],
    ]) {
      const r = await box.run(...argv);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.stderr}`);
      outputs.push(r.stdout, r.stderr);
    }

    const fields = await storedText(path.join(box.cwd, 'k.db'));
    const bundle = Object.entries(unzipSync(readFileSync(path.join(box.cwd, 'b.zip')))).map(([name, bytes]) => [`bundle:${name}`, strFromU8(bytes)] as const);
    const written = readdirSync(box.cwd)
      .filter((f) => f.endsWith('.html'))
      .map((f) => [`file:${f}`, readFileSync(path.join(box.cwd, f), 'utf8')] as const);
    const haystacks = [...fields.entries(), ...bundle, ...written, ['cli output', outputs.join('\n')] as const];
    const all = haystacks.map(([, text]) => text).join('\n');
    assert.match(all, /\[CUSTOMER_NAME_\d+\]/);
    assert.match(all, /\[EMAIL_\d+\]/);
    assert.ok(fields.get('analyses')!.length > 0, 'the analyses were read back');

    const { leaks, checks } = scanForLeaks(cases, haystacks);
    const shown = [...formats].map(([f, n]) => `${f} ${n}`).join(', ');
    console.log(`      ${cases.length} hostile calls as ${[...formats.values()].reduce((a, b) => a + b, 0)} imports (${shown}); ${checks} checks, ${leaks.length} leaks`);
    assert.deepEqual([...refused, ...leaks], []);
  });
});
