import type { Micros } from '../../src/kernel/time.js';

/** A cached value as XFetch stores it: the value, the last recompute's duration and the expiry [XFETCH]. */
export interface CacheEntry<V> {
  readonly value: V;
  /** How long the computation that produced it took (XFetch's delta). */
  readonly deltaUs: Micros;
  readonly expiresAt: Micros;
}

/**
 * Where a CachedComputation keeps its values: `lookup` answers the live
 * entry (or undefined) now or later, exactly once; `store` writes one with
 * its TTL. TtlStore answers at once; RedisCacheStore over the network.
 */
export interface CacheStore<V> {
  lookup(key: string, now: Micros, answer: (entry: CacheEntry<V> | undefined) => void): void;
  store(key: string, value: V, deltaUs: Micros, now: Micros, ttlUs: Micros): void;
}

/**
 * An abstract key-value cache with a TTL per entry, answering at once. Kept
 * apart from models/redis on purpose: XFetch needs the recompute duration
 * stored beside the value, the stampede concerns the read path, not Redis's
 * memory or persistence, and a synchronous store keeps "1,000 concurrent
 * reads" exactly concurrent. An expired entry is a miss (as Redis's passive
 * expiry: a GET of an expired key deletes it and answers nil).
 */
export class TtlStore<V> implements CacheStore<V> {
  private readonly entries = new Map<string, CacheEntry<V>>();

  /** The live entry for `key` at `now`, undefined when absent or expired. */
  get(key: string, now: Micros): CacheEntry<V> | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    if (now >= e.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  set(key: string, value: V, deltaUs: Micros, now: Micros, ttlUs: Micros): void {
    this.entries.set(key, { value, deltaUs, expiresAt: now + ttlUs });
  }

  lookup(key: string, now: Micros, answer: (entry: CacheEntry<V> | undefined) => void): void {
    answer(this.get(key, now));
  }

  store(key: string, value: V, deltaUs: Micros, now: Micros, ttlUs: Micros): void {
    this.set(key, value, deltaUs, now, ttlUs);
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
