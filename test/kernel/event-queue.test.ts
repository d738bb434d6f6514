import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/kernel/event-queue.js';

/** Pops everything, returning the args in pop order (and releasing slots like the simulation does). */
function drain(q: EventQueue, until = Infinity): unknown[] {
  const out: unknown[] = [];
  for (;;) {
    const slot = q.popSlotUntil(until);
    if (slot < 0) return out;
    out.push(q.args[slot]);
    q.release(slot);
  }
}

const noop = (): void => {};

interface Entry { time: number; priority: number; seq: number }

/** The specification: stable sort by (time, priority), insertion order breaking the remaining ties. */
function referenceOrder(entries: readonly Entry[]): number[] {
  return [...entries]
    .sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq)
    .map((e) => e.seq);
}

describe('EventQueue ordering', () => {
  it('pops in (time, priority, insertion) order on random inputs with many ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 8 }), priority: fc.integer({ min: 0, max: 2 }) }), { maxLength: 300 }),
        (raw) => {
          const q = new EventQueue(4);
          const entries = raw.map((r, seq) => ({ ...r, seq }));
          for (const e of entries) q.push(e.time, e.priority, noop, e.seq);
          expect(drain(q)).toEqual(referenceOrder(entries));
          expect(q.size).toBe(0);
          expect(q.live).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('interleaved push / pop / cancel (stale tokens included) matches a naive model', () => {
    type Op =
      | { op: 'push'; time: number; priority: number }
      | { op: 'pop' }
      | { op: 'cancel'; pick: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), time: fc.integer({ min: 0, max: 20 }), priority: fc.integer({ min: 0, max: 1 }) }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant('pop' as const) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }) },
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const q = new EventQueue(2);
        // The model: every entry ever pushed, with its token and whether it is still pending.
        const all: (Entry & { token: number; pending: boolean })[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.op === 'push') {
            const token = q.push(o.time, o.priority, noop, seq);
            all.push({ time: o.time, priority: o.priority, seq: seq++, token, pending: true });
          } else if (o.op === 'pop') {
            const pending = all.filter((e) => e.pending);
            const expected = referenceOrder(pending)[0];
            const slot = q.popSlot();
            if (expected === undefined) {
              expect(slot).toBe(-1);
            } else {
              expect(slot).toBeGreaterThanOrEqual(0);
              expect(q.args[slot]).toBe(expected);
              expect(q.timeOf(slot)).toBe(all[expected]!.time);
              q.release(slot);
              all[expected]!.pending = false;
            }
          } else {
            if (all.length === 0) { expect(q.cancel(12345)).toBe(false); continue; }
            // Any token ever issued: pending ones cancel, fired or cancelled ones are stale.
            const e = all[o.pick % all.length]!;
            expect(q.cancel(e.token)).toBe(e.pending);
            e.pending = false;
          }
          expect(q.live).toBe(all.filter((e) => e.pending).length);
        }
        const rest = all.filter((e) => e.pending);
        expect(drain(q)).toEqual(referenceOrder(rest));
      }),
      { numRuns: 200 },
    );
  });

  it('orders equal times by priority before insertion order', () => {
    const q = new EventQueue();
    q.push(5, 1, noop, 'normal-1');
    q.push(5, 0, noop, 'urgent-1');
    q.push(4, 1, noop, 'earlier');
    q.push(5, 1, noop, 'normal-2');
    q.push(5, 0, noop, 'urgent-2');
    expect(drain(q)).toEqual(['earlier', 'urgent-1', 'urgent-2', 'normal-1', 'normal-2']);
  });
});

describe('EventQueue cancellation', () => {
  it('a cancelled entry never pops, and cancelling twice reports false', () => {
    const q = new EventQueue();
    q.push(1, 1, noop, 'a');
    const tb = q.push(2, 1, noop, 'b');
    q.push(3, 1, noop, 'c');
    expect(q.cancel(tb)).toBe(true);
    expect(q.cancel(tb)).toBe(false);
    expect(q.live).toBe(2);
    expect(q.size).toBe(3); // lazy: still in the heap
    expect(drain(q)).toEqual(['a', 'c']);
  });

  it('cancelling the earliest entry makes peekTime skip it', () => {
    const q = new EventQueue();
    const t = q.push(1, 1, noop, 'a');
    q.push(7, 1, noop, 'b');
    q.cancel(t);
    expect(q.peekTime()).toBe(7);
    expect(q.size).toBe(1);
  });

  it('a stale token does not cancel the entry that reused its slot', () => {
    const q = new EventQueue();
    const old = q.push(1, 1, noop, 'old');
    const slot = q.popSlot();
    q.release(slot);
    const fresh = q.push(2, 1, noop, 'new'); // reuses the released slot
    expect(fresh % 16_777_216).toBe(old % 16_777_216);
    expect(fresh).not.toBe(old);
    expect(q.cancel(old)).toBe(false);
    expect(q.live).toBe(1);
    expect(drain(q)).toEqual(['new']);
  });

  it('a token cancelled and dropped from the heap stays stale after its slot is reused', () => {
    const q = new EventQueue();
    const a = q.push(1, 1, noop, 'a');
    q.cancel(a);
    expect(q.peekTime()).toBe(Infinity); // drops and releases the slot
    const b = q.push(1, 1, noop, 'b');
    expect(q.cancel(a)).toBe(false);
    expect(q.cancel(b)).toBe(true);
    expect(drain(q)).toEqual([]);
  });

  it('ignores tokens that were never issued', () => {
    const q = new EventQueue();
    q.push(1, 1, noop, 'a');
    expect(q.cancel(-1)).toBe(false);
    expect(q.cancel(999)).toBe(false);
    expect(q.cancel(3 * 16_777_216)).toBe(false); // slot 0, wrong generation
    expect(drain(q)).toEqual(['a']);
  });
});

describe('EventQueue capacity and popSlotUntil', () => {
  it('grows far beyond its initial capacity and keeps order', () => {
    const q = new EventQueue(4);
    const n = 5000;
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = (i * 7919) % 1009; // many duplicates, scrambled
      times.push(t);
      q.push(t, 1, noop, i);
    }
    expect(q.size).toBe(n);
    const order = drain(q) as number[];
    expect(order).toHaveLength(n);
    const expected = times.map((time, seq) => ({ time, priority: 1, seq }));
    expect(order).toEqual(referenceOrder(expected));
  });

  it('callbacks and times survive growth', () => {
    const q = new EventQueue(2);
    const hits: number[] = [];
    for (let i = 0; i < 100; i++) q.push(100 - i, 1, (x: number) => hits.push(x), i);
    for (;;) {
      const s = q.popSlot();
      if (s < 0) break;
      const fn = q.fns[s]!, arg = q.args[s], t = q.timeOf(s);
      q.release(s);
      expect(t).toBe(100 - (arg as number));
      fn(arg);
    }
    expect(hits).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i));
  });

  it('popSlotUntil pops entries at or before `until` and leaves later ones', () => {
    const q = new EventQueue();
    q.push(10, 1, noop, 'a');
    q.push(20, 1, noop, 'b');
    q.push(20, 1, noop, 'b2');
    q.push(30, 1, noop, 'c');
    expect(q.popSlotUntil(5)).toBe(-1);
    expect(q.size).toBe(4);
    expect(drain(q, 20)).toEqual(['a', 'b', 'b2']);
    expect(q.popSlotUntil(29)).toBe(-1);
    expect(q.peekTime()).toBe(30);
    expect(q.live).toBe(1);
    expect(drain(q, 30)).toEqual(['c']);
    expect(q.popSlotUntil(Infinity)).toBe(-1);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('popSlotUntil skips a cancelled top before comparing with `until`', () => {
    const q = new EventQueue();
    const t = q.push(10, 1, noop, 'cancelled');
    q.push(50, 1, noop, 'late');
    q.cancel(t);
    expect(q.popSlotUntil(20)).toBe(-1);
    expect(q.size).toBe(1);
    expect(drain(q, 50)).toEqual(['late']);
  });
});

describe('EventQueue compaction', () => {
  it('drops cancelled entries once they outnumber live ones, keeping pop order and token staleness', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 300, maxLength: 600 }), fc.integer({ min: 1, max: 1_000_000 }), (times, salt) => {
        const q = new EventQueue(8);
        const tokens = times.map((t, i) => q.push(t, i % 2, noop, i));
        // Cancel a pseudo-random 80 % (and one token twice), as a client's answered time-outs are.
        const cancelled = new Set<number>();
        for (let i = 0; i < times.length; i++) if ((i * 2654435761 + salt) % 10 < 8) { expect(q.cancel(tokens[i]!)).toBe(true); cancelled.add(i); }
        expect(q.size).toBeLessThanOrEqual(2 * q.live + 65); // compacted on the way
        for (const i of cancelled) expect(q.cancel(tokens[i]!)).toBe(false);
        const kept = times.map((time, seq) => ({ time, priority: seq % 2, seq })).filter((e) => !cancelled.has(e.seq));
        expect(drain(q)).toEqual(referenceOrder(kept));
        expect(q.live).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});
