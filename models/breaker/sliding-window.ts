import type { Micros } from '../../src/kernel/time.js';

/**
 * resilience4j's call outcomes and window totals (resilience4j-core
 * `metrics/Metrics.Outcome`, `AbstractAggregation`, `SnapshotImpl`): a
 * window records each finished call as one of four outcomes and keeps
 * running totals, so a snapshot costs nothing however long the window.
 */
export type WindowOutcome = 'success' | 'error' | 'slow-success' | 'slow-error';

export interface WindowSnapshot {
  readonly calls: number;
  readonly failedCalls: number;
  readonly slowCalls: number;
  readonly slowFailedCalls: number;
}

/** A mutable aggregation: a bucket of a window, or a window's total. */
export class Tally implements WindowSnapshot {
  calls = 0;
  failedCalls = 0;
  slowCalls = 0;
  slowFailedCalls = 0;

  /** Adds (`sign` 1) or removes (-1) one outcome, as `AbstractAggregation.record` / `TotalAggregation.removeBucket` do. */
  count(outcome: WindowOutcome, sign: 1 | -1 = 1): void {
    this.calls += sign;
    if (outcome === 'error' || outcome === 'slow-error') this.failedCalls += sign;
    if (outcome === 'slow-success' || outcome === 'slow-error') this.slowCalls += sign;
    if (outcome === 'slow-error') this.slowFailedCalls += sign;
  }

  /** Removes a whole bucket from this total. */
  subtract(bucket: WindowSnapshot): void {
    this.calls -= bucket.calls;
    this.failedCalls -= bucket.failedCalls;
    this.slowCalls -= bucket.slowCalls;
    this.slowFailedCalls -= bucket.slowFailedCalls;
  }

  reset(): void {
    this.calls = this.failedCalls = this.slowCalls = this.slowFailedCalls = 0;
  }

  copy(): WindowSnapshot {
    return { calls: this.calls, failedCalls: this.failedCalls, slowCalls: this.slowCalls, slowFailedCalls: this.slowFailedCalls };
  }
}

/** What the state machine needs of a window: record one outcome and get the totals after it. */
export interface SlidingWindow {
  record(now: Micros, outcome: WindowOutcome): WindowSnapshot;
  /** The totals at `now` (a time window first drops the seconds that have left it). */
  snapshot(now: Micros): WindowSnapshot;
}

/**
 * `SnapshotImpl.getFailureRate`: `failed * 100.0f / total` in Java float
 * arithmetic. Math.fround keeps the float32 rounding, so 1 of 3 is
 * 33.333332 as in `FixedSizeSlidingWindowMetricsTest`, and a threshold
 * comparison gives the library's answer at the edges.
 */
export function failureRatePercent(s: WindowSnapshot): number {
  return s.calls === 0 ? 0 : Math.fround(Math.fround(s.failedCalls * 100) / s.calls);
}

/** `SnapshotImpl.getSlowCallRate`, same float arithmetic. */
export function slowCallRatePercent(s: WindowSnapshot): number {
  return s.calls === 0 ? 0 : Math.fround(Math.fround(s.slowCalls * 100) / s.calls);
}
