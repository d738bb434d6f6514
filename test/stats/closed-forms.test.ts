import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario, type AnyScenario } from 'failsim';
import type { RunRecord } from '../../src/records/run-record.js';
import { RandomStream } from '../../src/kernel/rng.js';
import { meanCi95, summarizeRuns, type Interval, type SweepSummary } from '../../src/stats/index.js';
import single from '../../examples/availability/single-component.js';
import kOfN from '../../examples/availability/k-of-n.js';
import mmc from '../../examples/availability/mmc-queue.js';
import { kOfNAvailability } from './closed-form-values.js';

/**
 * The simulator against closed forms: each example runs over fixed seeds,
 * the runs go through summarizeRuns, and the exact value must lie inside
 * the 95% interval of the mean. The intervals are also required to be
 * narrow, so "inside" means something. Seeds are fixed, so the outcome is
 * deterministic (a 95% interval misses the truth in 1 of 20 seed sets; these
 * were not picked to pass, they are 1, 1001, 2001, ...).
 */

/** Runs `runs` seeds in-process and returns them as a sweep would record them. */
function sweep(scenario: AnyScenario, params: Record<string, unknown>, runs: number, baseSeed: number): RunRecord[] {
  return Array.from({ length: runs }, (_, index) => {
    const seed = baseSeed + index;
    const r = runScenario(scenario, { seed, params });
    const metrics = Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));
    return { scenario: r.scenario, index, seed, params: r.params, digest: r.digest, metrics, claims: r.claims.map((c) => ({ name: c.name, pass: c.pass })) };
  });
}

function ci(s: SweepSummary, metric: string): Interval {
  const m = s.metrics[metric];
  if (m?.ci95 == null) throw new Error(`no interval for ${metric}`);
  return m.ci95;
}

/** The exact value is inside the interval, and the interval is at most `maxHalfWidth` either side of the mean. */
function expectInside(interval: Interval, exact: number, maxHalfWidth: number, what: string): void {
  const [lo, hi] = interval;
  expect(lo <= exact && exact <= hi, `${what}: ${exact} outside the 95% CI [${lo}, ${hi}]`).toBe(true);
  expect((hi - lo) / 2, `${what}: interval too wide to mean anything`).toBeLessThan(maxHalfWidth);
}

const HOUR_MS = 3_600_000;
const YEARS_100_MS = 876_600 * HOUR_MS;

describe('one component: A = MTTF / (MTTF + MTTR)', () => {
  const exact = 1000 / 1010; // 0.990099

  it('exponential failures and repairs, MTTF 1000 h, MTTR 10 h: 0.990099', () => {
    const s = summarizeRuns(sweep(single, { mttfMs: 1000 * HOUR_MS, mttrMs: 10 * HOUR_MS, horizonMs: YEARS_100_MS }, 100, 1), { metricInfo: single.metricInfo });
    expect(exact).toBeCloseTo(0.990099, 6);
    // In percent: 0.012 points is 1.2% of the unavailability.
    expectInside(ci(s, 'availabilityPct'), 100 * exact, 0.012, 'availabilityPct');
    expect(s.availability!.availabilityPct!.nines).toBeCloseTo(2.0043, 2);
  });

  it('the same means with Weibull wear-out failures and lognormal repairs: the same A', () => {
    const params = { mttfMs: 1000 * HOUR_MS, mttrMs: 10 * HOUR_MS, ttfKind: 'weibull', ttfShape: 2, ttrKind: 'lognormal', ttrShape: 1, horizonMs: YEARS_100_MS };
    const s = summarizeRuns(sweep(single, params, 100, 1001), { metricInfo: single.metricInfo });
    expectInside(ci(s, 'availabilityPct'), 100 * exact, 0.012, 'availabilityPct');
    expectInside(ci(s, 'observedMttrMs'), 10 * HOUR_MS, 0.02 * 10 * HOUR_MS, 'observedMttrMs');
  });
});

describe('k-of-n: sum over i >= k of C(n,i) p^i (1-p)^(n-i)', () => {
  it('2-of-3 at p = 0.999 gives 0.999997002', () => {
    const exact = kOfNAvailability(3, 2, 0.999);
    expect(exact).toBeCloseTo(0.999997002, 9);
    // Seconds instead of hours (availability has no time scale), so 1.6 years of
    // virtual time per run hold ~300 system outages; 16 runs, about 4,800 outages.
    const params = { n: 3, k: 2, mttfMs: 999_000, mttrMs: 1_000, horizonMs: 50_000_000_000, traceComponents: false };
    const s = summarizeRuns(sweep(kOfN, params, 16, 2001), { metricInfo: kOfN.metricInfo });
    // Unavailability is 3.0e-6 (3.0e-4 %): the interval must pin it to within 10%.
    expectInside(ci(s, 'systemAvailabilityPct'), 100 * exact, 0.1 * 100 * (1 - exact), 'systemAvailabilityPct');
    expectInside(ci(s, 'componentAvailabilityPct'), 99.9, 0.002, 'componentAvailabilityPct');
  });

  it('2-of-3 at p = 0.9 gives 0.972', () => {
    const exact = kOfNAvailability(3, 2, 0.9);
    expect(exact).toBeCloseTo(0.972, 12);
    const s = summarizeRuns(sweep(kOfN, { n: 3, k: 2, mttfMs: 9_000, mttrMs: 1_000, horizonMs: 20_000_000, traceComponents: false }, 30, 3001), { metricInfo: kOfN.metricInfo });
    // Unavailability 2.8%: within 0.1 points.
    expectInside(ci(s, 'systemAvailabilityPct'), 100 * exact, 0.1, 'systemAvailabilityPct');
  });

  it('3-of-5 at p = 0.95 with lognormal repairs gives 0.998842 (independence is all the formula needs)', () => {
    const exact = kOfNAvailability(5, 3, 0.95);
    expect(exact).toBeCloseTo(0.99884188, 7);
    const params = { n: 5, k: 3, mttfMs: 19_000, mttrMs: 1_000, ttrKind: 'lognormal', ttrShape: 0.8, horizonMs: 100_000_000, traceComponents: false };
    const s = summarizeRuns(sweep(kOfN, params, 30, 4001), { metricInfo: kOfN.metricInfo });
    // Unavailability 0.116%: within 0.01 points.
    expectInside(ci(s, 'systemAvailabilityPct'), 100 * exact, 0.01, 'systemAvailabilityPct');
  });
});

describe('M/M/3 at offered load 2 (lambda 2/s, mu 1/s)', () => {
  // Erlang C for c = 3, a = 2: (a^c/c! * c/(c-a)) / (sum_{i<c} a^i/i! + that) = (4/3 * 3) / (1 + 2 + 2 + 4) = 4/9.
  const pWait = 4 / 9;
  const waitInLineMs = (pWait / (3 - 2)) * 1000; // Wq = C / (c mu - lambda)
  const timeInSystemMs = waitInLineMs + 1000; // W = Wq + 1/mu = 13/9 s
  const inSystem = 2 * (timeInSystemMs / 1000); // L = lambda W = 26/9
  // 16 runs of 20,000 s after a 1,000 s warm-up: about 640,000 customers.
  let records: RunRecord[] = [];
  let s: SweepSummary;
  beforeAll(() => {
    records = sweep(mmc, { servers: 3, arrivalsPerS: 2, meanServiceMs: 1000, warmupMs: 1_000_000, horizonMs: 21_000_000 }, 16, 5001);
    s = summarizeRuns(records, { metricInfo: mmc.metricInfo });
  });

  it('the probability of waiting is Erlang C = 4/9', () => {
    expectInside(ci(s, 'waitProbability'), pWait, 0.01, 'waitProbability');
    expectInside(ci(s, 'meanWaitMs'), waitInLineMs, 20, 'meanWaitMs');
  });

  it('Little\'s law: L = lambda W = 26/9, W = 13/9 s', () => {
    expectInside(ci(s, 'meanTimeInSystemMs'), timeInSystemMs, 30, 'meanTimeInSystemMs');
    expectInside(ci(s, 'meanInSystem'), inSystem, 0.06, 'meanInSystem');
    expectInside(ci(s, 'arrivalRatePerS'), 2, 0.02, 'arrivalRatePerS');
    // Run by run, the time-average L against lambda times the customer-average W.
    // lambda is the configured rate: with the measured one, L - lambda W is only
    // the window's edge effect (customers present at the warm-up or at the
    // horizon, ~1e-4), which a paired interval this tight would resolve.
    const gaps = records.map((r) => r.metrics.meanInSystem! - 2 * (r.metrics.meanTimeInSystemMs! / 1000));
    expectInside(meanCi95(gaps, new RandomStream(5001, 'test/L - lambda W')).ci95!, 0, 0.03, 'L - lambda W');
  });
});
