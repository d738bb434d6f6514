import { DEFAULT_BYTE_LRU, checkByteLruOptions, type ByteLruOptions } from './lru-options.js';

/** How an insert ended: cached (with the keys it evicted), not cached, or stuck in the seed's eviction loop. */
export type PutResult =
  | { readonly kind: 'stored'; readonly evicted: readonly string[] }
  | { readonly kind: 'rejected'; readonly evicted: readonly string[] }
  | { readonly kind: 'stuck'; readonly evicted: readonly string[] };

interface Slot {
  /** The bytes the value really holds. */
  readonly realBytes: number;
  /** What the counter added for it. */
  readonly trackedBytes: number;
}

/**
 * A least-recently-used cache bounded by bytes (see ByteLruOptions). Pure:
 * no time, no simulation. A Map keeps recency: its iteration order is
 * insertion order, so a touched key is deleted and set again, and the first
 * key is the least recently used one.
 */
export class ByteLru {
  readonly options: ByteLruOptions;
  hits = 0;
  misses = 0;
  evictions = 0;
  /** Inserts that were not cached (nothing fits, 'reject'). */
  rejected = 0;
  /** Inserts caught in the seed's endless eviction loop ('spin'). */
  stuck = 0;
  /** The counter the cache decides by (the seed's `current_memory`). */
  trackedBytes = 0;
  /** What the cached values really hold. */
  realBytes = 0;
  peakRealBytes = 0;
  private readonly slots = new Map<string, Slot>();

  constructor(options: Partial<ByteLruOptions> = {}) {
    this.options = { ...DEFAULT_BYTE_LRU, ...options };
    checkByteLruOptions(this.options);
  }

  get size(): number {
    return this.slots.size;
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** A lookup: a hit makes the key the most recently used. */
  get(key: string): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) {
      this.misses++;
      return false;
    }
    this.hits++;
    this.slots.delete(key);
    this.slots.set(key, slot);
    return true;
  }

  /** The keys from least to most recently used. */
  keys(): string[] {
    return [...this.slots.keys()];
  }

  /** Inserts or replaces `key` holding `realBytes`, evicting as the options say. */
  put(key: string, realBytes: number): PutResult {
    const o = this.options;
    const tracked = Math.ceil(realBytes * o.sizeEstimateRatio);
    const evicted: string[] = [];
    // The seed evicts before it puts, and the key being replaced is a candidate like any other.
    while (this.trackedBytes + tracked > o.maxBytes) {
      const victim = this.slots.keys().next();
      if (victim.done === true) {
        if (o.whenNothingFits === 'spin') { this.stuck++; return { kind: 'stuck', evicted }; }
        this.rejected++;
        return { kind: 'rejected', evicted };
      }
      this.evictOne(victim.value);
      evicted.push(victim.value);
    }
    const old = this.slots.get(key);
    if (old !== undefined) {
      this.slots.delete(key);
      this.realBytes -= old.realBytes;
      if (o.subtractOnOverwrite) this.trackedBytes -= old.trackedBytes;
    }
    this.slots.set(key, { realBytes, trackedBytes: tracked });
    this.trackedBytes += tracked;
    this.realBytes += realBytes;
    if (this.realBytes > this.peakRealBytes) this.peakRealBytes = this.realBytes;
    return { kind: 'stored', evicted };
  }

  /** Removes `key` (a corrupt entry, an invalidation); answers whether it was cached. */
  delete(key: string): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) return false;
    this.slots.delete(key);
    this.realBytes -= slot.realBytes;
    this.trackedBytes -= slot.trackedBytes;
    return true;
  }

  /** Everything goes, counter included (the process exits: its memory and its counter with it). */
  clear(): void {
    this.slots.clear();
    this.realBytes = 0;
    this.trackedBytes = 0;
  }

  private evictOne(key: string): void {
    const slot = this.slots.get(key)!;
    this.slots.delete(key);
    this.evictions++;
    this.realBytes -= slot.realBytes;
    if (this.options.subtractOnEviction) this.trackedBytes -= slot.trackedBytes;
  }
}
