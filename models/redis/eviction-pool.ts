/**
 * Redis's eviction pool (EVPOOL_SIZE 16, src/evict.c): the best candidates
 * seen by earlier samplings are kept between evictions, which brings
 * sampled LRU close to true LRU. A candidate's score is what it was when it
 * was sampled; a key deleted meanwhile is a ghost and is skipped, but one
 * touched meanwhile is still evicted on its old score, as in Redis.
 */
export const EVPOOL_SIZE = 16;

interface Candidate {
  readonly key: string;
  /** Lower is evicted first: last access time for LRU, expiry time for volatile-ttl. */
  readonly score: number;
}

export class EvictionPool {
  /** Ascending by score: the best candidate first. */
  private readonly pool: Candidate[] = [];

  offer(key: string, score: number): void {
    const pool = this.pool;
    // A full pool ignores a key no better than its worst candidate.
    if (pool.length === EVPOOL_SIZE && score >= pool[EVPOOL_SIZE - 1]!.score) return;
    let i = pool.length;
    while (i > 0 && pool[i - 1]!.score > score) i--;
    pool.splice(i, 0, { key, score });
    if (pool.length > EVPOOL_SIZE) pool.pop();
  }

  /** Removes and returns the best candidate that `stillThere` accepts, skipping ghosts. */
  take(stillThere: (key: string) => boolean): string | undefined {
    while (this.pool.length > 0) {
      const c = this.pool.shift()!;
      if (stillThere(c.key)) return c.key;
    }
    return undefined;
  }

  clear(): void {
    this.pool.length = 0;
  }
}
