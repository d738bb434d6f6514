import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run-scenario.js';
import { scenarioB } from '../../scenarios/feature-cache/scenario-b.js';
import type { FeatureCacheMetrics } from '../../scenarios/feature-cache/metrics.js';

const run = (params: Record<string, unknown> = {}) => runScenario(scenarioB, { seed: 42, params, timeline: false }).metrics as FeatureCacheMetrics;

describe('scenario-b: a popular key expires as 1,000 requests arrive', () => {
  it('without mitigation every burst request computes: more computations than the cores hold, and the model is OOM-killed', () => {
    const m = run({ mitigation: 'none' });
    expect(m.computations).toBeGreaterThanOrEqual(1_000);
    // (4 GiB - 1 GiB at rest) / 50 MiB = 61.4: the 62nd concurrent computation kills the process.
    expect(m.peakComputationsInFlight).toBe(62);
    expect(m.oomKills).toBeGreaterThanOrEqual(1);
    expect(m.failedRequests).toBeGreaterThan(900);
  });

  it('the seed\'s coalescing dict is per process: one computation per process (4), and its waiters wait a whole computation (p99 > 50 ms)', () => {
    const perProcess = run();
    expect(perProcess.computations).toBe(4);
    expect(perProcess.latencyP99Ms).toBeGreaterThan(100);
    expect(run({ coalesceScope: 'shared' }).computations).toBe(1);
  });

  it('early refresh keeps the key warm: the burst finds it cached, one computation, p99 under 50 ms', () => {
    for (const mitigation of ['early-linear', 'xfetch']) {
      const m = run({ mitigation });
      expect([m.computations, m.failedRequests, m.unanswered]).toEqual([1, 0, 0]);
      expect(m.latencyP99Ms).toBeLessThan(50);
    }
  });

  it('when the first computation fails, the seed\'s coalescer never answers its waiters', () => {
    const m = run({ firstComputationFails: true });
    expect(m.unanswered).toBeGreaterThan(990);
  });
});

describe('scenario-b: the feature cache is Redis on the network', () => {
  it('a GET costs a round trip (p50 about 1 ms, 0 in process); with Redis down at the expiry every lookup is a miss and the stampede reaches the model', () => {
    const redis = run({ mitigation: 'xfetch' });
    const local = run({ mitigation: 'xfetch', cache: 'in-process' });
    expect(redis.latencyP50Ms).toBeGreaterThan(0.5);
    expect(local.latencyP50Ms).toBe(0);
    const faults = [{ at: 59_000_000, target: 'redis', kind: 'crash', params: { restartAfterMs: 5_000 } }];
    const down = runScenario(scenarioB, { seed: 42, params: { mitigation: 'xfetch' }, faults, timeline: false }).metrics as FeatureCacheMetrics;
    expect(down.computations).toBeGreaterThan(100);
  });
});
