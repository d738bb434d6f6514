import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel/rng.js';
import { fisherExact, kolmogorovSurvival, ksTwoSample } from '../../src/stats/index.js';
import { shuffled } from './make-records.js';

/**
 * Reference values were computed with scipy 1.17.1 (Python 3.11):
 * scipy.stats.kstwobign.sf, ks_2samp(..., method='exact') and fisher_exact;
 * the tied case's exact permutation p-value by enumerating all 462 splits
 * in Python. The Monte Carlo p-values are checked to within about 4
 * standard errors, sqrt(p(1-p)/permutations), of the exact ones.
 */

/** D by definition: the largest |F_a(x) - F_b(x)| over every pooled value x (O(n²), an independent check). */
function naiveD(a: readonly number[], b: readonly number[]): number {
  const cdf = (xs: readonly number[], x: number) => xs.filter((v) => v <= x).length / xs.length;
  return Math.max(...[...a, ...b].map((x) => Math.abs(cdf(a, x) - cdf(b, x))));
}

function sample(stream: RandomStream, n: number, draw: (s: RandomStream) => number): number[] {
  return Array.from({ length: n }, () => draw(stream));
}

/** Mostly 0, else 1-3: shaped like ackedWritesLost. */
const zeroInflated = (pZero: number) => (s: RandomStream) => (s.next() < pZero ? 0 : s.int(1, 3));

/** How often p <= alpha over `replicates` pairs of samples drawn by `pair`. */
function rejectionRate(replicates: number, alpha: number, pair: (s: RandomStream) => [number[], number[]], permutations = 199): number {
  const stream = new RandomStream(20261202, 'two-sample-test/replicates');
  let rejected = 0;
  for (let i = 0; i < replicates; i++) {
    const [a, b] = pair(stream);
    if (ksTwoSample(a, b, { permutations, seed: i }).pPermutation <= alpha) rejected++;
  }
  return rejected / replicates;
}

describe('Kolmogorov-Smirnov statistic and p-values against known values', () => {
  it("Kolmogorov's limiting survival function matches scipy.stats.kstwobign.sf on both sides of the 1.18 switch", () => {
    const scipy: [number, number][] = [
      [0.2, 0.999999999999495], [0.5, 0.9639452436648751], [0.8, 0.5441424115741981], [1.0, 0.26999967167735456],
      [1.17, 0.12939004218561884], [1.19, 0.11774229287977166], [1.36, 0.049485876755377876], [1.63, 0.009846364888486529],
      [2.0, 0.0006709252557796953], [3.0, 3.045995948942526e-8],
    ];
    for (const [x, p] of scipy) expect(kolmogorovSurvival(x), `x = ${x}`).toBeCloseTo(p, 12);
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(3.0) / 3.045995948942526e-8).toBeCloseTo(1, 9);
  });

  it('no ties: D and the permutation p match the exact two-sample distribution (scipy method="exact": 0.146853)', () => {
    const a = [0.1, 0.5, 0.9, 1.3, 2.0, 2.2];
    const b = [1.1, 1.5, 1.9, 2.5, 2.6, 3.0, 3.1];
    const r = ksTwoSample(a, b, { permutations: 20_000 });
    expect(r.d).toBeCloseTo(4 / 7, 12);
    expect(r.ties).toBe(false);
    expect(Math.abs(r.pPermutation - 0.14685314685314685)).toBeLessThan(0.01); // SE 0.0025
    // The limiting form is only a rough guide at n = 6, 7, and is reported as such.
    expect(r.pAsymptotic).toBeCloseTo(kolmogorovSurvival(Math.sqrt(42 / 13) * (4 / 7)), 12);
  });

  it('ties: the permutation p is the exact one (194/462), where the continuous formula says 0.591', () => {
    const a = [0, 0, 0, 1, 2];
    const b = [0, 1, 1, 2, 3, 3];
    const r = ksTwoSample(a, b, { permutations: 20_000 });
    expect(r.d).toBeCloseTo(13 / 30, 12); // scipy ks_2samp statistic 0.43333
    expect(r.ties).toBe(true);
    expect(r.pAsymptotic).toBeNull();
    expect(Math.abs(r.pPermutation - 194 / 462)).toBeLessThan(0.015); // SE 0.0035; scipy's no-ties "exact" p is 0.591
  });

  it('D equals its definition on random tied samples of unequal sizes', () => {
    const s = new RandomStream(7, 'two-sample-test/naive');
    for (let i = 0; i < 50; i++) {
      const a = sample(s, s.int(1, 30), (x) => x.int(0, 5));
      const b = sample(s, s.int(1, 30), (x) => x.int(0, 8) / 2);
      expect(ksTwoSample(a, b, { permutations: 1 }).d).toBeCloseTo(naiveD(a, b), 12);
    }
  });

  it('identical multisets give D = 0 and p = 1; disjoint ones the smallest p the permutations allow', () => {
    expect(ksTwoSample([0, 0, 1, 5], [5, 1, 0, 0])).toMatchObject({ d: 0, pPermutation: 1 });
    expect(ksTwoSample([0, 0, 0], [0, 0, 0, 0, 0])).toMatchObject({ d: 0, pPermutation: 1, pAsymptotic: null });
    const a = Array.from({ length: 40 }, (_, i) => i);
    const r = ksTwoSample(a, a.map((x) => x + 100), { permutations: 999 });
    expect(r.d).toBe(1);
    expect(r.pPermutation).toBe(1 / 1000); // no random split of 80 is that extreme: (1 + 0) / (1 + 999)
  });

  it('is repeatable and depends on the values only, not their order; the seed changes only the Monte Carlo draws', () => {
    const s = new RandomStream(3, 'two-sample-test/order');
    const a = sample(s, 60, zeroInflated(0.8));
    const b = sample(s, 45, zeroInflated(0.6));
    const r = ksTwoSample(a, b);
    expect(ksTwoSample(shuffled(a, 1), shuffled(b, 2))).toEqual(r);
    const other = ksTwoSample(a, b, { seed: 'another' });
    expect(other.d).toBe(r.d);
    expect(Math.abs(other.pPermutation - r.pPermutation)).toBeLessThan(4 * Math.sqrt((r.pPermutation * (1 - r.pPermutation)) / 2000) + 1e-3);
  });

  it('rejects empty samples and values that are not finite numbers', () => {
    expect(() => ksTwoSample([], [1])).toThrow(/sample a is empty/);
    expect(() => ksTwoSample([1], [NaN])).toThrow(/sample b holds a value that is not a finite number/);
    expect(() => ksTwoSample([1], [2], { permutations: 0 })).toThrow(/positive integer/);
  });
});

describe('Kolmogorov-Smirnov permutation test: size and power on simulated samples', () => {
  // 1000 replicates at alpha 0.05: 50 rejections expected, binomial SD 6.9,
  // so 0.071 is 3 SD above. The permutation p-value is valid for any data
  // (P(p <= alpha) <= alpha); discreteness can only lower the rate.
  it('type I error at or a little under 5% under H0 with heavy ties (70% zeros, n = m = 30), where the continuous formula is blind', () => {
    const tied = (s: RandomStream): [number[], number[]] => [sample(s, 30, zeroInflated(0.7)), sample(s, 30, zeroInflated(0.7))];
    const rate = rejectionRate(1000, 0.05, tied);
    // Four distinct values make D's null distribution coarse: no attainable level sits
    // at exactly 5%, and the largest one below it is about 3% (0.031 here).
    expect(rate).toBeGreaterThanOrEqual(0.02);
    expect(rate).toBeLessThanOrEqual(0.071);
    // Kolmogorov's continuous-data p-value on the same replicates rejects about 0.4%: ties make it blind.
    const stream = new RandomStream(20261202, 'two-sample-test/replicates');
    let continuousRejects = 0;
    for (let i = 0; i < 1000; i++) if (kolmogorovSurvival(Math.sqrt(15) * ksTwoSample(...tied(stream), { permutations: 1 }).d) <= 0.05) continuousRejects++;
    expect(continuousRejects / 1000).toBeLessThan(0.015);
  });

  it('type I error near 5% under H0 with continuous data of unequal sizes (n = 20, m = 35)', () => {
    const rate = rejectionRate(1000, 0.05, (s) => [sample(s, 20, (x) => x.normal()), sample(s, 35, (x) => x.normal())]);
    expect(rate).toBeGreaterThanOrEqual(0.03);
    expect(rate).toBeLessThanOrEqual(0.071);
  });

  it('power: a one-SD shift at n = m = 25 and zeros 90% vs 60% at n = m = 50 are detected in most replicates', () => {
    // scipy's exact KS test rejects a 1 SD normal shift at n = m = 25, alpha 0.05, in 82% of 4000
    // simulated replicates; 199 permutations lose a little (0.76 here; 200 replicates: SD 0.03).
    expect(rejectionRate(200, 0.05, (s) => [sample(s, 25, (x) => x.normal()), sample(s, 25, (x) => x.normal(1))])).toBeGreaterThan(0.68);
    expect(rejectionRate(200, 0.05, (s) => [sample(s, 50, zeroInflated(0.9)), sample(s, 50, zeroInflated(0.6))])).toBeGreaterThan(0.85);
  });
});

describe("Fisher's exact test for pass rates", () => {
  it('matches scipy.stats.fisher_exact (two-sided)', () => {
    const scipy: [number, number, number, number, number][] = [
      [405, 500, 20, 25, 0.7995983663321924], [3, 10, 9, 10, 0.019766611097880443], [405, 500, 10, 25, 1.409613895894001e-5],
      [8, 10, 2, 12, 0.008284285374068655], [0, 500, 1, 40, 0.07407407407407407],
    ];
    for (const [pa, na, pb, nb, p] of scipy) expect(fisherExact(pa, na, pb, nb) / p, `${pa}/${na} vs ${pb}/${nb}`).toBeCloseTo(1, 9);
  });

  it('gives 1 where nothing can differ (all pass, all fail, 499/500 vs 40/40) and is symmetric in the samples', () => {
    expect(fisherExact(500, 500, 40, 40)).toBe(1);
    expect(fisherExact(0, 500, 0, 40)).toBe(1);
    expect(fisherExact(499, 500, 40, 40)).toBe(1);
    expect(fisherExact(1, 2, 1, 2)).toBe(1);
    expect(fisherExact(10, 25, 405, 500)).toBeCloseTo(fisherExact(405, 500, 10, 25), 15);
    expect(() => fisherExact(3, 2, 0, 1)).toThrow(/not a count/);
  });

  it('keeps its false-alarm rate at or below 5% under H0 (pass rate 0.9, 40 vs 60 runs)', () => {
    const s = new RandomStream(11, 'two-sample-test/fisher');
    const passes = (n: number) => sample(s, n, (x) => (x.bernoulli(0.9) ? 1 : 0)).reduce((t, v) => t + v, 0);
    let rejected = 0;
    for (let i = 0; i < 2000; i++) if (fisherExact(passes(40), 40, passes(60), 60) <= 0.05) rejected++;
    // Conservative (it conditions on the margins): under 5% + 2 SD, and not blind either.
    expect(rejected / 2000).toBeLessThan(0.06);
    expect(rejected / 2000).toBeGreaterThan(0.01);
  });
});
