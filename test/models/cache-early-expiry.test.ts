import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel/rng.js';
import { earlyRefreshRule, linearEarlyRefresh, xfetchEarlyRefresh, type EarlyExpiryMode, type UniformSource } from '../../models/cache/early-expiry.js';

/** A draw source that returns `u` and counts its draws. */
function fixed(u: number): UniformSource & { draws: number } {
  const s = { draws: 0, next: () => { s.draws++; return u; } };
  return s;
}

describe('early expiry rules (pure)', () => {
  it('linear: no refresh while more than 10 % of the TTL remains; p = 1 - r/(0.1 ttl) inside (hand-worked)', () => {
    // TTL 300 s: window 30 s. r = 31 s: never, even with u = 0.
    expect(linearEarlyRefresh(269, 300, 300, 0.5, 1, fixed(0))).toBe(false);
    // r = 15 s: p = 0.5; u = 0.49 refreshes, u = 0.51 does not.
    expect(linearEarlyRefresh(285, 300, 300, 0.5, 1, fixed(0.49))).toBe(true);
    expect(linearEarlyRefresh(285, 300, 300, 0.5, 1, fixed(0.51))).toBe(false);
    // r = 3 s: p = 0.9.
    expect(linearEarlyRefresh(297, 300, 300, 0.5, 1, fixed(0.89))).toBe(true);
    expect(linearEarlyRefresh(297, 300, 300, 0.5, 1, fixed(0.91))).toBe(false);
  });

  it('xfetch: refresh iff now - delta*beta*ln(1-u) >= expiry; semantics 7.1 probabilities (delta 0.4 s)', () => {
    // P(refresh) = exp(-r/(beta delta)): r = 0.4 s -> e^-1 = 0.3679. rand = 1 - u, refresh iff rand <= e^-1.
    const p = Math.exp(-1);
    expect(xfetchEarlyRefresh(99.6, 100, 300, 0.4, 1, fixed(1 - p + 1e-9))).toBe(true);
    expect(xfetchEarlyRefresh(99.6, 100, 300, 0.4, 1, fixed(1 - p - 1e-9))).toBe(false);
    // beta 2 doubles the reach: r = 0.8 s with beta 2 is the same threshold.
    expect(xfetchEarlyRefresh(99.2, 100, 300, 0.4, 2, fixed(1 - p + 1e-9))).toBe(true);
    expect(xfetchEarlyRefresh(99.2, 100, 300, 0.4, 2, fixed(1 - p - 1e-9))).toBe(false);
    // rand = 1 (u = 0): ln 1 = 0, refresh only at or after expiry.
    expect(xfetchEarlyRefresh(99.999, 100, 300, 0.4, 1, fixed(0))).toBe(false);
    expect(xfetchEarlyRefresh(100, 100, 300, 0.4, 1, fixed(0))).toBe(true);
  });

  it('xfetch per-read probability matches exp(-r/(beta delta)) over 20,000 draws (semantics 7.1: 0.7 %, 37 %, 78 %)', () => {
    const rng = new RandomStream(1, 'xfetch-p');
    for (const [r, expected] of [[2, 0.0067], [0.4, 0.3679], [0.1, 0.7788]] as const) {
      let hits = 0;
      const n = 20_000;
      for (let i = 0; i < n; i++) if (xfetchEarlyRefresh(100 - r, 100, 300, 0.4, 1, rng)) hits++;
      const se = Math.sqrt((expected * (1 - expected)) / n);
      expect(Math.abs(hits / n - expected)).toBeLessThan(4 * se + 1e-4);
    }
  });

  it('exactly one draw per decision, refreshed or not, expired or not (property)', () => {
    fc.assert(fc.property(
      fc.constantFrom<EarlyExpiryMode>('linear', 'xfetch'), fc.double({ min: 0, max: 400, noNaN: true }),
      fc.double({ min: 0, max: 0.999999, noNaN: true }), fc.double({ min: 0.001, max: 5, noNaN: true }),
      (mode, now, u, delta) => {
        const src = fixed(u);
        earlyRefreshRule(mode)(now, 300, 300, delta, 1, src);
        return src.draws === 1;
      }), { numRuns: 100 });
    const src = fixed(0.5);
    expect(earlyRefreshRule('none')(299.9, 300, 300, 0.5, 1, src)).toBe(false);
    expect(src.draws).toBe(0);
  });

  it('both rules refresh surely at or after expiry, and XFetch more eagerly with larger beta (property)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 0.999999, noNaN: true }),
      fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (late, u, delta, r) => {
        if (!linearEarlyRefresh(300 + late, 300, 300, delta, 1, fixed(u))) return false;
        if (!xfetchEarlyRefresh(300 + late, 300, 300, delta, 1, fixed(u))) return false;
        // monotone in beta: what refreshes at beta 1 refreshes at beta 2.
        return !xfetchEarlyRefresh(300 - r, 300, 300, delta, 1, fixed(u)) || xfetchEarlyRefresh(300 - r, 300, 300, delta, 2, fixed(u));
      }), { numRuns: 100 });
  });
});
