import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, Simulation } from '../../src/kernel/index.js';
import { CfsCpu, cfsWallMs } from '../../models/k8s/cfs-cpu.js';

/** Runs jobs (start ms, CPU ms) on a fresh container; returns each job's end in ms and the number of events. */
function run(limit: number, jobs: readonly [number, number][], nodeCores?: number) {
  const sim = new Simulation({ seed: 1 });
  const cpu = new CfsCpu(sim, 'api', { limitMillicores: limit, nodeCores });
  const ends: number[] = jobs.map(() => NaN);
  jobs.forEach(([at, cpuMs], i) => sim.at(ms(at), () => cpu.run(ms(cpuMs), () => { ends[i] = sim.now / 1000; })));
  let events = 0;
  while (sim.step()) events++;
  return { ends, events: events - jobs.length, cpu, sim };
}

describe('CFS bandwidth control', () => {
  it('closed form (next-models §1.5 table): 500m gives 50 ms per 100 ms; 1000m never throttles one thread', () => {
    expect([20, 60, 100, 200, 400].map((c) => cfsWallMs(c, 500))).toEqual([20, 110, 150, 350, 750]);
    expect([20, 60, 100, 200, 400].map((c) => cfsWallMs(c, 1000))).toEqual([20, 60, 100, 200, 400]);
    expect(cfsWallMs(200, 250)).toBe(200 + 7 * 75); // Q = 25 ms: 8 periods, 7 waits of 75 ms
  });

  it('500m, one 200 ms job: done at 350 ms; cpu.stat 4 periods, 3 throttled, 150 ms throttled; 7 events, none after', () => {
    const { ends, events, cpu, sim } = run(500, [[0, 200]]);
    expect(ends).toEqual([350]);
    // Events: quota out at 50, 150, 250; period at 100, 200, 300; job end at 350.
    expect(events).toBe(7);
    expect(sim.now).toBe(ms(350));
    expect(cpu.cpuStat).toEqual({ nrPeriods: 4, nrThrottled: 3, throttledUsec: 150_000, usageUsec: 200_000 });
  });

  it('two parallel 100 ms jobs under 500m share the quota: 25 ms each per period, both done at 325 ms', () => {
    const { ends, cpu } = run(500, [[0, 100], [0, 100]], 4);
    expect(ends).toEqual([325, 325]);
    // Throttled 75 ms in each of 3 periods, on 2 CPUs' run queues.
    expect(cpu.cpuStat).toEqual({ nrPeriods: 4, nrThrottled: 3, throttledUsec: 3 * 75_000 * 2, usageUsec: 200_000 });
    expect(cfsWallMs(100, 500)).toBe(150); // alone, the same job takes 150 ms
  });

  it('on a one-core node the two jobs share the core too: 50 ms of quota still lasts 50 ms, both done at 350 ms', () => {
    const { ends } = run(500, [[0, 100], [0, 100]], 1);
    expect(ends).toEqual([350, 350]);
  });

  it('a job arriving mid-period after the quota is spent waits for the next period', () => {
    const { ends } = run(500, [[0, 50], [60, 10]]);
    expect(ends).toEqual([50, 110]);
  });

  it('an idle container schedules nothing; a job after a long idle starts with a full quota', () => {
    const { ends, cpu } = run(500, [[0, 10], [10_000.5, 40]]);
    expect(ends).toEqual([10, 10_040.5]);
    expect(cpu.cpuStat.nrThrottled).toBe(0);
    expect(cpu.cpuStat.nrPeriods).toBe(2);
  });

  it('property: one job from a period boundary ends at the closed form; usage is the CPU asked for', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 600 }), fc.constantFrom(100, 250, 500, 1000, 1500), fc.integer({ min: 0, max: 5 }), (cpuMs, limit, startPeriod) => {
      const { ends, cpu } = run(limit, [[startPeriod * 100, cpuMs]]);
      expect(ends[0]).toBeCloseTo(startPeriod * 100 + cfsWallMs(cpuMs, limit), 3);
      expect(cpu.cpuStat.usageUsec).toBeCloseTo(cpuMs * 1000, 3);
    }), { numRuns: 50 });
  });

  it('property: n parallel jobs never use more than the quota in any period, nor more than the cores', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 120 })), { minLength: 1, maxLength: 6 }), fc.constantFrom(250, 500, 1000), fc.integer({ min: 1, max: 3 }), (jobs, limit, cores) => {
      const sim = new Simulation({ seed: 1 });
      const cpu = new CfsCpu(sim, 'api', { limitMillicores: limit, nodeCores: cores });
      const quota = (limit / 1000) * 100_000;
      let done = 0;
      for (const [at, c] of jobs) sim.at(ms(at), () => cpu.run(ms(c), () => { done++; }));
      let prevUsage = 0;
      for (let p = 1; p <= 200 && done < jobs.length; p++) {
        sim.run(ms(p * 100));
        const usage = cpu.usageUsec;
        expect(usage - prevUsage).toBeLessThanOrEqual(Math.min(quota, cores * 100_000) + cores + 1e-6);
        prevUsage = usage;
      }
      sim.run();
      expect(done).toBe(jobs.length);
      expect(cpu.usageUsec).toBeCloseTo(jobs.reduce((s, [, c]) => s + c * 1000, 0), 3);
    }), { numRuns: 30 });
  });
});
