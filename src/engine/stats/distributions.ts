// The special functions come from stdlib (well-kept, tested against Boost/R); nothing here is hand-rolled.
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import betaLogPdf from '@stdlib/stats-base-dists-beta-logpdf';
import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile';
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';

/** Standard normal CDF Φ(x). */
export const normalCdf = (x: number): number => normalCdfImpl(x, 0, 1);
/** Standard normal quantile Φ⁻¹(p). */
export const normalQuantile = (p: number): number => normalQuantileImpl(p, 0, 1);
/** Upper tail 1 − Φ(x), computed by symmetry so it keeps precision for large x. */
export const normalSf = (x: number): number => normalCdfImpl(-x, 0, 1);

export const tCdf = (x: number, df: number): number => tCdfImpl(x, df);
export const tQuantile = (p: number, df: number): number => tQuantileImpl(p, df);
/** Upper tail of Student's t, by symmetry. */
export const tSf = (x: number, df: number): number => tCdfImpl(-x, df);

/** Upper tail of the chi-square distribution: the regularised upper incomplete gamma Q(k/2, x/2), exact in the far tail. */
export const chisquareSf = (x: number, df: number): number => (x <= 0 ? 1 : gammainc(x / 2, df / 2, true, true));

export const betaCdfAt = (x: number, a: number, b: number): number => betaCdf(x, a, b);
export const betaLogPdfAt = (x: number, a: number, b: number): number => betaLogPdf(x, a, b);
