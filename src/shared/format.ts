/**
 * How every view writes a p-value: "p < 0.001" below the printable floor, "p = 0.012" otherwise —
 * never "p = < 0.001". `pValueCell` is the bare value for a column headed "p".
 */
export function pText(p: number, name = 'p'): string {
  return p < 0.001 ? `${name} < 0.001` : `${name} = ${p.toFixed(3)}`;
}

export function pValueCell(p: number | undefined): string {
  if (p === undefined) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** Category labels with runs of the same text blanked after the first, so an axis names each day once. */
export function dedupeRunLabels(labels: readonly string[]): string[] {
  return labels.map((l, i) => (i > 0 && labels[i - 1] === l ? '' : l));
}
