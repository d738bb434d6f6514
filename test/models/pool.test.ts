import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, Simulation, type Event, type ProcessGenerator, type TraceRecord } from '../../src/kernel/index.js';
import { POOL_TIMEOUT_ERROR, ConnectionPool, type Acquired } from '../../models/pool/connection-pool.js';
import { wait } from '../../src/kernel/wait.js';

function setup(max: number, acquireTimeoutMs: number) {
  const sim = new Simulation({ seed: 1 });
  const pool = new ConnectionPool(sim, 'pool-0', { max, acquireTimeoutMs });
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => records.push(rec) });
  return { sim, pool, records };
}

/** The lease of an event that must have granted a connection. */
function leaseOf(ev: Event<Acquired>): () => void {
  const v = ev.value;
  if (v === undefined || !v.ok) throw new Error(`expected a connection, got ${JSON.stringify(v)}`);
  return v.release;
}

describe('connection pool', () => {
  it('grants at once while a slot is free, then queues', () => {
    const { pool } = setup(2, 0);
    const a = pool.acquire();
    const b = pool.acquire();
    expect(a.processed && b.processed).toBe(true);
    expect(a.value?.ok && b.value?.ok).toBe(true);
    const c = pool.acquire();
    expect(c.triggered).toBe(false);
    expect([pool.inUse, pool.waiting, pool.max]).toEqual([2, 1, 2]);
  });

  it('grants in FIFO order, and a release goes to the longest waiter, not to a newcomer', () => {
    const { sim, pool } = setup(1, 0);
    const granted: [string, number][] = [];
    const holder = leaseOf(pool.acquire());
    function* user(name: string, arriveMs: number, holdMs: number): ProcessGenerator<void> {
      yield sim.sleep(ms(arriveMs));
      const got = yield* wait(pool.acquire());
      if (!got.ok) throw new Error(got.error);
      granted.push([name, sim.now / 1000]);
      yield sim.sleep(ms(holdMs));
      got.release();
    }
    sim.process(user('c', 1, 5));
    sim.process(user('a', 2, 5));
    sim.process(user('b', 3, 5));
    sim.at(ms(10), () => {
      holder();
      // Same instant, after the release: the slot already belongs to 'c'.
      const late = pool.acquire();
      expect(late.triggered).toBe(false);
      late.addCallback((ev) => { if (ev.value?.ok) granted.push(['late', sim.now / 1000]); });
    });
    sim.run();
    expect(granted).toEqual([['c', 10], ['a', 15], ['b', 20], ['late', 25]]);
    expect(pool.waiting).toBe(0);
    expect(pool.inUse).toBe(1); // 'late' never released
    expect(pool.peakWaiting).toBe(3);
  });

  it('times out a waiter after exactly acquireTimeoutMs with pg-pool\'s message and takes it out of the queue', () => {
    const { sim, pool } = setup(1, 100);
    const holder = leaseOf(pool.acquire());
    const first = pool.acquire();
    let second: Event<Acquired> | null = null;
    sim.at(ms(50), () => { second = pool.acquire(); });
    sim.run(ms(100) - 1);
    expect(first.triggered).toBe(false);
    expect(pool.waiting).toBe(2);
    sim.run(ms(100));
    expect(first.value).toEqual({ ok: false, error: 'timeout exceeded when trying to connect' });
    expect(POOL_TIMEOUT_ERROR).toBe('timeout exceeded when trying to connect');
    expect([pool.waiting, pool.timeouts]).toEqual([1, 1]);
    sim.at(ms(120), holder);
    sim.run(ms(120));
    // The slot goes to the waiter still queued, not to the one that gave up.
    expect(second!.value?.ok).toBe(true);
    expect([pool.inUse, pool.waiting, pool.timeouts]).toEqual([1, 0, 1]);
  });

  it('waits forever with acquireTimeoutMs = 0 (the pg default)', () => {
    const { sim, pool } = setup(1, 0);
    const holder = leaseOf(pool.acquire());
    const waiter = pool.acquire();
    sim.run(ms(3_600_000));
    expect(waiter.triggered).toBe(false);
    expect([pool.waiting, pool.timeouts]).toEqual([1, 0]);
    holder();
    sim.run(ms(3_600_000));
    expect(waiter.value?.ok).toBe(true);
  });

  it('release is idempotent per lease', () => {
    const { sim, pool } = setup(1, 0);
    const lease = leaseOf(pool.acquire());
    const w1 = pool.acquire();
    const w2 = pool.acquire();
    lease();
    lease();
    sim.run();
    expect(w1.value?.ok).toBe(true);
    expect(w2.triggered).toBe(false);
    expect([pool.inUse, pool.waiting]).toEqual([1, 1]);
    const l1 = leaseOf(w1);
    l1();
    l1();
    sim.run();
    expect(w2.value?.ok).toBe(true);
    const l2 = leaseOf(w2);
    l2();
    l2();
    expect([pool.inUse, pool.waiting]).toEqual([0, 0]);
    // All three slots' worth of grants, and the pool still holds exactly max.
    expect([pool.acquire().processed, pool.acquire().processed]).toEqual([true, false]);
  });

  it('cancel withdraws a waiting request: it never fires and is not a timeout', () => {
    const { sim, pool } = setup(1, 100);
    const lease = leaseOf(pool.acquire());
    const gone = pool.acquire();
    const next = pool.acquire();
    expect(pool.cancel(gone)).toBe(true);
    expect(pool.cancel(gone)).toBe(false);
    expect(pool.waiting).toBe(1);
    sim.at(ms(10), lease);
    sim.run(ms(1000));
    expect(gone.triggered).toBe(false);
    expect(next.value?.ok).toBe(true);
    expect(pool.timeouts).toBe(0);
  });

  it('exhausts under load with max = 2 and slow queries: FIFO grants, timeouts at exactly the limit, one exhaustion episode in the trace', () => {
    const { sim, pool, records } = setup(2, 150);
    let holding = 0, maxHolding = 0;
    const outcome: { i: number; arrive: number; at: number; ok: boolean; error?: string }[] = [];
    // 20 requests 10 ms apart, each holding its connection for a 100 ms query: demand 10/s, capacity 2 per 100 ms.
    for (let i = 0; i < 20; i++) {
      sim.process((function* (): ProcessGenerator<void> {
        yield sim.sleep(ms(10 * i));
        const arrive = sim.now;
        const got = yield* wait(pool.acquire());
        outcome.push(got.ok ? { i, arrive, at: sim.now, ok: true } : { i, arrive, at: sim.now, ok: false, error: got.error });
        if (!got.ok) return;
        maxHolding = Math.max(maxHolding, ++holding);
        yield sim.sleep(ms(100));
        holding--;
        got.release();
      })());
    }
    sim.run();
    const granted = outcome.filter((o) => o.ok);
    const failed = outcome.filter((o) => !o.ok);
    expect(maxHolding).toBe(2);
    expect(pool.peakInUse).toBe(2);
    expect(failed.length).toBeGreaterThan(0);
    expect(pool.timeouts).toBe(failed.length);
    expect(granted.length + failed.length).toBe(20);
    expect(pool.grants).toBe(granted.length);
    for (const f of failed) {
      expect(f.error).toBe(POOL_TIMEOUT_ERROR);
      expect(f.at - f.arrive).toBe(ms(150));
    }
    for (const g of granted) expect(g.at - g.arrive).toBeLessThan(ms(150));
    // FIFO: connections were granted in arrival order.
    expect(granted.map((g) => g.i)).toEqual([...granted.map((g) => g.i)].sort((a, b) => a - b));
    expect(pool.peakWaiting).toBeGreaterThanOrEqual(3);
    expect([pool.inUse, pool.waiting]).toEqual([0, 0]);
    const poolRecs = records.filter((r) => r.source === 'pool-0');
    expect(failed.length).toBeGreaterThanOrEqual(10);
    expect(failed.length).toBeLessThan(100);
    expect(poolRecs.map((r) => r.kind)).toEqual(['exhausted', 'timeouts', 'recovered']);
    expect(poolRecs[0]!.t).toBe(failed[0]!.at);
    expect(poolRecs[1]!.t).toBe(failed[9]!.at);
    expect(poolRecs[2]!.data?.['timeouts']).toBe(failed.length);
    expect(poolRecs[2]!.t).toBeGreaterThan(failed[failed.length - 1]!.at);
  });

  it('a long episode reports its count at 10, 100, ... timeouts', () => {
    const { sim, pool, records } = setup(1, 1);
    pool.acquire();
    for (let i = 0; i < 120; i++) pool.acquire();
    sim.run();
    expect(pool.timeouts).toBe(120);
    expect(records.filter((r) => r.source === 'pool-0').map((r) => [r.kind, r.data?.['count'] ?? null]))
      .toEqual([['exhausted', null], ['timeouts', 10], ['timeouts', 100]]);
  });

  it('rejects a bad configuration', () => {
    const sim = new Simulation({ seed: 1 });
    expect(() => new ConnectionPool(sim, 'p', { max: 0, acquireTimeoutMs: 0 })).toThrow(/max/);
    expect(() => new ConnectionPool(sim, 'p', { max: 2, acquireTimeoutMs: -1 })).toThrow(/acquireTimeoutMs/);
  });

  it('property: never more than max holders, FIFO grants, nobody waits while a slot is free, everything accounted for', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 60 }),
      fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 20 }), holdMs: fc.integer({ min: 0, max: 80 }) }), { minLength: 1, maxLength: 40 }),
      (max, timeoutMs, reqs) => {
        const { sim, pool } = setup(max, timeoutMs);
        let holding = 0;
        const grantOrder: number[] = [];
        let timedOut = 0;
        let t = 0;
        reqs.forEach((r, i) => {
          t += r.gapMs;
          sim.process((function* (): ProcessGenerator<void> {
            yield sim.sleep(ms(t));
            const arrive = sim.now;
            const ev = pool.acquire();
            // A request that has to wait finds every slot taken.
            if (!ev.processed) expect(pool.inUse).toBe(max);
            const got = yield* wait(ev);
            if (!got.ok) {
              timedOut++;
              expect(timeoutMs).toBeGreaterThan(0);
              expect(sim.now - arrive).toBe(ms(timeoutMs));
              return;
            }
            grantOrder.push(i);
            holding++;
            expect(holding).toBeLessThanOrEqual(max);
            expect(pool.inUse).toBeLessThanOrEqual(max);
            yield sim.sleep(ms(r.holdMs));
            holding--;
            got.release();
            got.release();
          })());
        });
        sim.run();
        expect(grantOrder).toEqual([...grantOrder].sort((a, b) => a - b));
        expect(grantOrder.length + timedOut).toBe(reqs.length);
        expect(pool.timeouts).toBe(timedOut);
        expect([pool.inUse, pool.waiting]).toEqual([0, 0]);
      },
    ), { numRuns: 200 });
  });
});
