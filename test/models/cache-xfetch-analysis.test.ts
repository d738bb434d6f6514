import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel/rng.js';
import { earlyRefreshRule, type EarlyExpiryMode } from '../../models/cache/early-expiry.js';

/**
 * next-models.md 4.3's model, run with the pure rules and a plain loop
 * (seconds): Poisson reads at rate lambda, TTL 300 s, a recompute takes
 * delta and there is no lock; reads at or after expiry miss and every one
 * recomputes. count = recomputes started before the first completes;
 * lead = expiry - start of the first. Reads start 31 s before expiry:
 * linear cannot fire earlier (its window is 30 s) and XFetch's chance per
 * read there is exp(-62) for delta 0.5 s, so the skipped part is nothing
 * (Poisson reads are memoryless, so starting late is exact otherwise).
 */
function trial(mode: EarlyExpiryMode, lambda: number, delta: number, arrivals: RandomStream, draws: RandomStream) {
  const ttl = 300, expiry = 300, rule = earlyRefreshRule(mode);
  let t = expiry - 31, first = NaN, count = 0;
  for (;;) {
    t += arrivals.exponential(1 / lambda);
    if (first === first && t >= first + delta) break;
    const refresh = t >= expiry || rule(t, expiry, ttl, delta, 1, draws);
    if (refresh) { if (first !== first) first = t; count++; }
  }
  return { count, lead: expiry - first };
}

function stats(mode: EarlyExpiryMode, lambda: number, delta: number, n: number) {
  const arrivals = new RandomStream(42, `arrivals/${mode}`), draws = new RandomStream(42, `draws/${mode}`);
  const counts: number[] = [], leads: number[] = [];
  for (let i = 0; i < n; i++) { const r = trial(mode, lambda, delta, arrivals, draws); counts.push(r.count); leads.push(r.lead); }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const se = (xs: number[]) => { const m = mean(xs); return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length); };
  const sorted = [...leads].sort((a, b) => a - b);
  return { count: mean(counts), countSe: se(counts), lead: mean(leads), leadSe: se(leads), leadMedian: sorted[Math.floor(n / 2)]!, maxCount: Math.max(...counts) };
}

/** Within 4 standard errors of our mean, plus the table's rounding to one decimal (0.05). */
const near = (got: number, se: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(4 * se + 0.05);

const N = 2000;
const GAMMA = 0.5772156649;

describe('XFetch against the analysis (next-models 4.3 table, lambda 100/s, delta 0.5 s, TTL 300 s)', () => {
  it('no early refresh: ~50.8 recomputes, 1 + lambda*delta = 51 in closed form', () => {
    const s = stats('none', 100, 0.5, N);
    near(s.count, s.countSe, 51);
    near(s.count, s.countSe, 50.8);
    expect(s.lead).toBeLessThan(0); // the first recompute starts after expiry (mean -1/lambda)
    near(-s.lead, s.leadSe, 0.01);
  });

  it('linear: ~2.6 recomputes, lead ~29 s (closed form: lead 30 - sqrt(pi*W/(2 lambda)) = 29.31 s, W = 30 s)', () => {
    const s = stats('linear', 100, 0.5, N);
    near(s.count, s.countSe, 2.6);
    const leadClosed = 30 - Math.sqrt((Math.PI * 30) / 200);
    near(s.lead, s.leadSe, leadClosed);
    expect(Math.abs(s.lead - 29)).toBeLessThan(0.5); // the table's "29 s" (two digits)
  });

  it('xfetch beta 1: ~2.7 recomputes (e in closed form), lead ~2.1 s (the Gumbel median)', () => {
    const s = stats('xfetch', 100, 0.5, N);
    // First start: lambda*delta*exp(-lead/delta) ~ Exp(1), so count = 1 + (e - 1) * E[Exp(1)] = e.
    near(s.count, s.countSe, 2.7);
    near(s.count, s.countSe, Math.E);
    // lead = delta*(ln(lambda delta) + Gumbel): mean delta*(ln 50 + gamma) = 2.245 s; median delta*(ln 50 - ln ln 2) = 2.139 s.
    near(s.lead, s.leadSe, 0.5 * (Math.log(50) + GAMMA));
    // The table's 2.1 s is the median (the mean is 2.25 s): within a 4-SE band of a median (SE ~ 1.25 sd/sqrt(n)).
    expect(Math.abs(s.leadMedian - 0.5 * (Math.log(50) - Math.log(Math.LN2)))).toBeLessThan(4 * 1.25 * s.leadSe + 0.05);
    expect(Math.abs(s.leadMedian - 2.1)).toBeLessThan(4 * 1.25 * s.leadSe + 0.05);
  });

  it('xfetch stays near e whatever lambda; linear grows with lambda*delta (table row lambda 1000, delta 0.5 s)', () => {
    const x = stats('xfetch', 1000, 0.5, 300), l = stats('linear', 1000, 0.5, 300);
    near(x.count, x.countSe, Math.E);
    near(l.count, l.countSe, 8.8);
    expect(l.count).toBeGreaterThan(x.count * 2);
  });
});
