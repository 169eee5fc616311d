import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assignGroup, embedSif, fitSif, induceGroups, loadWordVectors, parseWordVectors, wordSimilarity } from '../../../../src/engine/analysis/discovery';
import type { WordVectors } from '../../../../src/engine/analysis/discovery';
import { createNodePorts } from '../../../../src/node/nodePorts';

// The vectors the extension and CLI ship (assets/, built by scripts/build-word-vectors.mjs from GloVe).
const ASSET = path.join(__dirname, '../../../../assets/word-vectors-100d.bin');
let vectors: WordVectors;
before(() => {
  vectors = parseWordVectors(new Uint8Array(readFileSync(ASSET)));
});

const cosine = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('discovery: pretrained word vectors', () => {
  it('reads the shipped asset: 50,000 words × 100 dims, each row unit length', () => {
    assert.equal(vectors.dims, 100);
    assert.equal(vectors.index.size, 50_000);
    for (const w of ['refund', 'parking', 'password']) {
      const row = vectors.index.get(w);
      assert.ok(row !== undefined, `${w} is known`);
      let n = 0;
      for (let d = 0; d < 100; d++) n += vectors.values[row * 100 + d]! ** 2;
      assert.ok(Math.abs(n - 1) < 1e-4, `${w} has unit length (${n})`);
    }
  });

  it('puts synonyms closer than unrelated words', () => {
    const pairs: Array<[string, string, string]> = [
      ['refund', 'reimbursement', 'weather'],
      ['car', 'vehicle', 'password'],
      ['garage', 'parking', 'breakfast'],
      ['wifi', 'internet', 'breakfast'],
      ['cancel', 'cancellation', 'banana'],
    ];
    for (const [a, near, far] of pairs) {
      const s1 = wordSimilarity(vectors, a, near)!;
      const s2 = wordSimilarity(vectors, a, far)!;
      assert.ok(s1 > s2 + 0.2, `${a}~${near} ${s1.toFixed(3)} should beat ${a}~${far} ${s2.toFixed(3)}`);
    }
    assert.equal(wordSimilarity(vectors, 'refund', 'qwxzv'), undefined, 'an unknown word has no similarity');
  });

  it('embeds a paraphrase closer than an unrelated text (SIF), deterministically', () => {
    const texts = ['I want my money back for this order', 'how do I get a refund', 'what is the weather tomorrow', 'will it rain this weekend', 'reset my password please', 'I forgot my login'];
    const a = fitSif(vectors, texts);
    const b = fitSif(vectors, texts);
    const e = (t: string) => embedSif(a, t);
    assert.deepEqual(Array.from(e(texts[0]!)), Array.from(embedSif(b, texts[0]!)), 'same texts → same embedding');
    assert.ok(cosine(e('refund my purchase'), e('reimbursement for an order')) > cosine(e('refund my purchase'), e('rain forecast for saturday')) + 0.2);
    assert.ok(cosine(e('I forgot my login'), e('reset my password please')) > cosine(e('I forgot my login'), e('will it rain this weekend')));
    assert.deepEqual(Array.from(e('zzqx qqzz')), new Array(100).fill(0), 'no known word → the zero vector');
  });

  it('lets induction place a text whose words it never saw beside their synonyms', () => {
    const topics: Record<string, string[]> = {
      parking: ['where can I park my car', 'is there parking for my car nearby', 'car park prices please', 'how much is parking for a car', 'I need a parking space for my car', 'can I leave my car in your parking lot'],
      wifi: ['the wifi password does not work', 'how do I connect to the wifi', 'wifi keeps dropping in my room', 'what is the wifi network name', 'the wifi signal is weak', 'I cannot get on the wifi network'],
      breakfast: ['what time is breakfast served', 'is breakfast included in my room rate', 'where do you serve breakfast', 'can I get breakfast early tomorrow', 'breakfast hours please', 'is there a vegan breakfast option'],
    };
    const texts = Object.entries(topics).flatMap(([topic, xs]) => xs.flatMap((t) => [t, `${t} please`, `hello, ${t}`].map((text) => ({ text, topic }))));
    const run = () => induceGroups(texts.map((t) => ({ text: t.text })), { minSize: 3, kind: 'intent', wordVectors: vectors });
    const r = run();
    assert.deepEqual(Array.from(r.assignments), Array.from(run().assignments), 'deterministic for a seed');
    // Every group is pure (silhouette may split a topic's phrasings, never mix topics).
    const topicOf = new Map<number, string>();
    texts.forEach((t, i) => {
      const g = r.assignments[i]!;
      assert.equal(topicOf.get(g) ?? t.topic, t.topic, `group ${r.model.groups[g]?.name} mixes ${topicOf.get(g)} and ${t.topic}`);
      topicOf.set(g, t.topic);
    });
    const placed = (text: string) => topicOf.get(assignGroup(r.model, { text }).group);
    // "garage", "vehicle", "internet", "toast" occur in no input: terms alone cannot place these.
    const lsaOnly = induceGroups(texts.map((t) => ({ text: t.text })), { minSize: 3, kind: 'intent' });
    assert.equal(assignGroup(lsaOnly.model, { text: 'vehicle garage' }).group, -1, 'without vectors the words are unknown');
    assert.equal(placed('vehicle garage'), 'parking');
    assert.equal(placed('internet connection'), 'wifi');
    assert.equal(placed('eggs and toast'), 'breakfast');
  });

  it('rejects a file that is not the vectors format, naming the fix', () => {
    assert.throws(() => parseWordVectors(new TextEncoder().encode('{"words":[]}')), /not a KWV1 file.*build-word-vectors/);
    const bytes = new Uint8Array(readFileSync(ASSET));
    assert.throws(() => parseWordVectors(bytes.subarray(0, bytes.length - 7)), /truncated/);
  });

  it('is loaded once per host through the ports (the Node host finds the asset from source)', async () => {
    const ports = createNodePorts();
    const [a, b] = await Promise.all([loadWordVectors(ports), loadWordVectors(ports)]);
    assert.ok(a && a === b, 'one parse shared by concurrent callers');
    assert.equal(await loadWordVectors({}), undefined, 'a host without vectors gets none');
  });
});
