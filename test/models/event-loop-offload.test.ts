import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation } from '../../src/kernel/index.js';
import { CpuPool } from '../../models/event-loop/cpu-pool.js';
import { EventLoopServer } from '../../models/event-loop/event-loop-server.js';
import type { EventLoopOptions } from '../../models/event-loop/event-loop-options.js';
import type { CallTarget } from '../../models/resilience/call-attempt.js';

function runLoad(o: Partial<EventLoopOptions>, ratePerSec: number, seconds: number, seed = 42) {
  const sim = new Simulation({ seed });
  const server = new EventLoopServer(sim, 'api', o);
  const latencies: number[] = [], lags: number[] = [];
  server.requestDone.add((latency, reply) => { if (reply === 'ok') latencies.push(latency / 1000); });
  server.loopLag.add((lag) => lags.push(lag / 1000));
  const rng = sim.rng('arrivals');
  const call = { answer: () => {} };
  const until = sec(seconds);
  const next = (): void => {
    if (sim.now >= until) return;
    server.arrive(call);
    sim.schedule(rng.exponential(1e6 / ratePerSec), next);
  };
  sim.schedule(rng.exponential(1e6 / ratePerSec), next);
  sim.run();
  const pct = (xs: number[], q: number) => xs.sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
  return { server, p: (q: number) => pct(latencies, q), lag: (q: number) => pct(lags, q) };
}

const SEED_C = { loopCostMs: 0.5, inference: { kind: 'constant', ms: 200 }, inferenceFraction: 0.001 } as const;

describe('offload keeps the loop free', () => {
  it('process-pool: the q = 0.001 load of §5.2 keeps p99 near the normal 2.2 ms (vs ≈ 430 ms on the loop)', () => {
    const off = runLoad({ ...SEED_C, offload: 'off' }, 1000, 120);
    const pooled = runLoad({ ...SEED_C, offload: 'process-pool', workers: 4 }, 1000, 120);
    expect(pooled.p(0.5)).toBeLessThan(0.7);
    expect(pooled.p(0.99)).toBeLessThan(3);
    expect(pooled.lag(0.99)).toBeLessThan(2.5);
    expect(off.p(0.99)).toBeGreaterThan(100 * pooled.p(0.99));
    // The inference requests themselves still take their 200 ms (in the pool), the 0.1 % tail.
    expect(pooled.p(0.9999)).toBeGreaterThan(200);
    expect(pooled.server.served).toBe(off.server.served);
  });

  it('thread-pool under the GIL: 10 inferences/s × 200 ms = 2 CPUs of work on 1 effective core: the pool saturates; 4 processes keep up', () => {
    const o = { loopCostMs: 0.5, inference: { kind: 'constant', ms: 200 }, inferenceFraction: 1 } as const;
    const gil = runLoad({ ...o, offload: 'thread-pool', cpuCores: 1 }, 10, 30);
    const procs = runLoad({ ...o, offload: 'process-pool', workers: 4 }, 10, 30);
    // Each process does at most 5 a second: 4 × 5 = 20 > 10, the median is near the 200 ms of CPU.
    expect(procs.p(0.5)).toBeGreaterThanOrEqual(200);
    expect(procs.p(0.5)).toBeLessThan(300);
    // One core for 2 cores of work: work piles up for the whole run; the median is seconds.
    expect(gil.p(0.5)).toBeGreaterThan(5_000);
    // The loop itself stays free in both: its lag is about the 0.25 ms callbacks.
    expect(gil.lag(0.99)).toBeLessThan(1);
  });

  it('offers the CallTarget shape a ResilientCaller calls (arrive, readVersion, options.optimisticConcurrency)', () => {
    const sim = new Simulation({ seed: 1 });
    const target: CallTarget = new EventLoopServer(sim, 'api');
    expect(target.options.optimisticConcurrency).toBe(false);
    expect(target.readVersion({ answer: () => {} })).toBe(0);
  });
});

describe('CpuPool: processor sharing over `cores`, FIFO beyond `slots` (hand-worked)', () => {
  function finishTimes(slots: number, cores: number, works: number[]) {
    const sim = new Simulation({ seed: 1 });
    const done: [number, number][] = [];
    const pool = new CpuPool<number>(sim, slots, cores, (id) => done.push([id, sim.now]));
    works.forEach((w, id) => pool.submit(ms(w), id));
    sim.run();
    return done.map(([id, t]) => [id, t / 1000]);
  }

  it('two 100 ms jobs on one core (the GIL) both end at 200 ms, not 100 and 200', () => {
    expect(finishTimes(40, 1, [100, 100])).toEqual([[0, 200], [1, 200]]);
  });

  it('100 and 300 ms on one core: the short one ends at 200 ms, the long at 400 ms', () => {
    expect(finishTimes(40, 1, [100, 300])).toEqual([[0, 200], [1, 400]]);
  });

  it('two cores: each job has its own (a process pool of 2)', () => {
    expect(finishTimes(2, 2, [100, 100, 100])).toEqual([[0, 100], [1, 100], [2, 200]]);
  });

  it('one slot: strictly one after another', () => {
    expect(finishTimes(1, 1, [100, 50, 10])).toEqual([[0, 100], [1, 150], [2, 160]]);
  });
});
