import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { Network } from '../../models/net/network.js';
import { DbClient, type TxResult } from '../../models/orders-db/db-client.js';
import { OrdersDb } from '../../models/orders-db/orders-db.js';
import { ConnectionPool } from '../../models/pool/connection-pool.js';

interface Setup {
  stock?: Record<string, number>;
  queryMs?: number;
  /** 0 makes statement times exact, so the tests can name instants. */
  querySigma?: number;
  poolMax?: number;
  acquireTimeoutMs?: number;
  statementTimeoutMs?: number;
  seed?: number;
  /** Exact 1 ms one-way latency unless a seeded log-normal is asked for. */
  randomLatency?: boolean;
}

function setup(o: Setup = {}) {
  const sim = new Simulation({ seed: o.seed ?? 1 });
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => records.push(rec) });
  const net = new Network(sim, o.randomLatency ? undefined : { latencyMedianMs: 1, latencySigma: 0, lossProbability: 0 });
  net.addHost('worker-0');
  const db = new OrdersDb(sim, net, 'orders-db', { queryMs: o.queryMs ?? 10, querySigma: o.querySigma ?? 0, initialStock: o.stock ?? { iphone: 10 } });
  const pool = new ConnectionPool(sim, 'pool-0', { max: o.poolMax ?? 10, acquireTimeoutMs: o.acquireTimeoutMs ?? 0 });
  const client = new DbClient(sim, net, 'worker-0', db, pool, { statementTimeoutMs: o.statementTimeoutMs ?? 30_000 });
  /** Places an order now; the returned record fills in when the result arrives. */
  const place = (orderId: string, productId = 'iphone') => {
    const out: { result?: TxResult; atMs?: number } = {};
    client.placeOrder(orderId, productId).addCallback((ev) => { out.result = ev.value; out.atMs = sim.now / 1000; });
    return out;
  };
  return { sim, net, db, pool, client, records, place };
}

const ok = (outcome: string): TxResult => ({ ok: true, outcome } as TxResult);
const err = (error: string): TxResult => ({ ok: false, error });

describe('orders-db and its client', () => {
  it('the insert is idempotent: the same order twice is one row, one decrement, then "duplicate"', () => {
    const { sim, db, place } = setup();
    const first = place('o-1');
    sim.run();
    // 1 ms there, INSERT + UPDATE + COMMIT at 10 ms each, 1 ms back.
    expect(first).toEqual({ result: ok('inserted'), atMs: 32 });
    const again = place('o-1');
    sim.run();
    // INSERT that does nothing, then COMMIT of the empty transaction.
    expect(again).toEqual({ result: ok('duplicate'), atMs: 32 + 22 });
    expect(db.orderCount()).toBe(1);
    expect(db.hasOrder('o-1')).toBe(true);
    expect(db.orders()).toEqual([{ orderId: 'o-1', productId: 'iphone' }]);
    expect(db.stock('iphone')).toBe(9);
  });

  it('two transactions with the same order id at once (a redelivered message): the second waits for the first, then does nothing', () => {
    const { sim, db, place } = setup();
    const a = place('o-1');
    const b = place('o-1');
    sim.run();
    expect(a).toEqual({ result: ok('inserted'), atMs: 32 });
    // b's INSERT waited on the unique key until a committed at 31 ms, then ran 10 ms, then its COMMIT.
    expect(b).toEqual({ result: ok('duplicate'), atMs: 52 });
    expect(db.orderCount()).toBe(1);
    expect(db.stock('iphone')).toBe(9);
  });

  it('stock never goes below 0: the rest are "sold-out", rolled back and traced as an inconsistency', () => {
    const { sim, db, records, place } = setup({ stock: { iphone: 3 } });
    const outs = Array.from({ length: 10 }, (_, i) => place(`o-${i}`));
    sim.run();
    expect(outs.map((o) => o.result)).toEqual([...Array(3).fill(ok('inserted')), ...Array(7).fill(ok('sold-out'))]);
    expect(db.stock('iphone')).toBe(0);
    expect(db.orderCount()).toBe(3);
    expect(db.soldOut).toBe(7);
    const soldOut = records.filter((r) => r.source === 'orders-db' && r.kind === 'sold-out');
    expect(soldOut.map((r) => r.data?.['orderId'])).toEqual(['o-3', 'o-4', 'o-5', 'o-6', 'o-7', 'o-8', 'o-9']);
    // The product row lock serialises UPDATE..COMMIT: one buyer every 20 ms, then 10 ms per sold-out UPDATE.
    expect(outs.map((o) => o.atMs)).toEqual([32, 52, 72, 82, 92, 102, 112, 122, 132, 142]);
  });

  it('an unknown product has no stock: its UPDATE matches no row', () => {
    const { sim, db, place } = setup();
    const o = place('o-1', 'ipad');
    sim.run();
    expect(o.result).toEqual(ok('sold-out'));
    expect(db.orderCount()).toBe(0);
  });

  it('a crash mid-transaction commits nothing: the server never answers, the client hears its connection reset', () => {
    const { sim, db, pool, records, place } = setup();
    const direct = db.placeOrder('o-direct', 'iphone');
    const viaClient = place('o-1');
    // o-1 reaches the server at 1 ms: INSERT until 11, UPDATE until 21, COMMIT until 31. Crash during the UPDATE.
    sim.at(ms(15), () => db.crash());
    sim.run();
    expect(viaClient).toEqual({ result: err('connection terminated'), atMs: 16 });
    expect(direct.triggered).toBe(false);
    expect(db.up).toBe(false);
    expect(db.orderCount()).toBe(0);
    expect(db.hasOrder('o-1') || db.hasOrder('o-direct')).toBe(false);
    expect(db.stock('iphone')).toBe(10);
    expect(db.openTransactions).toBe(0);
    expect(pool.inUse).toBe(0);
    expect(records.filter((r) => r.source === 'orders-db').map((r) => [r.kind, r.data?.['rolledBack']])).toEqual([['crash', 2]]);
  });

  it('without the reset (the network dropped it) a crash mid-transaction ends in the client\'s query timeout', () => {
    const { sim, db, net, place } = setup({ statementTimeoutMs: 500 });
    const o = place('o-1');
    sim.at(ms(15), () => { net.isolate('orders-db'); db.crash(); });
    sim.run();
    expect(o).toEqual({ result: err('query timeout'), atMs: 500 });
    expect(db.orderCount()).toBe(0);
  });

  it('while the server is down the client gets ECONNREFUSED after one round trip; after restart orders go through and committed rows survived', () => {
    const { sim, db, records, place } = setup();
    const before = place('o-0');
    sim.run();
    expect(before.result).toEqual(ok('inserted'));
    sim.faults.inject({ at: sim.now, target: 'orders-db', kind: 'crash', params: { restartAfterMs: 500 } });
    const start = sim.now / 1000;
    const refused = place('o-1');
    sim.run(sim.now + ms(100));
    expect(refused).toEqual({ result: err('ECONNREFUSED'), atMs: start + 2 });
    expect(db.up).toBe(false);
    sim.run(ms(start + 500));
    expect(db.up).toBe(true);
    const after = place('o-1');
    sim.run();
    expect(after.result).toEqual(ok('inserted'));
    expect(db.orders().map((r) => r.orderId)).toEqual(['o-0', 'o-1']);
    expect(db.stock('iphone')).toBe(8);
    expect(records.filter((r) => r.source === 'orders-db').map((r) => [r.kind, r.t / 1000]))
      .toEqual([['crash', start], ['restart', start + 500]]);
  });

  it('the restart fault on a running server resets open transactions and keeps serving', () => {
    const { sim, db, place } = setup();
    const o = place('o-1');
    sim.at(ms(5), () => sim.faults.inject({ at: sim.now, target: 'orders-db', kind: 'restart' }));
    sim.run();
    expect(o.result).toEqual(err('connection terminated'));
    expect(db.up).toBe(true);
    expect(db.orderCount()).toBe(0);
  });

  it('query timeout: the outcome is unknown; a close that reaches the server before COMMIT rolls back, one after it does not', () => {
    const { sim, db, place } = setup({ statementTimeoutMs: 45 });
    // All three queue on the iphone row. o-1 commits at 31; o-2 updates 31..41, COMMIT 41..51; o-3 updates 51..61.
    const [o1, o2, o3] = ['o-1', 'o-2', 'o-3'].map((id) => place(id));
    sim.run();
    expect(o1!.result).toEqual(ok('inserted'));
    expect(o2).toEqual({ result: err('query timeout'), atMs: 45 });
    expect(o3).toEqual({ result: err('query timeout'), atMs: 45 });
    // The closes arrive at 46: o-2 was already committing, o-3 sees the close after its UPDATE and rolls back.
    expect(db.orders().map((r) => r.orderId)).toEqual(['o-1', 'o-2']);
    expect(db.stock('iphone')).toBe(8);
    expect(db.rolledBack).toBe(1);
    // The worker's retry: o-2 is already there, o-3 goes in.
    const r2 = place('o-2');
    const r3 = place('o-3');
    sim.run();
    expect([r2.result, r3.result]).toEqual([ok('duplicate'), ok('inserted')]);
    expect(db.stock('iphone')).toBe(7);
  });

  it('pool exhaustion with max = 2 and slow queries: the rest fail with pg-pool\'s timeout, the pool is released in every path', () => {
    const { sim, pool, records, place } = setup({ queryMs: 50, poolMax: 2, acquireTimeoutMs: 100, stock: { a: 5, b: 5 } });
    const outs = Array.from({ length: 10 }, (_, i) => place(`o-${i}`, i % 2 === 0 ? 'a' : 'b'));
    sim.run();
    expect(outs.slice(0, 2)).toEqual([{ result: ok('inserted'), atMs: 152 }, { result: ok('inserted'), atMs: 152 }]);
    for (const o of outs.slice(2)) expect(o).toEqual({ result: err('timeout exceeded when trying to connect'), atMs: 100 });
    expect([pool.peakInUse, pool.peakWaiting, pool.timeouts, pool.inUse, pool.waiting]).toEqual([2, 8, 8, 0, 0]);
    expect(records.filter((r) => r.source === 'pool-0').map((r) => [r.kind, r.t / 1000])).toEqual([['exhausted', 100], ['recovered', 152]]);
  });

  it('dropConnections (the worker died): pending results fail, the pool is free at once, the server rolls back what had not committed', () => {
    const { sim, db, pool, client, place } = setup({ poolMax: 1 });
    const running = place('o-1');
    const queued = place('o-2');
    sim.at(ms(15), () => client.dropConnections());
    sim.run(ms(15));
    expect(running).toEqual({ result: err('client closed'), atMs: 15 });
    expect(queued).toEqual({ result: err('client closed'), atMs: 15 });
    expect([pool.inUse, pool.waiting, client.pending]).toEqual([0, 0, 0]);
    sim.run();
    // The close reached the server at 16, before o-1's COMMIT (21): rolled back.
    expect(db.orderCount()).toBe(0);
    expect(db.stock('iphone')).toBe(10);
    // The restarted worker uses the same client.
    const retry = place('o-1');
    sim.run();
    expect(retry.result).toEqual(ok('inserted'));
  });

  it('rejects a bad configuration', () => {
    const sim = new Simulation({ seed: 1 });
    const net = new Network(sim);
    expect(() => new OrdersDb(sim, net, 'db', { queryMs: -1, initialStock: {} })).toThrow(/queryMs/);
    expect(() => new OrdersDb(sim, net, 'db', { queryMs: 1, initialStock: { x: 1.5 } })).toThrow(/stock/);
    const db = new OrdersDb(sim, net, 'db2', { queryMs: 1, initialStock: {} });
    const pool = new ConnectionPool(sim, 'p', { max: 1, acquireTimeoutMs: 0 });
    expect(() => new DbClient(sim, net, 'w', db, pool, { statementTimeoutMs: 0 })).toThrow(/statementTimeoutMs/);
  });

  it('is deterministic: the same seed gives the same trace digest', () => {
    const digest = (seed: number) => {
      const { sim, db, place } = setup({ seed, querySigma: 0.5, randomLatency: true, stock: { iphone: 20 }, poolMax: 3, acquireTimeoutMs: 30 });
      for (let i = 0; i < 40; i++) sim.at(ms(i * 2), () => place(`o-${i % 30}`));
      sim.at(ms(40), () => db.crash(20));
      sim.run();
      return sim.trace.digestHex;
    };
    expect(digest(7)).toBe(digest(7));
    expect(digest(7)).not.toBe(digest(8));
  });

  it('property: under random load, crashes and timeouts, stock is conserved and never negative, ids are unique, answers agree with the tables', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.integer({ min: 0, max: 15 }),
      fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 8 }), id: fc.integer({ min: 0, max: 25 }), product: fc.constantFrom('a', 'b', 'z') }), { minLength: 1, maxLength: 60 }),
      fc.option(fc.record({ atMs: fc.integer({ min: 0, max: 300 }), forMs: fc.integer({ min: 0, max: 200 }) })),
      fc.integer({ min: 20, max: 400 }),
      (seed, stock, orders, crash, statementTimeoutMs) => {
        const { sim, db, place } = setup({ seed, querySigma: 0.5, randomLatency: true, queryMs: 5, stock: { a: stock, b: 3 }, poolMax: 3, acquireTimeoutMs: 50, statementTimeoutMs });
        const outs: { id: string; out: ReturnType<typeof place> }[] = [];
        let t = 0;
        for (const o of orders) {
          t += o.gapMs;
          const id = `o-${o.id}`;
          sim.at(ms(t), () => outs.push({ id, out: place(id, o.product) }));
        }
        if (crash !== null) sim.at(ms(crash.atMs), () => db.crash(crash.forMs));
        sim.run();
        const rows = db.orders();
        expect(new Set(rows.map((r) => r.orderId)).size).toBe(rows.length);
        for (const [p, initial] of [['a', stock], ['b', 3], ['z', 0]] as const) {
          expect(db.stock(p)).toBeGreaterThanOrEqual(0);
          expect(db.stock(p) + rows.filter((r) => r.productId === p).length).toBe(initial);
        }
        const insertedIds = outs.filter((o) => o.out.result?.ok && o.out.result.outcome === 'inserted').map((o) => o.id);
        expect(new Set(insertedIds).size).toBe(insertedIds.length);
        for (const { id, out } of outs) {
          expect(out.result).toBeDefined(); // every call answers
          if (out.result!.ok && out.result!.outcome !== 'sold-out') expect(db.hasOrder(id)).toBe(true);
        }
        expect(db.openTransactions).toBe(0);
      },
    ), { numRuns: 150 });
  });
});
