import { formatMetric, formatNumber } from '../report/format.js';
import type { Interval } from './interval.js';
import type { NinesInterval } from './availability.js';
import type { MetricUnit } from './summary.js';

/**
 * A fraction as a percentage with fixed decimals, given more decimals (up
 * to 6) when rounding would show 100% for something that failed once, or
 * 0% for something that happened once.
 */
export function formatPercent(fraction: number, decimals = 1): string {
  let d = decimals;
  let s = (fraction * 100).toFixed(d);
  while (d < 6 && ((fraction < 1 && Number(s) >= 100) || (fraction > 0 && Number(s) <= 0))) s = (fraction * 100).toFixed(++d);
  return `${s}%`;
}

/**
 * Decimals for a row of percentages (mean, interval, percentiles): enough
 * to show the first digit of the interval's half-width, and two digits of
 * what is missing to 100% near 100%, so 99.99297% [99.99269%, 99.99325%]
 * does not print as 99.99% [99.99%, 99.99%]. Between 2 and 8.
 */
export function percentDecimals(meanPct: number | null, ci: Interval | null): number {
  let d = 2;
  if (ci !== null && ci[1] > ci[0]) d = Math.max(d, Math.ceil(-Math.log10((ci[1] - ci[0]) / 2)));
  if (meanPct !== null && meanPct > 99 && meanPct < 100) d = Math.max(d, Math.ceil(-Math.log10(100 - meanPct)) + 1);
  return Math.min(8, d);
}

/** A metric value in its unit ("n/a" for null); percentages with `decimals` (see percentDecimals). */
export function formatValue(v: number | null, unit: MetricUnit | undefined, decimals = 2): string {
  if (v === null) return 'n/a';
  return unit === 'percent' ? formatPercent(v / 100, decimals) : formatMetric(v, unit);
}

/** "[lo, hi]" with each end formatted by `f`; "n/a" when there is no interval. */
export function formatInterval<T>(ci: readonly [T, T] | null, f: (x: T) => string): string {
  return ci === null ? 'n/a' : `[${f(ci[0])}, ${f(ci[1])}]`;
}

export function formatMetricInterval(ci: Interval | null, unit: MetricUnit | undefined, decimals = 2): string {
  return formatInterval(ci, (x) => formatValue(x, unit, decimals));
}

/** Nines to two decimals; null (availability 1) as "∞". */
export function formatNines(n: number | null): string {
  return n === null ? '∞' : n.toFixed(2);
}

export function formatNinesInterval(ci: NinesInterval | null): string {
  return formatInterval(ci, formatNines);
}

/** A count: "1,234". */
export function formatCount(n: number): string {
  return formatNumber(n, 0);
}
