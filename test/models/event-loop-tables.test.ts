import { describe, expect, it } from 'vitest';
import { Simulation, sec } from '../../src/kernel/index.js';
import { EventLoopServer } from '../../models/event-loop/event-loop-server.js';
import type { EventLoopOptions } from '../../models/event-loop/event-loop-options.js';

/** Poisson arrivals at `ratePerSec` for `seconds`; returns sorted ok latencies in ms and the server. */
function runLoad(o: Partial<EventLoopOptions>, ratePerSec: number, seconds: number, seed = 42) {
  const sim = new Simulation({ seed });
  const server = new EventLoopServer(sim, 'api', o);
  const latencies: number[] = [];
  server.requestDone.add((latency, reply) => { if (reply === 'ok') latencies.push(latency / 1000); });
  const rng = sim.rng('arrivals');
  const call = { answer: () => {} };
  const until = sec(seconds);
  const next = (): void => {
    if (sim.now >= until) return;
    server.arrive(call);
    sim.schedule(rng.exponential(1e6 / ratePerSec), next);
  };
  sim.schedule(rng.exponential(1e6 / ratePerSec), next);
  sim.run(until);
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  return { sim, server, latencies, mean, p: (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! };
}

describe('next-models §5.2: rare long tasks on one loop', () => {
  it('q = 0: 1000 req/s × 0.5 ms (ρ 0.5): p50 0.5 ms, p99 ≈ 2.2 ms', () => {
    const { p } = runLoad({ loopCostMs: 0.5, inferenceFraction: 0 }, 1000, 120);
    expect(p(0.5)).toBeGreaterThanOrEqual(0.5);
    expect(p(0.5)).toBeLessThan(0.7);
    expect(p(0.99)).toBeGreaterThan(1.7);
    expect(p(0.99)).toBeLessThan(2.8);
  });

  it('q = 0.001 of 200 ms inference on the loop: p50 stays ≈ 1 ms while p99 explodes to ≈ 430 ms', () => {
    // The table's p99 (429 ms) is one run's; this model gives 474-584 ms over seeds 1-4 (300 s each), so the
    // bounds are wide; the mean is checked against P-K: W_q = λE[S²]/(2(1−ρ)) = 67.4 ms, + E[S] 0.7 ms.
    const { p, server, mean } = runLoad({ loopCostMs: 0.5, inference: { kind: 'constant', ms: 200 }, inferenceFraction: 0.001, offload: 'off' }, 1000, 300);
    expect(p(0.5)).toBeGreaterThan(0.5);
    expect(p(0.5)).toBeLessThan(1.6);
    expect(p(0.99)).toBeGreaterThan(380);
    expect(p(0.99)).toBeLessThan(620);
    expect(mean).toBeGreaterThan(68.1 * 0.85);
    expect(mean).toBeLessThan(68.1 * 1.15);
    expect(p(0.99) / p(0.5)).toBeGreaterThan(200);
    // ρ ≈ 0.5 + 0.2 = 0.7, the table's.
    const rho = server.loopBusyUs / sec(300);
    expect(rho).toBeGreaterThan(0.67);
    expect(rho).toBeLessThan(0.73);
  });
});

describe('next-models §5.2: every request holds the loop 100 ms (M/D/1, capacity 10/s)', () => {
  it('9 req/s (ρ 0.9): p50 ≈ 396 ms, p99 ≈ 2.45 s', () => {
    // P-K mean response: ρD/(2(1−ρ)) + D = 450 + 100 = 550 ms (20,000 s runs, seeds 1-4: 534-549 ms, p99 2.1-2.7 s; at ρ 0.9 a long run is needed).
    const { p, mean } = runLoad({ loopCostMs: 0, inference: { kind: 'constant', ms: 100 }, offload: 'off' }, 9, 80_000);
    expect(mean).toBeGreaterThan(550 * 0.93);
    expect(mean).toBeLessThan(550 * 1.07);
    expect(p(0.5)).toBeGreaterThan(330);
    expect(p(0.5)).toBeLessThan(470);
    expect(p(0.99)).toBeGreaterThan(2050);
    expect(p(0.99)).toBeLessThan(2900);
  });

  it('seed 000-C "blocked" at 1000 req/s: throughput falls to 10 req/s, the backlog (2048) fills and SYNs are dropped', () => {
    const { server, p } = runLoad({ loopCostMs: 0, inference: { kind: 'constant', ms: 100 }, offload: 'off' }, 1000, 60);
    expect(server.served).toBeGreaterThanOrEqual(598);
    expect(server.served).toBeLessThanOrEqual(600);
    expect(server.peakLoopBacklog).toBe(2048);
    expect(server.dropped).toBeGreaterThan(55_000);
    // FIFO: the ~600 served are the first 0.6 s of arrivals, the k-th answered after k × 100 ms.
    expect(p(0.5)).toBeGreaterThan(25_000);
    expect(p(0.5)).toBeLessThan(35_000);
    expect(p(0.99)).toBeGreaterThan(55_000);
    expect(p(1)).toBeLessThanOrEqual(60_000);
  });
});
