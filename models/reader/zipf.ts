import type { RandomStream } from '../../src/kernel/rng.js';

/**
 * Popularity skew over n files: file k (from 0) is asked with weight
 * 1 / (k + 1)^s. s = 0 is uniform; s ≈ 1 is the classic web and file-access
 * skew. The cumulative weights are computed once; a draw is one uniform and
 * a binary search. Pure apart from the stream passed in.
 */
export class ZipfSampler {
  private readonly cdf: Float64Array;

  constructor(readonly n: number, readonly s: number) {
    if (!(Number.isInteger(n) && n >= 1)) throw new Error(`zipf: n must be a positive integer, got ${n}`);
    if (!(s >= 0)) throw new Error(`zipf: s must be >= 0, got ${s}`);
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) { sum += 1 / Math.pow(k + 1, s); this.cdf[k] = sum; }
    for (let k = 0; k < n; k++) this.cdf[k]! /= sum;
  }

  /** The probability of file k. */
  probability(k: number): number {
    return this.cdf[k]! - (k === 0 ? 0 : this.cdf[k - 1]!);
  }

  /** The file a uniform u in [0, 1) falls on. */
  index(u: number): number {
    let lo = 0, hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  sample(rng: RandomStream): number {
    return this.index(rng.next());
  }
}
