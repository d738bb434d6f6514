import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sec, Simulation } from '../../src/kernel/index.js';
import { BlueGreen, isFailure } from '../../models/deploy/blue-green.js';
import { startPoissonArrivals } from '../../models/client/workload.js';

const DEPLOY_AT_S = 40, HORIZON_S = 200;

const pipeline = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  replicas: fc.integer({ min: 1, max: 3 }),
  ratePerS: fc.integer({ min: 10, max: 60 }),
  deployMs: fc.integer({ min: 0, max: 30_000 }),
  switchMs: fc.integer({ min: 0, max: 3_000 }),
  rollbackSwitchMs: fc.integer({ min: 0, max: 3_000 }),
  intervalMs: fc.integer({ min: 1_000, max: 10_000 }),
  windowMs: fc.integer({ min: 5_000, max: 30_000 }),
  migration: fc.constantFrom('none', 'compatible'),
});

type Pipeline = typeof pipeline extends fc.Arbitrary<infer T> ? T : never;

/** Poisson traffic through the router, a deploy fault at 40 s; the first failed answer at or after the switch. */
function runOne(p: Pipeline, deploy: Record<string, unknown>) {
  const sim = new Simulation({ seed: p.seed });
  const bg = new BlueGreen(sim, 'app', {
    replicas: p.replicas, deployMs: p.deployMs, switchMs: p.switchMs, rollbackSwitchMs: p.rollbackSwitchMs,
    analysis: { intervalMs: p.intervalMs, windowMs: p.windowMs, maxErrorRate: 0.05, minRequests: 1, failureLimit: 0 },
  });
  let firstFailureAt = -1;
  bg.answered.add((reply) => {
    const d = bg.deployment;
    if (firstFailureAt < 0 && isFailure(reply) && d !== null && d.switchedAt >= 0) firstFailureAt = sim.now;
  });
  startPoissonArrivals(sim, sim.rng('arrivals'), p.ratePerS, sec(HORIZON_S), () => { bg.arrive({ answer: () => undefined }); });
  sim.faults.schedule([{ at: sec(DEPLOY_AT_S), target: 'app', kind: 'deploy', params: { migration: p.migration, ...deploy } }]);
  sim.run(sec(HORIZON_S));
  return { bg, d: bg.deployments[0]!, firstFailureAt };
}

describe('blue-green properties', () => {
  it('a healthy release: no request fails because of the switch, and nothing is rolled back', () => {
    fc.assert(fc.property(pipeline, (p) => {
      const { bg, d } = runOne(p, {});
      expect(d.switchedAt).toBe(sec(DEPLOY_AT_S) + Math.round(Math.max(p.deployMs, p.migration === 'none' ? 0 : 5_000) * 1000) + p.switchMs * 1000);
      expect([bg.failed, d.triggeredAt, d.outcome, bg.live]).toEqual([0, -1, 'live', 'green']);
      expect(bg.requests).toBeGreaterThan(0);
    }), { numRuns: 60 });
  });

  it('any defect with a compatible (or no) migration: never switched to (crash on start), or restored within window + interval + switch back of the first failure', () => {
    const defect = fc.oneof(
      fc.record({ defect: fc.constant('crash-on-start') }),
      fc.record({ defect: fc.constant('error-rate'), errorRate: fc.double({ min: 0.5, max: 1, noNaN: true }) }),
      fc.record({ defect: fc.constant('crash-after-requests'), crashAfterRequests: fc.integer({ min: 1, max: 30 }) }),
    );
    fc.assert(fc.property(pipeline, defect, (p, deploy) => {
      const { bg, d, firstFailureAt } = runOne(p, deploy);
      if (deploy.defect === 'crash-on-start') {
        // Never ready: aborted before the switch, nothing fails.
        expect([d.outcome, d.switchedAt, bg.failed, bg.live]).toEqual(['aborted', -1, 0, 'blue']);
        return;
      }
      expect(firstFailureAt).toBeGreaterThanOrEqual(d.switchedAt);
      expect(d.restored).toBe(true);
      // The first measurement at or after the first failure whose window holds only failures comes at most
      // window + interval later; the switch back takes rollbackSwitchMs.
      expect(d.restoredAt - firstFailureAt).toBeLessThanOrEqual((p.windowMs + p.intervalMs + p.rollbackSwitchMs) * 1000);
      expect(d.restoredAt - d.triggeredAt).toBe(p.rollbackSwitchMs * 1000);
      // Nothing fails outside the bad window: the failures are exactly those sent between the switch and the restore.
      expect([bg.failed, d.failedBeforeSwitch, bg.live]).toEqual([d.failedAfterSwitch, 0, 'blue']);
    }), { numRuns: 100 });
  });
});
