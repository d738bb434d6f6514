import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, sec, type Micros } from '../../src/kernel/time.js';
import type { BreakerState, BreakerTransition } from '../../models/breaker/breaker.js';
import { CountWindowBreaker } from '../../models/breaker/count-window-breaker.js';
import { FixedSizeWindow } from '../../models/breaker/fixed-size-window.js';
import type { Resilience4jBreaker } from '../../models/breaker/resilience4j-machine.js';
import { RESILIENCE4J_DEFAULTS, type Resilience4jOptions } from '../../models/breaker/resilience4j-options.js';
import { failureRatePercent, slowCallRatePercent, type WindowSnapshot } from '../../models/breaker/sliding-window.js';
import { TimeWindowBreaker } from '../../models/breaker/time-window-breaker.js';
import { TimeWindow } from '../../models/breaker/time-window.js';

const E = 0; // an instant call, as `onError(0, NANOSECONDS, ...)`

/** resilience4j CircuitBreakerStateMachineTest `setUp()`: TIME_BASED 20 s, minimum 5 calls, 4 half-open calls, slow = over 4 s at 50 %, 1 s max in half-open, 5 s open. */
function setUpBreaker(extra: Partial<Resilience4jOptions> = {}) {
  const log: BreakerTransition[] = [];
  const cb = new TimeWindowBreaker({
    failureRateThreshold: 50, permittedNumberOfCallsInHalfOpenState: 4, slowCallDurationThresholdMs: 4000, slowCallRateThreshold: 50,
    maxWaitDurationInHalfOpenStateMs: 1000, slidingWindowSize: 20, minimumNumberOfCalls: 5, waitDurationInOpenStateMs: 5000,
    onTransition: (t) => log.push(t), ...extra,
  });
  return { cb, log };
}

/** `assertCircuitBreakerMetricsEqualTo(failureRate, successCalls, bufferedCalls, failedCalls, notPermittedCalls)`. */
function expectMetrics(cb: Resilience4jBreaker, now: Micros, rate: number, successes: number, buffered: number, failed: number, notPermitted: number) {
  const m = cb.metrics(now);
  expect([m.failureRate, m.successfulCalls, m.bufferedCalls, m.failedCalls, m.notPermittedCalls]).toEqual([rate, successes, buffered, failed, notPermitted]);
}

function halfOpenAt(cb: Resilience4jBreaker, now: Micros) {
  cb.transitionToOpenState(now);
  cb.transitionToHalfOpenState(now);
}

describe('resilience4j: vectors from CircuitBreakerStateMachineTest', () => {
  it('shouldIncreaseCounterOnReleasePermission', () => {
    const { cb } = setUpBreaker();
    halfOpenAt(cb, 0);
    expect([1, 2, 3, 4, 5, 6].map(() => cb.tryAcquire(0))).toEqual([true, true, true, true, false, false]);
    cb.release(0);
    expect(cb.tryAcquire(0)).toBe(true);
  });

  it('shouldOnlyPermitFourCallsInHalfOpenState (twice, a fresh half-open spell each time)', () => {
    const { cb } = setUpBreaker();
    for (let round = 0; round < 2; round++) {
      halfOpenAt(cb, 0);
      expect(cb.state(0)).toBe('half-open');
      expect([1, 2, 3, 4, 5, 6].map(() => cb.tryAcquire(0))).toEqual([true, true, true, true, false, false]);
    }
  });

  it('shouldOpenAfterFailureRateThresholdExceeded2: TIME_BASED, one call a second, opens when 3 of 6 have failed', () => {
    const { cb } = setUpBreaker();
    cb.onSuccess(sec(0), E);
    cb.onSuccess(sec(1), E);
    cb.onSuccess(sec(2), E);
    cb.onFailure(sec(3), E);
    cb.onFailure(sec(4), E);
    expect(cb.state(sec(4))).toBe('closed'); // 2 of 5 = 40 %
    expect(cb.state(sec(5))).toBe('closed');
    cb.onFailure(sec(5), E); // 3 of 6 = 50 % >= 50 %
    expect(cb.state(sec(5))).toBe('open');
  });

  it('shouldOpenAfterFailureRateThresholdExceeded: metrics after each call, then one not-permitted call', () => {
    const { cb, log } = setUpBreaker();
    expect(cb.tryAcquire(0)).toBe(true);
    expectMetrics(cb, 0, -1, 0, 0, 0, 0);
    cb.onFailure(0, E);
    expectMetrics(cb, 0, -1, 0, 1, 1, 0);
    cb.onFailure(0, E);
    expectMetrics(cb, 0, -1, 0, 2, 2, 0);
    cb.onFailure(0, E);
    expectMetrics(cb, 0, -1, 0, 3, 3, 0);
    cb.onSuccess(0, E);
    expectMetrics(cb, 0, -1, 1, 4, 3, 0);
    cb.onSuccess(0, E);
    expect(cb.state(0)).toBe('open');
    expectMetrics(cb, 0, 60, 2, 5, 3, 0);
    expect(log).toEqual([{ from: 'closed', to: 'open', atUs: 0, reason: 'failure rate 60% >= 50% of 5 calls' }]);
    expect(cb.tryAcquire(0)).toBe(false);
    expectMetrics(cb, 0, 60, 2, 5, 3, 1);
  });

  it('shouldOpenAfterSlowCallRateThresholdExceeded: 3 of 5 calls over 4 s', () => {
    const { cb } = setUpBreaker();
    cb.onFailure(0, sec(5));
    cb.onSuccess(0, sec(5));
    cb.onFailure(0, ms(100));
    cb.onSuccess(0, ms(100));
    expect(cb.state(0)).toBe('closed');
    cb.onSuccess(0, sec(5));
    expect(cb.state(0)).toBe('open');
    const m = cb.metrics(0);
    expect([m.bufferedCalls, m.slowCalls, m.slowCallRate]).toEqual([5, 3, 60]);
  });

  it('shouldTransitionToHalfOpenAfterWaitDuration: still open at 3 s, the call at 6 s is admitted and half-opens it', () => {
    const { cb, log } = setUpBreaker();
    cb.transitionToOpenState(0);
    expectMetrics(cb, 0, -1, 0, 0, 0, 0);
    expect(cb.tryAcquire(0)).toBe(false);
    expect(cb.state(sec(3))).toBe('open');
    expect(cb.tryAcquire(sec(3))).toBe(false);
    expectMetrics(cb, sec(3), -1, 0, 0, 0, 2);
    expect(cb.state(sec(6))).toBe('open'); // nothing moves it until a call asks
    expect(cb.tryAcquire(sec(6))).toBe(true);
    expect(cb.state(sec(6))).toBe('half-open');
    expectMetrics(cb, sec(6), -1, 0, 0, 0, 0);
    expect(log.at(-1)).toEqual({ from: 'open', to: 'half-open', atUs: sec(6), reason: 'call after waitDurationInOpenState 5000 ms' });
  });

  it('shouldTransitionBackToOpenStateWhenFailureRateIsAboveThreshold: 3 of 4 trial calls failed', () => {
    const { cb } = setUpBreaker();
    halfOpenAt(cb, 0);
    expectMetrics(cb, 0, -1, 0, 0, 0, 0);
    for (const ok of [false, false, true, false]) {
      expect(cb.tryAcquire(0)).toBe(true);
      if (ok) cb.onSuccess(0, E); else cb.onFailure(0, E);
    }
    expect(cb.state(0)).toBe('open');
    expectMetrics(cb, 0, 75, 1, 4, 3, 0);
  });

  it('shouldTransitionBackToOpenStateWhenSlowCallRateIsAboveThreshold: 3 of 4 trial calls slow, none failed', () => {
    const { cb } = setUpBreaker();
    halfOpenAt(cb, 0);
    for (const d of [sec(5), sec(5), sec(5), sec(1)]) {
      cb.tryAcquire(0);
      cb.onSuccess(0, d);
    }
    expect(cb.state(0)).toBe('open');
    const m = cb.metrics(0);
    expect([m.slowCalls, m.slowCallRate, m.failureRate]).toEqual([3, 75, 0]);
  });

  it('shouldTransitionBackToClosedStateWhenFailureIsBelowThreshold: 1 of 4 failed; closed with a fresh window', () => {
    const { cb } = setUpBreaker();
    halfOpenAt(cb, 0);
    for (const ok of [false, true, true, true]) {
      expect(cb.tryAcquire(0)).toBe(true);
      if (ok) cb.onSuccess(0, E); else cb.onFailure(0, E);
    }
    expect(cb.tryAcquire(0)).toBe(true);
    expect(cb.state(0)).toBe('closed');
    expectMetrics(cb, 0, -1, 0, 0, 0, 0);
    cb.onSuccess(0, E);
    expectMetrics(cb, 0, -1, 1, 1, 0, 0);
  });

  it('shouldReleasePermissionWhenExceptionIgnored: an ignored exception frees its permit and counts nothing', () => {
    const { cb } = setUpBreaker();
    halfOpenAt(cb, 0);
    for (let i = 1; i <= 3; i++) {
      cb.tryAcquire(0);
      cb.onSuccess(0, E);
      expect(cb.state(0)).toBe('half-open');
      expectMetrics(cb, 0, -1, i, i, 0, 0);
    }
    expect(cb.tryAcquire(0)).toBe(true);
    cb.release(0); // NumberFormatException is ignored
    expectMetrics(cb, 0, -1, 3, 3, 0, 0);
    expect(cb.tryAcquire(0)).toBe(true);
    cb.onFailure(0, E); // 1 of 4 = 25 %
    expect(cb.state(0)).toBe('closed');
    expectMetrics(cb, 0, -1, 0, 0, 0, 0);
  });

  it('shouldIgnoreExceptionsAndThenTransitionToClosed: four ignored, then four successes close', () => {
    const { cb } = setUpBreaker();
    halfOpenAt(cb, 0);
    for (let i = 0; i < 4; i++) {
      expect(cb.tryAcquire(0)).toBe(true);
      cb.release(0);
    }
    expect(cb.state(0)).toBe('half-open');
    expectMetrics(cb, 0, -1, 0, 0, 0, 0);
    for (let i = 0; i < 3; i++) {
      cb.tryAcquire(0);
      cb.onSuccess(0, E);
    }
    expect(cb.state(0)).toBe('half-open');
    expectMetrics(cb, 0, -1, 3, 3, 0, 0);
    cb.tryAcquire(0);
    cb.onSuccess(0, E);
    expect(cb.state(0)).toBe('closed');
  });

  it('shouldNotAllowTransitionFromClosedToHalfOpen', () => {
    const { cb } = setUpBreaker();
    expect(() => cb.transitionToHalfOpenState(0)).toThrow(/closed to half-open/);
  });

  it('circuitBreakerTransitionsToOpenAfterWaitDurationInHalfOpenState: open again 1 s into half-open, on the timer', () => {
    const { cb, log } = setUpBreaker();
    halfOpenAt(cb, 0);
    expect(cb.nextTimedTransitionAt()).toBe(sec(1));
    expect(cb.state(sec(2))).toBe('open');
    expect(log.at(-1)).toEqual({ from: 'half-open', to: 'open', atUs: sec(1), reason: 'maxWaitDurationInHalfOpenState 1000 ms elapsed' });
  });

  it('circuitBreakerTransitionsToClosedAfterWaitDurationInHalfOpenState: defaults with maxWait 1 s and transitionToStateAfterWaitDuration CLOSED', () => {
    const cb = new CountWindowBreaker({ maxWaitDurationInHalfOpenStateMs: 1000, transitionToStateAfterWaitDuration: 'closed' });
    halfOpenAt(cb, 0);
    expect(cb.state(sec(2))).toBe('closed');
  });
});

describe('resilience4j: vectors from FixedSizeSlidingWindowMetricsTest and SlidingTimeWindowMetricsTest', () => {
  const tuple = (s: WindowSnapshot) => [s.calls, s.calls - s.failedCalls, s.failedCalls, failureRatePercent(s)];

  it('testSlidingWindowMetrics (size 4): 100, 50, 33.333332f, 25, 0', () => {
    const w = new FixedSizeWindow(4);
    expect(tuple(w.record(0, 'error'))).toEqual([1, 0, 1, 100]);
    expect(tuple(w.record(0, 'success'))).toEqual([2, 1, 1, 50]);
    expect(tuple(w.record(0, 'success'))).toEqual([3, 2, 1, Math.fround(33.333332)]);
    expect(tuple(w.record(0, 'success'))).toEqual([4, 3, 1, 25]);
    expect(tuple(w.record(0, 'success'))).toEqual([4, 4, 0, 0]);
  });

  it('testSlidingWindowMetricsWithSlowCalls (size 2)', () => {
    const w = new FixedSizeWindow(2);
    const slow = (s: WindowSnapshot) => [s.calls, s.slowCalls, s.slowFailedCalls, s.failedCalls];
    expect(slow(w.record(0, 'slow-error'))).toEqual([1, 1, 1, 1]);
    expect(slow(w.record(0, 'slow-success'))).toEqual([2, 2, 1, 1]);
    expect(slow(w.record(0, 'success'))).toEqual([2, 1, 0, 0]);
    expect(slow(w.record(0, 'success'))).toEqual([2, 0, 0, 0]);
  });

  it('testSlowCallsPercentage: 2 slow of 5 is 40 %, in both window kinds', () => {
    for (const w of [new FixedSizeWindow(5), new TimeWindow(5, 0)]) {
      for (const o of ['slow-success', 'slow-error', 'success', 'success', 'success'] as const) w.record(0, o);
      const s = w.snapshot(0);
      expect([s.calls, s.calls - s.failedCalls, s.slowCalls, s.slowFailedCalls, slowCallRatePercent(s)]).toEqual([5, 4, 2, 1, 40]);
    }
  });

  it('testSlidingTimeWindowMetrics (5 s): totals as seconds leave the window', () => {
    const w = new TimeWindow(5, 0);
    const calls = (s: WindowSnapshot) => [s.calls, s.calls - s.failedCalls, s.failedCalls];
    let t = 0;
    expect(calls(w.record(t, 'error'))).toEqual([1, 0, 1]);
    expect(calls(w.record((t += ms(100)), 'success'))).toEqual([2, 1, 1]);
    expect(calls(w.record((t += ms(100)), 'success'))).toEqual([3, 2, 1]);
    expect(calls(w.record((t += sec(1)), 'success'))).toEqual([4, 3, 1]);
    expect(calls(w.record((t += sec(1)), 'success'))).toEqual([5, 4, 1]);
    expect(calls(w.record((t += sec(1)), 'error'))).toEqual([6, 4, 2]);
    expect(calls(w.record((t += sec(1)), 'success'))).toEqual([7, 5, 2]);
    expect(calls(w.record((t += sec(1)), 'success'))).toEqual([5, 4, 1]);
    expect(calls(w.record((t += sec(1)), 'success'))).toEqual([5, 4, 1]);
    expect(calls(w.record((t += sec(5)), 'success'))).toEqual([1, 1, 0]);
  });

  it('shouldClearSlidingTimeWindowMetrics', () => {
    const w = new TimeWindow(5, 0);
    let t = 0;
    w.record(t, 'error');
    w.record((t += ms(100)), 'success');
    const s3 = w.record((t += ms(700)), 'slow-error');
    expect([s3.calls, s3.failedCalls, s3.slowFailedCalls]).toEqual([3, 2, 1]);
    expect(w.snapshot((t += sec(4))).calls).toBe(3);
    expect(w.snapshot((t += sec(1))).calls).toBe(0);
    expect(w.record((t += ms(100)), 'success').calls).toBe(1);
    expect(w.record((t += sec(5)), 'success').calls).toBe(1);
  });
});

describe('resilience4j: hand-worked timelines with the shipped defaults', () => {
  it('defaults are CircuitBreakerConfig\'s', () => {
    expect(RESILIENCE4J_DEFAULTS).toMatchObject({
      failureRateThreshold: 50, slowCallRateThreshold: 100, slowCallDurationThresholdMs: 60_000, slidingWindowSize: 100, minimumNumberOfCalls: 100,
      waitDurationInOpenStateMs: 60_000, permittedNumberOfCallsInHalfOpenState: 10, maxWaitDurationInHalfOpenStateMs: 0, automaticTransitionFromOpenToHalfOpenEnabled: false,
    });
  });

  it('COUNT_BASED: 99 failures cannot open it; call 100 (50 of 100 failed) does; the first call strictly after 60 s half-opens', () => {
    const log: BreakerTransition[] = [];
    const cb = new CountWindowBreaker({ onTransition: (t) => log.push(t) });
    for (let i = 0; i < 50; i++) cb.onFailure(sec(i), E);
    for (let i = 50; i < 99; i++) cb.onSuccess(sec(i), E);
    expect(cb.state(sec(99))).toBe('closed');
    cb.onSuccess(sec(99), E); // the 100th outcome: 50 % >= 50 %
    expect(log).toEqual([{ from: 'closed', to: 'open', atUs: sec(99), reason: 'failure rate 50% >= 50% of 100 calls' }]);
    expect(cb.nextTimedTransitionAt()).toBeNull(); // no automatic transition
    expect(cb.state(sec(500))).toBe('open');
    const fresh = new CountWindowBreaker();
    for (let i = 0; i < 100; i++) fresh.onFailure(0, E);
    expect(fresh.tryAcquire(sec(60))).toBe(false); // isAfter(retryAfterWaitDuration) is strict
    expect(fresh.tryAcquire(sec(60) + 1)).toBe(true);
    expect(fresh.state(sec(60) + 1)).toBe('half-open');
  });

  it('COUNT_BASED half-open: 10 trial calls; 5 failures re-open, 4 close', () => {
    for (const [failures, expected] of [[5, 'open'], [4, 'closed']] as const) {
      const cb = new CountWindowBreaker();
      for (let i = 0; i < 100; i++) cb.onFailure(0, E);
      const t = sec(61);
      for (let i = 0; i < 10; i++) expect(cb.tryAcquire(t)).toBe(true);
      expect(cb.tryAcquire(t)).toBe(false);
      for (let i = 0; i < 9; i++) if (i < failures) cb.onFailure(t, E); else cb.onSuccess(t, E);
      expect(cb.state(t)).toBe('half-open');
      cb.onSuccess(t, E); // the 10th outcome decides
      expect(cb.state(t)).toBe(expected);
    }
  });

  it('TIME_BASED defaults (100 s, 100 calls): one failing call a second opens at the 100th; one every 2 s never opens', () => {
    const busy = new TimeWindowBreaker();
    for (let i = 0; i < 99; i++) busy.onFailure(sec(i), E);
    expect(busy.state(sec(98))).toBe('closed');
    busy.onFailure(sec(99), E);
    expect(busy.state(sec(99))).toBe('open');
    const quiet = new TimeWindowBreaker();
    for (let i = 0; i < 1000; i++) quiet.onFailure(sec(2 * i), E);
    expect(quiet.state(sec(2000))).toBe('closed');
    expect(quiet.metrics(sec(1998)).bufferedCalls).toBe(50);
  });

  it('automatic transition: half-open exactly at the end of the wait, with no call', () => {
    const log: BreakerTransition[] = [];
    const cb = new CountWindowBreaker({ automaticTransitionFromOpenToHalfOpenEnabled: true, slidingWindowSize: 2, onTransition: (t) => log.push(t) });
    cb.onFailure(sec(1), E);
    cb.onFailure(sec(2), E);
    expect(cb.nextTimedTransitionAt()).toBe(sec(62));
    expect(cb.state(sec(62) - 1)).toBe('open');
    expect(cb.state(sec(90))).toBe('half-open');
    expect(log.map((t) => [t.to, t.atUs])).toEqual([['open', sec(2)], ['half-open', sec(62)]]);
  });

  it('a slow call admitted while closed, finishing during half-open, is judged with the trial calls', () => {
    const cb = new CountWindowBreaker({ slidingWindowSize: 2, permittedNumberOfCallsInHalfOpenState: 1, waitDurationInOpenStateMs: 1000 });
    expect(cb.tryAcquire(0)).toBe(true); // a 5 s call
    cb.onFailure(0, E);
    cb.onFailure(0, E);
    expect(cb.tryAcquire(sec(2))).toBe(true); // half-open, the single trial
    cb.onFailure(sec(5), sec(5)); // the old call lands in the half-open window first
    expect(cb.state(sec(5))).toBe('open');
  });
});

// ---- model-based: a plain reference of resilience4j's state machine ----

type Op = { kind: 'wait'; dt: number } | { kind: 'call' } | { kind: 'finish'; pick: number; result: 'success' | 'failure' | 'ignore' } | { kind: 'look' };

interface Rec { readonly failed: boolean; readonly slow: boolean; readonly second: number }

/** CircuitBreakerStateMachine in the plainest terms: outcome lists filtered on demand, rates compared as exact fractions. */
class RefR4j {
  state: BreakerState = 'closed';
  recs: Rec[] = [];
  openUntil = 0;
  halfSince = 0;
  permits = 0;
  constructor(private readonly o: Resilience4jOptions, private readonly timeBased: boolean) {}
  inWindow(now: number): Rec[] {
    if (this.state === 'half-open' || !this.timeBased) return this.recs.slice(-(this.state === 'half-open' ? this.o.permittedNumberOfCallsInHalfOpenState : this.o.slidingWindowSize));
    const cur = Math.floor(now / 1e6);
    return this.recs.filter((r) => r.second > cur - this.o.slidingWindowSize);
  }
  minCalls(): number {
    if (this.state === 'half-open') return Math.min(this.o.minimumNumberOfCalls, this.o.permittedNumberOfCallsInHalfOpenState);
    return this.timeBased ? this.o.minimumNumberOfCalls : Math.min(this.o.minimumNumberOfCalls, this.o.slidingWindowSize);
  }
  timers(now: number): void {
    for (;;) {
      if (this.state === 'open' && this.o.automaticTransitionFromOpenToHalfOpenEnabled && now >= this.openUntil) this.toHalf(this.openUntil);
      else if (this.state === 'half-open' && this.o.maxWaitDurationInHalfOpenStateMs >= 1 && now >= this.halfSince + ms(this.o.maxWaitDurationInHalfOpenStateMs)) {
        const at = this.halfSince + ms(this.o.maxWaitDurationInHalfOpenStateMs);
        if (this.o.transitionToStateAfterWaitDuration === 'open') this.toOpen(at); else { this.state = 'closed'; this.recs = []; }
      } else return;
    }
  }
  acquire(now: number): boolean {
    this.timers(now);
    if (this.state === 'closed') return true;
    if (this.state === 'open') { if (now <= this.openUntil) return false; this.toHalf(now); }
    if (this.permits === 0) return false;
    this.permits--;
    return true;
  }
  finish(now: number, result: 'success' | 'failure' | 'ignore', duration: number): void {
    this.timers(now);
    if (result === 'ignore') { if (this.state === 'half-open') this.permits++; return; }
    this.recs.push({ failed: result === 'failure', slow: duration > ms(this.o.slowCallDurationThresholdMs), second: Math.floor(now / 1e6) });
    if (this.state === 'open') return;
    const w = this.inWindow(now);
    if (w.length < this.minCalls()) return;
    const failed = w.filter((r) => r.failed).length, slow = w.filter((r) => r.slow).length;
    if (failed * 100 >= this.o.failureRateThreshold * w.length || slow * 100 >= this.o.slowCallRateThreshold * w.length) this.toOpen(now);
    else if (this.state === 'half-open') { this.state = 'closed'; this.recs = []; }
  }
  private toOpen(now: number) { this.state = 'open'; this.openUntil = now + ms(this.o.waitDurationInOpenStateMs); }
  private toHalf(now: number) { this.state = 'half-open'; this.recs = []; this.halfSince = now; this.permits = this.o.permittedNumberOfCallsInHalfOpenState; }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(fc.constantFrom(0, 1, ms(500), sec(1), sec(1) + 1, sec(2)), fc.integer({ min: 0, max: sec(3) })).map((dt) => ({ kind: 'wait' as const, dt })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'call' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finish' as const), pick: fc.nat(), result: fc.constantFrom('success' as const, 'failure' as const, 'failure' as const, 'ignore' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'look' as const }) },
);

const optionsArb = fc.record({
  failureRateThreshold: fc.constantFrom(1, 25, 50, 75, 100),
  slowCallRateThreshold: fc.constantFrom(50, 100),
  slowCallDurationThresholdMs: fc.constantFrom(500, 1500),
  slidingWindowSize: fc.integer({ min: 1, max: 5 }),
  minimumNumberOfCalls: fc.integer({ min: 1, max: 6 }),
  waitDurationInOpenStateMs: fc.constantFrom(1000, 2000),
  permittedNumberOfCallsInHalfOpenState: fc.integer({ min: 1, max: 3 }),
  maxWaitDurationInHalfOpenStateMs: fc.constantFrom(0, 0, 1500),
  transitionToStateAfterWaitDuration: fc.constantFrom('open' as const, 'closed' as const),
  automaticTransitionFromOpenToHalfOpenEnabled: fc.boolean(),
});

describe('resilience4j: model-based against a plain reference', () => {
  for (const timeBased of [false, true]) {
    it(`${timeBased ? 'TIME_BASED' : 'COUNT_BASED'}: same admissions, states and buffered counts`, () => {
      fc.assert(fc.property(optionsArb, fc.array(opArb, { minLength: 30, maxLength: 100 }), (opt, ops) => {
        const o = { ...RESILIENCE4J_DEFAULTS, ...opt };
        const cb = timeBased ? new TimeWindowBreaker(o) : new CountWindowBreaker(o);
        const ref = new RefR4j(o, timeBased);
        const inflight: number[] = [];
        let now = 0;
        for (const op of ops) {
          if (op.kind === 'wait') now += op.dt;
          else if (op.kind === 'call') {
            const ok = ref.acquire(now);
            expect(cb.tryAcquire(now)).toBe(ok);
            if (ok) inflight.push(now);
          } else if (op.kind === 'finish' && inflight.length > 0) {
            const [start] = inflight.splice(op.pick % inflight.length, 1);
            ref.finish(now, op.result, now - start!);
            if (op.result === 'success') cb.onSuccess(now, now - start!);
            else if (op.result === 'failure') cb.onFailure(now, now - start!);
            else cb.release(now);
          }
          ref.timers(now);
          expect(cb.state(now)).toBe(ref.state);
          if (ref.state !== 'open') expect(cb.metrics(now).bufferedCalls).toBe(ref.inWindow(now).length);
        }
      }), { numRuns: 200 });
    });
  }
});
