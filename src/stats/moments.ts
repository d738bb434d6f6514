/** Arithmetic mean; NaN when empty. Summed in the order given: callers sort runs by index first so the bits never depend on arrival order. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Sample standard deviation (n - 1 in the denominator); NaN below two values.
 * Two passes (deviations from the mean), because the one-pass sum-of-squares
 * formula cancels catastrophically for values like 99.9997% that differ only
 * in their last digits.
 */
export function sampleSd(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (n - 1));
}
