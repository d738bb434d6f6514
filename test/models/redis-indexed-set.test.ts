import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedSet } from '../../models/redis/indexed-set.js';

/**
 * The smallest tag is kept as members come and go (it plans Redis's next
 * active expiry cycle): after any mix of adds, re-adds with a new tag,
 * deletes and clears it equals the minimum over the members a naive map holds.
 */
describe('IndexedSet.minTag', () => {
  it('equals the smallest tag of the members after any sequence of operations', () => {
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant('add' as const), key: fc.integer({ min: 0, max: 12 }), tag: fc.integer({ min: 0, max: 50 }) }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 12 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const set = new IndexedSet();
        const naive = new Map<string, number>();
        for (const o of ops) {
          if (o.op === 'add') { set.add(`k${o.key}`, o.tag); naive.set(`k${o.key}`, o.tag); }
          else if (o.op === 'delete') { expect(set.delete(`k${o.key}`)).toBe(naive.delete(`k${o.key}`)); }
          else { set.clear(); naive.clear(); }
          expect(set.minTag()).toBe(naive.size === 0 ? Infinity : Math.min(...naive.values()));
        }
      }),
      { numRuns: 200 },
    );
  });
});
