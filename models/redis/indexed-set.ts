import type { RandomStream } from '../../src/kernel/rng.js';

/**
 * A set of keys that can also pick a uniformly random member in O(1), as
 * Redis's dict does for eviction and expiry sampling. Removal swaps the last
 * member into the hole, so member order depends only on the operations
 * applied: deterministic for a given run.
 *
 * Each member carries one number (`tag`, 0 unless given): the keyspace keeps
 * a key's expiry there, so the expiry sampler reads it beside the key instead
 * of looking the key up again.
 */
export class IndexedSet {
  private readonly items: string[] = [];
  private readonly tags: number[] = [];
  private readonly index = new Map<string, number>();
  /** Scratch for sampleInto: `marks[i] === stamp` when index i is picked in the current sample. */
  private marks = new Uint32Array(0);
  private stamp = 0;
  /** The smallest tag, valid unless `minStale` (then minTag scans again). */
  private min = Infinity;
  private minStale = false;

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** Adds `key`, or only updates its tag when it is already a member (its place stays). */
  add(key: string, tag = 0): void {
    const i = this.index.get(key);
    if (i !== undefined) {
      if (this.tags[i] === this.min && tag > this.min) this.minStale = true;
      this.tags[i] = tag;
    } else {
      this.index.set(key, this.items.length);
      this.items.push(key);
      this.tags.push(tag);
    }
    if (tag < this.min) this.min = tag;
  }

  delete(key: string): boolean {
    const i = this.index.get(key);
    if (i === undefined) return false;
    if (this.tags[i] === this.min) this.minStale = true;
    const last = this.items.pop()!;
    const lastTag = this.tags.pop()!;
    if (last !== key) {
      this.items[i] = last;
      this.tags[i] = lastTag;
      this.index.set(last, i);
    }
    this.index.delete(key);
    return true;
  }

  clear(): void {
    this.items.length = 0;
    this.tags.length = 0;
    this.index.clear();
    this.min = Infinity;
    this.minStale = false;
  }

  /** A uniformly random member, undefined when empty. */
  random(rng: RandomStream): string | undefined {
    return this.items.length === 0 ? undefined : this.items[Math.floor(rng.next() * this.items.length)];
  }

  /** Up to `n` distinct members: all of them when there are no more than `n`, else `n` at random. */
  sample(n: number, rng: RandomStream): string[] {
    const out: string[] = [];
    this.sampleInto(n, rng, out, null);
    return out;
  }

  /**
   * `sample` into `out` (overwritten from index 0), and each member's tag into
   * `outTags` when given; allocation-free for the periodic samplers. Returns
   * how many members it wrote. The draws are `sample`'s: one per pick, a
   * repeat drawn again. Members are distinct, so a repeated index is exactly a
   * repeated key: a mark per index finds repeats without comparing strings.
   */
  sampleInto(n: number, rng: RandomStream, out: string[], outTags: number[] | null): number {
    const items = this.items, tags = this.tags;
    const size = items.length;
    if (size <= n) {
      for (let i = 0; i < size; i++) {
        out[i] = items[i]!;
        if (outTags !== null) outTags[i] = tags[i]!;
      }
      return size;
    }
    if (this.marks.length < size) this.marks = new Uint32Array(Math.max(size, 2 * this.marks.length));
    if (++this.stamp === 0x100000000) { this.marks.fill(0); this.stamp = 1; }
    const marks = this.marks, stamp = this.stamp;
    let count = 0;
    while (count < n) {
      const index = Math.floor(rng.next() * size);
      if (marks[index] === stamp) continue;
      marks[index] = stamp;
      out[count] = items[index]!;
      if (outTags !== null) outTags[count] = tags[index]!;
      count++;
    }
    return count;
  }

  /** The smallest tag, Infinity when empty: kept as members come, a full pass only after the smallest left or grew. */
  minTag(): number {
    if (!this.minStale) return this.min;
    const tags = this.tags;
    let min = Infinity;
    for (let i = 0; i < tags.length; i++) if (tags[i]! < min) min = tags[i]!;
    this.min = min;
    this.minStale = false;
    return min;
  }

  /** The member at position `i` (0 <= i < size): positions change only as members come and go. */
  keyAt(i: number): string {
    return this.items[i]!;
  }

  /** The tag of the member at position `i`. */
  tagAt(i: number): number {
    return this.tags[i]!;
  }

  /** The members, for a full pass; callers must not change the set while iterating. */
  values(): readonly string[] {
    return this.items;
  }
}
