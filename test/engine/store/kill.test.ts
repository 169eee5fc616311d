import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { StoreFileError, openSqlStore } from '../../../src/engine/store';
import { createNodePorts, locateSqlWasm } from '../../../src/node/nodePorts';
import { tempDir } from './builders';

const CHILD = path.resolve(__dirname, '../../fixtures/store/killChild.ts');
const BATCH = 25; // killChild.ts's batch size
const ITERATIONS = 30;

interface ChildRun {
  /** Highest batch the child reported saved before it died. */
  lastReported: number;
  sawReady: boolean;
  stderr: string;
}

/** Runs the child until `killAfterMs` past its "ready", then SIGKILLs it and waits for the exit (so its pid is reaped). */
/**
 * Runs the child, then SIGKILLs it: `killAfterMs` past its "ready", or, with `aimAtSave`, that long
 * past its second "saving" line, so that many kills land inside export → temp write → fsync → rename.
 * Waits for the exit, so the dead pid is reaped before the next open looks at the lock.
 */
function runAndKill(script: string, storePath: string, killAfterMs: number, aimAtSave: boolean, seed: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, storePath, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The bundle keeps sql.js external; it resolves it (and its wasm) from the repo.
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../../node_modules') },
    });
    const run: ChildRun = { lastReported: 0, sawReady: false, stderr: '' };
    let buffered = '';
    let timer: NodeJS.Timeout | undefined;
    let savesStarted = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') run.sawReady = true;
        // Aimed kills wait for the second save, so every run also completes one.
        if (line.startsWith('saving ')) savesStarted++;
        const trigger = aimAtSave ? savesStarted === 2 : line === 'ready';
        if (trigger && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        const m = /^saved (\d+)$/.exec(line);
        if (m) run.lastReported = Number(m[1]);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
    child.on('error', reject);
    // 'close', not 'exit': every line the child wrote before dying has been read by then.
    child.on('close', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child exited on its own (${signal ?? _code}): ${run.stderr}`));
      else resolve(run);
    });
  });
}

function rawIds(storePath: string, SQL: SqlJsStatic): string[] {
  const db = new SQL.Database(fs.readFileSync(storePath));
  try {
    return (db.exec('SELECT id FROM archives')[0]?.values ?? []).map((v) => String(v[0]));
  } finally {
    db.close();
  }
}

describe('store: SIGKILL during saves', function () {
  this.timeout(300_000);
  let tmp: ReturnType<typeof tempDir>;
  let script: string;
  before(() => {
    tmp = tempDir('kaizen-kill-');
    // The child runs from an esbuild bundle of killChild.ts: starting `node --import tsx` costs ~1 s
    // per kill on a loaded machine, a bundle ~0.3 s, and the code under test is the same.
    script = path.join(tmp.dir, 'killChild.cjs');
    buildSync({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'cjs', outfile: script, external: ['sql.js'], logLevel: 'warning' });
  });
  after(() => tmp.cleanup());

  it('a second process is refused while the first writes, and takes over once it is killed', async () => {
    const storePath = path.join(tmp.dir, 'shared.db');
    const child = spawn(process.execPath, [script, storePath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../../node_modules') },
    });
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          if (chunk.includes('saved 1')) resolve();
        });
        child.on('close', (code) => reject(new Error(`child exited early (${code})`)));
      });
      await assert.rejects(openSqlStore({ path: storePath, ports: createNodePorts() }), (err: unknown) => {
        assert.ok(err instanceof StoreFileError);
        assert.equal(err.reason, 'locked');
        assert.match(err.message, new RegExp(`in use by process ${child.pid}`));
        return true;
      });
    } finally {
      child.kill('SIGKILL');
      await closed;
    }
    const store = await openSqlStore({ path: storePath, ports: createNodePorts() });
    try {
      assert.ok((await store.countCalls()) >= BATCH);
    } finally {
      await store.close();
    }
  });

  it('keeps every saved batch readable when kills land while calls are sealed into segments', async () => {
    const storePath = path.join(tmp.dir, 'segmented.db');
    let previous = 0;
    let seed = 777;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 12; i++) {
      const aim = i % 2 === 1;
      const run = await runAndKill(script, storePath, Math.floor(random() * (aim ? 25 : 250)), aim, i + 1);
      assert.ok(run.sawReady, `iteration ${i}: the child never opened the store: ${run.stderr}`);
      const store = await openSqlStore({ path: storePath, ports: createNodePorts() });
      try {
        const n = (await store.readJournal('kill')).length;
        assert.equal(await store.countCalls({ agentId: 'kill' }), n * BATCH, `iteration ${i}: calls for ${n} batches`);
        const floor = Math.max(run.lastReported, previous);
        assert.ok(n >= floor && n <= floor + 1, `iteration ${i}: store has batch ${n}, child reported ${run.lastReported}, before it ${previous}`);
        previous = n;
        if (i === 11) {
          let read = 0;
          for await (const c of store.iterateConversations({ agentId: 'kill' })) {
            assert.equal(c.events.length, 2, c.callId);
            read++;
          }
          assert.equal(read, n * BATCH);
          assert.equal(await store.countCalls({ agentId: 'seed' }), 3000);
        }
      } finally {
        await store.close();
      }
    }
    const segments = fs.readdirSync(`${storePath}.segments`);
    assert.ok(segments.length > 1, 'saves sealed calls into segments along the way');
    assert.deepEqual(segments.filter((f) => !f.endsWith('.sqlite')), [], 'no temp left');
  });

  it(`leaves the previous or the new complete state, ${ITERATIONS} kills in a row`, async () => {
    {
      const SQL = await initSqlJs({ wasmBinary: fs.readFileSync(locateSqlWasm()) as unknown as ArrayBuffer });
      const storePath = path.join(tmp.dir, 'learning.db');
      let previous = 0;
      let killedMidWrite = 0;
      const archivesSeen = new Set<string>();
      // A seeded generator: a failure replays with the same kill times.
      let seed = 12345;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      for (let i = 0; i < ITERATIONS; i++) {
        const aim = i % 2 === 1;
        const run = await runAndKill(script, storePath, Math.floor(random() * (aim ? 25 : 250)), aim, i + 1);
        const archiveDir = `${storePath}.archive`;
        const temps = [...fs.readdirSync(tmp.dir), ...(fs.existsSync(archiveDir) ? fs.readdirSync(archiveDir) : [])];
        if (temps.some((f) => f.endsWith('.tmp'))) killedMidWrite++;
        assert.ok(run.sawReady, `iteration ${i}: the child never opened the store: ${run.stderr}`);

        // The raw file, before Kaizen touches it: a whole SQLite database with a complete batch.
        const db = new SQL.Database(fs.readFileSync(storePath));
        try {
          assert.equal(db.exec('PRAGMA integrity_check')[0]!.values[0]![0], 'ok', `iteration ${i}: integrity`);
          const batches = db.exec("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM journal WHERE stream = 'kill'")[0]!.values[0]!;
          const calls = Number(db.exec("SELECT COUNT(*) FROM calls WHERE agent_id = 'kill'")[0]!.values[0]![0]);
          const n = Number(batches[0]);
          assert.equal(Number(batches[1]), n, `iteration ${i}: journal seqs are 1..n`);
          assert.equal(calls, n * BATCH, `iteration ${i}: ${calls} calls for ${n} batches`);
          // Every save the child reported finished is in the file; at most the one in flight is added.
          const floor = Math.max(run.lastReported, previous);
          assert.ok(n >= floor && n <= floor + 1, `iteration ${i}: file has batch ${n}, child reported ${run.lastReported}, before it ${previous}`);
          assert.ok(n >= previous, `iteration ${i}: went back from ${previous} to ${n}`);
          // Every transcript is in the file or in an archive the file lists, and that archive has it.
          assert.deepEqual(db.exec('SELECT COUNT(*) FROM calls WHERE events IS NULL AND archive_id IS NULL')[0]!.values[0], [0], `iteration ${i}: lost transcripts`);
          for (const [id, count] of db.exec('SELECT archive_id, COUNT(*) FROM calls WHERE archive_id IS NOT NULL GROUP BY archive_id')[0]?.values ?? []) {
            assert.equal(db.exec(`SELECT COUNT(*) FROM archives WHERE id = '${String(id)}'`)[0]!.values[0]![0], 1, `iteration ${i}: archive ${String(id)} not listed`);
            const archive = new SQL.Database(fs.readFileSync(path.join(`${storePath}.archive`, `${String(id)}.sqlite`)));
            const missing = archive.exec(`SELECT COUNT(*) FROM transcripts`)[0]!.values[0]![0];
            archive.close();
            assert.ok(Number(missing) >= Number(count), `iteration ${i}: archive ${String(id)} holds ${String(missing)} of ${String(count)} transcripts`);
            archivesSeen.add(String(id));
          }
          previous = n;
        } finally {
          db.close();
        }
      }
      // Kaizen itself opens it after the last kill: stale lock taken over, temp litter removed.
      const store = await openSqlStore({ path: storePath, ports: createNodePorts() });
      try {
        assert.equal(await store.countCalls({ agentId: 'kill' }), previous * BATCH);
        assert.equal(await store.countCalls({ agentId: 'seed' }), 3000);
      } finally {
        await store.close();
      }
      assert.deepEqual(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('learning.db') && f !== 'learning.db' && f !== 'learning.db.archive' && f !== 'learning.db.saved.json'), [], 'no lock or temp left');
      const listed = new Set(rawIds(storePath, SQL));
      assert.deepEqual(fs.readdirSync(`${storePath}.archive`).filter((f) => !listed.has(f.replace(/\.sqlite$/, ''))), [], 'no unlisted archive or temp left');
      // Load-independent: every aimed run (half of them) completes at least one save before its kill;
      // unaimed kills may land before the first save on a loaded machine.
      assert.ok(previous >= ITERATIONS / 2, `the child made progress (${previous} batches)`);
      assert.ok(archivesSeen.size > 1, 'saves moved transcripts to archives along the way');
      if (process.env.KAIZEN_TEST_VERBOSE) console.log(`      ${killedMidWrite} of ${ITERATIONS} kills left a temp file (died between temp write and rename); ${archivesSeen.size} archives`);
    }
  });
});
