import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ChainedDigest } from '../../src/kernel/digest.js';
import { Trace, type TraceRecord } from '../../src/kernel/trace.js';

function digestOf(parts: readonly string[]): string {
  const d = new ChainedDigest();
  for (const p of parts) d.update(p);
  return d.hex();
}

describe('ChainedDigest', () => {
  it('same records, same digest; 16 hex digits', () => {
    const recs = ['a', 'bb', '{"t":1}', ''];
    expect(digestOf(recs)).toBe(digestOf([...recs]));
    expect(digestOf(recs)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a different order gives a different digest', () => {
    expect(digestOf(['x', 'y', 'z'])).not.toBe(digestOf(['y', 'x', 'z']));
    expect(digestOf(['x', 'y', 'z'])).not.toBe(digestOf(['x', 'z', 'y']));
  });

  it('record boundaries count: "ab"+"c" differs from "a"+"bc" and from "abc"', () => {
    const all = new Set([digestOf(['ab', 'c']), digestOf(['a', 'bc']), digestOf(['abc']), digestOf(['abc', ''])]);
    expect(all.size).toBe(4);
  });

  it('a single changed character anywhere changes the digest', () => {
    const base = Array.from({ length: 50 }, (_, i) => `{"t":${i * 1000},"source":"node${i % 3}","kind":"tick"}`);
    const ref = digestOf(base);
    const seen = new Set([ref]);
    for (let i = 0; i < base.length; i += 7) {
      const changed = [...base];
      changed[i] = changed[i]!.replace('tick', 'tock');
      seen.add(digestOf(changed));
    }
    expect(seen.size).toBe(1 + Math.ceil(base.length / 7));
  });

  it('values are pinned: recorded digests must stay comparable across versions', () => {
    expect(new ChainedDigest().hex()).toBe('811c9dc56c62272e');
    expect(digestOf(['hello', 'world'])).toBe('4e613589f9c817a5');
  });
});

describe('Trace', () => {
  it('sinks receive each record, its JSON line, and a chain equal to the digest after that record', () => {
    const clock = { now: 0 };
    const trace = new Trace(clock);
    const got: { rec: TraceRecord; line: string; chain: string }[] = [];
    trace.addSink({ record: (rec, line, chain) => { got.push({ rec, line, chain }); } });
    const second: string[] = [];
    trace.addSink({ record: (_r, _l, chain) => { second.push(chain); } });

    trace.emit('db', 'start');
    clock.now = 1500;
    trace.emit('db', 'fail', { reason: 'disk', n: 2, ok: false, list: ['a', 1], none: null });
    clock.now = 2000;
    trace.emit('lb', 'route', { to: 'db2' });

    expect(got).toHaveLength(3);
    expect(trace.count).toBe(3);
    expect(got[0]!.rec).toEqual({ t: 0, source: 'db', kind: 'start' });
    expect('data' in got[0]!.rec).toBe(false);
    expect(got[1]!.rec.t).toBe(1500);
    const ref = new ChainedDigest();
    for (const g of got) {
      expect(g.line).toBe(JSON.stringify(g.rec));
      ref.update(g.line);
      expect(g.chain).toBe(ref.hex());
    }
    expect(second).toEqual(got.map((g) => g.chain));
    expect(trace.digestHex).toBe(ref.hex());
  });

  it('the digest covers every record even with no sink, and equals one computed with a sink', () => {
    const run = (withSink: boolean) => {
      const clock = { now: 0 };
      const t = new Trace(clock);
      if (withSink) t.addSink({ record: () => {} });
      for (let i = 0; i < 20; i++) { clock.now = i * 10; t.emit(`s${i % 2}`, 'k', { i }); }
      return t.digestHex;
    };
    expect(run(false)).toBe(run(true));
    const empty = new Trace({ now: 0 });
    expect(empty.digestHex).not.toBe(run(false));
  });

  it('formats the chain only for sinks that declare it: with one- and two-parameter sinks the digest stays two numbers', () => {
    const hex = vi.spyOn(ChainedDigest.prototype, 'hex');
    try {
      const clock = { now: 0 };
      const trace = new Trace(clock);
      const kinds: string[] = [];
      trace.addSink({ record: (rec) => { kinds.push(rec.kind); } });
      trace.addSink({ record: (_rec, line) => { kinds.push(line); } });
      for (let i = 0; i < 10; i++) { clock.now = i; trace.emit('s', `k${i}`); }
      expect(kinds).toHaveLength(20);
      expect(hex).not.toHaveBeenCalled();

      const chains: string[] = [];
      const rest: unknown[] = [];
      trace.addSink({ record: (_rec, _line, chain) => { chains.push(chain); } });
      trace.addSink({ record: (...args: unknown[]) => { rest.push(args[2]); } });
      trace.emit('s', 'after');
      expect(hex).toHaveBeenCalledTimes(1);
      expect(chains).toEqual([trace.digestHex]);
      expect(rest).toEqual(chains);
    } finally {
      hex.mockRestore();
    }
    // The value is the same as one computed with a chain read at every record.
    const withChain = new Trace({ now: 0 });
    withChain.addSink({ record: (_r, _l, _chain) => {} });
    const without = new Trace({ now: 0 });
    without.addSink({ record: (_r) => {} });
    for (const t of [withChain, without]) for (let i = 0; i < 5; i++) t.emit('s', 'k', { i });
    expect(without.digestHex).toBe(withChain.digestHex);
  });

  it('different times or details give different digests', () => {
    const emitAt = (t: number, data: Record<string, number>) => {
      const clock = { now: t };
      const tr = new Trace(clock);
      tr.emit('a', 'b', data);
      return tr.digestHex;
    };
    expect(emitAt(1, { x: 1 })).not.toBe(emitAt(2, { x: 1 }));
    expect(emitAt(1, { x: 1 })).not.toBe(emitAt(1, { x: 2 }));
  });
});

describe('the digest without a line reader', () => {
  /** Emits `records` on a trace, with or without a sink that reads lines; returns the digest. */
  function traceDigest(records: readonly [number, string, string, Record<string, unknown> | undefined][], readLines: boolean): string {
    const clock = { now: 0 };
    const trace = new Trace(clock);
    if (readLines) trace.addSink({ record: (_rec, line) => { expect(line.length).toBeGreaterThan(0); } });
    else trace.addSink({ record: (rec) => { expect(rec.kind.length).toBeGreaterThanOrEqual(0); } });
    for (const [t, source, kind, data] of records) {
      clock.now = t;
      trace.emit(source, kind, data as never);
    }
    return trace.digestHex;
  }

  it('folds the line part by part into the very digest of the whole line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(
          fc.oneof(fc.nat(), fc.maxSafeNat(), fc.constant(0), fc.double({ min: 0, max: 1e12, noNaN: true })),
          fc.string(), fc.string(),
          fc.option(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null))), { nil: undefined }),
        ), { maxLength: 20 }),
        (records) => { expect(traceDigest(records, false)).toBe(traceDigest(records, true)); },
      ),
      { numRuns: 200 },
    );
  });
});
