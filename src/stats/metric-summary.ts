import type { Interval } from './interval.js';
import { meanCi95 } from './mean-ci.js';
import { mean, sampleSd } from './moments.js';
import { percentile, sortedCopy } from './quantile.js';

/**
 * One metric over the runs of a sweep. `n` counts the runs where it was a
 * finite number (a phase that never completed is NaN in its run and left
 * out). Null where there is nothing to say: no values, or a spread from
 * fewer than two.
 */
export interface MetricSummary {
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly ci95: Interval | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/** NaN (nothing measured) becomes null, the way run records store it. */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Summary of one metric's finite values, given in run order. */
export function summarizeMetric(values: readonly number[]): MetricSummary {
  const sorted = sortedCopy(values);
  const at = (q: number) => finiteOrNull(percentile(sorted, q));
  return {
    n: values.length,
    mean: finiteOrNull(mean(values)),
    sd: finiteOrNull(sampleSd(values)),
    ci95: meanCi95(values),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    min: at(0),
    max: at(100),
  };
}
