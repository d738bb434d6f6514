import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation, wait, type ProcessGenerator, type TraceRecord } from '../../src/kernel/index.js';
import {
  fromSeedPoolYaml, QueuePool, queuePoolTimeoutMessage, SEED_001_POOL_YAML, SERVER_CLOSED_ERROR, SQLALCHEMY_POOL_DEFAULTS,
  type PooledConnection, type QueuePoolOptions,
} from '../../models/pool/queue-pool.js';

function setup(options: Partial<QueuePoolOptions>) {
  const sim = new Simulation({ seed: 1 });
  const pool = new QueuePool(sim, 'db', { connectMs: 5, pingMs: 1, ...options });
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => records.push(rec) });
  const log: string[] = [];
  const held = new Map<string, PooledConnection>();
  const take = (label: string) => pool.checkout(
    (conn, l) => { held.set(l, conn); log.push(`${sim.now / 1000} ${l} got #${conn.id}`); },
    (err, l) => log.push(`${sim.now / 1000} ${l} failed: ${err}`),
    label,
  );
  const give = (label: string) => { pool.checkin(held.get(label)!); held.delete(label); };
  return { sim, pool, records, log, take, give, held };
}

describe('QueuePool: SQLAlchemy names, defaults and messages', () => {
  it('defaults are create_engine\'s: pool_size 5, max_overflow 10, pool_timeout 30 s, pool_recycle -1, pre_ping off', () => {
    expect(SQLALCHEMY_POOL_DEFAULTS).toEqual({ poolSize: 5, maxOverflow: 10, timeoutMs: 30_000, recycleMs: -1, prePing: false, useLifo: false });
    const { pool } = setup({});
    expect([pool.poolSize, pool.maxOverflow, pool.maxConnections, pool.timeoutMs, pool.recycleMs, pool.prePing]).toEqual([5, 10, 15, 30_000, -1, false]);
  });

  it('the TimeoutError text is QueuePool._do_get\'s, with the timeout in seconds to two places', () => {
    expect(queuePoolTimeoutMessage(5, 10, 30_000)).toBe('QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00');
    expect(queuePoolTimeoutMessage(1, 0, 100)).toBe('QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.10');
  });

  it('seed 001\'s YAML: min_size read as pool_size 5, max_size 20 has no counterpart (the cap is 15), the rest maps by name', () => {
    const { settings, notes } = fromSeedPoolYaml(SEED_001_POOL_YAML);
    expect(settings).toEqual({ poolSize: 5, maxOverflow: 10, timeoutMs: 30_000, recycleMs: 3_600_000, prePing: true });
    expect(notes).toEqual([
      'min_size and max_size: not SQLAlchemy parameters (create_engine raises TypeError "Invalid argument(s) \'min_size\',\'max_size\' sent to create_engine()")',
      'min_size 5 read as pool_size 5: kept open once opened; the pool starts empty and opens none ahead',
      'max_size 20 has no counterpart: at most pool_size + max_overflow = 5 + 10 = 15 connections (max_overflow 15 would give 20)',
    ]);
    expect(fromSeedPoolYaml({ timeout: 2 })).toEqual({ settings: { poolSize: 5, maxOverflow: 10, timeoutMs: 2000, recycleMs: -1, prePing: false }, notes: [] });
  });

  it('refuses options SQLAlchemy would not run with here', () => {
    const sim = new Simulation({ seed: 1 });
    expect(() => new QueuePool(sim, 'p', { poolSize: 0, connectMs: 1, pingMs: 1 })).toThrow(/poolSize must be an integer >= 1/);
    expect(() => new QueuePool(sim, 'p', { maxOverflow: -2, connectMs: 1, pingMs: 1 })).toThrow(/maxOverflow/);
    expect(() => new QueuePool(sim, 'p', { connectMs: -1, pingMs: 1 })).toThrow(/connectMs/);
  });
});

describe('QueuePool: a hand-worked timeline', () => {
  it('opens lazily up to pool_size + max_overflow, hands returns to waiters FIFO, keeps pool_size idle and closes the overflow', () => {
    const { sim, pool, log, take, give } = setup({ poolSize: 2, maxOverflow: 1, timeoutMs: 100 });
    take('c1'); take('c2'); take('c3'); // three connects of 5 ms each, all at once
    take('c4'); // the cap is 3: waits
    expect([pool.size, pool.inUse, pool.waiting]).toEqual([3, 3, 1]);
    sim.at(ms(50), () => take('c5'));
    sim.at(ms(20), () => give('c1')); // goes straight to c4, no reconnect
    sim.at(ms(30), () => give('c2')); // to c5? c5 arrives at 50: at 30 nobody waits, so #2 goes idle
    sim.at(ms(40), () => give('c3'));
    sim.at(ms(60), () => give('c4'));
    sim.at(ms(70), () => give('c5'));
    sim.run();
    expect(log).toEqual(['5 c1 got #1', '5 c2 got #2', '5 c3 got #3', '20 c4 got #1', '50 c5 got #2']);
    // c4 back at 60 (idle: 1 < 2), c5 back at 70 with 2 idle already: closed, the overflow shrinks.
    expect([pool.size, pool.idleCount, pool.overflowClosed, pool.overflow]).toEqual([2, 2, 1, 0]);
    expect([pool.checkouts, pool.connectsOpened, pool.timeouts, pool.waited, pool.waitTotalUs, pool.peakWaiting]).toEqual([5, 3, 0, 1, ms(20), 1]);
    // Acquisition: three 5 ms connects, c4 20 ms in line, c5 none (idle connection).
    expect([pool.acquireTotalUs, pool.acquireMaxUs]).toEqual([ms(35), ms(20)]);
  });

  it('times out a waiter after exactly pool_timeout with SQLAlchemy\'s text; the exhaustion episode is ConnectionPool\'s', () => {
    const { sim, pool, log, take, give, records } = setup({ poolSize: 1, maxOverflow: 0, timeoutMs: 100, connectMs: 0 });
    take('a');
    take('b');
    sim.run(ms(100) - 1);
    expect(log).toEqual(['0 a got #1']);
    sim.at(ms(150), () => give('a'));
    sim.run();
    expect(log[1]).toBe('100 b failed: QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.10');
    expect(pool.timeouts).toBe(1);
    expect(records.filter((r) => !r.kind.startsWith('utilisation')).map((r) => [r.t / 1000, r.kind, r.data])).toEqual([
      [100, 'exhausted', { max: 1, waiting: 0 }],
      [150, 'recovered', { timeouts: 1, afterMs: 50 }],
    ]);
    // One connection of one in use is 100 %: the alert opened at 0 and closed 1 s after the checkin at 150.
    expect(records.filter((r) => r.kind.startsWith('utilisation')).map((r) => [r.t / 1000, r.kind])).toEqual([[0, 'utilisation-high'], [1150, 'utilisation-normal']]);
  });

  it('pool_timeout 0 fails at once (Queue.get raises Empty immediately)', () => {
    const { log, take } = setup({ poolSize: 1, maxOverflow: 0, timeoutMs: 0, connectMs: 0 });
    take('a');
    take('b');
    expect(log).toEqual(['0 a got #1', '0 b failed: QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.00']);
  });

  it('recycle: a connection older than pool_recycle (strictly) is closed and reopened on checkout, never while idle', () => {
    const { sim, pool, log, take, give } = setup({ poolSize: 1, maxOverflow: 0, recycleMs: 1000, connectMs: 5 });
    take('a'); // opened at 0, ready at 5
    sim.at(ms(10), () => give('a'));
    sim.at(ms(1000), () => take('b')); // age 1000: not > 1000, reused as is
    sim.at(ms(1001), () => give('b'));
    sim.at(ms(1001), () => take('c')); // age 1001 > 1000: recycled
    sim.run();
    expect(log).toEqual(['5 a got #1', '1000 b got #1', '1006 c got #1']);
    expect([pool.recycled, pool.connectsOpened, pool.reconnects]).toEqual([1, 2, 0]);
  });

  it('LIFO (pool_use_lifo) hands out the most recently returned connection', () => {
    const { sim, log, take, give } = setup({ poolSize: 2, maxOverflow: 0, connectMs: 0, useLifo: true });
    take('a'); take('b');
    give('a'); give('b');
    take('c');
    sim.run();
    expect(log.at(-1)).toBe('0 c got #2');
  });
});

/**
 * The seed's pre_ping contrast after a database restart: 5 connections open
 * and idle, the server restarts, then traffic resumes. Each request checks
 * out, runs one statement whose answer comes 2 ms later, and checks in.
 */
function afterRestart(options: Partial<QueuePoolOptions>, burst: boolean) {
  const env = setup({ poolSize: 5, maxOverflow: 10, connectMs: 5, pingMs: 1, ...options });
  const { sim, pool } = env;
  const errors: string[] = [];
  const request = () => pool.checkout((conn) => {
    sim.schedule(ms(2), () => {
      const err = pool.query(conn);
      if (err !== null) errors.push(err);
      pool.checkin(conn);
    });
  }, (e) => errors.push(e), null);
  for (let i = 0; i < 5; i++) request(); // warm-up: opens 5
  sim.at(sec(1), () => pool.serverRestarted());
  for (let i = 0; i < 5; i++) sim.at(burst ? sec(2) : sec(2) + ms(10 * i), request);
  sim.run();
  return { pool, errors, records: env.records };
}

describe('QueuePool: pre_ping after a database restart', () => {
  it('without pre_ping, a burst gets every idle connection dead: 5 handed out dead, 5 failed statements', () => {
    const { pool, errors, records } = afterRestart({ prePing: false }, true);
    expect([pool.deadHandedOut, pool.queryFailures, errors.length]).toEqual([5, 5, 5]);
    expect(errors.every((e) => e === SERVER_CLOSED_ERROR)).toBe(true);
    expect(records.filter((r) => r.kind === 'connections-lost').map((r) => r.data)).toEqual([{ open: 5, idle: 5 }]);
  });

  it('with pre_ping, the same burst: zero failures and 5 reconnects, each checkout paying one ping and one connect', () => {
    const { pool, errors } = afterRestart({ prePing: true }, true);
    expect([pool.deadHandedOut, pool.queryFailures, errors.length]).toEqual([0, 0, 0]);
    expect([pool.pings, pool.pingFailures, pool.reconnects]).toEqual([5, 5, 5]);
    expect(pool.acquireMaxUs).toBe(ms(1 + 5));
  });

  it('with pre_ping, one at a time: the first ping fails and invalidates the pool; the other 4 reconnect without a ping', () => {
    const { pool, errors } = afterRestart({ prePing: true }, false);
    expect([pool.queryFailures, errors.length, pool.pings, pool.pingFailures, pool.reconnects]).toEqual([0, 0, 1, 1, 5]);
  });

  it('without pre_ping, one at a time, as the Engine runs it: the first statement fails and invalidates the rest, so only 1 error', () => {
    const { pool, errors } = afterRestart({ prePing: false }, false);
    expect([pool.deadHandedOut, pool.queryFailures, errors.length, pool.reconnects]).toEqual([1, 1, 1, 4]);
  });

  it('without pre_ping and without the Engine\'s pool invalidation (a bare pool), one at a time: all 5 fail', () => {
    const { pool, errors } = afterRestart({ prePing: false, invalidatePoolOnDisconnect: false }, false);
    expect([pool.deadHandedOut, pool.queryFailures, errors.length]).toEqual([5, 5, 5]);
  });
});

describe('QueuePool: the seed\'s "> 80% utilised" alert', () => {
  it('opens above 12 of 15 (13 in use), not at 12, and closes once at or below it for the clear period', () => {
    const { sim, records, take, give, pool } = setup({ connectMs: 0, alertClearMs: 1000 });
    for (let i = 0; i < 12; i++) take(`c${i}`);
    expect(records).toEqual([]); // exactly 80 %: not above
    sim.at(ms(100), () => take('c12'));
    // Hovering at the threshold: down and up within the clear period is one episode.
    sim.at(ms(200), () => give('c12'));
    sim.at(ms(700), () => take('c13'));
    sim.at(ms(800), () => give('c13'));
    sim.run();
    expect(records.map((r) => [r.t / 1000, r.kind, r.data])).toEqual([
      [100, 'utilisation-high', { inUse: 13, max: 15, percent: 80 }],
      [1800, 'utilisation-normal', { peakInUse: 13, lastedMs: 700 }],
    ]);
    expect(pool.inUseGauge.max).toBe(13);
    expect(pool.utilisation).toBeCloseTo(12 / 15);
  });
});

describe('QueuePool: generator processes', () => {
  it('checkoutEvent is processed at once for a ready idle connection and fires after the connect otherwise', () => {
    const { sim, pool } = setup({ poolSize: 1, maxOverflow: 0, connectMs: 5 });
    const seen: string[] = [];
    function* user(name: string): ProcessGenerator<void> {
      const got = yield* wait(pool.checkoutEvent());
      if (!got.ok) { seen.push(`${sim.now / 1000} ${name} ${got.error}`); return; }
      seen.push(`${sim.now / 1000} ${name} #${got.conn.id}`);
      yield sim.sleep(ms(10));
      pool.checkin(got.conn);
    }
    sim.process(user('a'));
    sim.run();
    const again = pool.checkoutEvent();
    expect(again.processed && again.value?.ok).toBe(true);
    expect(seen).toEqual(['5 a #1']);
  });

  it('a double checkin or a foreign connection is a model error', () => {
    const { pool, take, held } = setup({ connectMs: 0 });
    take('a');
    const conn = held.get('a')!;
    pool.checkin(conn);
    expect(() => pool.checkin(conn)).toThrow(/not checked out/);
    const other = setup({ connectMs: 0 });
    other.take('x');
    expect(() => pool.checkin(other.held.get('x')!)).toThrow(/another pool/);
  });
});

describe('QueuePool: properties', () => {
  const scenario = fc.record({
    poolSize: fc.integer({ min: 1, max: 4 }),
    maxOverflow: fc.integer({ min: 0, max: 3 }),
    timeoutMs: fc.integer({ min: 0, max: 50 }),
    prePing: fc.boolean(),
    useLifo: fc.boolean(),
    restarts: fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 3 }),
    reqs: fc.array(fc.record({ at: fc.integer({ min: 0, max: 200 }), hold: fc.integer({ min: 0, max: 30 }) }), { minLength: 1, maxLength: 40 }),
  });

  it('cap and idle bound hold, each checkout settles once, waiters are served in order, and pre-ping never hands out a dead connection', () => {
    fc.assert(fc.property(scenario, ({ poolSize, maxOverflow, timeoutMs, prePing, useLifo, restarts, reqs }) => {
      const sim = new Simulation({ seed: 5 });
      const pool = new QueuePool(sim, 'p', { poolSize, maxOverflow, timeoutMs, prePing, useLifo, connectMs: 3, pingMs: 1 });
      const outcomes = reqs.map(() => 0);
      const waitedOrder: number[] = [], servedFromLine: number[] = [];
      const check = () => {
        expect(pool.size).toBeLessThanOrEqual(poolSize + maxOverflow);
        expect(pool.idleCount).toBeLessThanOrEqual(poolSize);
        if (pool.waiting > 0) expect(pool.size).toBe(poolSize + maxOverflow);
      };
      restarts.forEach((t) => sim.at(ms(t), () => pool.serverRestarted()));
      reqs.forEach((r, i) => sim.at(ms(r.at), () => {
        const before = pool.waiting;
        pool.checkout((conn, k) => {
          outcomes[k]!++;
          if (waitedOrder.includes(k)) servedFromLine.push(k);
          // The statement goes out at once: it fails exactly when the connection was handed out dead.
          pool.query(conn);
          sim.schedule(ms(reqs[k]!.hold), () => { pool.checkin(conn); check(); });
        }, (_e, k) => { outcomes[k]!++; }, i);
        if (pool.waiting > before) waitedOrder.push(i);
        check();
      }));
      sim.run();
      expect(outcomes.every((n) => n === 1)).toBe(true);
      expect(pool.checkouts + pool.timeouts).toBe(reqs.length);
      expect(servedFromLine).toEqual(waitedOrder.filter((k) => servedFromLine.includes(k)));
      expect(pool.queryFailures).toBe(pool.deadHandedOut);
      if (prePing) expect(pool.deadHandedOut).toBe(0);
      expect([pool.inUse, pool.waiting]).toEqual([0, 0]);
    }), { numRuns: 100 });
  });
});
