import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel/rng.js';
import { drawBinomial } from '../../src/stats/binomial.js';
import { bootstrapTCi95, drawsPerResample, meanCi95, mostCommonValue, resampleCount, studentTCi95 } from '../../src/stats/index.js';
import { mean, sampleSd } from '../../src/stats/moments.js';
import { kthSmallest } from '../../src/stats/order-statistic.js';

/**
 * The parts of the mean's interval. Its coverage is measured against closed
 * forms in coverage.test.ts; here, what each part must do by construction.
 */

const rng = (name = 'test') => new RandomStream(1, name);
/** 200 values in [0, 1) from a fixed stream. */
const uniform = Array.from({ length: 200 }, (_, i) => ((i * 7919) % 200) / 200 + ((i * 31) % 7) / 1400);
/** 300 runs, 45 with an outage of 1..30 (most runs see nothing): zero-inflated and skewed. */
const zeroInflated = Array.from({ length: 300 }, (_, i) => (i % 20 < 3 ? 1 + ((i * 13) % 30) : 0));

describe('drawBinomial', () => {
  it('has the binomial mean and variance on either side of p = 0.5', () => {
    for (const [n, p] of [[10_000, 0.003], [30, 0.6], [200, 0.5], [1, 0.9]] as const) {
      const r = rng(`binomial/${n}/${p}`);
      const draws = Array.from({ length: 20_000 }, () => drawBinomial(n, p, r));
      // 20,000 draws: the sample mean is within 5 standard errors of n p.
      expect(Math.abs(mean(draws) - n * p)).toBeLessThan(5 * Math.sqrt((n * p * (1 - p)) / 20_000));
      expect(sampleSd(draws) ** 2 / (n * p * (1 - p))).toBeGreaterThan(0.95);
      expect(sampleSd(draws) ** 2 / (n * p * (1 - p))).toBeLessThan(1.05);
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThanOrEqual(n);
    }
    expect(drawBinomial(50, 0, rng())).toBe(0);
    expect(drawBinomial(50, 1, rng())).toBe(50);
  });
});

describe('mostCommonValue', () => {
  it('finds the spike, the smallest of equally common values, whatever the order', () => {
    expect(mostCommonValue(zeroInflated)).toEqual({ value: 0, count: 255 });
    expect(mostCommonValue([3, 1, 3, 1, 2])).toEqual({ value: 1, count: 2 });
    expect(mostCommonValue([1, 3, 1, 3, 2].reverse())).toEqual({ value: 1, count: 2 });
    expect(mostCommonValue([5, 4])).toEqual({ value: 4, count: 1 });
    expect(mostCommonValue([]).count).toBe(0);
  });
});

describe('bootstrap-t', () => {
  it('uses 1,999 resamples up to 500 values drawn per resample, fewer up to 5,000, none beyond', () => {
    expect(resampleCount(30)).toBe(1999);
    expect(resampleCount(500)).toBe(1999);
    expect(resampleCount(1000)).toBe(999);
    expect(resampleCount(5000)).toBe(199);
    expect(resampleCount(5001)).toBe(0);
    // Few events among many runs: a resample draws only the events, so a 10,000-run sweep with 30 of them gets all 1,999.
    expect(drawsPerResample(10_000, 30)).toBe(30);
    expect(drawsPerResample(10_000, 2_500)).toBe(10_000);
    // (B + 1) * 2.5% is whole: the 2.5% and 97.5% points are order statistics.
    for (const e of [1, 1001, 2500, 4321]) expect((resampleCount(e) + 1) % 40).toBe(0);
  });

  it('is the same interval for the same stream, and close to Student t for symmetric data', () => {
    const a = bootstrapTCi95(uniform, 0, 1999, rng('same'))!;
    expect(bootstrapTCi95(uniform, 0, 1999, rng('same'))).toEqual(a);
    expect(bootstrapTCi95(uniform, 0, 1999, rng('other'))).not.toEqual(a);
    const t = studentTCi95(uniform)!;
    const half = (t[1] - t[0]) / 2;
    expect(Math.abs(a[0] - t[0])).toBeLessThan(0.1 * half);
    expect(Math.abs(a[1] - t[1])).toBeLessThan(0.1 * half);
  });

  it('does not depend on which value it resamples around (the spike only makes it cheap)', () => {
    // Different spikes consume the stream differently, so the intervals differ by Monte Carlo noise only.
    const around0 = bootstrapTCi95(zeroInflated, 0, 1999, rng())!;
    const around7 = bootstrapTCi95(zeroInflated, 7, 1999, rng())!;
    const width = around0[1] - around0[0];
    expect(Math.abs(around0[0] - around7[0])).toBeLessThan(0.05 * width);
    expect(Math.abs(around0[1] - around7[1])).toBeLessThan(0.05 * width);
  });

  it('reaches further on the side of the rare large values than Student t does', () => {
    const b = bootstrapTCi95(zeroInflated, 0, 1999, rng())!;
    const t = studentTCi95(zeroInflated)!;
    const m = mean(zeroInflated);
    expect(b[1] - m).toBeGreaterThan(t[1] - m);
    expect(m - b[0]).toBeLessThan(m - t[0]);
    expect(b[0]).toBeGreaterThan(0);
  });

  it('cannot bound a mean of 1 to 3 events: null', () => {
    const few = (k: number) => Array.from({ length: 100 }, (_, i) => (i < k ? 5 + i : 0));
    for (const k of [1, 2, 3]) expect(bootstrapTCi95(few(k), 0, 1999, rng())).toBeNull();
    expect(bootstrapTCi95(few(6), 0, 1999, rng())).not.toBeNull();
  });
});

describe('meanCi95', () => {
  it('says what the interval rests on: method, events and a warning below 10 runs or 10 events', () => {
    expect(meanCi95(uniform, rng())).toMatchObject({ events: 200, ciMethod: 'bootstrap-t', ciWarning: null });
    expect(meanCi95(zeroInflated, rng())).toMatchObject({ events: 45, ciMethod: 'bootstrap-t', ciWarning: null });
    expect(meanCi95([1, 2, 3], rng())).toMatchObject({ events: 3, ciWarning: 'too-few-runs' });
    const twoEvents = Array.from({ length: 50 }, (_, i) => (i % 25 === 0 ? 4 : 0));
    expect(meanCi95(twoEvents, rng())).toEqual({ ci95: null, events: 2, ciMethod: 'bootstrap-t', ciWarning: 'too-few-events' });
    expect(meanCi95(Array(40).fill(0), rng())).toEqual({ ci95: [0, 0], events: 0, ciMethod: null, ciWarning: 'too-few-events' });
    expect(meanCi95([7], rng())).toEqual({ ci95: null, events: 1, ciMethod: null, ciWarning: 'too-few-runs' });
  });

  it('uses Student t where a resample would draw over 5,000 values, and bootstrap-t for rare events in as many runs', () => {
    const many = Array.from({ length: 5_001 }, (_, i) => i);
    expect(meanCi95(many, rng())).toEqual({ ci95: studentTCi95(many), events: 5_001, ciMethod: 'student-t', ciWarning: null });
    const rare = Array.from({ length: 20_000 }, (_, i) => (i % 1000 === 3 ? i % 7 + 1 : 0));
    expect(meanCi95(rare, rng())).toMatchObject({ events: 20, ciMethod: 'bootstrap-t', ciWarning: null });
  });
});

describe('kthSmallest', () => {
  it('is the k-th value of the sorted array, with repeats and infinities', () => {
    const r = rng('select');
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + r.int(0, 60);
      const values = Array.from({ length: n }, () => (r.bernoulli(0.1) ? (r.bernoulli(0.5) ? Infinity : -Infinity) : r.int(-5, 5)));
      const sorted = [...values].sort((a, b) => a - b);
      const k = r.int(0, n - 1);
      expect(kthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
    }
    expect(() => kthSmallest(new Float64Array(3), 3)).toThrow(/outside 0\.\.2/);
  });
});
