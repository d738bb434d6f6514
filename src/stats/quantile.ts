/**
 * Nearest-rank percentile of values already sorted ascending, q in [0, 100];
 * NaN when empty. The same definition as the kernel's Histogram, so a
 * sweep's p99 means what a single run's p99 means: an observed value, never
 * an interpolation between two runs.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  // q * n / 100 carries float error (99.9% of 1000 is 999.0000000000001):
  // shave a relative 1e-12 before the ceiling so an exact rank is not pushed up one.
  const x = (q * n) / 100;
  const rank = Math.min(n, Math.max(1, Math.ceil(x - x * 1e-12)));
  return sorted[rank - 1]!;
}

/** A sorted copy (numeric order; the default sort compares strings). */
export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile of unsorted values. */
export function quantile(values: readonly number[], q: number): number {
  return percentile(sortedCopy(values), q);
}
