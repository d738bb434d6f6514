import { describe, expect, it } from 'vitest';
import { Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { ms } from '../../src/kernel/time.js';
import { gamma } from '../../models/reliability/gamma.js';
import { distributionMean, distributionWithMean, FailureRepair, sampleDistribution, type Distribution } from '../../models/reliability/index.js';

describe('distributions', () => {
  it('gamma matches known values', () => {
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(gamma(1.5)).toBeCloseTo(Math.sqrt(Math.PI) / 2, 12);
    expect(gamma(5)).toBeCloseTo(24, 10);
    expect(gamma(1 + 1 / 3)).toBeCloseTo(0.8929795116, 9);
  });

  it('distributionWithMean keeps the mean whatever the shape', () => {
    for (const d of [distributionWithMean('exponential', 500), distributionWithMean('weibull', 500, 0.7), distributionWithMean('weibull', 500, 3), distributionWithMean('lognormal', 500, 1.2)]) {
      expect(distributionMean(d)).toBeCloseTo(500, 9);
    }
    expect(distributionWithMean('lognormal', 500, 0)).toEqual({ kind: 'lognormal', median: 500, sigma: 0 });
  });

  it('draws have the stated mean (200,000 draws, within 1.5%)', () => {
    const sim = new Simulation({ seed: 7 });
    const cases: Distribution[] = [{ kind: 'exponential', mean: 10 }, { kind: 'weibull', scale: 10, shape: 2 }, { kind: 'lognormal', median: 10, sigma: 0.5 }];
    for (const d of cases) {
      const rng = sim.rng(`draws/${d.kind}`);
      let sum = 0;
      for (let i = 0; i < 200_000; i++) sum += sampleDistribution(d, rng);
      expect(Math.abs(sum / 200_000 / distributionMean(d) - 1)).toBeLessThan(0.015);
    }
  });
});

function runComponent(seed: number, ttr: Distribution, untilMs: number) {
  const sim = new Simulation({ seed });
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (r) => records.push(r) });
  const hooks: string[] = [];
  const c = new FailureRepair(sim, 'disk', {
    ttf: { kind: 'exponential', mean: 1_000 },
    ttr,
    onDown: (x) => hooks.push(`down ${x.up}`),
    onUp: (x) => hooks.push(`up ${x.up}`),
  });
  sim.run(ms(untilMs));
  return { sim, c, records, hooks };
}

/** Lengths of the up periods, from the trace. */
function upPeriods(records: readonly TraceRecord[]): number[] {
  const out: number[] = [];
  let upSince = 0;
  for (const r of records) {
    if (r.kind === 'down') out.push(r.t - upSince);
    if (r.kind === 'up') upSince = r.t;
  }
  return out;
}

describe('FailureRepair', () => {
  it('alternates down and up, calling the hooks after the state changed and tracing both', () => {
    const { c, records, hooks } = runComponent(1, { kind: 'exponential', mean: 100 }, 50_000);
    expect(c.failures).toBeGreaterThan(20);
    expect(records.map((r) => r.kind).slice(0, 4)).toEqual(['down', 'up', 'down', 'up']);
    expect(records.every((r) => r.source === 'disk')).toBe(true);
    expect(hooks.slice(0, 2)).toEqual(['down false', 'up true']);
    expect(c.downtime.windows).toHaveLength(c.failures);
    // About MTTF / (MTTF + MTTR) = 0.909 over 50 cycles.
    expect(c.availability()).toBeGreaterThan(0.8);
    expect(c.availability()).toBeLessThan(1);
  });

  it('is deterministic, and another repair distribution leaves the up periods unchanged', () => {
    const a = runComponent(3, { kind: 'exponential', mean: 100 }, 20_000);
    const b = runComponent(3, { kind: 'exponential', mean: 100 }, 20_000);
    expect(b.sim.trace.digestHex).toBe(a.sim.trace.digestHex);
    const c = runComponent(3, { kind: 'lognormal', median: 50, sigma: 1 }, 20_000);
    const n = Math.min(upPeriods(a.records).length, upPeriods(c.records).length);
    expect(n).toBeGreaterThan(5);
    expect(upPeriods(c.records).slice(0, n)).toEqual(upPeriods(a.records).slice(0, n));
  });

  it('rejects bad distributions and a second component with the same name', () => {
    const sim = new Simulation({ seed: 1 });
    expect(() => new FailureRepair(sim, 'x', { ttf: { kind: 'exponential', mean: 0 }, ttr: { kind: 'exponential', mean: 1 } })).toThrow(/x time to failure: exponential mean must be a positive number/);
    expect(() => new FailureRepair(sim, 'y', { ttf: { kind: 'exponential', mean: 1 }, ttr: { kind: 'weibull', scale: 1, shape: NaN } })).toThrow(/y time to repair: weibull shape/);
    new FailureRepair(sim, 'z', { ttf: { kind: 'exponential', mean: 1 }, ttr: { kind: 'exponential', mean: 1 } });
    expect(() => new FailureRepair(sim, 'z', { ttf: { kind: 'exponential', mean: 1 }, ttr: { kind: 'exponential', mean: 1 } })).toThrow(/named z already exists/);
  });
});
