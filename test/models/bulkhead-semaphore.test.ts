import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, Simulation, wait, type ProcessGenerator, type TraceRecord } from '../../src/kernel/index.js';
import { bulkheadFullMessage, semaphoreAdmission, SEMAPHORE_DEFAULTS } from '../../models/bulkhead/admission.js';
import { SemaphoreBulkhead, type SemaphoreBulkheadOptions } from '../../models/bulkhead/semaphore-bulkhead.js';

function setup(options: SemaphoreBulkheadOptions, name = 'test') {
  const sim = new Simulation({ seed: 1 });
  const bh = new SemaphoreBulkhead(sim, name, options);
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => records.push(rec) });
  const log: string[] = [];
  const ask = (label: string) => bh.acquire(
    (l) => log.push(`${sim.now / 1000} in ${l}`),
    (err, l) => log.push(`${sim.now / 1000} out ${l}: ${err}`),
    label,
  );
  return { sim, bh, records, log, ask };
}

describe('semaphore bulkhead: admission as a pure function', () => {
  it('grants only with a free permit and nobody queued (fair semaphore), else waits or rejects by maxWait', () => {
    expect(semaphoreAdmission(0, 0, 2, 0)).toBe('grant');
    expect(semaphoreAdmission(1, 0, 2, 0)).toBe('grant');
    expect(semaphoreAdmission(2, 0, 2, 0)).toBe('reject');
    expect(semaphoreAdmission(2, 0, 2, 10)).toBe('wait');
    // A free permit with someone already queued: a fair semaphore queues the newcomer behind.
    expect(semaphoreAdmission(1, 1, 2, 10)).toBe('wait');
    expect(semaphoreAdmission(0, 0, 0, 0)).toBe('reject');
  });
});

describe('semaphore bulkhead: resilience4j test vectors', () => {
  it('SemaphoreBulkheadTest.testCreateWithDefaults: 25 calls, no wait, fair', () => {
    const { bh } = setup({});
    expect([bh.maxConcurrentCalls, bh.maxWaitMs]).toEqual([25, 0]);
    expect(SEMAPHORE_DEFAULTS).toEqual({ maxConcurrentCalls: 25, maxWaitMs: 0, fairCallHandlingEnabled: true });
  });

  it('SemaphoreBulkheadTest.shouldHandleBasicBulkheadOperationsInBothThreadModes: permit, permit, reject, finish, finish, permit', () => {
    const { bh, log, ask } = setup({ maxConcurrentCalls: 2, maxWaitMs: 0 });
    ask('1');
    ask('2');
    expect(bh.available).toBe(0);
    ask('3');
    bh.release();
    expect(bh.available).toBe(1);
    bh.release();
    expect(bh.available).toBe(2);
    ask('4');
    expect(log).toEqual(['0 in 1', '0 in 2', "0 out 3: Bulkhead 'test' is full and does not permit further calls", '0 in 4']);
    // The event sequence CALL_PERMITTED x2, CALL_REJECTED, CALL_FINISHED x2, CALL_PERMITTED as counts.
    expect([bh.permitted, bh.rejected, bh.inUse]).toEqual([3, 1, 1]);
  });

  it('SemaphoreBulkheadTest.testZeroMaxConcurrentCalls: 0 permits rejects the first call', () => {
    const { log, ask } = setup({ maxConcurrentCalls: 0, maxWaitMs: 0 });
    ask('1');
    expect(log).toEqual(["0 out 1: Bulkhead 'test' is full and does not permit further calls"]);
  });

  it('SemaphoreBulkheadTest.testEntryTimeout: one permit, 10 ms wait, the second caller is turned away at exactly 10 ms', () => {
    const { sim, log, ask } = setup({ maxConcurrentCalls: 1, maxWaitMs: 10 });
    ask('1');
    ask('2');
    sim.run(ms(10) - 1);
    expect(log).toEqual(['0 in 1']);
    sim.run();
    expect(log).toEqual(['0 in 1', "10 out 2: Bulkhead 'test' is full and does not permit further calls"]);
  });

  it('SemaphoreBulkheadTest.shouldHandleTimeoutBehaviorConsistentlyInBothThreadModes: a 50 ms wait lasts 50 ms (the test allows 50-65)', () => {
    const { sim, bh, ask } = setup({ maxConcurrentCalls: 1, maxWaitMs: 50 });
    ask('holder');
    ask('waiter');
    sim.run();
    expect([bh.rejected, bh.waited, bh.waitTotalUs, bh.waitMaxUs]).toEqual([1, 1, ms(50), ms(50)]);
  });

  it('BulkheadTest.shouldReturnFailureWithBulkheadFullException: the exception names the bulkhead', () => {
    const { log, ask } = setup({ maxConcurrentCalls: 2 }, 'test');
    ask('a');
    ask('b');
    ask('c');
    expect(log[2]).toBe("0 out c: Bulkhead 'test' is full and does not permit further calls");
    expect(bulkheadFullMessage('users')).toBe("Bulkhead 'users' is full and does not permit further calls");
  });

  it('BulkheadConfigTest.testBuildWithIllegalMaxConcurrent / testBuildWithIllegalMaxWait: negative values are refused', () => {
    const sim = new Simulation({ seed: 1 });
    expect(() => new SemaphoreBulkhead(sim, 'x', { maxConcurrentCalls: -1 })).toThrow(/maxConcurrentCalls must be an integer value >= 0/);
    expect(() => new SemaphoreBulkhead(sim, 'x', { maxWaitMs: -1 })).toThrow(/maxWaitMs must be >= 0/);
    expect(new SemaphoreBulkhead(sim, 'x', { maxConcurrentCalls: 0 }).maxConcurrentCalls).toBe(0); // testBuildWithZeroMaxCurrentCalls
  });
});

describe('semaphore bulkhead: a hand-worked timeline', () => {
  it('two permits, 100 ms wait: FIFO hand-over on release, a timeout at arrival + 100 ms, exact counters', () => {
    const { sim, bh, log, ask } = setup({ maxConcurrentCalls: 2, maxWaitMs: 100 });
    ask('A');
    ask('B');
    sim.at(ms(10), () => ask('C'));
    sim.at(ms(20), () => ask('D'));
    sim.at(ms(50), () => { bh.release(); ask('E'); }); // A leaves; its permit goes to C; E, arriving at once, queues behind D
    sim.at(ms(130), () => bh.release()); // B leaves after D gave up: E gets it
    sim.run();
    expect(log).toEqual([
      '0 in A', '0 in B', '50 in C',
      "120 out D: Bulkhead 'test' is full and does not permit further calls",
      '130 in E',
    ]);
    expect([bh.permitted, bh.rejected, bh.peakConcurrent, bh.peakWaiting, bh.inUse, bh.waiting]).toEqual([4, 1, 2, 2, 2, 0]);
    // Waits: C 40 ms, D 100 ms (gave up), E 80 ms.
    expect([bh.waited, bh.waitTotalUs, bh.waitMaxUs]).toEqual([3, ms(220), ms(100)]);
  });

  it('a release without a permit is a model error, not a silent negative count', () => {
    const { bh } = setup({ maxConcurrentCalls: 1 });
    expect(() => bh.release()).toThrow(/release\(\) without a permit/);
  });

  it('withdraw takes a waiter out of the line; the permit goes to the next one', () => {
    const { sim, bh, log, ask } = setup({ maxConcurrentCalls: 1, maxWaitMs: 1000 });
    ask('A');
    ask('B');
    ask('C');
    expect(bh.withdraw('B')).toBe(true);
    expect(bh.withdraw('B')).toBe(false);
    sim.at(ms(5), () => bh.release());
    sim.run();
    expect(log).toEqual(['0 in A', '5 in C']);
    expect(bh.waiting).toBe(0);
  });
});

describe('semaphore bulkhead: generator processes', () => {
  it('acquireEvent is already processed when decided at once, and fires later after a wait', () => {
    const { sim, bh } = setup({ maxConcurrentCalls: 1, maxWaitMs: 30 });
    const first = bh.acquireEvent();
    expect(first.processed).toBe(true);
    expect(first.value).toEqual({ ok: true });
    const seen: string[] = [];
    function* user(name: string): ProcessGenerator<void> {
      const got = yield* wait(bh.acquireEvent());
      seen.push(`${sim.now / 1000} ${name} ${got.ok ? 'in' : got.error}`);
      if (got.ok) { yield sim.sleep(ms(10)); bh.release(); }
    }
    sim.process(user('p'));
    sim.process(user('q'));
    sim.at(ms(20), () => bh.release());
    sim.run();
    expect(seen).toEqual(['20 p in', "30 q Bulkhead 'test' is full and does not permit further calls"]);
  });
});

describe('semaphore bulkhead: trace episodes', () => {
  it('one full record per episode, counts at 10, 100, and recovered after the quiet period', () => {
    const { sim, records, ask } = setup({ maxConcurrentCalls: 1, episodeQuietMs: 1000 }, 'bh');
    ask('holder');
    for (let i = 0; i < 120; i++) sim.at(ms(i), () => ask(`r${i}`));
    sim.at(ms(5000), () => ask('late'));
    sim.run();
    const own = records.filter((r) => r.source === 'bh').map((r) => [r.t / 1000, r.kind, r.data]);
    expect(own).toEqual([
      [0, 'full', { max: 1, inUse: 1, waiting: 0 }],
      [9, 'rejected', { count: 10 }],
      [99, 'rejected', { count: 100 }],
      [1119, 'recovered', { rejected: 120, lastedMs: 119 }],
      [5000, 'full', { max: 1, inUse: 1, waiting: 0 }],
      [6000, 'recovered', { rejected: 1, lastedMs: 0 }],
    ]);
  });
});

describe('semaphore bulkhead: properties', () => {
  const scenario = fc.record({
    max: fc.integer({ min: 1, max: 4 }),
    waitMs: fc.integer({ min: 0, max: 30 }),
    calls: fc.array(fc.record({ at: fc.integer({ min: 0, max: 100 }), hold: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 40 }),
  });

  it('never more than max inside, every call in or out exactly once, and no caller overtakes an earlier one still waiting', () => {
    fc.assert(fc.property(scenario, ({ max, waitMs, calls }) => {
      const sim = new Simulation({ seed: 7 });
      const bh = new SemaphoreBulkhead(sim, 'p', { maxConcurrentCalls: max, maxWaitMs: waitMs });
      const outcomes = calls.map(() => 0);
      const arrived: number[] = []; // arrival order
      const settled = new Set<number>();
      const decide = (i: number) => {
        outcomes[i]!++;
        // Everyone who arrived before i is already settled: FIFO, nobody overtaken.
        for (const j of arrived) { if (j === i) break; expect(settled.has(j)).toBe(true); }
        settled.add(i);
      };
      calls.forEach((c, i) => sim.at(ms(c.at), () => {
        arrived.push(i);
        bh.acquire((k) => {
          decide(k);
          expect(bh.inUse).toBeLessThanOrEqual(max);
          sim.schedule(ms(calls[k]!.hold), () => bh.release());
        }, (_e, k) => decide(k), i);
      }));
      sim.run();
      expect(outcomes.every((n) => n === 1)).toBe(true);
      expect(bh.permitted + bh.rejected).toBe(calls.length);
      expect([bh.inUse, bh.waiting]).toEqual([0, 0]);
      expect(bh.peakConcurrent).toBeLessThanOrEqual(max);
      if (waitMs === 0) expect(bh.waited).toBe(0);
    }), { numRuns: 100 });
  });
});
