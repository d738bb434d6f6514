import type { RandomStream } from '../../src/kernel/rng.js';

/**
 * A set of keys that can also pick a uniformly random member in O(1), as
 * Redis's dict does for eviction and expiry sampling. Removal swaps the last
 * member into the hole, so member order depends only on the operations
 * applied: deterministic for a given run.
 */
export class IndexedSet {
  private readonly items: string[] = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  add(key: string): void {
    if (this.index.has(key)) return;
    this.index.set(key, this.items.length);
    this.items.push(key);
  }

  delete(key: string): boolean {
    const i = this.index.get(key);
    if (i === undefined) return false;
    const last = this.items.pop()!;
    if (last !== key) {
      this.items[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(key);
    return true;
  }

  clear(): void {
    this.items.length = 0;
    this.index.clear();
  }

  /** A uniformly random member, undefined when empty. */
  random(rng: RandomStream): string | undefined {
    return this.items.length === 0 ? undefined : this.items[Math.floor(rng.next() * this.items.length)];
  }

  /** Up to `n` distinct members: all of them when there are no more than `n`, else `n` at random. */
  sample(n: number, rng: RandomStream): string[] {
    if (this.items.length <= n) return this.items.slice();
    const picked: string[] = [];
    while (picked.length < n) {
      const key = this.items[Math.floor(rng.next() * this.items.length)]!;
      if (!picked.includes(key)) picked.push(key);
    }
    return picked;
  }

  /** The members, for a full pass; callers must not change the set while iterating. */
  values(): readonly string[] {
    return this.items;
  }
}
