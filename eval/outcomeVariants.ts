// Outcome / dissatisfaction model variants for the cross-domain evaluations (eval/analysis.ts), and the
// selection among them by cross-validation on the TRAINING data only. A variant is fitted on labelled
// training rows and returns a scorer for a whole set of rows, so it may use that set's unlabelled
// statistics (own-corpus standardisation, ranks within the set) but never its labels.
import { fitLogistic } from '../src/engine/analysis';
import { assignFolds, fitLogisticCv, predictStandardised, withDomainStatistics } from '../src/engine/analysis/logisticCv';
import type { StandardisedLogistic } from '../src/engine/analysis/logisticCv';
import { rocAuc } from '../src/engine/stats';

export type Scorer<R> = (rows: readonly R[]) => number[];
export interface Variant<R> {
  name: string;
  /** `quick`: inside an outer cross-validation fold, a coarser l2 grid keeps nested CV affordable. */
  fit(train: readonly R[], y: readonly boolean[], groups: readonly (string | number)[] | undefined, quick: boolean): Scorer<R>;
}

const QUICK_GRID = [1, 10, 100, 1000];

/** Mid-ranks scaled to (0, 1): a score's place within its own set (ties share the mean rank). */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length).fill(0);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j + 2) / 2 / (xs.length + 1);
    i = j + 1;
  }
  return out;
}

/** Each feature replaced by its rank within the set (a per-corpus quantile transform; no label read). */
function columnRanks(xs: readonly (readonly number[])[]): number[][] {
  const d = xs[0]?.length ?? 0;
  const cols = Array.from({ length: d }, (_, j) => ranks(xs.map((x) => x[j]!)));
  return xs.map((_, i) => cols.map((c) => c[i]!));
}

/**
 * Logistic regression on the features `f` picks: `cv` standardises and chooses l2 by (grouped) 5-fold
 * CV on the training rows; otherwise raw features and l2 = 1 (the older "logistic on signals" rows).
 * `ownStats`: the scored set is standardised on its own feature statistics; `quantile`: every feature
 * becomes its rank within its own set (training and scored set alike).
 */
export function logisticVariant<R>(name: string, f: (r: R) => number[], opts: { cv?: boolean; ownStats?: boolean; quantile?: boolean } = {}): Variant<R> {
  return {
    name,
    fit(train, y, groups, quick) {
      const prep = (rows: readonly R[]) => (opts.quantile ? columnRanks(rows.map(f)) : rows.map(f));
      const x = prep(train);
      if (!opts.cv) {
        const m = fitLogistic(x, y, 1);
        return (rows) => prep(rows).map((v) => 1 / (1 + Math.exp(-(m.bias + v.reduce((t, a, i) => t + a * m.weights[i]!, 0)))));
      }
      const m: StandardisedLogistic = fitLogisticCv(x, y, { groups, ...(quick ? { l2Grid: QUICK_GRID } : {}) });
      return (rows) => {
        const xs = prep(rows);
        const mm = opts.ownStats && xs.length >= 2 ? withDomainStatistics(m, xs) : m;
        return xs.map((v) => predictStandardised(mm, v));
      };
    },
  };
}

/** A score that reads no label (a prior): the same scorer whatever the training rows. */
export function fixedVariant<R>(name: string, score: Scorer<R>): Variant<R> {
  return { name, fit: () => score };
}

/** The mean of the parts' ranks within the scored set: no part's scale or calibration dominates. */
export function rankEnsemble<R>(name: string, parts: readonly Variant<R>[]): Variant<R> {
  return {
    name,
    fit(train, y, groups, quick) {
      const scorers = parts.map((p) => p.fit(train, y, groups, quick));
      return (rows) => {
        const rs = scorers.map((s) => ranks(s(rows)));
        return rows.map((_, i) => rs.reduce((t, r) => t + r[i]!, 0) / rs.length);
      };
    },
  };
}

/**
 * Pooled out-of-fold AUC of a variant on the training rows (5 folds, by group when given; each held-out
 * fold is scored as a set, as a new corpus would be). Used to choose among variants without the test set.
 */
export function outOfFoldAuc<R>(v: Variant<R>, rows: readonly R[], y: readonly boolean[], groups?: readonly (string | number)[], folds = 5, seed = 23): number {
  const fold = assignFolds(y, folds, seed, groups);
  const oof = new Array<number>(rows.length).fill(0);
  for (let f = 0; f < folds; f++) {
    const tr = rows.flatMap((_, i) => (fold[i] !== f ? [i] : []));
    const te = rows.flatMap((_, i) => (fold[i] === f ? [i] : []));
    if (te.length === 0) continue;
    const scorer = v.fit(
      tr.map((i) => rows[i]!),
      tr.map((i) => y[i]!),
      groups ? tr.map((i) => groups[i]!) : undefined,
      true,
    );
    // Scores become ranks within their fold, so folds scored on different scales pool fairly.
    ranks(scorer(te.map((i) => rows[i]!))).forEach((s, k) => (oof[te[k]!] = s));
  }
  return rocAuc(oof, [...y]);
}

/** Prints each candidate's out-of-fold AUC on the training rows and picks the best (ties: the earlier, simpler one). */
export function selectByCv<R>(candidates: readonly Variant<R>[], rows: readonly R[], y: readonly boolean[], groups?: readonly (string | number)[]): { best: Variant<R>; table: Array<{ name: string; oofAuc: number }> } {
  const table = candidates.map((v) => ({ name: v.name, oofAuc: outOfFoldAuc(v, rows, y, groups) }));
  let bestIndex = 0;
  table.forEach((t, i) => {
    if (t.oofAuc > table[bestIndex]!.oofAuc + 1e-12) bestIndex = i;
  });
  return { best: candidates[bestIndex]!, table };
}
