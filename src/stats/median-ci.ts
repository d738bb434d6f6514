import type { Interval } from './interval.js';

/** ln C(n, k) by summing logs: exact enough for the n of a sweep (thousands). */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * A distribution-free 95 % interval for the median from sorted values: the
 * order statistics [x(l), x(n+1-l)] with the largest l such that
 * P(Binomial(n, 1/2) < l) <= 2.5 % (Conover, Practical Nonparametric
 * Statistics, 3rd ed., 3.2). Its coverage is at least 95 %; null when n is
 * too small for any such l (n < 6).
 */
export function medianCi95(sorted: readonly number[]): Interval | null {
  const n = sorted.length;
  let cdf = 0;
  let l = 0;
  for (let k = 0; k < n; k++) {
    const next = cdf + Math.exp(logChoose(n, k) - n * Math.LN2);
    if (next > 0.025) break;
    cdf = next;
    l = k + 1;
  }
  if (l === 0) return null;
  return [sorted[l - 1]!, sorted[n - l]!];
}
