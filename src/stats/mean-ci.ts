import type { RandomStream } from '../kernel/rng.js';
import { bootstrapTCi95, drawsPerResample, resampleCount } from './bootstrap-t.js';
import type { Interval } from './interval.js';
import { mostCommonValue } from './most-common.js';
import { studentTCi95 } from './student-t-ci.js';

export type CiMethod = 'bootstrap-t' | 'student-t';
export type CiWarning = 'too-few-runs' | 'too-few-events';

/**
 * Below these the interval is still given but flagged: with under 10 runs,
 * or under 10 runs with an event, nothing in the sample shows how far the
 * unseen tail reaches. (Measured: with 1 to 3 events bootstrap-t cannot bound
 * the mean at all; see README, "How the intervals are computed".)
 */
export const MIN_RUNS = 10;
export const MIN_EVENTS = 10;

/** A mean's 95% interval and what it rests on. */
export interface MeanCi {
  /** Null below two values, or when the runs cannot bound the mean (1 to 3 events). */
  readonly ci95: Interval | null;
  /** Runs whose value differs from the most common one (all of them when no value repeats). */
  readonly events: number;
  /** How ci95 was computed; null when there is nothing to resample (under two values, or all equal). */
  readonly ciMethod: CiMethod | null;
  /** Why ci95 may cover less than 95%; null when the runs suffice. */
  readonly ciWarning: CiWarning | null;
}

/**
 * The 95% interval of a mean over runs, in run order. Bootstrap-t, whose
 * coverage is measured (test/stats/coverage.test.ts), because metrics here
 * are often skewed or zero-inflated and Student's t then covers far less
 * than 95%, always on the optimistic side. Only where a resample would draw
 * over 5,000 values (sweeps of more runs, unless events are rare there),
 * which would cost too much and where the sample is large, Student's t.
 * `rng` must be a stream of the sweep's seed (resampleStream) so the same
 * runs give the same interval.
 */
export function meanCi95(values: readonly number[], rng: RandomStream): MeanCi {
  const n = values.length;
  const common = mostCommonValue(values);
  // With no repeated value every run is informative (continuous data), so all count as events.
  const events = common.count >= 2 ? n - common.count : n;
  const ciWarning: CiWarning | null = n < MIN_RUNS ? 'too-few-runs' : events < MIN_EVENTS ? 'too-few-events' : null;
  const result = (ci95: Interval | null, ciMethod: CiMethod | null): MeanCi => ({ ci95, events, ciMethod, ciWarning });
  if (n < 2) return result(null, null);
  // Every run alike: the mean is that value, and the warning says how little that proves.
  if (events === 0) return result([common.value, common.value], null);
  const resamples = resampleCount(drawsPerResample(n, n - common.count));
  if (resamples === 0) return result(studentTCi95(values), 'student-t');
  return result(bootstrapTCi95(values, common.value, resamples, rng), 'bootstrap-t');
}
