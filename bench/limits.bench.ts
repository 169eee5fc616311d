// `npm run bench -- limits`: what one hostile record costs now. A 200 MB JSONL line between two good
// lines (rejected while streaming: peak RSS), and a zip bomb (a 1.8 MB zip of ~1.8 GB of zeros):
// time to refusal and peak RSS. Each runs in this process; RSS is sampled every 5 ms.
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { importFile } from '../src/engine/ingest';
import { createRedactor } from '../src/engine/privacy';
import { BundleError, openSqlStore } from '../src/engine/store';
import { createNodePorts } from '../src/node/nodePorts';

function sampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  return {
    stop: () => {
      clearInterval(t);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}
const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

async function hugeLine(dir: string): Promise<void> {
  const file = path.join(dir, 'huge.jsonl');
  const out = createWriteStream(file);
  const ev = (id: string, n: number, extra: string) => `{"eventId":"${id}:${n}","callId":"${id}","agentId":"a","ts":${1_790_000_000_000 + n},${extra}}\n`;
  out.write(ev('a', 0, '"type":"call.started"') + ev('a', 1, '"type":"call.ended","outcome":{"endReason":"completed"}'));
  out.write('{"eventId":"x:0","callId":"x","agentId":"a","ts":1,"type":"turn","role":"user","text":"');
  const chunk = 'y'.repeat(1024 * 1024);
  for (let i = 0; i < 200; i++) if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  out.write('"}\n' + ev('b', 0, '"type":"call.started"') + ev('b', 1, '"type":"call.ended","outcome":{"endReason":"completed"}'));
  await new Promise<void>((r) => out.end(() => r()));
  const ports = createNodePorts();
  const store = await openSqlStore({ ports });
  global.gc?.();
  const before = process.memoryUsage().rss;
  const s = sampler();
  const t0 = performance.now();
  const report = await importFile(file, { ports, store, redactor: createRedactor({ hmacKey: new Uint8Array(32), hashing: ports.hashing }) });
  const ms = performance.now() - t0;
  const peak = s.stop();
  console.log(`200 MB line: ${report.calls} calls kept, ${report.rejected} rejected (line ${report.rejections[0]?.line}: ${report.rejections[0]?.reason.slice(0, 60)}…)`);
  console.log(`200 MB line: ${ms.toFixed(0)} ms, RSS before ${mb(before)}, peak ${mb(peak)} (+${mb(peak - before)})`);
  await store.close();
}

async function zipBomb(): Promise<void> {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, c) => {
    if (err) throw err;
    parts.push(c);
  });
  const entry = new ZipDeflate('calls.ndjson', { level: 9 });
  zip.add(entry);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < 1800; i++) entry.push(zeros, i === 1799);
  zip.end();
  const bomb = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    bomb.set(p, at);
    at += p.byteLength;
  }
  const ports = createNodePorts();
  const store = await openSqlStore({ ports });
  global.gc?.();
  const before = process.memoryUsage().rss;
  const s = sampler();
  const t0 = performance.now();
  let refused = '';
  try {
    await store.importBundle(bomb);
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    refused = err.message;
  }
  const ms = performance.now() - t0;
  const peak = s.stop();
  console.log(`zip bomb ${(bomb.byteLength / 1e6).toFixed(2)} MB → 1.8 GB: refused in ${ms.toFixed(0)} ms, RSS before ${mb(before)}, peak ${mb(peak)} (+${mb(peak - before)}): ${refused.slice(0, 70)}…`);
  await store.close();
}

void (async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-limits-bench-'));
  try {
    await hugeLine(dir);
    await zipBomb();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
