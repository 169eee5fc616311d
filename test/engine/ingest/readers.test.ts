import assert from 'node:assert/strict';
import { decodeUtf8, readLines, sliceJson, splitLines } from '../../../src/engine/ingest';
import type { JsonSlice, JsonSliceError } from '../../../src/engine/ingest';

async function* chunksOf(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...cuts, bytes.byteLength]) {
    yield bytes.subarray(at, cut);
    at = cut;
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* strings(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

describe('ingest readers', () => {
  it('keeps multi-byte UTF-8 characters whole at every chunk boundary', async () => {
    const text = 'Café ☕ naïve 日本語 😀 end\nsecond line é\n';
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.byteLength; cut++) {
      const lines = await collect(readLines(chunksOf(bytes, [cut])));
      assert.deepEqual(
        lines.map((l) => l.text),
        ['Café ☕ naïve 日本語 😀 end', 'second line é'],
        `cut at byte ${cut}`,
      );
    }
    // And one byte per chunk.
    const single = await collect(readLines(chunksOf(bytes, [...Array(bytes.byteLength - 1).keys()].map((i) => i + 1))));
    assert.equal(single[0]!.text, 'Café ☕ naïve 日本語 😀 end');
  });

  it('drops a BOM, handles CRLF, and keeps a last line with no newline', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a\r\nb\r\n\r\nc')]);
    const lines = await collect(readLines(chunksOf(bytes, [1, 2, 5])));
    assert.deepEqual(lines, [
      { text: 'a', line: 1 },
      { text: 'b', line: 2 },
      { text: '', line: 3 },
      { text: 'c', line: 4 },
    ]);
  });

  it('splits a CR from its LF across chunks correctly', async () => {
    const lines = await collect(splitLines(strings('one\r', '\ntwo\r', '\n')));
    assert.deepEqual(lines.map((l) => l.text), ['one', 'two']);
  });

  it('decodes a character split over three chunks', async () => {
    const bytes = new TextEncoder().encode('😀'); // 4 bytes
    assert.deepEqual(await collect(decodeUtf8(chunksOf(bytes, [1, 3]))), ['😀']);
  });

  it('slices a JSON array element by element across chunk edges, with start lines', async () => {
    const text = '[\n {"a": "x,]}\\"y", "b": [1, {"c": 2}]},\n 3 ,\n "s]",\n {"d": {}}\n]\n';
    for (let cut = 1; cut < text.length; cut++) {
      const out = (await collect(sliceJson(strings(text.slice(0, cut), text.slice(cut)), 'array'))) as JsonSlice[];
      assert.deepEqual(
        out.map((s) => JSON.parse(s.text) as unknown),
        [{ a: 'x,]}"y', b: [1, { c: 2 }] }, 3, 's]', { d: {} }],
        `cut at ${cut}`,
      );
      assert.deepEqual(out.map((s) => s.line), [2, 3, 4, 5]);
      assert.deepEqual(out.map((s) => s.index), [0, 1, 2, 3]);
    }
  });

  it('reads an empty array and reports a truncated one', async () => {
    assert.deepEqual(await collect(sliceJson(strings('[ ]'), 'array')), []);
    const out = (await collect(sliceJson(strings('[{"a":1},\n{"b":'), 'array'))) as (JsonSlice | JsonSliceError)[];
    assert.equal(out[0]!.kind, 'value');
    assert.equal(out[1]!.kind, 'error');
    assert.match((out[1] as JsonSliceError).reason, /ends inside a value that starts at line 2/);
  });

  it('slices concatenated pretty-printed documents', async () => {
    const out = (await collect(sliceJson(strings('{\n  "a": "}"\n}\n{"b": [\n1]}\n'), 'values'))) as JsonSlice[];
    assert.deepEqual(out.map((s) => JSON.parse(s.text) as unknown), [{ a: '}' }, { b: [1] }]);
    assert.deepEqual(out.map((s) => s.line), [1, 4]);
  });
});
