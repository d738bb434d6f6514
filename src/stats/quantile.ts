// The kernel's definition (Histogram uses it too), so a sweep's p99 means
// what a single run's p99 means: an observed value, never an interpolation.
import { percentile } from '../kernel/metrics/percentile.js';

export { percentile };

/** A sorted copy (numeric order; the default sort compares strings). */
export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile of unsorted values. */
export function quantile(values: readonly number[], q: number): number {
  return percentile(sortedCopy(values), q);
}
