import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { canonicalJson, fflateCodec, packJson, unpackJson } from '../../../src/engine/store/codec';
import type { DeflateCodec } from '../../../src/engine/store/codec';
import { openSqlStore } from '../../../src/engine/store';
import * as path from 'node:path';
import { buildCall, tempDir, testPorts } from './builders';

const zlibCodec: DeflateCodec = {
  deflateRaw: (d, dictionary) => zlib.deflateRawSync(d, { level: 1, dictionary }),
  inflateRaw: (d, _size, dictionary) => zlib.inflateRawSync(d, { dictionary }),
};

describe('store: blob codec', () => {
  it('packs JSON compressed with its length, and small values plain', () => {
    const events = buildCall('c1').events;
    const blob = packJson(events);
    assert.equal(blob[0], 1);
    assert.equal(new DataView(blob.buffer, blob.byteOffset).getUint32(1, true), Buffer.byteLength(JSON.stringify(events)));
    assert.ok(blob.length < JSON.stringify(events).length / 3);
    assert.deepEqual(unpackJson(blob), events);
    const small = packJson({ a: 1 });
    assert.equal(small[0], 0);
    assert.deepEqual(unpackJson(small), { a: 1 });
    assert.throws(() => unpackJson(new Uint8Array([9, 0, 0, 0, 0])), /unknown blob encoding 9/);
  });

  it('zlib and fflate write the same format: each reads the other', () => {
    const events = buildCall('c1').events;
    assert.deepEqual(unpackJson(packJson(events, zlibCodec), fflateCodec), events);
    assert.deepEqual(unpackJson(packJson(events, fflateCodec), zlibCodec), events);
  });

  it('a store written with zlib opens with the default codec', async () => {
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'l.db');
      const a = await openSqlStore({ path: file, ports: testPorts(), codec: zlibCodec });
      await a.putConversations([buildCall('c1')]);
      await a.close();
      const b = await openSqlStore({ path: file, ports: testPorts() });
      assert.deepEqual(await b.getConversation('c1'), buildCall('c1'));
      await b.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null } }), '{"a":{"c":null,"d":[1,{"f":2}]},"b":1}');
  });
});
