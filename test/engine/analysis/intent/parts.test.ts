import assert from 'node:assert/strict';
import { decodeBase64, decodeFloat32, decodeInt32, decodeUint16, encodeBase64, encodeFloat32, encodeInt32, encodeUint16 } from '../../../../src/engine/analysis/intent/binary';
import { chooseThreshold, fitTemperature, softmaxInto } from '../../../../src/engine/analysis/intent/calibration';
import { stem, tokenize } from '../../../../src/engine/analysis/intent/features';
import { accuracy, macroF1, meanAndSd } from '../../../../src/engine/analysis/intent';

describe('intent classifier parts', () => {
  it('tokenizes: lower case, accents, apostrophes, numbers, currency, any script', () => {
    assert.deepEqual(tokenize("I haven't received my £1,000.50 refund!"), ['i', 'havent', 'received', 'my', '<cur>', '<num>', 'refund']);
    assert.deepEqual(tokenize('Crème BRÛLÉE x3'), ['creme', 'brulee', 'x', '<num>']);
    assert.deepEqual(tokenize('Привет, мир'), ['привет', 'мир']);
    assert.deepEqual(tokenize('  '), []);
    assert.equal(stem('charged'), 'charg');
    assert.equal(stem('cards'), 'card');
    assert.equal(stem('class'), 'class');
  });

  it('encodes base64 exactly as Node does, for every padding length', () => {
    for (const bytes of [[], [1], [1, 2], [1, 2, 3], [255, 0, 128, 7, 9]]) {
      const u8 = Uint8Array.from(bytes);
      const expected = Buffer.from(u8).toString('base64');
      assert.equal(encodeBase64(u8), expected);
      assert.deepEqual([...decodeBase64(expected)], bytes);
    }
    const floats = Float32Array.from([0, -1.5, 3.25e-7, 1e30]);
    assert.deepEqual([...decodeFloat32(encodeFloat32(floats), 'x')], [...floats]);
    const ints = Int32Array.from([0, -1, 2 ** 31 - 1, 123456]);
    assert.deepEqual([...decodeInt32(encodeInt32(ints), 'x')], [...ints]);
    const shorts = Uint16Array.from([0, 1, 65535, 300]);
    assert.equal(encodeUint16(shorts), Buffer.from(Uint8Array.from([0, 0, 1, 0, 255, 255, 44, 1])).toString('base64'), 'little-endian');
    assert.deepEqual([...decodeUint16(encodeUint16(shorts), 'x')], [...shorts]);
    assert.throws(() => decodeBase64('abc'), /multiple of 4/);
    assert.throws(() => decodeFloat32(encodeBase64(Uint8Array.from([1, 2])), 'weights'), /weights/);
  });

  it('fits the temperature that scipy finds (minimize_scalar on the same NLL)', () => {
    // scipy.optimize.minimize_scalar(bounded, log T in [log .01, log 10]) over these scores with
    // the fixed "none" logit 0 appended: T = 0.42086118454044147, mean NLL 0.9136087383918865.
    const scores = [[1.2, -0.3, -0.8], [0.1, 0.4, -1.0], [-0.2, -0.5, -0.9], [0.9, -0.7, 0.2], [-0.6, 0.3, -0.1]].map((s) => Float64Array.from(s));
    const t = fitTemperature(scores, Int32Array.from([0, 1, 0, 2, 1]));
    assert.ok(Math.abs(t - 0.42086118454044147) < 1e-5, `T = ${t}`);
  });

  it('gives "none of these" its share: all-negative scores mean low confidence', () => {
    const out = new Float64Array(3);
    assert.equal(softmaxInto(Float64Array.from([-0.9, -0.7, -1.2]), 0.1, out), 1);
    assert.ok(out[1]! < 0.2, `confidence ${out[1]}`);
    softmaxInto(Float64Array.from([-0.9, 0.8, -1.2]), 0.1, out);
    assert.ok(out[1]! > 0.99);
    assert.ok(out.reduce((a, b) => a + b, 0) <= 1);
  });

  it('puts the threshold where held-out predictions stop being more often right than wrong', () => {
    const preds = [
      { confidence: 0.95, correct: true },
      { confidence: 0.9, correct: true },
      { confidence: 0.8, correct: false },
      { confidence: 0.7, correct: true },
      { confidence: 0.4, correct: false },
      { confidence: 0.3, correct: false },
    ];
    // Running (right − wrong) from the top: 1, 2, 1, 2, 1, 0 → best after 0.7 → cut between 0.7 and 0.4.
    assert.ok(Math.abs(chooseThreshold(preds) - 0.55) < 1e-12);
    assert.equal(chooseThreshold(preds.filter((p) => p.correct)), 0, 'nothing worth rejecting');
    assert.equal(chooseThreshold([{ confidence: 0.9, correct: false }]), 1, 'nothing worth accepting');
  });

  it('scores accuracy, macro-F1 and mean ± sd like sklearn and numpy', () => {
    const gold = ['a', 'a', 'b', 'b', 'c'];
    const pred = ['a', 'b', 'b', 'b', 'unknown'];
    assert.equal(accuracy(gold, pred), 0.6);
    // sklearn f1_score(gold, pred, labels=['a','b','c'], average='macro') = (2/3 + 4/5 + 0) / 3
    assert.ok(Math.abs(macroF1(gold, pred) - (2 / 3 + 4 / 5) / 3) < 1e-12);
    // numpy: mean 0.9125, std(ddof=1) 0.029860788111948176
    const { mean, sd } = meanAndSd([0.9, 0.92, 0.88, 0.95]);
    assert.ok(Math.abs(mean - 0.9125) < 1e-12);
    assert.ok(Math.abs(sd - 0.029860788111948176) < 1e-12);
    assert.throws(() => accuracy(['a'], []), /1 labels/);
  });
});
