import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, Simulation, wait, type ProcessGenerator, type TraceRecord } from '../../src/kernel/index.js';
import { idleIsTimed, retiresAfterKeepAlive, threadPoolAdmission, threadPoolDefaults } from '../../models/bulkhead/admission.js';
import { ThreadPoolBulkhead, type ThreadPoolBulkheadOptions } from '../../models/bulkhead/thread-pool-bulkhead.js';

const FULL = "Bulkhead 'test' is full and does not permit further calls";

/** A bulkhead and a `run(label, holdMs)` that submits a task holding its thread for holdMs. */
function setup(options: ThreadPoolBulkheadOptions) {
  const sim = new Simulation({ seed: 1 });
  const bh = new ThreadPoolBulkhead(sim, 'test', options);
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => records.push(rec) });
  const log: string[] = [];
  const run = (label: string, holdMs: number) => bh.submit(
    (l) => { log.push(`${sim.now / 1000} start ${l}`); sim.schedule(ms(holdMs), () => { log.push(`${sim.now / 1000} done ${l}`); bh.done(); }); },
    (err, l) => log.push(`${sim.now / 1000} rejected ${l}: ${err}`),
    label,
  );
  return { sim, bh, log, run, records };
}

describe('ThreadPoolExecutor admission as a pure function', () => {
  const limits = { coreThreadPoolSize: 2, maxThreadPoolSize: 4, queueCapacity: 3 };
  it.each([
    // threads, idle, queued -> decision
    [0, 0, 0, 'new-thread'], // below core: a new thread
    [1, 1, 0, 'new-thread'], // below core even with an idle thread: still a new thread (execute step 1)
    [2, 1, 0, 'idle-thread'], // at core, an idle thread takes the offered task
    [2, 0, 0, 'enqueue'],
    [2, 0, 2, 'enqueue'],
    [2, 0, 3, 'new-thread'], // queue full: grow past core
    [3, 0, 3, 'new-thread'],
    [4, 0, 3, 'reject'], // max threads and a full queue: AbortPolicy
  ] as const)('threads %i, idle %i, queued %i -> %s', (threads, idle, queued, decision) => {
    expect(threadPoolAdmission(threads, idle, queued, limits)).toBe(decision);
  });

  it('queueCapacity 0 (SynchronousQueue): an offer succeeds only into an idle thread', () => {
    const sync = { coreThreadPoolSize: 1, maxThreadPoolSize: 2, queueCapacity: 0 };
    expect(threadPoolAdmission(1, 0, 0, sync)).toBe('new-thread');
    expect(threadPoolAdmission(2, 1, 0, sync)).toBe('idle-thread');
    expect(threadPoolAdmission(2, 0, 0, sync)).toBe('reject');
  });

  it('getTask: a thread polls with keep-alive only above core, and retires only if still above core', () => {
    expect([idleIsTimed(3, 2), idleIsTimed(2, 2)]).toEqual([true, false]);
    expect([retiresAfterKeepAlive(3, 2), retiresAfterKeepAlive(2, 2)]).toEqual([true, false]);
  });

  it('ThreadPoolBulkheadConfig defaults: max = CPUs, core = CPUs - 1 (at least 1), queue 100, keep-alive 20 ms', () => {
    expect(threadPoolDefaults()).toEqual({ coreThreadPoolSize: 1, maxThreadPoolSize: 2, queueCapacity: 100, keepAliveMs: 20 });
    expect(threadPoolDefaults(1)).toEqual({ coreThreadPoolSize: 1, maxThreadPoolSize: 1, queueCapacity: 100, keepAliveMs: 20 });
    expect(threadPoolDefaults(8)).toMatchObject({ coreThreadPoolSize: 7, maxThreadPoolSize: 8 });
  });
});

describe('thread pool bulkhead: resilience4j test vectors', () => {
  it('FixedThreadPoolBulkheadTest.testCreateWithDefaults: the defaults for the given CPU count', () => {
    const { bh } = setup({ cpus: 4 });
    expect([bh.coreThreadPoolSize, bh.maxThreadPoolSize, bh.queueCapacity, bh.keepAliveMs]).toEqual([3, 4, 100, 20]);
  });

  it('FixedThreadPoolBulkheadTest.testCustomSettings: max 2, core 1, queue 10, keep-alive 10 ms', () => {
    const { bh } = setup({ maxThreadPoolSize: 2, coreThreadPoolSize: 1, queueCapacity: 10, keepAliveMs: 10 });
    expect([bh.maxThreadPoolSize, bh.queueCapacity, bh.coreThreadPoolSize, bh.keepAliveMs]).toEqual([2, 10, 1, 10]);
  });

  it('ThreadPoolBulkheadConfigTest.testBuildWithIllegal*: max < core, negative sizes, queue or keep-alive are refused', () => {
    const sim = new Simulation({ seed: 1 });
    const make = (o: ThreadPoolBulkheadOptions) => () => new ThreadPoolBulkhead(sim, 't', o);
    expect(make({ maxThreadPoolSize: 1, coreThreadPoolSize: 2 })).toThrow(/maxThreadPoolSize must be a greater than or equals to coreThreadPoolSize/);
    expect(make({ maxThreadPoolSize: -1 })).toThrow(/maxThreadPoolSize must be a positive integer value >= 1/);
    expect(make({ coreThreadPoolSize: -1 })).toThrow(/coreThreadPoolSize must be a positive integer value >= 1/);
    expect(make({ queueCapacity: -1 })).toThrow(/queueCapacity must be a positive integer value >= 0/);
    expect(make({ keepAliveMs: -1 })).toThrow(/keepAliveDuration must be a positive integer value >= 0/);
  });

  it('ThreadPoolBulkheadTest.shouldExecuteRunnableAndFailWithBulkHeadFull: core 1, max 1, queue 1: run, queue, reject', () => {
    const { sim, bh, log, run } = setup({ maxThreadPoolSize: 1, coreThreadPoolSize: 1, queueCapacity: 1 });
    run('first', 200);
    run('second', 0);
    run('third', 0);
    sim.run();
    expect(log).toEqual(['0 start first', `0 rejected third: ${FULL}`, '200 done first', '200 start second', '200 done second']);
    expect([bh.accepted, bh.rejected, bh.completed, bh.queueWaitMaxUs]).toEqual([2, 1, 2, ms(200)]);
  });

  it('ThreadPoolBulkheadTest.testWithSynchronousQueue: core 1, max 2, queue 0: two run, the third is rejected', () => {
    const { bh, log, run } = setup({ maxThreadPoolSize: 2, coreThreadPoolSize: 1, queueCapacity: 0 });
    run('a', 1000);
    run('b', 1000);
    run('c', 0);
    expect(log[2]).toBe(`0 rejected c: ${FULL}`);
    expect([bh.queueDepth, bh.remainingQueueCapacity, bh.queueCapacity, bh.activeThreads, bh.poolSize]).toEqual([0, 0, 0, 2, 2]);
  });

  it('ThreadPoolBulkheadTest.shouldHandleConcurrentTasksCorrectlyInBothThreadModes: 15 tasks of 50 ms into core 1, max 5, queue 5', () => {
    const { sim, bh, log, run } = setup({ maxThreadPoolSize: 5, coreThreadPoolSize: 1, queueCapacity: 5, keepAliveMs: 100 });
    for (let i = 0; i < 15; i++) run(`t${i}`, 50);
    // t0 on the core thread; t1-t5 queued (the pool does not grow while the queue has room); t6-t9 grow it to 5; t10-t14 rejected.
    expect(log.filter((l) => l.startsWith('0 start'))).toEqual(['0 start t0', '0 start t6', '0 start t7', '0 start t8', '0 start t9']);
    expect(log.filter((l) => l.includes('rejected'))).toHaveLength(5);
    sim.run(ms(100));
    expect(log.filter((l) => l.startsWith('50 start'))).toEqual(['50 start t1', '50 start t2', '50 start t3', '50 start t4', '50 start t5']);
    // The test's bounds: completed <= 10 (5 + 5), rejected > 0, completed + rejected = 15.
    expect([bh.completed, bh.rejected, bh.peakThreads, bh.peakQueued]).toEqual([10, 5, 5, 5]);
    // All idle from 100 ms with 5 > core threads: at 200 ms four retire one by one; the fifth finds the pool at core and stays.
    sim.run(ms(200) - 1);
    expect(bh.poolSize).toBe(5);
    sim.run();
    expect([bh.poolSize, bh.threadsRetired]).toEqual([1, 4]);
  });

  it('ThreadPoolBulkheadTest.shouldHaveCorrectMetricsInBothThreadModes: core 1, max 5, queue 5; one task of 100 ms', () => {
    const { sim, bh, log, run } = setup({ maxThreadPoolSize: 5, coreThreadPoolSize: 1, queueCapacity: 5, keepAliveMs: 100 });
    expect([bh.coreThreadPoolSize, bh.maxThreadPoolSize, bh.queueCapacity]).toEqual([1, 5, 5]);
    run('one', 100);
    expect([bh.poolSize, bh.activeThreads]).toEqual([1, 1]);
    sim.run();
    expect(log).toEqual(['0 start one', '100 done one']);
    expect([bh.poolSize, bh.activeThreads, bh.threadsRetired]).toEqual([1, 0, 0]); // a core thread never retires
  });
});

describe('thread pool bulkhead: keep-alive and idle threads', () => {
  it('a thread above core retires exactly keep-alive after going idle; a task before that reuses it', () => {
    const { sim, bh, run } = setup({ coreThreadPoolSize: 1, maxThreadPoolSize: 2, queueCapacity: 0, keepAliveMs: 20 });
    run('a', 100);
    run('b', 10); // second thread (SynchronousQueue, no idle thread)
    sim.at(ms(25), () => run('c', 10)); // b's thread idle since 10, expires at 30: c takes it
    sim.run(ms(54));
    expect([bh.poolSize, bh.threadsCreated, bh.threadsRetired]).toEqual([2, 2, 0]);
    sim.run(ms(55)); // idle again at 35, gone at 55
    expect([bh.poolSize, bh.threadsRetired]).toEqual([1, 1]);
  });

  it('a thread whose keep-alive ends when the pool is back at core stays for good (getTask re-checks)', () => {
    const { sim, bh, run } = setup({ coreThreadPoolSize: 1, maxThreadPoolSize: 3, queueCapacity: 0, keepAliveMs: 20 });
    run('a', 10);
    run('b', 10);
    run('c', 15);
    run('d', 1);
    sim.run();
    // Idle at 10, 10, 15: the first two retire at 30 (3 > 1, then 2 > 1), the third at 35 finds 1 thread and stays.
    expect([bh.poolSize, bh.threadsRetired, bh.rejected]).toEqual([1, 2, 1]);
  });

  it('the newest idle thread takes a task with a SynchronousQueue (LIFO), the oldest with an ArrayBlockingQueue (FIFO)', () => {
    const retiredAt = (queueCapacity: number) => {
      const { sim, bh, run } = setup({ coreThreadPoolSize: 1, maxThreadPoolSize: 3, queueCapacity, keepAliveMs: 20 });
      if (queueCapacity === 0) { run('a', 100); run('b', 12); run('c', 14); } else { run('a', 10); run('q', 100); run('b', 12); run('c', 14); }
      sim.at(ms(20), () => run('e', 100)); // two idle threads: since 12 and since 14
      const times: number[] = [];
      for (let t = 0; t <= 60; t++) {
        const before = bh.threadsRetired;
        sim.run(ms(t));
        if (bh.threadsRetired > before) times.push(t);
      }
      return times;
    };
    // LIFO: e takes the thread idle since 14, the one idle since 12 retires at 32.
    expect(retiredAt(0)).toEqual([32]);
    // FIFO: e takes the thread idle since 12, the one idle since 14 retires at 34.
    expect(retiredAt(1)).toEqual([34]);
  });
});

describe('thread pool bulkhead: generator processes and trace', () => {
  it('submitEvent is processed at once when a thread starts the task, later when it was queued', () => {
    const { sim, bh } = setup({ coreThreadPoolSize: 1, maxThreadPoolSize: 1, queueCapacity: 1 });
    const now = bh.submitEvent();
    expect(now.processed && now.value?.ok).toBe(true);
    const seen: string[] = [];
    function* task(): ProcessGenerator<void> {
      const got = yield* wait(bh.submitEvent());
      seen.push(`${sim.now / 1000} ${got.ok ? 'started' : got.error}`);
      if (got.ok) bh.done();
    }
    sim.process(task());
    sim.process(task());
    sim.at(ms(40), () => bh.done());
    sim.run();
    expect(seen).toEqual([`0 ${FULL}`, '40 started']);
  });

  it('emits full once for a burst of rejections, then recovered after the quiet period', () => {
    const { sim, records, run } = setup({ coreThreadPoolSize: 1, maxThreadPoolSize: 1, queueCapacity: 0, episodeQuietMs: 500 });
    run('long', 10_000);
    for (let i = 0; i < 12; i++) sim.at(ms(i * 10), () => run(`r${i}`, 1));
    sim.run(ms(2000));
    expect(records.map((r) => [r.t / 1000, r.kind, r.data])).toEqual([
      [0, 'full', { max: 1, inUse: 1, waiting: 0 }],
      [90, 'rejected', { count: 10 }],
      [610, 'recovered', { rejected: 12, lastedMs: 110 }],
    ]);
  });
});

describe('thread pool bulkhead: properties', () => {
  const scenario = fc.record({
    core: fc.integer({ min: 1, max: 3 }),
    extra: fc.integer({ min: 0, max: 3 }),
    queue: fc.integer({ min: 0, max: 4 }),
    keepAliveMs: fc.integer({ min: 0, max: 30 }),
    tasks: fc.array(fc.record({ at: fc.integer({ min: 0, max: 100 }), hold: fc.integer({ min: 0, max: 40 }) }), { minLength: 1, maxLength: 40 }),
  });

  it('bounded threads and queue, each task started or rejected once, queued tasks start in order, no task queued beside an idle thread', () => {
    fc.assert(fc.property(scenario, ({ core, extra, queue, keepAliveMs, tasks }) => {
      const sim = new Simulation({ seed: 3 });
      const max = core + extra;
      const bh = new ThreadPoolBulkhead(sim, 'p', { coreThreadPoolSize: core, maxThreadPoolSize: max, queueCapacity: queue, keepAliveMs });
      const outcomes = tasks.map(() => 0);
      const queuedOrder: number[] = [], startedFromQueue: number[] = [];
      const invariants = () => {
        expect(bh.activeThreads).toBeLessThanOrEqual(bh.poolSize);
        expect(bh.poolSize).toBeLessThanOrEqual(max);
        expect(bh.queueDepth).toBeLessThanOrEqual(queue);
        // Work conservation: a task waits only while every thread is busy.
        if (bh.queueDepth > 0) expect(bh.activeThreads).toBe(bh.poolSize);
      };
      tasks.forEach((t, i) => sim.at(ms(t.at), () => {
        const depth = bh.queueDepth;
        bh.submit((k) => {
          outcomes[k]!++;
          if (queuedOrder.includes(k)) startedFromQueue.push(k);
          sim.schedule(ms(tasks[k]!.hold), () => { bh.done(); invariants(); });
        }, (_e, k) => { outcomes[k]!++; }, i);
        if (bh.queueDepth > depth) queuedOrder.push(i);
        invariants();
      }));
      sim.run();
      expect(outcomes.every((n) => n === 1)).toBe(true);
      expect(startedFromQueue).toEqual(queuedOrder);
      expect(bh.accepted + bh.rejected).toBe(tasks.length);
      expect([bh.completed, bh.activeThreads, bh.queueDepth]).toEqual([bh.accepted, 0, 0]);
      // After the keep-alives have run out, the pool is back at core (or smaller if it never grew that far).
      expect(bh.poolSize).toBe(Math.min(core, bh.threadsCreated));
    }), { numRuns: 100 });
  });
});
