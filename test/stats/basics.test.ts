import { describe, expect, it } from 'vitest';
import { mean, nines, percentile, quantile, ruleOfThree, sampleSd, studentTCi95, tQuantile975, wilson95 } from '../../src/stats/index.js';

describe('nearest-rank percentiles', () => {
  it('match the textbook example (15, 20, 35, 40, 50)', () => {
    const v = [15, 20, 35, 40, 50];
    expect([5, 30, 40, 50, 100].map((q) => percentile(v, q))).toEqual([15, 20, 20, 35, 50]);
  });

  it('are observed values, exact at whole ranks, and do not depend on input order', () => {
    const v = Array.from({ length: 1000 }, (_, i) => 1000 - i); // 1000..1
    expect(quantile(v, 99.9)).toBe(999); // 99.9% of 1000 is 999.0000000000001 in floating point
    expect(quantile(v, 99)).toBe(990);
    expect(quantile(v, 50)).toBe(500);
    expect(quantile(v, 0)).toBe(1);
    expect(quantile(v, 100)).toBe(1000);
    expect(quantile([3, 1, 2], 50)).toBe(2);
    expect(quantile([], 50)).toBeNaN();
  });
});

describe('mean, sd and the t interval', () => {
  it('computes the sample sd with n - 1', () => {
    const v = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(v)).toBe(5);
    expect(sampleSd(v)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleSd([1])).toBeNaN();
  });

  it('tabulated and expanded t quantiles agree with published values', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile975(7)).toBeCloseTo(2.36462, 5);
    expect(tQuantile975(30)).toBeCloseTo(2.04227, 5);
    // Above the table: the Cornish-Fisher expansion.
    expect(tQuantile975(31)).toBeCloseTo(2.039513, 5);
    expect(tQuantile975(60)).toBeCloseTo(2.000298, 5);
    expect(tQuantile975(120)).toBeCloseTo(1.979930, 5);
    expect(tQuantile975(1000)).toBeCloseTo(1.962339, 5);
    expect(tQuantile975(1e9)).toBeCloseTo(1.959964, 6); // the normal interval for large n
  });

  it('the 95% CI of a small sample is mean ± t(n-1) sd / sqrt(n), by hand', () => {
    // [1, 2, 3]: mean 2, sd 1, t(2) = 4.30265: half-width 4.30265 / sqrt(3) = 2.48414.
    const [lo, hi] = studentTCi95([1, 2, 3])!;
    expect(lo).toBeCloseTo(2 - 2.48414, 4);
    expect(hi).toBeCloseTo(2 + 2.48414, 4);
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, sd sqrt(32/7) = 2.13809, t(7) = 2.36462: half-width 1.78750.
    const ci = studentTCi95([2, 4, 4, 4, 5, 5, 7, 9])!;
    expect(ci[0]).toBeCloseTo(3.21250, 4);
    expect(ci[1]).toBeCloseTo(6.78750, 4);
    expect(studentTCi95([7])).toBeNull();
    expect(studentTCi95([3, 3, 3])).toEqual([3, 3]);
  });
});

describe('proportions', () => {
  it('Wilson intervals match published values', () => {
    const r4 = (ci: readonly [number, number]) => ci.map((x) => Math.round(x * 1e4) / 1e4);
    expect(r4(wilson95(0, 10))).toEqual([0, 0.2775]);
    expect(r4(wilson95(5, 10))).toEqual([0.2366, 0.7634]);
    expect(r4(wilson95(10, 10))).toEqual([0.7225, 1]);
    expect(r4(wilson95(1, 10))).toEqual([0.0179, 0.4042]);
    expect(r4(wilson95(81, 263))).toEqual([0.2553, 0.3662]);
    // The ends are exact at 0 and n, not 1e-17 away.
    expect(wilson95(0, 200)[0]).toBe(0);
    expect(wilson95(200, 200)[1]).toBe(1);
    expect(wilson95(0, 0)).toEqual([0, 1]);
  });

  it('rule of three: 3/n, conservative against the exact 1 - 0.05^(1/n)', () => {
    expect(ruleOfThree(200)).toBe(0.015);
    expect(ruleOfThree(3)).toBe(1);
    for (const n of [20, 60, 300, 1000]) expect(ruleOfThree(n)).toBeGreaterThan(1 - 0.05 ** (1 / n));
  });

  it('nines are -log10(1 - A)', () => {
    expect(nines(0.999)).toBeCloseTo(3, 10);
    expect(nines(0.99995)).toBeCloseTo(4.30103, 5);
    expect(nines(0.999997002)).toBeCloseTo(5.5232, 4);
    expect(nines(1)).toBe(Infinity);
    expect(nines(0)).toBe(0);
  });
});
