/**
 * Closed forms the availability examples are checked against, written out
 * independently of the examples' own notes (closed-forms.test.ts,
 * coverage.test.ts).
 */

/** sum over i >= k of C(n,i) p^i (1-p)^(n-i): a k-of-n system of independent components of availability p. */
export function kOfNAvailability(n: number, k: number, p: number): number {
  const choose = (a: number, b: number): number => (b === 0 ? 1 : (choose(a, b - 1) * (a - b + 1)) / b);
  let sum = 0;
  for (let i = k; i <= n; i++) sum += choose(n, i) * p ** i * (1 - p) ** (n - i);
  return sum;
}
