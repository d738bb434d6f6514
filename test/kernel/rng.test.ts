import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel/rng.js';
import { Simulation } from '../../src/kernel/simulation.js';

const N = 100_000;

function draws(stream: RandomStream, n: number, f: (s: RandomStream) => number = (s) => s.next()): number[] {
  return Array.from({ length: n }, () => f(stream));
}

function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let sq = 0;
  for (const x of xs) sq += (x - mean) ** 2;
  return { mean, sd: Math.sqrt(sq / (xs.length - 1)) };
}

describe('RandomStream reproducibility and independence', () => {
  it('the same (seed, name) gives the same draws', () => {
    const a = new RandomStream(42, 'disk');
    const b = new RandomStream(42, 'disk');
    expect(draws(a, 1000)).toEqual(draws(b, 1000));
  });

  it('a seed’s numbers are pinned: changing the algorithm or derivation breaks recorded runs', () => {
    const r = new RandomStream(42, 'golden');
    expect(r.next()).toBe(0.04134445730596781);
    expect(r.next()).toBe(0.3834701275918633);
    expect(r.int(1, 1000)).toBe(392);
    expect(r.exponential(1)).toBeCloseTo(1.1378848864029463, 12);
  });

  it('different names, and different seeds, give different draws', () => {
    const base = draws(new RandomStream(42, 'disk'), 100);
    expect(draws(new RandomStream(42, 'net'), 100)).not.toEqual(base);
    expect(draws(new RandomStream(43, 'disk'), 100)).not.toEqual(base);
    expect(draws(new RandomStream('42x', 'disk'), 100)).not.toEqual(base);
  });

  it('creating and drawing from other streams does not change a stream’s draws', () => {
    const alone = new Simulation({ seed: 9 });
    const expected = draws(alone.rng('target'), 500);

    const busy = new Simulation({ seed: 9 });
    const other = busy.rng('other'); // created first
    draws(other, 37);
    const target = busy.rng('target');
    const got: number[] = [];
    for (let i = 0; i < 500; i++) {
      got.push(target.next());
      other.normal(); // interleaved draws elsewhere
      if (i % 50 === 0) busy.rng(`late-${i}`).exponential(3); // streams created mid-way
    }
    expect(got).toEqual(expected);
  });

  it('sim.rng(name) returns the same stream object (draws continue, not restart)', () => {
    const sim = new Simulation({ seed: 5 });
    const s = sim.rng('a');
    expect(sim.rng('a')).toBe(s);
    const first = sim.rng('a').next();
    const second = sim.rng('a').next();
    expect(second).not.toBe(first);
    const ref = new RandomStream(5, 'a');
    expect([ref.next(), ref.next()]).toEqual([first, second]);
  });
});

describe('RandomStream distributions (100k draws)', () => {
  it('next and uniform stay in range with the right mean', () => {
    const r = new RandomStream(1, 'u');
    const xs = draws(r, N);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(meanSd(xs).mean).toBeCloseTo(0.5, 2);
    const us = draws(r, N, (s) => s.uniform(-3, 5));
    expect(Math.min(...us)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...us)).toBeLessThan(5);
    expect(Math.abs(meanSd(us).mean - 1)).toBeLessThan(0.03);
  });

  it('exponential has the given mean (not rate) and sd equal to the mean', () => {
    const xs = draws(new RandomStream(2, 'exp'), N, (s) => s.exponential(250));
    const { mean, sd } = meanSd(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(mean - 250) / 250).toBeLessThan(0.015);
    expect(Math.abs(sd - 250) / 250).toBeLessThan(0.02);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('normal has the given mean and sd, and about 68% within one sd', () => {
    const xs = draws(new RandomStream(3, 'norm'), N, (s) => s.normal(10, 2));
    const { mean, sd } = meanSd(xs);
    expect(Math.abs(mean - 10)).toBeLessThan(0.03);
    expect(Math.abs(sd - 2) / 2).toBeLessThan(0.015);
    const within = xs.filter((x) => Math.abs(x - 10) < 2).length / N;
    expect(Math.abs(within - 0.6827)).toBeLessThan(0.01);
    const std = draws(new RandomStream(3, 'std'), N, (s) => s.normal());
    expect(Math.abs(meanSd(std).mean)).toBeLessThan(0.015);
  });

  it('lognormal has the given median and mean median * exp(sigma^2 / 2)', () => {
    const xs = draws(new RandomStream(4, 'logn'), N, (s) => s.lognormal(100, 0.5));
    expect(Math.min(...xs)).toBeGreaterThan(0);
    const sorted = [...xs].sort((a, b) => a - b);
    const median = sorted[N / 2]!;
    expect(Math.abs(median - 100) / 100).toBeLessThan(0.015);
    expect(Math.abs(meanSd(xs).mean - 100 * Math.exp(0.125)) / (100 * Math.exp(0.125))).toBeLessThan(0.015);
  });

  it('weibull with shape 1 is exponential with mean = scale', () => {
    const xs = draws(new RandomStream(5, 'wb'), N, (s) => s.weibull(40, 1));
    expect(Math.abs(meanSd(xs).mean - 40) / 40).toBeLessThan(0.015);
    // shape 2: mean = scale * Gamma(1.5) = scale * sqrt(pi)/2
    const ys = draws(new RandomStream(5, 'wb2'), N, (s) => s.weibull(40, 2));
    expect(Math.abs(meanSd(ys).mean - 40 * Math.sqrt(Math.PI) / 2) / 40).toBeLessThan(0.01);
  });

  it('bernoulli is true with probability p, and never/always at 0/1', () => {
    const r = new RandomStream(6, 'b');
    let hits = 0;
    for (let i = 0; i < N; i++) if (r.bernoulli(0.3)) hits++;
    expect(Math.abs(hits / N - 0.3)).toBeLessThan(0.006);
    for (let i = 0; i < 1000; i++) {
      expect(r.bernoulli(0)).toBe(false);
      expect(r.bernoulli(1)).toBe(true);
    }
  });

  it('int covers [lo, hi] inclusively and uniformly', () => {
    const counts = new Map<number, number>();
    const r = new RandomStream(7, 'int');
    for (let i = 0; i < N; i++) {
      const x = r.int(-2, 3);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    for (const c of counts.values()) expect(Math.abs(c / N - 1 / 6)).toBeLessThan(0.006);
    expect(r.int(4, 4)).toBe(4);
  });

  it('choice picks each item uniformly and rejects an empty list', () => {
    const items = ['a', 'b', 'c', 'd'] as const;
    const r = new RandomStream(8, 'choice');
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < N; i++) counts[r.choice(items)]!++;
    for (const k of items) expect(Math.abs(counts[k]! / N - 0.25)).toBeLessThan(0.007);
    expect(() => r.choice([])).toThrow(/empty/);
  });
});
