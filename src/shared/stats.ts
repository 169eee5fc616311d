/**
 * The one statistic the webviews compute themselves: a Wilson score interval for a success rate,
 * used when the Pattern Explorer pools the visible patterns by strategy. Pure arithmetic so it runs
 * in the webview as well as in Node.
 */
export interface RateInterval {
  rate: number;
  low: number;
  high: number;
}

/** z for a two-sided 95 % interval (the normal 0.975 quantile). */
export const Z95 = 1.959963984540054;

export function wilsonInterval(successes: number, trials: number, z: number = Z95): RateInterval {
  if (trials <= 0) return { rate: 0, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
