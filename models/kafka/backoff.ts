import type { RandomStream } from '../../src/kernel/rng.js';

/**
 * Kafka's client retry back-off (`ExponentialBackoff`, KIP-580): the n-th
 * retry (n from 0) waits retry.backoff.ms * 2^n, times a random factor in
 * [0.8, 1.2), capped at retry.backoff.max.ms. Defaults 100 ms and 1000 ms
 * [KAFKA-CCC]. The exponent stops growing once the uncapped term reaches the
 * cap, as in the Java class. Returns milliseconds.
 */
export function retryBackoffMs(rng: RandomStream, attempt: number, baseMs: number, maxMs: number): number {
  if (maxMs <= baseMs) return baseMs;
  const expMax = Math.log(maxMs / baseMs) / Math.log(2);
  const term = baseMs * Math.pow(2, Math.min(attempt, expMax));
  return Math.min(Math.floor(term * rng.uniform(0.8, 1.2)), maxMs);
}
