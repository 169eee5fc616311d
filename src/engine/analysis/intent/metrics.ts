/** Classification scores for evaluations and `kaizen intents` reports. */

export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  if (gold.length !== predicted.length) throw new Error(`gold has ${gold.length} labels, predicted ${predicted.length}`);
  if (gold.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) ok++;
  return ok / gold.length;
}

/**
 * Unweighted mean of per-class F1 over the classes in `gold` (sklearn's `average="macro"` with
 * labels = the gold classes): a class never predicted scores 0, predictions of a label absent from
 * gold (e.g. `unknown`) count only as misses of the gold class.
 */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  if (gold.length !== predicted.length) throw new Error(`gold has ${gold.length} labels, predicted ${predicted.length}`);
  const tp = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predCount = new Map<string, number>();
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = predicted[i]!;
    goldCount.set(g, (goldCount.get(g) ?? 0) + 1);
    predCount.set(p, (predCount.get(p) ?? 0) + 1);
    if (g === p) tp.set(g, (tp.get(g) ?? 0) + 1);
  }
  if (goldCount.size === 0) return 0;
  let sum = 0;
  for (const [label, n] of goldCount) {
    const t = tp.get(label) ?? 0;
    const denominator = n + (predCount.get(label) ?? 0);
    sum += denominator === 0 ? 0 : (2 * t) / denominator;
  }
  return sum / goldCount.size;
}

export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  if (values.length === 0) return { mean: Number.NaN, sd: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length < 2) return { mean, sd: 0 };
  // Sample standard deviation (n − 1), as reported for cross-validation folds.
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}
