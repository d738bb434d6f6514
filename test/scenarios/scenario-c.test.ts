import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run-scenario.js';
import { scenarioC } from '../../scenarios/event-loop-api/scenario-c.js';
import type { EventLoopMetrics } from '../../scenarios/event-loop-api/metrics.js';
import { studentTCi95 } from '../../src/stats/student-t-ci.js';

const run = (params: Record<string, unknown> = {}) => runScenario(scenarioC, { seed: 42, params, timeline: false }).metrics as EventLoopMetrics;

describe('scenario-c: CPU-bound inference in the event loop', () => {
  it('0.4 % of requests blocking the loop for 100 ms (rho 0.9): p50 near the seed\'s 50 ms, p99 far under its 2 s, throughput kept', () => {
    const m = run();
    expect(m.latencyP50Ms).toBeGreaterThan(25);
    expect(m.latencyP50Ms).toBeLessThan(100);
    expect(m.latencyP99Ms).toBeLessThan(1_000);
    expect(m.throughputPerS).toBeGreaterThan(950);
  });

  it('the seed\'s breaker never trips on a blocked loop: one coroutine runs while hundreds wait to start', () => {
    const m = run();
    expect([m.breakerTrips, m.peakAppInFlight]).toEqual([0, 1]);
    expect(m.peakLoopBacklog).toBeGreaterThan(200);
  });

  it('offloading to a process pool brings p99 to a few ms; the seed\'s middleware still warns (it times the offloaded 100 ms too)', () => {
    const m = run({ offload: 'on' });
    expect(m.latencyP99Ms).toBeLessThan(5);
    expect(m.slowCallbacks).toBe(0);
    expect(m.middlewareWarnings).toBeGreaterThan(100);
  });

  it('every request on the loop for 100 ms: about 10 req/s, the 2,048 backlog fills and latency goes to tens of seconds', () => {
    const m = run({ inferenceFraction: 1, durationMs: 20_000 });
    expect(m.throughputPerS).toBeLessThan(25);
    expect(m.peakLoopBacklog).toBe(2_048);
    expect(m.dropped).toBeGreaterThan(10_000);
  });
});

describe('scenario-c at low load against the M/D/1 queue (Pollaczek-Khinchine)', () => {
  it('a 20-seed sweep: the 95 % interval of the mean latency contains W_q + S = rho S / (2 (1 - rho)) + S', () => {
    // 500 req/s, 0.5 ms of loop CPU each, no inference: rho 0.25, mean response 0.0833 + 0.5 = 0.5833 ms.
    const means: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const m = runScenario(scenarioC, { seed, params: { ratePerS: 500, inferenceFraction: 0, durationMs: 20_000 }, timeline: false }).metrics as EventLoopMetrics;
      means.push(m.latencyMeanMs);
    }
    const ci = studentTCi95(means)!;
    const rho = 500 * 0.0005, s = 0.5, pk = (rho * s) / (2 * (1 - rho)) + s;
    expect(ci[0]).toBeLessThanOrEqual(pk);
    expect(ci[1]).toBeGreaterThanOrEqual(pk);
    expect(ci[1] - ci[0]).toBeLessThan(0.01); // tight enough to mean something: +-5 µs around 583 µs
  });
});
