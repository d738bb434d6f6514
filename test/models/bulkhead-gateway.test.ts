import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { GatewayPools, SEED_001_GATEWAY_POOLS, type GatewayPoolsOptions } from '../../models/bulkhead/gateway-pools.js';

/**
 * Seed 001's scenario: Search is slow (every call holds its slot 30 s),
 * Users and Orders answer in 50 ms. Search gets 20 calls/s, Users 100/s,
 * Orders 50/s, for 10 s, on fixed spacing so the counts can be worked by hand.
 */
function searchSlow(options: Partial<GatewayPoolsOptions>) {
  const sim = new Simulation({ seed: 1 });
  const gw = new GatewayPools(sim, 'gw', { pools: SEED_001_GATEWAY_POOLS, ...options });
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => records.push(rec) });
  let firstUsersRejectionMs = -1;
  let maxInside = 0;
  const traffic = (downstream: string, everyMs: number, holdMs: number) => {
    for (let t = 0; t < 10_000; t += everyMs) {
      sim.at(ms(t), () => gw.call(downstream, () => {
        const inside = gw.downstreams.reduce((n, d) => n + gw.lane(d).inside, 0);
        if (inside > maxInside) maxInside = inside;
        sim.schedule(ms(holdMs), () => gw.done(downstream));
      }, () => {
        if (downstream === 'users' && firstUsersRejectionMs < 0) firstUsersRejectionMs = sim.now / 1000;
      }, null));
    }
  };
  traffic('search', 50, 30_000);
  traffic('users', 10, 50);
  traffic('orders', 20, 50);
  sim.run(sec(10));
  return { gw, records, firstUsersRejectionMs, maxInside: () => maxInside };
}

describe('gateway pools (seed 001, "Bulkhead Pattern")', () => {
  it('the seed preset: Users 50, Orders 100, Search 25', () => {
    expect(SEED_001_GATEWAY_POOLS).toEqual({ users: 50, orders: 100, search: 25 });
    const gw = new GatewayPools(new Simulation({ seed: 1 }), 'gw', { pools: SEED_001_GATEWAY_POOLS });
    expect(gw.downstreams).toEqual(['users', 'orders', 'search']);
    expect(gw.lane('search').compartment).not.toBe(gw.lane('users').compartment);
    expect(gw.lane('search').compartment.name).toBe('gw/search');
  });

  it('with bulkheads a slow Search exhausts only its own pool: 25 in, 175 rejected, Users and Orders never rejected', () => {
    const { gw, records, maxInside } = searchSlow({});
    const search = gw.lane('search'), users = gw.lane('users'), orders = gw.lane('orders');
    expect([search.admitted, search.rejected, search.peakInside]).toEqual([25, 175, 25]);
    expect([users.admitted, users.rejected]).toEqual([1000, 0]);
    expect([orders.admitted, orders.rejected]).toEqual([500, 0]);
    // Users hold 50 ms at one call per 10 ms: 5 or 6 inside, far from 50.
    expect(users.peakInside).toBeLessThanOrEqual(6);
    expect(maxInside()).toBeLessThanOrEqual(25 + 6 + 3);
    // Search's rejection episode opens at its first rejection (the 26th call, at 1.25 s) and never closes within the run.
    expect(records.filter((r) => r.kind === 'full').map((r) => [r.source, r.t / 1000])).toEqual([['gw/search', 1250]]);
  });

  it('shared (no bulkheads, one pool of 175): Search takes the whole pool and Users calls start failing at 8.35 s', () => {
    const { gw, firstUsersRejectionMs } = searchSlow({ shared: true });
    const search = gw.lane('search'), users = gw.lane('users'), orders = gw.lane('orders');
    expect(search.compartment).toBe(users.compartment);
    expect(search.compartment.name).toBe('gw/shared');
    // Search holds floor(t / 50 ms) + 1 slots, Users about 5 and Orders about 3: the pool is full from
    // Search's 167th call on (8.30 s); at 8.35 s a Users call finds no slot. Every slot freed after that
    // goes to whoever asks first, and Search never gives one back: by the end it holds all 175.
    expect(firstUsersRejectionMs).toBe(8350);
    expect([search.admitted, search.rejected, search.peakInside]).toEqual([175, 25, 175]);
    expect([users.admitted, users.rejected]).toEqual([855, 145]);
    expect([orders.admitted, orders.rejected]).toEqual([419, 81]);
  });

  it('semaphore kind: same partition with SemaphoreBulkheads of the same sizes', () => {
    const { gw } = searchSlow({ kind: 'semaphore' });
    expect([gw.lane('search').admitted, gw.lane('search').rejected, gw.lane('users').rejected]).toEqual([25, 175, 0]);
  });

  it('refuses an unknown downstream, an empty gateway, a bad size, and a done without a call', () => {
    const sim = new Simulation({ seed: 1 });
    const gw = new GatewayPools(sim, 'gw', { pools: { a: 1 } });
    expect(() => gw.call('b', () => {}, () => {}, null)).toThrow(/no pool for downstream 'b'/);
    expect(() => gw.done('a')).toThrow(/without a call inside/);
    expect(() => new GatewayPools(sim, 'gw', { pools: {} })).toThrow(/no downstream pools/);
    expect(() => new GatewayPools(sim, 'gw', { pools: { a: 0 } })).toThrow(/positive integer/);
  });
});
