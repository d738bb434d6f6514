import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../models/lru/byte-lru.js';
import { SEED_003_LRU_DRIFT } from '../../models/lru/lru-options.js';

describe('byte LRU, exact accounting', () => {
  it('evicts least recently used until used + size <= max: 10 × 100 B fit in 1000 B, the 11th evicts the oldest untouched', () => {
    const lru = new ByteLru({ maxBytes: 1000 });
    for (let k = 0; k < 10; k++) lru.put(`k${k}`, 100);
    expect(lru.get('k0')).toBe(true); // k0 is now the most recent; k1 the least
    expect(lru.put('k10', 250)).toEqual({ kind: 'stored', evicted: ['k1', 'k2', 'k3'] });
    expect([lru.trackedBytes, lru.realBytes, lru.size, lru.evictions]).toEqual([950, 950, 8, 3]);
    expect(lru.get('k1')).toBe(false);
    expect([lru.hits, lru.misses]).toEqual([1, 1]);
  });

  it('an entry larger than the bound is rejected, not cached', () => {
    const lru = new ByteLru({ maxBytes: 1000 });
    lru.put('a', 600);
    expect(lru.put('big', 1001)).toEqual({ kind: 'rejected', evicted: ['a'] });
    expect([lru.size, lru.trackedBytes, lru.rejected]).toEqual([0, 0, 1]);
  });
});

describe("byte LRU, the seed snippet's accounting drift", () => {
  it('size estimate at half the real size: tracked stays at max, real memory reaches max / 0.5 (1000 B over the bound)', () => {
    const lru = new ByteLru({ maxBytes: 1000, sizeEstimateRatio: 0.5 });
    for (let k = 0; k < 30; k++) lru.put(`k${k}`, 100);
    // Each entry counts 50: 20 entries fit the tracked bound, holding 2000 real bytes.
    expect([lru.size, lru.trackedBytes, lru.realBytes, lru.evictions]).toEqual([20, 1000, 2000, 10]);
    expect(lru.realBytes - lru.options.maxBytes).toBe(1000 * (1 / 0.5 - 1));
  });

  it('no subtraction on overwrite: each overwrite leaks the old size into the counter; the cache then holds 300 B under a 1000 B bound', () => {
    const lru = new ByteLru({ maxBytes: 1000, subtractOnOverwrite: false });
    for (const k of ['a', 'b', 'c']) lru.put(k, 100);
    for (let i = 0; i < 7; i++) lru.put('a', 100);
    expect([lru.trackedBytes, lru.realBytes, lru.size]).toEqual([1000, 300, 3]);
    // A new key now has to evict b although 700 real bytes are free.
    expect(lru.put('d', 100)).toEqual({ kind: 'stored', evicted: ['b'] });
    expect([lru.trackedBytes, lru.realBytes, lru.keys()]).toEqual([1000, 300, ['c', 'a', 'd']]);
  });

  it('no subtraction on eviction, the seed loop: once the counter is at the bound, an insert evicts everything and spins on the empty cache', () => {
    const lru = new ByteLru({ maxBytes: 500, ...SEED_003_LRU_DRIFT });
    for (let k = 0; k < 5; k++) lru.put(`k${k}`, 100);
    expect(lru.put('k5', 100)).toEqual({ kind: 'stuck', evicted: ['k0', 'k1', 'k2', 'k3', 'k4'] });
    expect([lru.size, lru.trackedBytes, lru.realBytes, lru.stuck]).toEqual([0, 500, 0, 1]);
    // Every later insert is stuck too: the counter never comes down.
    expect(lru.put('k6', 1).kind).toBe('stuck');
  });
});

type Op = { op: 'put'; key: number; bytes: number } | { op: 'get'; key: number } | { op: 'del'; key: number };
const ops = fc.array(fc.oneof(
  fc.record({ op: fc.constant('put' as const), key: fc.integer({ min: 0, max: 9 }), bytes: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ op: fc.constant('get' as const), key: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ op: fc.constant('del' as const), key: fc.integer({ min: 0, max: 9 }) }),
), { maxLength: 80 });

function apply(lru: ByteLru, list: readonly Op[], sizes: Map<string, number>): void {
  for (const o of list) {
    const key = `k${o.key}`;
    if (o.op === 'get') lru.get(key);
    else if (o.op === 'del') { lru.delete(key); sizes.delete(key); } else {
      const r = lru.put(key, o.bytes);
      for (const e of r.evicted) sizes.delete(e);
      if (r.kind === 'stored') sizes.set(key, o.bytes);
    }
  }
}

describe('byte LRU properties', () => {
  it('drift off: tracked == real == the sum of the cached sizes, and <= max, after any sequence', () => {
    fc.assert(fc.property(ops, fc.integer({ min: 0, max: 1500 }), (list, maxBytes) => {
      const lru = new ByteLru({ maxBytes });
      const sizes = new Map<string, number>();
      apply(lru, list, sizes);
      const sum = [...sizes.values()].reduce((a, b) => a + b, 0);
      expect(lru.trackedBytes).toBe(lru.realBytes);
      expect(lru.realBytes).toBe(sum);
      expect(lru.trackedBytes).toBeLessThanOrEqual(maxBytes);
      expect(lru.size).toBe(sizes.size);
    }), { numRuns: 50 });
  });

  it('under-estimated sizes: tracked <= max, and real <= max / ratio', () => {
    fc.assert(fc.property(ops, fc.double({ min: 0.1, max: 1, noNaN: true }), (list, ratio) => {
      const lru = new ByteLru({ maxBytes: 1000, sizeEstimateRatio: ratio });
      apply(lru, list, new Map());
      expect(lru.trackedBytes).toBeLessThanOrEqual(1000);
      expect(lru.realBytes).toBeLessThanOrEqual(1000 / ratio + 1e-9);
      expect(lru.trackedBytes).toBeGreaterThanOrEqual(lru.realBytes * ratio - 1e-9);
    }), { numRuns: 50 });
  });
});
