import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel/rng.js';
import { fullJitterMs } from '../../models/client/backoff.js';
import { retryBackoffMs } from '../../models/kafka/backoff.js';
import { RETRY_KINDS, createRetryPolicy, type RetryKind, type RetryPolicy } from '../../models/retry/retry-policy.js';
import {
  awsStandard2026Policy, awsStandardPolicy, grpcA6Policy, kafkaClientPolicy, resilience4jDefaultPolicy, seed001Policy, seed004Policy,
} from '../../models/retry/retry-presets.js';

/** A RandomStream whose next() returns the given values in turn and counts them; any other draw throws. */
class ScriptedStream extends RandomStream {
  draws = 0;
  constructor(private readonly values: readonly number[] = [0.5]) {
    super(0, 'scripted');
  }
  override next(): number {
    return this.values[this.draws++ % this.values.length]!;
  }
  override uniform(): number {
    throw new Error('only next() is expected');
  }
  override normal(): number {
    throw new Error('only next() is expected');
  }
}

/** A real stream that counts its uniforms. */
class CountingStream extends RandomStream {
  draws = 0;
  override next(): number {
    this.draws++;
    return super.next();
  }
}

const ms = (x: number) => x * 1000;

/** Delays before attempts 2..n, each fed the previous one, as a caller does. */
function delays(p: RetryPolicy, n: number, rng: RandomStream): (number | null)[] {
  const out: (number | null)[] = [];
  let prev = 0;
  for (let a = 2; a <= n; a++) {
    const d = p.delayBefore(a, prev, rng);
    out.push(d);
    if (d !== null) prev = d;
  }
  return out;
}

const shape = fc.record({
  baseMs: fc.integer({ min: 1, max: 2_000 }),
  capMs: fc.integer({ min: 1, max: 60_000 }),
  multiplier: fc.constantFrom(1, 1.5, 1.6, 2, 3),
  r: fc.integer({ min: 1, max: 40 }),
  seed: fc.integer(),
});

describe('retry policy formulas (properties)', () => {
  it('full jitter lies in [0, min(cap, base*m^(r-1))) and draws once', () => {
    fc.assert(fc.property(shape, ({ baseMs, capMs, multiplier, r, seed }) => {
      const rng = new CountingStream(seed, 'full');
      const d = createRetryPolicy('full-jitter', { baseMs, capMs, multiplier, maxAttempts: Infinity }).delayBefore(r + 1, 0, rng)!;
      const v = Math.min(ms(capMs), ms(baseMs) * multiplier ** (r - 1));
      expect(Number.isInteger(d)).toBe(true);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(v);
      expect(rng.draws).toBe(1);
    }), { numRuns: 200 });
  });

  it('equal jitter lies in [v/2, v) and draws once', () => {
    fc.assert(fc.property(shape, ({ baseMs, capMs, multiplier, r, seed }) => {
      const rng = new CountingStream(seed, 'equal');
      const d = createRetryPolicy('equal-jitter', { baseMs, capMs, multiplier, maxAttempts: Infinity }).delayBefore(r + 1, 0, rng)!;
      const v = Math.min(ms(capMs), ms(baseMs) * multiplier ** (r - 1));
      expect(d).toBeGreaterThanOrEqual(Math.floor(v / 2));
      expect(d).toBeLessThan(v);
      expect(rng.draws).toBe(1);
    }), { numRuns: 200 });
  });

  it('decorrelated jitter lies in [base, min(cap, 3*prev)), prev = base before the first retry', () => {
    fc.assert(fc.property(shape, fc.integer({ min: 0, max: 200_000 }), ({ baseMs, capMs, r, seed }, prevMs) => {
      const rng = new CountingStream(seed, 'decorr');
      const p = createRetryPolicy('decorrelated-jitter', { baseMs, capMs, maxAttempts: Infinity });
      const prev = r === 1 ? 0 : ms(prevMs);
      const d = p.delayBefore(r + 1, prev, rng)!;
      const hi = 3 * Math.max(prev, ms(baseMs));
      if (capMs <= baseMs) expect(d).toBe(ms(capMs));
      else {
        expect(d).toBeGreaterThanOrEqual(ms(baseMs));
        expect(d).toBeLessThanOrEqual(ms(capMs));
        expect(d).toBeLessThan(hi);
      }
      expect(rng.draws).toBe(1);
    }), { numRuns: 200 });
  });

  it('exponential without jitter is exact and draws nothing; fixed, immediate and schedule too', () => {
    fc.assert(fc.property(shape, ({ baseMs, capMs, multiplier, r }) => {
      const rng = new ScriptedStream();
      const p = createRetryPolicy('exponential', { baseMs, capMs, multiplier, maxAttempts: Infinity });
      expect(p.delayBefore(r + 1, 0, rng)).toBe(Math.round(Math.min(ms(capMs), ms(baseMs) * multiplier ** (r - 1))));
      expect(createRetryPolicy('fixed', { fixedMs: baseMs, maxAttempts: Infinity }).delayBefore(r + 1, 0, rng)).toBe(ms(baseMs));
      expect(createRetryPolicy('immediate', { maxAttempts: Infinity }).delayBefore(r + 1, 0, rng)).toBe(0);
      expect(createRetryPolicy('schedule', { scheduleMs: [baseMs, capMs], maxAttempts: Infinity }).delayBefore(r + 1, 0, rng)).toBe(ms(r === 1 ? baseMs : capMs));
      expect(rng.draws).toBe(0);
    }), { numRuns: 200 });
  });

  it('the cap holds for every exponential kind, whatever the attempt', () => {
    const kinds: RetryKind[] = ['exponential', 'full-jitter', 'equal-jitter', 'decorrelated-jitter'];
    fc.assert(fc.property(shape, fc.constantFrom(...kinds), fc.constantFrom('ceiling', 'delay', 'both') as fc.Arbitrary<'ceiling' | 'delay' | 'both'>, ({ baseMs, capMs, multiplier, seed }, kind, capAppliesTo) => {
      const p = createRetryPolicy(kind, { baseMs, capMs, multiplier, capAppliesTo, maxAttempts: Infinity });
      for (const d of delays(p, 60, new RandomStream(seed, kind))) expect(d).toBeLessThanOrEqual(ms(capMs));
    }), { numRuns: 100 });
  });

  it('maxAttempts counts the first call: attempt maxAttempts+1 is null, with no draw', () => {
    fc.assert(fc.property(fc.constantFrom(...RETRY_KINDS), fc.integer({ min: 1, max: 12 }), fc.integer(), (kind, maxAttempts, seed) => {
      const p = createRetryPolicy(kind, { maxAttempts, scheduleMs: [10, 20] });
      const expected = kind === 'none' ? 1 : maxAttempts;
      expect(p.maxAttempts).toBe(expected);
      const rng = new CountingStream(seed, 'max');
      const out = delays(p, expected + 3, rng);
      expect(out.filter((d) => d !== null)).toHaveLength(expected - 1);
      expect(out.slice(expected - 1).every((d) => d === null)).toBe(true);
      expect(p.delayBefore(1, 0, rng)).toBe(0);
      const jittered = ['full-jitter', 'equal-jitter', 'decorrelated-jitter'].includes(kind);
      expect(rng.draws).toBe(jittered ? expected - 1 : 0);
    }), { numRuns: 200 });
  });

  it('the same stream gives the same delays (deterministic), a different one different delays', () => {
    fc.assert(fc.property(fc.constantFrom<RetryKind>('full-jitter', 'equal-jitter', 'decorrelated-jitter'), fc.integer(), (kind, seed) => {
      const p = createRetryPolicy(kind, { maxAttempts: 20, capMs: 1_000_000 });
      const a = delays(p, 20, new RandomStream(seed, 'a'));
      expect(delays(p, 20, new RandomStream(seed, 'a'))).toEqual(a);
      expect(delays(p, 20, new RandomStream(seed, 'b'))).not.toEqual(a);
    }), { numRuns: 100 });
  });

  it('refuses options no formula can use', () => {
    expect(() => createRetryPolicy('exponential', { multiplier: 0 })).toThrow(/multiplier/);
    expect(() => createRetryPolicy('full-jitter', { maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => createRetryPolicy('full-jitter', { maxAttempts: 2.5 })).toThrow(/maxAttempts/);
    expect(() => createRetryPolicy('schedule')).toThrow(/scheduleMs/);
    expect(() => createRetryPolicy('exponential', { jitter: 1.5 })).toThrow(/jitter/);
    expect(() => createRetryPolicy('full-jitter').delayBefore(0, 0, new ScriptedStream())).toThrow(/attempt/);
  });
});

describe('Retry-After and pushback', () => {
  const rng = () => new ScriptedStream([1]);

  it('ignore keeps the own delay; honour takes the server value exactly (gRPC "1s server pushback - delayed retry")', () => {
    expect(createRetryPolicy('fixed', { fixedMs: 500 }).delayBefore(2, 0, rng(), ms(3_000))).toBe(ms(500));
    expect(grpcA6Policy().delayBefore(2, 0, rng(), ms(1_000))).toBe(ms(1_000));
    expect(grpcA6Policy().delayBefore(2, 0, rng(), 0)).toBe(0);
  });

  it('max waits at least the server value (smithy util-retry before 2026-04: max(retryAfter, delay))', () => {
    const p = createRetryPolicy('fixed', { fixedMs: 500, retryAfter: 'max' });
    expect(p.delayBefore(2, 0, rng(), ms(3_000))).toBe(ms(3_000));
    expect(p.delayBefore(2, 0, rng(), ms(200))).toBe(ms(500));
  });

  it('bounded: the aws-sdk-go-v2 retry2026 x-amz-retry-after vectors (50 ms own delay, b = 1)', () => {
    const p = awsStandard2026Policy();
    // "honor x-amz-retry-after header", "... minimum is exponential backoff duration", "... maximum is 5+exponential backoff duration"
    expect(p.delayBefore(2, 0, rng(), ms(1_500))).toBe(ms(1_500));
    expect(p.delayBefore(2, 0, rng(), ms(0))).toBe(ms(50));
    expect(p.delayBefore(2, 0, rng(), ms(10_000))).toBe(ms(5_050));
    // "invalid x-amz-retry-after falls back to exponential backoff": no header at all.
    expect(p.delayBefore(2, 0, rng())).toBe(ms(50));
  });

  it('a negative pushback means no retry (grpc-go "Negative server pushback - no retry"), except in ignore mode', () => {
    expect(grpcA6Policy().delayBefore(2, 0, rng(), -1)).toBeNull();
    expect(createRetryPolicy('fixed', { retryAfter: 'max' }).delayBefore(2, 0, rng(), -1)).toBeNull();
    expect(createRetryPolicy('fixed').delayBefore(2, 0, rng(), -1)).toBe(ms(500));
  });

  it('a pushback never buys an attempt past maxAttempts (A6: "will not be retried even if the server says to retry")', () => {
    expect(grpcA6Policy({ maxAttempts: 2 }).delayBefore(3, 0, rng(), ms(10))).toBeNull();
  });

  it('the own delay is drawn even when the server value wins, so later draws do not depend on the header', () => {
    const s = new ScriptedStream([0.3]);
    createRetryPolicy('full-jitter', { retryAfter: 'honour' }).delayBefore(2, 0, s, ms(700));
    expect(s.draws).toBe(1);
  });
});

describe('presets', () => {
  it('seed 001 reproduces its example ranges 100-200, 200-400, 400-800, 800-1600 ms and stops at 30 s', () => {
    const p = seed001Policy();
    const lo = [100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600];
    for (let r = 1; r <= lo.length; r++) {
      const rng = new RandomStream(r, 'seed001');
      const draws = Array.from({ length: 2_000 }, () => p.delayBefore(r + 1, 0, rng)!);
      const hi = Math.min(2 * lo[r - 1]!, 30_000);
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(ms(lo[r - 1]!));
      expect(Math.max(...draws)).toBeLessThanOrEqual(ms(hi));
      // The whole range is used: the extremes come within 1 % of each end.
      expect(Math.min(...draws)).toBeLessThan(ms(lo[r - 1]!) * 1.01);
      expect(Math.max(...draws)).toBeGreaterThan(ms(hi) * 0.99);
    }
    // Attempt 10 on: the lower end 51.2 s is past the cap, so exactly 30 s.
    for (let r = 10; r <= 40; r++) expect(p.delayBefore(r + 1, 0, new RandomStream(r, 'x'))).toBe(ms(30_000));
    expect(p.maxAttempts).toBe(Infinity);
  });

  it('seed 004 waits 1, 2, 4, 8, 16, 30, 30 s: cumulative 1, 3, 7, 15, 31, 61, 91 s', () => {
    const rng = new ScriptedStream();
    const waits = delays(seed004Policy(), 8, rng) as number[];
    const cumulative = waits.map((_, i) => waits.slice(0, i + 1).reduce((a, b) => a + b, 0) / 1e6);
    expect(cumulative).toEqual([1, 3, 7, 15, 31, 61, 91]);
    expect(rng.draws).toBe(0);
    // The same schedule as plain exponential backoff from 1 s capped at 30 s.
    expect(delays(createRetryPolicy('exponential', { baseMs: 1_000, capMs: 30_000, maxAttempts: 8 }), 8, rng)).toEqual(waits);
  });

  it('AWS standard: smithy util-retry "retry timings" 8x - transient mixed (b = 1), floored to whole ms', () => {
    // Rows 1..7 of the test: error type and the expected delay; the exponent is the retry count whatever the type.
    const rows: ['transient' | 'throttling', number][] = [['throttling', 500], ['throttling', 1000], ['transient', 400], ['transient', 800], ['transient', 1600], ['transient', 3200], ['throttling', 20000]];
    rows.forEach(([type, expected], i) => {
      expect(awsStandardPolicy(type, { maxAttempts: 8 }).delayBefore(i + 2, 0, new ScriptedStream([1]))).toBe(ms(expected));
    });
    expect(awsStandardPolicy().maxAttempts).toBe(3);
    expect(awsStandardPolicy().delayBefore(4, 0, new ScriptedStream())).toBeNull();
    // floor(0.123456 * 100) = 12 ms, as `Math.floor(t_i)`.
    expect(awsStandardPolicy().delayBefore(2, 0, new ScriptedStream([0.123456]))).toBe(ms(12));
  });

  it('AWS 2026: "Verifying exponential backoff timing" delays 50, 100, 200, 400 ms; throttling base 1000 ms', () => {
    expect(delays(awsStandard2026Policy('transient', { maxAttempts: 5 }), 5, new ScriptedStream([1]))).toEqual([50, 100, 200, 400].map(ms));
    expect(awsStandard2026Policy('throttling').delayBefore(2, 0, new ScriptedStream([1]))).toBe(ms(1_000));
  });

  it('resilience4j default: 3 attempts, 500 ms apart', () => {
    expect(delays(resilience4jDefaultPolicy(), 5, new ScriptedStream())).toEqual([ms(500), ms(500), null, null]);
  });

  it('gRPC A6: maxAttempts capped at the client maximum (grpc-go TestMaxCallAttempts), backoff x U(0.8, 1.2)', () => {
    expect(grpcA6Policy({ maxAttempts: 9, clientMaxAttempts: 4 }).maxAttempts).toBe(4);
    expect(grpcA6Policy({ maxAttempts: 9, clientMaxAttempts: 7 }).maxAttempts).toBe(7);
    expect(grpcA6Policy({ maxAttempts: 3, clientMaxAttempts: 10 }).maxAttempts).toBe(3);
    expect(grpcA6Policy({ maxAttempts: 8 }).maxAttempts).toBe(5);
    expect(() => grpcA6Policy({ maxAttempts: 1 })).toThrow(/maxAttempts/);
    // The proposal's example: 0.1 s, 1 s, x2. u = 0 and u -> 1 give the 0.8 and 1.2 ends; past the cap, 1 s +- 20 %.
    const p = grpcA6Policy();
    expect(delays(p, 4, new ScriptedStream([0]))).toEqual([80, 160, 320].map(ms));
    expect(delays(p, 4, new ScriptedStream([0.5]))).toEqual([100, 200, 400].map(ms));
    expect(grpcA6Policy({ maxAttempts: 5 }).delayBefore(5, 0, new ScriptedStream([1]))).toBe(ms(960));
    expect(grpcA6Policy({ maxAttempts: 5, maxBackoffMs: 300 }).delayBefore(5, 0, new ScriptedStream([1]))).toBe(ms(360));
    // The 2017 text: U(0, min(initial * m^(n-1), max)).
    expect(grpcA6Policy({}, 'original').delayBefore(3, 0, new ScriptedStream([0.5]))).toBe(ms(100));
  });

  it('supersedes fullJitterMs: same stream, same draw (attempt n+2 here is its attempt n), to the µs', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 30_000 }), fc.integer(), (n, baseMs, capMs, seed) => {
      const mine = createRetryPolicy('full-jitter', { baseMs, capMs, maxAttempts: Infinity }).delayBefore(n + 2, 0, new RandomStream(seed, 'j'))!;
      expect(Math.abs(mine - fullJitterMs(new RandomStream(seed, 'j'), n, baseMs, capMs) * 1000)).toBeLessThan(1);
    }), { numRuns: 200 });
  });

  it('kafkaClientPolicy matches models/kafka/backoff.ts retryBackoffMs draw for draw (to the ms its float rounding allows)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 20_000 }), fc.integer(), (n, baseMs, maxMs, seed) => {
      const mine = kafkaClientPolicy(baseMs, maxMs).delayBefore(n + 2, 0, new RandomStream(seed, 'k'))!;
      expect(mine % 1000).toBe(0);
      expect(Math.abs(mine - retryBackoffMs(new RandomStream(seed, 'k'), n, baseMs, maxMs) * 1000)).toBeLessThanOrEqual(1000);
    }), { numRuns: 200 });
  });
});
