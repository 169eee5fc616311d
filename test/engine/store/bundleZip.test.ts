import assert from 'node:assert/strict';
import { Zip, ZipDeflate, zipSync, strToU8 } from 'fflate';
import { BundleError, openSqlStore } from '../../../src/engine/store';
import { MIN_BUNDLE_DECOMPRESSED_BYTES, unzipBounded } from '../../../src/engine/store/bundleZip';
import { manualClock, testPorts } from './builders';

/** A zip of one entry of `mb` MB of zeros, built streaming (the test never holds the inflated bytes). */
function zipBomb(mb: number, name = 'calls.ndjson'): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  const entry = new ZipDeflate(name, { level: 9 });
  zip.add(entry);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < mb; i++) entry.push(zeros, i === mb - 1);
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

describe('store: bundles unzip with bounded memory', () => {
  it('unzips a normal bundle whole', () => {
    const files = unzipBounded(zipSync({ 'a.txt': strToU8('hello'), 'b.txt': strToU8('world') }));
    assert.deepEqual(Object.keys(files).sort(), ['a.txt', 'b.txt']);
  });

  it('refuses a zip that inflates past the limit, naming the limit, before inflating the rest', () => {
    const bomb = zipBomb(16);
    assert.ok(bomb.byteLength < 64 * 1024);
    assert.throws(
      () => unzipBounded(bomb, 1024 * 1024),
      (e: unknown) => e instanceof BundleError && /unpacks to more than 1 MB/.test(e.message) && /zip bomb/.test(e.message),
    );
  });

  it('importBundle refuses a zip bomb with the default limits and imports nothing', async () => {
    const store = await openSqlStore({ ports: testPorts(manualClock(1_790_000_000_000)) });
    try {
      const bomb = zipBomb(MIN_BUNDLE_DECOMPRESSED_BYTES / (1024 * 1024) + 8);
      await assert.rejects(store.importBundle(bomb), (e: unknown) => e instanceof BundleError && /zip bomb/.test(e.message));
      assert.equal(await store.countCalls(), 0);
    } finally {
      await store.close();
    }
  });
});
