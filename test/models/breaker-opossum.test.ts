import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, sec, type Micros } from '../../src/kernel/time.js';
import type { BreakerState, BreakerTransition } from '../../models/breaker/breaker.js';
import { OPOSSUM_DEFAULTS, OPOSSUM_TIMEOUT_MS, OpossumBreaker, type OpossumOptions } from '../../models/breaker/opossum-breaker.js';

function make(options: Partial<OpossumOptions> = {}, createdAtUs: Micros = 0) {
  const log: BreakerTransition[] = [];
  const cb = new OpossumBreaker({ ...options, onTransition: (t) => log.push(t) }, createdAtUs);
  return { cb, log };
}

/** `breaker.fire()` of a call that resolves or rejects after `durationUs`; false = rejected with EOPENBREAKER. */
function fire(cb: OpossumBreaker, t: Micros, ok: boolean, durationUs: Micros = 0): boolean {
  if (!cb.tryAcquire(t)) return false;
  if (ok) cb.onSuccess(t + durationUs, durationUs);
  else cb.onFailure(t + durationUs, durationUs);
  return true;
}

describe('opossum: hand-worked timelines with the v10 defaults', () => {
  it('33 % and 50 % stay closed (strictly greater), 60 % opens; half-open on the timer at exactly +30 s; one probe', () => {
    const { cb, log } = make();
    fire(cb, sec(1), true);
    fire(cb, sec(2), true);
    fire(cb, sec(3), false); // 1 of 3
    fire(cb, sec(3.5), false); // 2 of 4 = 50 %, not > 50 %
    expect(cb.state(sec(3.5))).toBe('closed');
    fire(cb, sec(4), false); // 3 of 5 = 60 %: the call that trips it
    expect(log).toEqual([{ from: 'closed', to: 'open', atUs: sec(4), reason: 'error rate 60% > 50% (3 of 5 fires)' }]);
    expect(cb.nextTimedTransitionAt()).toBe(sec(34));
    expect(cb.state(sec(34) - 1)).toBe('open');
    expect(cb.state(sec(40))).toBe('half-open');
    expect(log[1]).toEqual({ from: 'open', to: 'half-open', atUs: sec(34), reason: 'reset time-out 30000 ms elapsed' });
    expect(cb.isPendingClose(sec(40))).toBe(true);
    expect(cb.tryAcquire(sec(40))).toBe(true);
    expect(cb.tryAcquire(sec(40))).toBe(false); // the probe is out: everyone else is rejected
    cb.onSuccess(sec(40.2), ms(200));
    expect(log[2]).toEqual({ from: 'half-open', to: 'closed', atUs: sec(40.2), reason: 'half-open call succeeded' });
  });

  it('the default gotcha: with volumeThreshold 0 the first call\'s failure opens the breaker (1 of 1 = 100 % > 50 %)', () => {
    const { cb, log } = make();
    fire(cb, sec(100), false);
    expect(cb.state(sec(100))).toBe('open');
    expect(log[0]!.reason).toBe('error rate 100% > 50% (1 of 1 fires)');
  });

  it('finding: rejected fires while open dilute the error rate after closing, until they roll out of the 10 s window', () => {
    const { cb } = make();
    fire(cb, 0, false); // opens at 0
    for (let t = ms(10); t < sec(30); t += ms(10)) expect(fire(cb, t, false)).toBe(false); // 100 calls/s, all rejected
    fire(cb, sec(30), true); // the probe succeeds: closed at 30 s
    expect(cb.stats(sec(30))).toMatchObject({ fires: 901, rejects: 900 }); // buckets 21 s .. 30 s
    // The dependency still fails every call, yet the breaker stays closed until its failures
    // outnumber the rejections still in the window.
    let t = sec(30);
    while (cb.state(t) === 'closed') fire(cb, (t += ms(10)), false);
    // At 34.99 s: 499 failures of 1000 fires (500 rejections of 25-30 s still in); the rotation
    // at 35 s drops 100 of them: 500 of 901 = 55 %. 500 failing calls went through meanwhile.
    expect(t).toBe(sec(35));
  });

  it('finding: a call that times out after the default 10 s timeout has its own fire outside the 10 s window when it fails', () => {
    const { cb } = make();
    expect(cb.tryAcquire(sec(5))).toBe(true);
    fire(cb, sec(14.5), true); // another caller succeeds
    cb.onFailure(sec(5) + ms(OPOSSUM_TIMEOUT_MS), ms(OPOSSUM_TIMEOUT_MS)); // ETIMEDOUT at 15 s
    expect(cb.stats(sec(15))).toEqual({ fires: 1, failures: 1, successes: 1, rejects: 0 });
    expect(cb.state(sec(15))).toBe('open'); // 1 failure of 1 fire in the window: 100 %, not 1 of 2
  });
});

describe('opossum: vectors from its test suite (test/*.js)', () => {
  it('test.js "errorThresholdPercentage defaults to 50", "resetTimeout defaults to 30000", "rollingCountTimeout defaults to 10000", "rollingCountBuckets defaults to 10"', () => {
    expect(OPOSSUM_DEFAULTS).toMatchObject({ errorThresholdPercentage: 50, resetAfterMs: 30_000, rollingCountTimeoutMs: 10_000, rollingCountBuckets: 10, volumeThreshold: 0, allowWarmUp: false });
    expect(OPOSSUM_TIMEOUT_MS).toBe(10_000);
  });

  it('test.js "Breaker opens after a configurable number of failures"', () => {
    const { cb } = make({ errorThresholdPercentage: 10 });
    fire(cb, 0, false);
    expect(fire(cb, ms(1), true)).toBe(false); // 'Breaker is open'
  });

  it('test.js "Breaker resets after a configurable amount of time"', () => {
    const { cb } = make({ errorThresholdPercentage: 1, resetAfterMs: 100 });
    fire(cb, 0, false);
    expect(fire(cb, ms(125), true)).toBe(true);
    expect(cb.state(ms(125))).toBe('closed');
  });

  it('test.js "CircuitBreaker status": fires count every call, the rejected one too', () => {
    const { cb } = make({ errorThresholdPercentage: 1 });
    for (const t of [0, 0, 0]) fire(cb, t, true);
    expect(cb.stats(0).fires).toBe(3);
    fire(cb, 0, false);
    expect(cb.stats(0)).toMatchObject({ failures: 1, fires: 4 });
    expect(fire(cb, 0, false)).toBe(false); // rejected, the fallback answers
    expect(cb.stats(0)).toMatchObject({ failures: 1, rejects: 1, fires: 5 });
  });

  it('test.js "CircuitBreaker rolling counts": a 200 ms window of 2 buckets forgets by 300 ms', () => {
    const { cb } = make({ rollingCountTimeoutMs: 200, rollingCountBuckets: 2 });
    for (let i = 0; i < 3; i++) fire(cb, 0, true);
    expect(cb.stats(0).successes).toBe(3);
    expect(cb.stats(ms(150)).successes).toBe(3);
    expect(cb.stats(ms(300)).successes).toBe(0);
  });

  it('test.js "circuit halfOpen": fail -> open, half-open at +100 ms, fail -> open, half-open, success -> closed', () => {
    const { cb } = make({ errorThresholdPercentage: 1, resetAfterMs: 100 });
    fire(cb, 0, false);
    expect([cb.state(0), cb.isPendingClose(0)]).toEqual(['open', false]);
    expect([cb.state(ms(130)), cb.isPendingClose(ms(130))]).toEqual(['half-open', true]);
    fire(cb, ms(130), false);
    expect([cb.state(ms(130)), cb.isPendingClose(ms(130))]).toEqual(['open', false]);
    expect([cb.state(ms(260)), cb.isPendingClose(ms(260))]).toEqual(['half-open', true]);
    fire(cb, ms(260), true);
    expect([cb.state(ms(260)), cb.isPendingClose(ms(260))]).toEqual(['closed', false]);
  });

  it('half-open-test.js "When half-open, the circuit only allows one request through"', () => {
    const { cb } = make({ errorThresholdPercentage: 1, resetAfterMs: 100 });
    fire(cb, 0, false, ms(1)); // 'Failed after 1'
    expect([cb.state(ms(1)), cb.isPendingClose(ms(1))]).toEqual(['open', false]);
    expect([cb.state(ms(150)), cb.isPendingClose(ms(150))]).toEqual(['half-open', true]);
    expect(cb.tryAcquire(ms(150))).toBe(true); // fails after 500 ms
    expect(cb.tryAcquire(ms(300))).toBe(false);
    cb.onFailure(ms(650), ms(500));
    expect([cb.state(ms(650)), cb.isPendingClose(ms(650))]).toEqual(['open', false]);
    expect(fire(cb, ms(651), true)).toBe(false); // 'Breaker is open'
  });

  it('half-open-test.js "When half-open, a filtered error should close the circuit" (errorFilter: the caller reports a success)', () => {
    const { cb } = make({ errorThresholdPercentage: 1, resetAfterMs: 100 });
    fire(cb, 0, false);
    expect(cb.tryAcquire(ms(150))).toBe(true);
    cb.onSuccess(ms(150), 0); // a 400 is filtered: 'success'
    expect(cb.state(ms(150))).toBe('closed');
  });

  it('volume-threshold-test.js "Has a volume threshold before tripping when option is provided"', () => {
    const { cb } = make({ errorThresholdPercentage: 1, resetAfterMs: 100, volumeThreshold: 3 });
    fire(cb, 0, false);
    expect(cb.state(0)).toBe('closed');
    fire(cb, 0, false);
    expect(cb.state(0)).toBe('closed');
    fire(cb, 0, false);
    expect(cb.state(0)).toBe('open');
  });

  it('volume-threshold-test.js "volume threshold does not affect halfOpen state"', () => {
    const { cb } = make({ errorThresholdPercentage: 1, resetAfterMs: 300, rollingCountTimeoutMs: 300, volumeThreshold: 2 });
    fire(cb, 0, false);
    expect(cb.state(0)).toBe('closed');
    fire(cb, 0, false);
    expect(cb.state(0)).toBe('open');
    expect(cb.state(ms(450))).toBe('half-open');
    expect(cb.stats(ms(450)).fires).toBe(0); // statistical window cleared
    fire(cb, ms(450), false); // 1 fire < volumeThreshold 2, but half-open
    expect(cb.state(ms(450))).toBe('open');
  });

  it('warmup-test.js "Allows for warmup when option is provided" and "Only warms up for rollingCountTimeout"', () => {
    const { cb } = make({ errorThresholdPercentage: 1, resetAfterMs: 100, allowWarmUp: true, rollingCountTimeoutMs: 500 });
    fire(cb, 0, false);
    expect([cb.state(0), cb.isPendingClose(0)]).toEqual(['closed', false]);
    expect(cb.isWarmingUp(ms(499))).toBe(true);
    expect(cb.isWarmingUp(ms(500))).toBe(false);
    fire(cb, ms(500), false);
    expect(cb.state(ms(500))).toBe('open');
  });
});

// ---- model-based: opossum's Status as a list of timestamped counts, its CircuitBreaker as plain flags ----

type Op = { kind: 'wait'; dt: number } | { kind: 'call' } | { kind: 'finish'; pick: number; result: 'success' | 'failure' | 'release' } | { kind: 'look' };

class RefOpossum {
  state: BreakerState = 'closed';
  pendingClose = false;
  openedAt = 0;
  events: { t: number; kind: 'fires' | 'failures' | 'successes' | 'rejects' }[] = [];
  private readonly bucketUs: number;
  constructor(private readonly o: OpossumOptions, private readonly created: number) {
    this.bucketUs = Math.floor(o.rollingCountTimeoutMs / o.rollingCountBuckets) * 1000;
  }
  stats(now: number) {
    const b = (t: number) => Math.floor((t - this.created) / this.bucketUs);
    const live = this.events.filter((e) => b(e.t) > b(now) - this.o.rollingCountBuckets);
    const n = (k: string) => live.filter((e) => e.kind === k).length;
    return { fires: n('fires'), failures: n('failures'), successes: n('successes'), rejects: n('rejects') };
  }
  timers(now: number) {
    if (this.state === 'open' && now >= this.openedAt + ms(this.o.resetAfterMs)) { this.state = 'half-open'; this.pendingClose = true; }
  }
  fire(now: number): boolean {
    this.timers(now);
    this.events.push({ t: now, kind: 'fires' });
    if (this.state !== 'closed' && !this.pendingClose) { this.events.push({ t: now, kind: 'rejects' }); return false; }
    this.pendingClose = false;
    return true;
  }
  finish(now: number, result: 'success' | 'failure' | 'release') {
    this.timers(now);
    if (result === 'release') { if (this.state === 'half-open') this.pendingClose = true; return; }
    this.events.push({ t: now, kind: result === 'success' ? 'successes' : 'failures' });
    if (result === 'success') { if (this.state === 'half-open') { this.state = 'closed'; this.pendingClose = false; } return; }
    if (this.o.allowWarmUp && now < this.created + ms(this.o.rollingCountTimeoutMs)) return;
    const s = this.stats(now), half = this.state === 'half-open';
    if (s.fires < this.o.volumeThreshold && !half) return;
    if ((s.failures / s.fires) * 100 > this.o.errorThresholdPercentage || half) {
      if (this.state !== 'open') { this.state = 'open'; this.pendingClose = false; this.openedAt = now; }
    }
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(fc.constantFrom(0, 1, ms(100), ms(300), sec(1)), fc.integer({ min: 0, max: sec(2) })).map((dt) => ({ kind: 'wait' as const, dt })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'call' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finish' as const), pick: fc.nat(), result: fc.constantFrom('success' as const, 'failure' as const, 'failure' as const, 'release' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'look' as const }) },
);

const optionsArb = fc.record({
  errorThresholdPercentage: fc.constantFrom(0, 10, 50, 90),
  resetAfterMs: fc.constantFrom(0, 300, 1000),
  rollingCountTimeoutMs: fc.constantFrom(1000, 3000),
  rollingCountBuckets: fc.constantFrom(1, 2, 10),
  volumeThreshold: fc.integer({ min: 0, max: 3 }),
  allowWarmUp: fc.boolean(),
});

describe('opossum: model-based against a plain reference', () => {
  it('same admissions, states and rolling stats', () => {
    fc.assert(fc.property(optionsArb, fc.constantFrom(0, 123_457), fc.array(opArb, { minLength: 30, maxLength: 100 }), (opt, created, ops) => {
      const o = { ...OPOSSUM_DEFAULTS, ...opt };
      const cb = new OpossumBreaker(o, created);
      const ref = new RefOpossum(o, created);
      const inflight: number[] = [];
      let now = created;
      for (const op of ops) {
        if (op.kind === 'wait') now += op.dt;
        else if (op.kind === 'call') {
          const ok = ref.fire(now);
          expect(cb.tryAcquire(now)).toBe(ok);
          if (ok) inflight.push(now);
        } else if (op.kind === 'finish' && inflight.length > 0) {
          const [start] = inflight.splice(op.pick % inflight.length, 1);
          ref.finish(now, op.result);
          if (op.result === 'success') cb.onSuccess(now, now - start!);
          else if (op.result === 'failure') cb.onFailure(now, now - start!);
          else cb.release(now);
        }
        ref.timers(now);
        expect(cb.state(now)).toBe(ref.state);
        expect(cb.isPendingClose(now)).toBe(ref.pendingClose);
        expect(cb.stats(now)).toEqual(ref.stats(now));
      }
    }), { numRuns: 200 });
  });
});
