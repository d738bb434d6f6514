/**
 * Nearest-rank percentile of values already sorted ascending, q in [0, 100];
 * NaN when empty. An observed value, never an interpolation.
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
