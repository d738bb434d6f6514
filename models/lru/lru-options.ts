/**
 * A cache bounded by bytes, as seed 003's `MemoryBoundedCache` means it: before
 * an insert, evict least-recently-used entries while `tracked + size > max`,
 * then put the entry and add its size (next-models.md 6.4). The four switches
 * reproduce how the seed's snippet keeps that count, each alone:
 *
 * - `sizeEstimateRatio` < 1: `estimate_size(&value)` counts less than the
 *   value really holds (a shallow `size_of` misses the heap behind strings and
 *   vectors), so the tracked bytes stay under the bound while the real ones
 *   reach `maxBytes / ratio`: the only switch that lets real memory pass the bound.
 * - `subtractOnOverwrite` false: `put` of a key already cached replaces the
 *   value (the old one is freed) but the counter adds the new size without
 *   taking the old off: tracked > real, and the cache shrinks in effect.
 * - `subtractOnEviction` false: the evictions free memory but never lower the
 *   counter; the counter only grows, and once it alone exceeds the bound every
 *   insert empties the cache.
 * - `whenNothingFits` 'spin': the seed's `while would_exceed { evict }` loop has
 *   no exit when the cache is already empty and the entry still does not fit
 *   (an entry larger than the bound, or a counter that drifted past it): the
 *   insert never returns. 'reject': the entry is not cached (a fixed loop).
 */
export interface ByteLruOptions {
  /** The bound on the tracked bytes. */
  readonly maxBytes: number;
  /** Tracked size of an entry = ceil(real size × ratio); 1: exact. */
  readonly sizeEstimateRatio: number;
  readonly subtractOnOverwrite: boolean;
  readonly subtractOnEviction: boolean;
  readonly whenNothingFits: 'reject' | 'spin';
}

/** Exact accounting: tracked bytes equal the real ones and never exceed `maxBytes`. */
export const DEFAULT_BYTE_LRU: ByteLruOptions = {
  maxBytes: 1 << 30,
  sizeEstimateRatio: 1,
  subtractOnOverwrite: true,
  subtractOnEviction: true,
  whenNothingFits: 'reject',
};

/** The seed snippet's accounting taken literally: no subtraction at all, and the loop with no exit. */
export const SEED_003_LRU_DRIFT: Partial<ByteLruOptions> = {
  subtractOnOverwrite: false,
  subtractOnEviction: false,
  whenNothingFits: 'spin',
};

export function checkByteLruOptions(o: ByteLruOptions): void {
  if (!(o.maxBytes >= 0 && Number.isFinite(o.maxBytes))) throw new Error(`byte LRU: maxBytes must be finite and >= 0, got ${o.maxBytes}`);
  if (!(o.sizeEstimateRatio > 0 && o.sizeEstimateRatio <= 1)) throw new Error(`byte LRU: sizeEstimateRatio must be in (0, 1], got ${o.sizeEstimateRatio}`);
}
