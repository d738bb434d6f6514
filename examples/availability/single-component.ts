/**
 * One component that fails and is repaired, over years of virtual time.
 *
 *   npx sim run examples/availability/single-component.ts --seed 1
 *   npx sim run examples/availability/single-component.ts --seed 1 --set ttfKind=weibull --set ttfShape=2
 *
 * Time to failure and time to repair are drawn from exponential, Weibull or
 * lognormal distributions with the given means (MTTF, MTTR). However they
 * are shaped, the long-run availability is MTTF / (MTTF + MTTR); one run
 * estimates it from the time actually spent up, and a sweep
 * (`sim sweep ... --runs 200`) puts a confidence interval around it.
 * test/stats/closed-forms.test.ts checks that interval against the formula.
 *
 * The defaults: MTTF 1,000 h, MTTR 10 h (A = 99.0099%), ten years.
 */
import { z } from 'zod';
import { defineScenario, distributionWithMean, FailureRepair, type Simulation } from 'failsim';

const HOUR_MS = 3_600_000;
const kinds = ['exponential', 'weibull', 'lognormal'] as const;

const params = z.object({
  mttfMs: z.number().positive().default(1_000 * HOUR_MS).describe('mean time to failure'),
  mttrMs: z.number().positive().default(10 * HOUR_MS).describe('mean time to repair'),
  ttfKind: z.enum(kinds).default('exponential').describe('distribution of the time to failure'),
  ttfShape: z.number().positive().default(1).describe('Weibull shape, or lognormal sigma, of the time to failure'),
  ttrKind: z.enum(kinds).default('exponential').describe('distribution of the time to repair'),
  ttrShape: z.number().positive().default(1).describe('Weibull shape, or lognormal sigma, of the time to repair'),
  sloPct: z.number().min(0).max(100).default(99).describe('availability objective the claim checks'),
  // The clock counts integer µs: 2^53 µs is 285 years.
  horizonMs: z.number().int().positive().max(8e12).default(87_660 * HOUR_MS).describe('virtual run length (default ten years)'),
});
type Params = z.output<typeof params>;

function build(sim: Simulation, p: Params): FailureRepair {
  return new FailureRepair(sim, 'component', {
    ttf: distributionWithMean(p.ttfKind, p.mttfMs, p.ttfShape),
    ttr: distributionWithMean(p.ttrKind, p.mttrMs, p.ttrShape),
  });
}

export default defineScenario({
  id: 'availability-single',
  title: 'One component failing and being repaired (alternating renewal process)',
  source: 'closed form: A = MTTF / (MTTF + MTTR)',
  params,
  durationMs: (p) => p.horizonMs,
  faults: () => [],
  build,
  metrics: (c, sim) => {
    const upMs = sim.now / 1000 - c.downtime.total(sim.now) / 1000;
    // Completed repairs only: an outage still open at the horizon has no length yet.
    const repairedMs = c.downtime.windows.reduce((s, w) => s + (w.end === null ? 0 : w.end - w.start), 0) / 1000;
    return {
      availabilityPct: 100 * c.availability(),
      failures: c.failures,
      // Total time up per failure: the usual estimate when the last up period is cut off by the horizon.
      observedMttfMs: c.failures === 0 ? NaN : upMs / c.failures,
      observedMttrMs: c.repairs === 0 ? NaN : repairedMs / c.repairs,
      longestOutageMs: c.downtime.longest(sim.now) / 1000,
    };
  },
  metricInfo: {
    availabilityPct: { label: 'Availability (time up / horizon)', unit: 'percent' },
    failures: { label: 'Failures', unit: 'count' },
    observedMttfMs: { label: 'Observed mean time to failure', unit: 'ms' },
    observedMttrMs: { label: 'Observed mean time to repair', unit: 'ms' },
    longestOutageMs: { label: 'Longest outage', unit: 'ms' },
  },
  claims: [
    {
      name: 'availability meets the objective',
      check: (m, p) => ({ pass: m.availabilityPct >= p.sloPct, detail: `${m.availabilityPct.toFixed(4)}% over the run, objective ${p.sloPct}%` }),
    },
  ],
  timeline: (rec) => (rec.kind === 'down' ? 'fails' : rec.kind === 'up' ? 'repaired' : null),
  notes: (p) => [`steady-state availability MTTF / (MTTF + MTTR) = ${(100 * p.mttfMs / (p.mttfMs + p.mttrMs)).toFixed(4)}% (for any distributions)`],
});
