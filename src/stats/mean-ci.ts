import type { Interval } from './interval.js';
import { mean, sampleSd } from './moments.js';
import { tQuantile975 } from './t-quantile.js';

/**
 * 95% confidence interval of the mean: mean ± t(0.975, n-1) · sd / √n.
 * The runs of a sweep are independent (one seed each), which is all this
 * needs; the t quantile covers small sweeps, and for large n it is the
 * normal interval. Null below two values: one run says nothing about spread.
 */
export function meanCi95(values: readonly number[]): Interval | null {
  const n = values.length;
  if (n < 2) return null;
  const m = mean(values);
  const half = tQuantile975(n - 1) * sampleSd(values) / Math.sqrt(n);
  return [m - half, m + half];
}
