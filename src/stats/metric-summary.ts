import type { RandomStream } from '../kernel/rng.js';
import type { Interval } from './interval.js';
import { meanCi95, type CiMethod, type CiWarning } from './mean-ci.js';
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
  /** Runs whose value differs from the most common one (all when none repeats): what a mean of rare events rests on. */
  readonly events: number;
  /** How ci95 was computed: 'bootstrap-t', or 'student-t' where a resample would draw over 5,000 values; null when nothing varied. */
  readonly ciMethod: CiMethod | null;
  /** 'too-few-runs' (n < 10) or 'too-few-events' (events < 10): ci95 may cover less than 95%. */
  readonly ciWarning: CiWarning | null;
}

/** NaN (nothing measured) becomes null, the way run records store it. */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Summary of one metric's finite values, given in run order; `rng` is the interval's resampling stream (resampleStream). */
export function summarizeMetric(values: readonly number[], rng: RandomStream): MetricSummary {
  const sorted = sortedCopy(values);
  const at = (q: number) => finiteOrNull(percentile(sorted, q));
  const { ci95, ciMethod, events, ciWarning } = meanCi95(values, rng);
  return {
    n: values.length,
    mean: finiteOrNull(mean(values)),
    sd: finiteOrNull(sampleSd(values)),
    ci95,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    min: at(0),
    max: at(100),
    events,
    ciMethod,
    ciWarning,
  };
}
