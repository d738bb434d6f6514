/**
 * "Nines" of an availability fraction: -log10(1 - A), so 0.999 is 3 and
 * 0.99995 is 4.3. Infinity at A = 1 (no downtime seen); callers store that
 * as null, since JSON has no Infinity.
 */
export function nines(availability: number): number {
  if (availability >= 1) return Infinity;
  if (availability <= 0) return 0;
  return -Math.log10(1 - availability);
}
