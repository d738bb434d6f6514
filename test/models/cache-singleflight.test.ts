import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, Simulation } from '../../src/kernel/index.js';
import type { TraceRecord } from '../../src/kernel/trace.js';
import type { CoalescedCaller, ComputeDone } from '../../models/cache/coalescer.js';
import { SeedCoalescer } from '../../models/cache/seed-coalescer.js';
import { Singleflight } from '../../models/cache/singleflight.js';

interface Heard { ok: boolean; value: string | undefined; shared: boolean }

/** A caller that notes its answer (or that it was abandoned). */
function caller(log: Heard[], abandoned: { n: number } = { n: 0 }): CoalescedCaller<string> {
  return { answer: (ok, value, shared) => log.push({ ok, value, shared }), abandoned: () => { abandoned.n++; } };
}

/** A computation whose `done` the test holds, and a count of runs. */
function held() {
  const dones: ComputeDone<string>[] = [];
  return { dones, fn: (_key: string, done: ComputeDone<string>) => { dones.push(done); } };
}

describe('singleflight (golang.org/x/sync singleflight_test.go vectors)', () => {
  it('TestDo / TestDoErr: a lone call gets its value, or its error, not shared', () => {
    const g = new Singleflight<string>(), log: Heard[] = [];
    expect(g.run('key', (_k, done) => done(true, 'bar'), caller(log))).toBe('leader');
    g.run('key', (_k, done) => done(false, 'Some error'), caller(log));
    expect(log).toEqual([{ ok: true, value: 'bar', shared: false }, { ok: false, value: 'Some error', shared: false }]);
    expect(g.inFlightKeys).toBe(0);
  });

  it('TestDoDupSuppress: N concurrent callers -> one computation, all the same value, shared (property over N)', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 200 }), (n) => {
      const g = new Singleflight<string>(), log: Heard[] = [], c = held();
      const roles = Array.from({ length: n }, () => g.run('key', c.fn, caller(log)));
      expect(roles.filter((r) => r === 'leader')).toHaveLength(1);
      expect(c.dones).toHaveLength(1);
      expect(log).toHaveLength(0);
      c.dones[0]!(true, 'bar');
      expect(log).toEqual(Array.from({ length: n }, () => ({ ok: true, value: 'bar', shared: true })));
    }), { numRuns: 50 });
  });

  it('errors are shared: a leader failure reaches every waiter, with no retry', () => {
    const g = new Singleflight<string>(), log: Heard[] = [], c = held();
    for (let i = 0; i < 5; i++) g.run('key', c.fn, caller(log));
    c.dones[0]!(false, 'boom');
    expect(log).toEqual(Array.from({ length: 5 }, () => ({ ok: false, value: 'boom', shared: true })));
    expect(c.dones).toHaveLength(1);
  });

  it('no caching: after completion the next call computes again; keys are independent', () => {
    const g = new Singleflight<string>(), log: Heard[] = [], c = held();
    g.run('a', c.fn, caller(log));
    g.run('b', c.fn, caller(log));
    expect(g.inFlightKeys).toBe(2);
    c.dones[0]!(true, 'a1');
    expect(g.run('a', c.fn, caller(log))).toBe('leader');
    expect(c.dones).toHaveLength(3);
  });

  it('TestForget: waiters of the forgotten call keep its result; a third call joins the second execution', () => {
    const g = new Singleflight<string>(), log1: Heard[] = [], log2: Heard[] = [], log3: Heard[] = [], c = held();
    g.run('key', c.fn, caller(log1));           // first started
    g.forget('key');
    expect(g.run('key', c.fn, caller(log2))).toBe('leader'); // second: a new execution
    c.dones[0]!(true, '1');                      // first finishes: must not delete the second's entry
    expect(g.run('key', c.fn, caller(log3))).toBe('waiter'); // third joins the second
    c.dones[1]!(true, '2');
    expect([log1, log2, log3]).toEqual([[{ ok: true, value: '1', shared: false }], [{ ok: true, value: '2', shared: true }], [{ ok: true, value: '2', shared: true }]]);
  });

  it('a computation that answers twice is refused loudly', () => {
    const g = new Singleflight<string>(), c = held();
    g.run('key', c.fn, caller([]));
    c.dones[0]!(true, 'x');
    expect(() => c.dones[0]!(true, 'y')).toThrow(/finished twice/);
  });
});

describe('seed 000-B coalescer (next-models.md 4.2)', () => {
  function setup(mode: 'share-error' | 'hang-waiters') {
    const sim = new Simulation({ seed: 1 }), records: TraceRecord[] = [];
    sim.trace.addSink({ record: (r) => records.push(r) });
    return { sim, records, co: new SeedCoalescer<string>(sim, 'api-0', mode) };
  }

  it('hang-waiters: the leader gets the error, the N-1 waiters are never answered (hung = N-1), traced', () => {
    const { sim, records, co } = setup('hang-waiters'), log: Heard[] = [], abandoned = { n: 0 }, n = 50;
    const fail = (_k: string, done: ComputeDone<string>) => { sim.schedule(ms(200), () => done(false, 'model error')); };
    for (let i = 0; i < n; i++) co.run('user:42', fail, caller(log, abandoned));
    sim.run();
    expect(log).toEqual([{ ok: false, value: 'model error', shared: true }]);
    expect([co.hungWaiters, abandoned.n, co.inFlightKeys]).toEqual([n - 1, n - 1, 0]);
    expect(records).toEqual([{ t: ms(200), source: 'api-0', kind: 'waiters-hung', data: { key: 'user:42', waiters: n - 1 } }]);
    // The key was dropped: the next request computes afresh, and succeeds.
    co.run('user:42', (_k, done) => done(true, 'ok'), caller(log));
    expect(log[1]).toEqual({ ok: true, value: 'ok', shared: false });
  });

  it('share-error: every waiter gets the error, none hangs; success is shared in both modes', () => {
    for (const mode of ['share-error', 'hang-waiters'] as const) {
      const { co } = setup(mode), log: Heard[] = [], c = held();
      for (let i = 0; i < 3; i++) co.run('k', c.fn, caller(log));
      c.dones[0]!(mode === 'hang-waiters', mode === 'hang-waiters' ? 'v' : 'err');
      expect(log).toHaveLength(3);
      expect(co.hungWaiters).toBe(0);
      expect(new Set(log.map((h) => h.value)).size).toBe(1);
    }
  });
});
