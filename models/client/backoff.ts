import type { RandomStream } from '../../src/kernel/rng.js';

/**
 * Exponential back-off with full jitter (Brooker, "Exponential Backoff And
 * Jitter", 2015): the n-th retry waits uniform(0, min(cap, base * 2^n)).
 */
export function fullJitterMs(rng: RandomStream, attempt: number, baseMs: number, capMs: number): number {
  return rng.uniform(0, Math.min(capMs, baseMs * 2 ** attempt));
}
