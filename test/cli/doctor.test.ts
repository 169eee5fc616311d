import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { readdirSync } from 'node:fs';
import { openSqlStore } from '../../src/engine/store';
import { createNodePorts, locateSqlWasm } from '../../src/node/nodePorts';
import { buildCall } from '../engine/store/builders';
import { cliSandbox } from './helpers';

const call = (callId: string, text: string) =>
  [
    { eventId: `${callId}:0`, callId, agentId: 'a', ts: 1_790_000_000_000, type: 'call.started' },
    { eventId: `${callId}:1`, callId, agentId: 'a', ts: 1_790_000_000_001, type: 'turn', role: 'user', text },
    { eventId: `${callId}:2`, callId, agentId: 'a', ts: 1_790_000_000_002, type: 'call.ended', outcome: { endReason: 'completed', resolved: true } },
  ]
    .map((e) => JSON.stringify(e))
    .join('\n');

/** Damages rows of a closed store file in place, the way a bad disk or a bad tool would. */
async function damage(file: string, sql: string[]): Promise<void> {
  const SQL = await initSqlJs({ wasmBinary: readFileSync(locateSqlWasm()) as unknown as ArrayBuffer });
  const db = new SQL.Database(readFileSync(file));
  for (const s of sql) db.run(s);
  writeFileSync(file, db.export());
  db.close();
}

describe('cli: a damaged row does not block the store; kaizen doctor finds and quarantines it', function () {
  this.timeout(300_000);
  let box: ReturnType<typeof cliSandbox>;
  beforeEach(async () => {
    box = cliSandbox('kaizen-doctor-');
    writeFileSync(path.join(box.cwd, 'calls.jsonl'), ['c1', 'c2', 'c3', 'c4'].map((id, i) => call(id, `I need help with my order number ${i}`)).join('\n'));
    assert.equal((await box.run('import', 'calls.jsonl', '--store', 'k.db')).code, 0);
    await damage(path.join(box.cwd, 'k.db'), [
      "UPDATE calls SET source_json = '{\"file\": \"calls.js' WHERE call_id = 'c2'",
      "UPDATE calls SET events = X'01FFFFFFFF00112233' WHERE call_id = 'c3'",
    ]);
  });
  afterEach(() => box.dispose());

  it('calls, export and analyze skip and name the damaged rows, keep the rest, exit 1', async () => {
    const calls = await box.run('calls', '--store', 'k.db', '--json');
    assert.equal(calls.code, 1, calls.stderr);
    assert.deepEqual(calls.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { callId: string }).callId), ['c1', 'c3', 'c4']);
    assert.match(calls.stderr, /call c2 source_json/);
    assert.match(calls.stderr, /kaizen doctor --quarantine/);
    const exp = await box.run('export', '--store', 'k.db', '--out', 'b.zip');
    assert.equal(exp.code, 1, exp.stderr);
    assert.match(exp.stderr, /call c2 source_json/);
    assert.match(exp.stderr, /call c3 events/);
    const imported = await box.run('import-bundle', 'b.zip', '--store', 'copy.db', '--json');
    assert.equal((JSON.parse(imported.stdout) as { callsInserted: number }).callsInserted, 2);
    const analyze = await box.run('analyze', '--store', 'k.db');
    assert.equal(analyze.code, 1, analyze.stderr);
    assert.match(analyze.stderr, /call c3 events/);
    assert.doesNotMatch(analyze.stderr, /TypeError|SyntaxError: Unexpected/);
  });

  it('doctor lists the damaged rows (--json), --quarantine moves them aside without deleting, then every command is clean', async () => {
    const look = await box.run('doctor', '--store', 'k.db', '--json');
    assert.equal(look.code, 1, look.stderr);
    const report = JSON.parse(look.stdout) as { callsScanned: number; problems: { callId: string; column: string }[]; quarantined: number };
    assert.equal(report.callsScanned, 4);
    assert.deepEqual(report.problems.map((p) => [p.callId, p.column]), [['c2', 'source_json'], ['c3', 'events']]);
    assert.equal(report.quarantined, 0);
    const fix = await box.run('doctor', '--store', 'k.db', '--quarantine');
    assert.equal(fix.code, 0, fix.stderr);
    assert.match(fix.stdout, /2 damaged rows, 2 moved to quarantined_calls/);
    const calls = await box.run('calls', '--store', 'k.db', '--json');
    assert.equal(calls.code, 0, calls.stderr);
    assert.equal(calls.stdout.trim().split('\n').length, 2);
    const SQL = await initSqlJs({ wasmBinary: readFileSync(locateSqlWasm()) as unknown as ArrayBuffer });
    const db = new SQL.Database(readFileSync(path.join(box.cwd, 'k.db')));
    const kept = db.exec('SELECT call_id, problem_column, length(events) FROM quarantined_calls ORDER BY call_id')[0]!.values;
    db.close();
    assert.deepEqual(kept, [['c2', 'source_json', kept[0]![2]], ['c3', 'events', 9]]);
    assert.ok(Number(kept[0]![2]) > 0, 'the quarantined row keeps its transcript');
  });

  it('a damaged header is a clear "corrupt store" (exit 3), not "attempt to write a readonly database"', async () => {
    const file = path.join(box.cwd, 'k.db');
    const bytes = readFileSync(file);
    bytes[18] = 3; // SQLite's write version: anything but 1 or 2 makes the file read-only
    writeFileSync(file, bytes);
    for (const cmd of [['calls'], ['doctor'], ['import', 'calls.jsonl']]) {
      const r = await box.run(...cmd, '--store', 'k.db');
      assert.equal(r.code, 3, `${cmd[0]}: ${r.stderr}`);
      assert.match(r.stderr, /corrupt store/);
      assert.doesNotMatch(r.stderr, /readonly database/);
    }
  });

  it('scans the segment files of sealed calls too: a damaged row and a raw email are reported by file, field and type', async () => {
    // A store written without the gate (an older build, or a tool) whose first calls were sealed into segment files.
    const file = path.join(box.cwd, 'sealed.db');
    const raw = await openSqlStore({ path: file, ports: createNodePorts(), saveDebounceMs: 60_000, segment: { hotMaxCalls: 1, sealCalls: 1 } });
    const calls = ['s1', 's2', 's3'].map((id, i) => buildCall(id, { startedAt: Date.UTC(2026, 0, 10 + i), turns: 2 }));
    const leaky = calls[0]!.events.find((e) => e.type === 'turn')!;
    if (leaky.type === 'turn') leaky.text = 'You can write to jane.roe@example.org about it';
    await raw.putConversations(calls);
    await raw.close();
    const again = await openSqlStore({ path: file, ports: createNodePorts(), saveDebounceMs: 60_000, segment: { hotMaxCalls: 1, sealCalls: 1 } });
    await again.close();
    const segDir = `${file}.segments`;
    const segments = readdirSync(segDir).filter((f) => f.endsWith('.sqlite'));
    assert.equal(segments.length, 2, 'two of the three calls sealed');
    for (const f of segments) await damage(path.join(segDir, f), ["UPDATE calls SET outcome_json = '{\"resolved\":' WHERE call_id = 's2'"]);

    const look = await box.run('doctor', '--store', 'sealed.db', '--json');
    assert.equal(look.code, 1, look.stderr);
    const report = JSON.parse(look.stdout) as {
      segments: { file: string; callsScanned: number; problems: { callId: string; column: string }[] }[];
      leaks: { file: string; field: string; entityType: string }[];
    };
    assert.equal(report.segments.length, 2);
    assert.equal(report.segments.reduce((n, s) => n + s.callsScanned, 0), 2);
    const damaged = report.segments.filter((s) => s.problems.length > 0);
    assert.equal(damaged.length, 1);
    assert.deepEqual(damaged[0]!.problems.map((p) => [p.callId, p.column]), [['s2', 'outcome_json']]);
    assert.match(damaged[0]!.file, /sealed\.db\.segments[\\/]s.*\.sqlite$/);
    assert.equal(report.leaks.length, 1);
    assert.match(report.leaks[0]!.file, /sealed\.db\.segments[\\/]s.*\.sqlite$/);
    assert.equal(report.leaks[0]!.entityType, 'EMAIL');
    assert.match(report.leaks[0]!.field, /^call s1\.events\[\d+\]\.text$/);

    const text = await box.run('doctor', '--store', 'sealed.db', '--quarantine');
    assert.equal(text.code, 1, 'segment rows are immutable: they stay reported');
    assert.match(text.stdout, /segments[\\/]s\S*\.sqlite: 1 sealed calls checked, 1 damaged rows\.\n {2}call s2 outcome_json/);
    assert.match(text.stdout, /\.sqlite: 1 stored fields still look like personal data:\n {2}call s1\.events\[\d+\]\.text \(EMAIL\)/);
    assert.doesNotMatch(text.stdout + text.stderr, /jane\.roe/);
    assert.match(text.stderr, /1 damaged rows or files among the segment files.*1 stored fields look like personal data/);
  });
});
