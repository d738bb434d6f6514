/** The pure comparison: first divergence of two record streams, its context windows, and how far it reads. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedFields } from '../../src/diff/changed-fields.js';
import { DivergenceFinder, firstDivergence } from '../../src/diff/first-divergence.js';
import { Ring } from '../../src/diff/ring.js';
import { timelineEntries } from '../../src/diff/timeline-entries.js';
import { entryFromTraceLine, showEntry, type TraceEntry } from '../../src/diff/trace-entry.js';
import { ChainedDigest } from '../../src/kernel/digest.js';

/** Trace entries of records with these payloads, chained like the kernel chains them. */
function entries(payloads: readonly number[]): TraceEntry[] {
  const digest = new ChainedDigest();
  return payloads.map((v, i) => {
    const line = JSON.stringify({ t: i * 1000, source: 'n', kind: 'k', data: { v } });
    digest.update(line);
    return { record: i + 1, chain: digest.hex(), line };
  });
}

const numbers = (rs: readonly { record: number }[]) => rs.map((r) => r.record);

describe('firstDivergence', () => {
  it('identical streams: identical, with the number of records', () => {
    expect(firstDivergence(entries([1, 2, 3, 4]), entries([1, 2, 3, 4]), 2)).toEqual({ identical: true, records: 4 });
    expect(firstDivergence([], [], 2)).toEqual({ identical: true, records: 0 });
  });

  it('names the first differing record, with N shared records before and N+1 of each side from it', () => {
    const a = entries([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const b = entries([1, 2, 3, 4, 5, 60, 7, 8, 9]);
    const out = firstDivergence(a, b, 2);
    expect(out.identical).toBe(false);
    if (out.identical) return;
    const d = out.divergence;
    expect(d.record).toBe(6);
    expect(numbers(d.before)).toEqual([4, 5]);
    expect(numbers(d.a)).toEqual([6, 7, 8]);
    expect(numbers(d.b)).toEqual([6, 7, 8]);
    expect(showEntry(d.a[0]!).data).toEqual({ v: 6 });
    expect(showEntry(d.b[0]!).data).toEqual({ v: 60 });
    // Records after a divergence differ too (the chain carries the history), though their payloads are equal.
    expect(d.a[1]!.chain).not.toBe(d.b[1]!.chain);
  });

  it('a divergence at the first record has no shared context; context 0 shows only the divergent pair', () => {
    const out = firstDivergence(entries([9, 2, 3]), entries([1, 2, 3]), 0);
    expect(out).toMatchObject({ identical: false, divergence: { record: 1, before: [] } });
    if (out.identical) return;
    expect(numbers(out.divergence.a)).toEqual([1]);
    expect(numbers(out.divergence.b)).toEqual([1]);
  });

  it('a stream that ends first: the record it lacks is the divergence, and its side is empty', () => {
    const out = firstDivergence(entries([1, 2, 3]), entries([1, 2, 3, 4, 5, 6, 7]), 3);
    expect(out.identical).toBe(false);
    if (out.identical) return;
    expect(out.divergence.record).toBe(4);
    expect(numbers(out.divergence.before)).toEqual([1, 2, 3]);
    expect(out.divergence.a).toEqual([]);
    expect(numbers(out.divergence.b)).toEqual([4, 5, 6, 7]);
    const reversed = firstDivergence(entries([1, 2, 3, 4, 5, 6, 7]), entries([1, 2, 3]), 1);
    if (reversed.identical) throw new Error('expected a divergence');
    expect(numbers(reversed.divergence.a)).toEqual([4, 5]);
    expect(reversed.divergence.b).toEqual([]);
  });

  it('reads each stream only up to the divergence plus its context', () => {
    let pulled = 0;
    function* counted(list: readonly TraceEntry[]) { for (const e of list) { pulled++; yield e; } }
    const long = Array.from({ length: 10_000 }, (_, i) => i);
    const changed = [...long];
    changed[99] = -1;
    const out = firstDivergence(counted(entries(long)), entries(changed), 3);
    expect(out).toMatchObject({ identical: false, divergence: { record: 100 } });
    expect(pulled).toBe(103); // records 1-99 shared, 100 divergent, 101-103 its context
  });

  it('agrees with a naive comparison of the payloads on random streams (fast-check, 300 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 }), fc.integer({ min: 0, max: 4 }), (pa, pb, context) => {
        let k = 0;
        while (k < pa.length && k < pb.length && pa[k] === pb[k]) k++;
        const out = firstDivergence(entries(pa), entries(pb), context);
        if (k === pa.length && k === pb.length) {
          expect(out).toEqual({ identical: true, records: k });
          return;
        }
        if (out.identical) throw new Error(`missed the divergence at ${k + 1}`);
        const d = out.divergence;
        expect(d.record).toBe(k + 1);
        expect(numbers(d.before)).toEqual(Array.from({ length: Math.min(context, k) }, (_, i) => k - Math.min(context, k) + i + 1));
        expect(d.a.length).toBe(Math.max(0, Math.min(context + 1, pa.length - k)));
        expect(d.b.length).toBe(Math.max(0, Math.min(context + 1, pb.length - k)));
      }),
      { numRuns: 300 },
    );
  });

  it('the push interface gives the same answer fed pair by pair, and says when it has seen enough', () => {
    const a = entries([1, 2, 3, 4, 5]), b = entries([1, 2, 0, 4, 5]);
    const finder = new DivergenceFinder<TraceEntry>(1);
    expect(finder.push(a[0], b[0])).toBe(true);
    expect(finder.push(a[1], b[1])).toBe(true);
    expect(finder.push(a[2], b[2])).toBe(true);
    expect(finder.push(a[3], b[3])).toBe(false);
    expect(finder.outcome()).toEqual(firstDivergence(a, b, 1));
  });
});

describe('trace lines and records', () => {
  it('reads a --trace line: the chain, and the canonical line the kernel digested', () => {
    const e = entryFromTraceLine('{"t":1500,"source":"pg-0","kind":"crash","data":{"lsn":3},"chain":"0123456789abcdef"}', 7);
    expect(e).toEqual({ record: 7, chain: '0123456789abcdef', line: '{"t":1500,"source":"pg-0","kind":"crash","data":{"lsn":3}}' });
    expect(showEntry(e!)).toEqual({ record: 7, tMs: 1.5, source: 'pg-0', kind: 'crash', data: { lsn: 3 } });
    expect(entryFromTraceLine('{"t":1,"source":"x","kind":"y"}', 1)).toBeNull();
    expect(entryFromTraceLine('{"failsim": 1,', 1)).toBeNull();
  });

  it('changedFields names what differs: time, kind, data keys', () => {
    const base = { record: 1, tMs: 5, source: 'a', kind: 'k', data: { x: 1, y: [1, 2] } };
    expect(changedFields(base, { ...base })).toEqual([]);
    expect(changedFields(base, { ...base, tMs: 6, kind: 'j', data: { x: 1, y: [1, 3], z: 0 } })).toEqual(['t', 'kind', 'data.y', 'data.z']);
    expect(changedFields(base, { record: 1, tMs: 5, source: 'a', kind: 'k' })).toEqual(['data']);
  });

  it('timeline entries chain like trace records, so equal prefixes compare equal', () => {
    const line = (tMs: number, text: string) => ({ tMs, source: 's', kind: 'k', text });
    const out = firstDivergence(timelineEntries([line(1, 'a'), line(2, 'b'), line(3, 'c')]), timelineEntries([line(1, 'a'), line(2, 'B'), line(3, 'c')]), 1);
    expect(out).toMatchObject({ identical: false, divergence: { record: 2 } });
  });

  it('Ring keeps the last N, oldest first', () => {
    const r = new Ring<number>(3);
    for (let i = 1; i <= 7; i++) r.push(i);
    expect(r.toArray()).toEqual([5, 6, 7]);
    const none = new Ring<number>(0);
    none.push(1);
    expect(none.toArray()).toEqual([]);
  });
});
