import type { Interval } from './interval.js';
import { Z_975 } from './t-quantile.js';

/**
 * Wilson score 95% interval for `successes` out of `n` (Wilson 1927). Unlike
 * the textbook p ± z·√(p(1-p)/n) it stays inside [0, 1] and does not
 * collapse to a point at 0 or n successes, which are exactly the sweeps
 * that matter ("never lost data in 200 runs"). [0, 1] when n is 0.
 */
export function wilson95(successes: number, n: number): Interval {
  if (n === 0) return [0, 1];
  const z2 = Z_975 * Z_975;
  const p = successes / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z_975 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At 0 or n successes the bound is exactly 0 or 1; rounding would leave 1e-17.
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return [lo, hi];
}

/**
 * Rule of three: when 0 failures were seen in n independent runs, the
 * failure probability is below 3/n with 95% confidence. 3/n is slightly
 * above the exact bound 1 - 0.05^(1/n) (by 5% at n = 30, 2.7% at n = 60),
 * so it errs on the safe side, and people can check it in their heads.
 */
export function ruleOfThree(n: number): number {
  return n === 0 ? NaN : Math.min(1, 3 / n);
}
