/**
 * Turning SVM scores into confidences and choosing the `unknown` threshold, both from examples
 * the model did not train on.
 */

/**
 * Softmax of scores / temperature into `out`, with one extra "none of these" logit fixed at 0:
 * a one-vs-rest SVM scores a text below 0 for every intent it does not belong to, and a plain
 * softmax, blind to that absolute level, would still be sure of the least-bad intent. Returns the
 * index of the top class; `out` sums to less than 1 by the share left to "none".
 */
export function softmaxInto(scores: Float64Array, temperature: number, out: Float64Array): number {
  let top = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k]! > scores[top]!) top = k;
  const max = Math.max(scores[top]!, NONE_LOGIT);
  let sum = Math.exp((NONE_LOGIT - max) / temperature);
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k]! - max) / temperature);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) out[k]! /= sum;
  return top;
}

const NONE_LOGIT = 0;

function meanNll(scores: Float64Array[], gold: Int32Array, temperature: number): number {
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    let max = NONE_LOGIT;
    for (let k = 0; k < s.length; k++) if (s[k]! > max) max = s[k]!;
    let sum = Math.exp((NONE_LOGIT - max) / temperature);
    for (let k = 0; k < s.length; k++) sum += Math.exp((s[k]! - max) / temperature);
    total += Math.log(sum) - (s[gold[i]!]! - max) / temperature;
  }
  return total / scores.length;
}

/**
 * Temperature scaling (Guo et al. 2017): the one parameter that minimises held-out negative
 * log-likelihood, found by golden-section search on log T (the NLL is unimodal in practice).
 */
export function fitTemperature(scores: Float64Array[], gold: Int32Array): number {
  if (scores.length === 0) return 1;
  let lo = Math.log(0.01);
  let hi = Math.log(10);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = meanNll(scores, gold, Math.exp(a));
  let fb = meanNll(scores, gold, Math.exp(b));
  for (let it = 0; it < 40; it++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = meanNll(scores, gold, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = meanNll(scores, gold, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * The threshold that keeps a prediction only while it is more often right than wrong: it
 * maximises (correct accepted − wrong accepted) over held-out predictions. The cut sits halfway
 * between the last rejected and the first accepted confidence; 0 when every held-out prediction is
 * worth keeping. (Held-out examples are all in scope, so this guards against confusions between
 * intents only; the caller adds a floor for texts outside every intent.)
 */
export function chooseThreshold(predictions: { confidence: number; correct: boolean }[]): number {
  if (predictions.length === 0) return 0;
  const sorted = [...predictions].sort((x, y) => y.confidence - x.confidence);
  let best = 0;
  let bestAt = -1; // accept nothing; ties go to the lower cut (answer more)
  let running = 0;
  for (let i = 0; i < sorted.length; i++) {
    running += sorted[i]!.correct ? 1 : -1;
    // Only cut between distinct confidences, so ties share one fate.
    if (i + 1 < sorted.length && sorted[i + 1]!.confidence === sorted[i]!.confidence) continue;
    if (running >= best) {
      best = running;
      bestAt = i;
    }
  }
  if (bestAt < 0) return 1;
  if (bestAt === sorted.length - 1) return 0;
  return (sorted[bestAt]!.confidence + sorted[bestAt + 1]!.confidence) / 2;
}
