import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/kernel/index.js';
import { EventLoopServer } from '../../models/event-loop/event-loop-server.js';
import type { EventLoopOptions } from '../../models/event-loop/event-loop-options.js';

/**
 * The loop at low load against Pollaczek-Khinchine (next-models §5.2):
 * W_q = λ·E[S²] / (2(1−ρ)). Each request is one loop callback, so the
 * loop lag of its callback is its wait in queue. Waits are correlated, so
 * the tolerance comes from batch means (20 batches), not the naive SE.
 */
function waits(o: Partial<EventLoopOptions>, ratePerSec: number, requests: number, seed: number) {
  const sim = new Simulation({ seed });
  const server = new EventLoopServer(sim, 'api', o);
  const lags: number[] = [], latencies: number[] = [];
  server.loopLag.add((lag) => lags.push(lag));
  server.requestDone.add((latency) => latencies.push(latency));
  const rng = sim.rng('arrivals');
  const call = { answer: () => {} };
  let sent = 0;
  const next = (): void => {
    server.arrive(call);
    if (++sent < requests) sim.schedule(rng.exponential(1e6 / ratePerSec), next);
  };
  sim.schedule(rng.exponential(1e6 / ratePerSec), next);
  sim.run();
  return { lags, latencies, server };
}

function batchMeans(xs: readonly number[], batches = 20) {
  const size = Math.floor(xs.length / batches);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += xs[i]!;
    means.push(s / size);
  }
  const mean = means.reduce((a, b) => a + b, 0) / batches;
  const variance = means.reduce((a, m) => a + (m - mean) ** 2, 0) / (batches - 1);
  return { mean, se: Math.sqrt(variance / batches) };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('event loop as M/G/1 (Pollaczek-Khinchine)', () => {
  it('M/D/1: λ 500/s, S 0.5 ms constant: W_q = ρD/(2(1−ρ)) = 83.3 µs', () => {
    const { lags, latencies, server } = waits({ loopCostMs: 0.5, inferenceFraction: 0 }, 500, 200_000, 1);
    const lambda = 500 / 1e6, D = 500, rho = lambda * D;
    const pk = (rho * D) / (2 * (1 - rho));
    const { mean: w, se } = batchMeans(lags);
    expect(pk).toBeCloseTo(83.33, 1);
    expect(Math.abs(w - pk)).toBeLessThan(3 * se + 2);
    expect(se).toBeLessThan(5); // the check is meaningful: ±15 µs at most around 83 µs
    // Response = wait + S exactly: one callback of 500 µs per request.
    expect(mean(latencies) - mean(lags)).toBeCloseTo(500, 6);
    expect(server.served).toBe(200_000);
    expect(server.loopBusyUs).toBe(200_000 * 500);
  });

  it('M/M/1: λ 500/s, S exponential mean 0.5 ms on the loop: W_q = λE[S²]/(2(1−ρ)) = 166.7 µs', () => {
    const o: Partial<EventLoopOptions> = { loopCostMs: 0, inference: { kind: 'exponential', meanMs: 0.5 }, inferenceFraction: 1, offload: 'off' };
    const { lags, server } = waits(o, 500, 200_000, 2);
    const lambda = 500 / 1e6, ES = 500, ES2 = 2 * ES * ES, rho = lambda * ES;
    const pk = (lambda * ES2) / (2 * (1 - rho));
    const { mean: w, se } = batchMeans(lags);
    expect(pk).toBeCloseTo(166.67, 1);
    expect(Math.abs(w - pk)).toBeLessThan(3 * se + 3);
    expect(se).toBeLessThan(10);
    // ρ measured as the loop's busy fraction.
    const busy = server.loopBusyUs / (200_000 / lambda);
    expect(busy).toBeGreaterThan(0.24);
    expect(busy).toBeLessThan(0.26);
  });
});
