// Clustering scores against gold labels: Hungarian (best one-to-one cluster → label map) accuracy,
// as in the DSTC11 intent-induction track, and normalised mutual information (arithmetic mean, as
// sklearn's default). Unmatched clusters count as wrong.
import { munkres } from 'munkres';

function contingency(pred: readonly number[], gold: readonly string[]): { table: number[][]; labels: string[]; clusters: number } {
  const labels = [...new Set(gold)].sort();
  const li = new Map(labels.map((l, i) => [l, i]));
  const clusters = Math.max(0, ...pred) + 1;
  const table = Array.from({ length: clusters }, () => new Array<number>(labels.length).fill(0));
  pred.forEach((p, i) => table[p]![li.get(gold[i]!)!]!++);
  return { table, labels, clusters };
}

export function hungarianAccuracy(pred: readonly number[], gold: readonly string[]): number {
  const { table } = contingency(pred, gold);
  const max = Math.max(...table.flat());
  const cost = table.map((row) => row.map((c) => max - c));
  const pairs = munkres(cost);
  let hit = 0;
  for (const [r, c] of pairs) hit += table[r]![c]!;
  return hit / pred.length;
}

export function nmi(pred: readonly number[], gold: readonly string[]): number {
  const { table } = contingency(pred, gold);
  const n = pred.length;
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = table[0]!.map((_, j) => table.reduce((a, r) => a + r[j]!, 0));
  const h = (xs: number[]) => -xs.filter((x) => x > 0).reduce((t, x) => t + (x / n) * Math.log(x / n), 0);
  let mi = 0;
  table.forEach((r, i) => r.forEach((c, j) => {
    if (c > 0) mi += (c / n) * Math.log((n * c) / (rows[i]! * cols[j]!));
  }));
  const denom = (h(rows) + h(cols)) / 2;
  return denom > 0 ? mi / denom : 1;
}
