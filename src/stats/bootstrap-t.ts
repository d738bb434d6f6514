import type { RandomStream } from '../kernel/rng.js';
import { drawBinomial } from './binomial.js';
import type { Interval } from './interval.js';
import { mean, sampleSd } from './moments.js';
import { kthSmallest } from './order-statistic.js';

/** At most this many resamples; (B + 1) · 2.5% is whole, so the 2.5% and 97.5% points are order statistics, not interpolations. */
export const MAX_RESAMPLES = 1999;
/** Fewer than this and the 2.5% point rests on under 5 resamples: not worth computing. */
const MIN_RESAMPLES = 199;
/** Values drawn per interval at most, about 8 ms on one core: 30 metrics of a 10,000-run sweep stay well under a second (npm run bench). */
const DRAW_BUDGET = 1_000_000;

/**
 * Values one resample draws when `off` of `n` runs are off the spike: only
 * those when they are few (under a quarter: the binomial count costs a log
 * per event, so beyond that drawing all n is cheaper), else all n.
 */
export function drawsPerResample(n: number, off: number): number {
  return off * 4 < n ? off : n;
}

/**
 * How many resamples an interval drawing `drawn` values per resample can
 * afford: MAX_RESAMPLES up to 500, then fewer (999 at 1,000, 199 at
 * 5,000), and 0 beyond, where the caller uses a cheaper interval.
 */
export function resampleCount(drawn: number): number {
  const b = 40 * Math.floor(DRAW_BUDGET / (40 * Math.max(1, drawn))) - 1;
  return b < MIN_RESAMPLES ? 0 : Math.min(MAX_RESAMPLES, b);
}

/**
 * Bootstrap-t (studentized bootstrap) 95% interval of the mean (Efron and
 * Tibshirani 1993, "An Introduction to the Bootstrap", 12.5): the spread of
 * t* = (mean* - mean) / se* over resamples replaces Student's t, so the
 * interval takes the skew of the data into account. For a zero-inflated
 * metric that matters: a resample that happens to hold few events has a
 * small mean AND a small se, and the interval reaches further on the side
 * where the rare large values lie, which is the side Student's t misses on.
 *
 * Resampling works in deviations from `spike` (any value; the most common
 * one makes it cheap). When few runs are off it, how many of n draws land
 * off it is Binomial(n, off / n), and those are uniform among the off-spike
 * values: the ordinary bootstrap, exactly, at the cost of the events rather
 * than the runs (drawsPerResample).
 *
 * Null when the resamples cannot bound the mean: more than 2.5% of them have
 * no spread (roughly: 3 or fewer runs off the spike), so t* is infinite there.
 */
export function bootstrapTCi95(values: readonly number[], spike: number, resamples: number, rng: RandomStream): Interval | null {
  const n = values.length;
  const sd = sampleSd(values);
  if (!(sd > 0)) return null;
  // Deviations from the spike, off-spike runs first (in run order), then the spike's zeros.
  const dev = new Float64Array(n);
  let off = 0, sum = 0;
  for (const v of values) {
    if (v === spike) continue;
    dev[off++] = v - spike;
    sum += v - spike;
  }
  const t = new Float64Array(resamples);
  const sums = new Float64Array(2);
  for (let b = 0; b < resamples; b++) {
    resample(dev, off, rng, sums);
    t[b] = studentized(sums[0]!, sums[1]!, n, sum / n);
  }
  const k = (resamples + 1) / 40; // the 2.5% point is the k-th smallest t*, the 97.5% point the k-th largest
  const tLo = kthSmallest(t, k - 1), tHi = kthSmallest(t, resamples - k);
  if (!Number.isFinite(tLo) || !Number.isFinite(tHi)) return null;
  const m = mean(values), se = sd / Math.sqrt(n);
  return [m - tHi * se, m - tLo * se];
}

/**
 * Sum and sum of squares of one resample of `dev` (n deviations, the first
 * `off` of them off the spike, the rest 0): a spike draw adds 0 to both.
 */
function resample(dev: Float64Array, off: number, rng: RandomStream, sums: Float64Array): void {
  const n = dev.length;
  const sparse = drawsPerResample(n, off) === off;
  // Few events: how many of the n draws land off the spike, then which. Else all n draws.
  const draws = sparse ? drawBinomial(n, off / n, rng) : n;
  const range = sparse ? off : n;
  let s1 = 0, s2 = 0;
  for (let i = 0; i < draws; i++) {
    const d = dev[Math.floor(rng.next() * range)]!;
    s1 += d;
    s2 += d * d;
  }
  sums[0] = s1;
  sums[1] = s2;
}

/** t* of a resample from its sums: infinite, on the side its mean fell, when it has no spread. */
function studentized(s1: number, s2: number, n: number, meanOff: number): number {
  const meanStar = s1 / n;
  const varStar = (s2 - s1 * meanStar) / (n - 1);
  const diff = meanStar - meanOff;
  if (varStar > 0) return diff / Math.sqrt(varStar / n);
  return diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
}
