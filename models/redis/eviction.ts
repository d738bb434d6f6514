import type { RandomStream } from '../../src/kernel/rng.js';
import { EvictionPool } from './eviction-pool.js';
import type { IndexedSet } from './indexed-set.js';
import type { Keyspace } from './keyspace.js';
import type { MaxmemoryPolicy } from './options.js';

/**
 * maxmemory eviction (performEvictions, src/evict.c) [REDIS-CONF]: while used
 * memory is over the limit, delete keys chosen by the policy. LRU and TTL are
 * approximate: each round samples `maxmemory-samples` keys (5 by default)
 * from all keys or from the keys with a TTL, feeds them to the eviction pool
 * and evicts its best candidate. The random policies pick one key uniformly.
 *
 * It fails, and the caller answers OOM to commands that may grow memory, when
 * the policy is noeviction or the sampled set is empty (a volatile-* policy
 * with no key that has a TTL). Keys evicted before it ran out stay evicted.
 *
 * Last access is tracked in µs, finer than Redis's 1 s LRU clock, so keys
 * touched within the same second are still ordered. Redis 6.2's
 * eviction-tenacity time limit is not modelled: eviction finishes at once.
 */
export class Evictor {
  private readonly pool = new EvictionPool();

  constructor(
    private readonly db: Keyspace,
    private readonly policy: MaxmemoryPolicy,
    private readonly samples: number,
    private readonly rng: RandomStream,
  ) {}

  /** Evicts until `over()` is false; returns how many keys went and whether it got under the limit. */
  evictWhile(over: () => boolean): { evicted: number; ok: boolean } {
    let evicted = 0;
    while (over()) {
      const key = this.pick();
      if (key === undefined) return { evicted, ok: false };
      this.db.evict(key);
      evicted++;
    }
    return { evicted, ok: true };
  }

  /** The pool lives in process memory: a restart starts it empty. */
  reset(): void {
    this.pool.clear();
  }

  private pick(): string | undefined {
    switch (this.policy) {
      case 'noeviction': return undefined;
      case 'allkeys-random': return this.db.all.random(this.rng);
      case 'volatile-random': return this.db.volatile.random(this.rng);
      case 'allkeys-lru': return this.fromPool(this.db.all, false);
      case 'volatile-lru': return this.fromPool(this.db.volatile, false);
      case 'volatile-ttl': return this.fromPool(this.db.volatile, true);
    }
  }

  private fromPool(set: IndexedSet, byTtl: boolean): string | undefined {
    for (;;) {
      if (set.size === 0) return undefined;
      for (const key of set.sample(this.samples, this.rng)) {
        const e = this.db.peek(key)!;
        this.pool.offer(key, byTtl ? e.expiresAt! : e.lastAccess);
      }
      // A volatile policy checks the key still has a TTL, as Redis looks it up in `expires`.
      const key = this.pool.take((k) => set.has(k));
      if (key !== undefined) return key;
    }
  }
}
