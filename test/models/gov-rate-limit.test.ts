import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation } from '../../src/kernel/index.js';
import { PlacedRateLimiter } from '../../models/rate-limit/placement.js';
import { RateLimitGate } from '../../models/rate-limit/rate-limit-gate.js';
import { maxAdmittedIn, SEED_004_RATE_LIMIT } from '../../models/rate-limit/rate-limit-options.js';
import { decide, RateLimiter } from '../../models/rate-limit/rate-limiter.js';

describe('token bucket at 250/min (Stripe refill, one token per 240 ms)', () => {
  it('a full bucket admits the burst of 250, the 251st is a 429 with Retry-After 1 s (240 ms exactly)', () => {
    const l = new RateLimiter(SEED_004_RATE_LIMIT);
    for (let i = 0; i < 250; i++) expect(l.decide('ip-1', 0).allowed).toBe(true);
    expect(l.decide('ip-1', 0)).toEqual({ allowed: false, remaining: 0, retryAfterUs: ms(240), retryAfterS: 1 });
    expect(l.decide('ip-1', ms(239)).allowed).toBe(false);
    expect(l.decide('ip-1', ms(240)).allowed).toBe(true); // the 239 ms refill kept: 1 token at 240 ms
    expect(l.decide('ip-2', ms(240))).toEqual({ allowed: true, remaining: 249 }); // keyed per client
  });

  it('Retry-After rounds the wait up to whole seconds (RFC 9110 delay-seconds)', () => {
    const o = { ratePerMin: 1, burst: 1 };
    const first = decide(undefined, o, 0);
    const at = (t: number) => decide(first.state, o, t).decision;
    expect(at(ms(500))).toMatchObject({ allowed: false, retryAfterUs: sec(59.5), retryAfterS: 60 });
    expect(at(sec(59.2))).toMatchObject({ allowed: false, retryAfterUs: ms(800), retryAfterS: 1 });
    expect(at(sec(60)).allowed).toBe(true);
  });

  it('Stripe expires an idle key after floor(2 x capacity / rate) s: 120 s at 250/min, burst 250', () => {
    const l = new RateLimiter(SEED_004_RATE_LIMIT);
    l.decide('a', 0);
    l.decide('b', sec(30));
    expect(l.forgetIdle(sec(119))).toBe(0);
    expect(l.forgetIdle(sec(120))).toBe(1);
    expect(l.size).toBe(1);
  });

  it('property: a shared limiter never admits more than floor(burst + rate x t) by time t', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 1, maxLength: 1500 }),
      fc.integer({ min: 1, max: 50 }),
      (timesMs, burst) => {
        const o = { ratePerMin: 250, burst };
        const l = new PlacedRateLimiter('shared', o, 4);
        let admitted = 0;
        [...timesMs].sort((a, b) => a - b).forEach((t, i) => {
          if (l.decide(i % 4, 'c', ms(t)).allowed) admitted++;
          expect(admitted).toBeLessThanOrEqual(maxAdmittedIn(o, t / 1000));
        });
      }), { numRuns: 50 });
  });
});

describe('placement: per-pod buckets multiply the limit by the pods a client reaches', () => {
  /** A client sending 100 req/s for 60 s, spread round-robin over `pods` pods. */
  function admitted(placement: 'per-pod' | 'shared', pods: number): number {
    const l = new PlacedRateLimiter(placement, SEED_004_RATE_LIMIT, pods);
    let n = 0;
    for (let i = 0; i < 6000; i++) if (l.decide(i % pods, 'user-1', ms(i * 10)).allowed) n++;
    return n;
  }

  it('shared: 500 in the minute (burst 250 + 250 refilled) whatever the pod count; per-pod: N x that', () => {
    const bound = maxAdmittedIn(SEED_004_RATE_LIMIT, 60);
    expect(bound).toBe(500);
    const shared = [1, 3, 6].map((n) => admitted('shared', n));
    const perPod = [1, 3, 6].map((n) => admitted('per-pod', n));
    for (const s of shared) { expect(s).toBeLessThanOrEqual(bound); expect(s).toBeGreaterThanOrEqual(bound - 1); }
    expect(perPod[0]).toBe(shared[0]);
    expect(perPod[1]! / shared[1]!).toBeCloseTo(3, 1);
    expect(perPod[2]! / shared[2]!).toBeCloseTo(6, 1);
  });

  it('an HPA scale-out 2 -> 6 triples the per-pod effective limit; the shared one stays 250/min', () => {
    const sim = new Simulation({ seed: 1 });
    const perPod = new RateLimitGate(sim, 'local', { placement: 'per-pod', pods: 2 });
    const shared = new RateLimitGate(sim, 'redis', { placement: 'shared', pods: 2 });
    expect([perPod.limiter.effectiveRatePerMin(), shared.limiter.effectiveRatePerMin()]).toEqual([500, 250]);
    perPod.resize(6);
    shared.resize(6);
    expect([perPod.limiter.effectiveRatePerMin(), shared.limiter.effectiveRatePerMin()]).toEqual([1500, 250]);
  });
});

describe('rate-limit gate in a simulation', () => {
  it('counts 429s per client, traces the first of a run, and fails open while the shared store is down', () => {
    const sim = new Simulation({ seed: 1 });
    const gate = new RateLimitGate(sim, 'limiter', { limit: { ratePerMin: 60, burst: 2 } });
    const kinds: string[] = [];
    sim.trace.addSink({ record: (r) => kinds.push(`${r.t / 1000}:${r.source}/${r.kind}`) });
    sim.faults.schedule([{ at: ms(500), target: 'limiter', kind: 'store-down', params: { healAfterMs: 1000 } }]);
    const send = () => gate.admit(0, 'ip-9').allowed;
    const got: boolean[] = [];
    for (const t of [0, 0, 0, 0, 600, 600, 600, 1600, 1600]) sim.at(ms(t), () => got.push(send()));
    sim.run();
    // 2 tokens at 0; store down 500..1500 lets all through; at 1600 1.6 s have refilled 1.6 tokens to 0 + 1.6 -> one admitted.
    expect(got).toEqual([true, true, false, false, true, true, true, true, false]);
    expect([gate.rejected, gate.failedOpen, gate.rejectedByClient.get('ip-9')]).toEqual([3, 3, 3]);
    expect(kinds).toEqual(['0:limiter/throttled', '500:fault/store-down', '500:limiter/store-down', '1500:limiter/store-up', '1600:limiter/throttled']);
  });
});
