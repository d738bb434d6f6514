import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, sec, type Micros } from '../../src/kernel/time.js';
import type { BreakerState, BreakerTransition } from '../../models/breaker/breaker.js';
import { ConsecutiveBreaker, GOBREAKER_DEFAULTS, PYBREAKER_DEFAULTS, type BreakerCounts, type ConsecutiveBreakerOptions } from '../../models/breaker/consecutive-breaker.js';

/** A breaker with a transition log. */
function make(options: Partial<ConsecutiveBreakerOptions> = {}) {
  const log: BreakerTransition[] = [];
  const cb = new ConsecutiveBreaker({ ...options, onTransition: (t) => log.push(t) });
  return { cb, log };
}

/** gobreaker's test helpers `succeed` / `fail` / `exclude`: Execute with an instant call; false = rejected. */
function succeed(cb: ConsecutiveBreaker, t: Micros): boolean {
  if (!cb.tryAcquire(t)) return false;
  cb.onSuccess(t, 0);
  return true;
}
function fail(cb: ConsecutiveBreaker, t: Micros): boolean {
  if (!cb.tryAcquire(t)) return false;
  cb.onFailure(t, 0);
  return true;
}
function exclude(cb: ConsecutiveBreaker, t: Micros): boolean {
  if (!cb.tryAcquire(t)) return false;
  cb.release(t);
  return true;
}

const counts = (c: Partial<BreakerCounts>): BreakerCounts => ({ requests: 0, totalSuccesses: 0, totalFailures: 0, totalExclusions: 0, consecutiveSuccesses: 0, consecutiveFailures: 0, ...c });

describe('consecutive breaker: hand-worked timelines', () => {
  it('gobreaker defaults: the 6th failure in a row opens; half-open 1 µs after the 60 s; one success closes', () => {
    const { cb, log } = make();
    for (let i = 1; i <= 5; i++) expect(fail(cb, sec(i))).toBe(true);
    expect(cb.state(sec(5))).toBe('closed');
    expect(fail(cb, sec(6))).toBe(true); // the call that trips it
    expect(log).toEqual([{ from: 'closed', to: 'open', atUs: sec(6), reason: '6 consecutive failures' }]);
    expect(cb.nextTimedTransitionAt()).toBe(sec(66) + 1);
    expect(cb.tryAcquire(sec(66))).toBe(false); // expiry.Before(now) is strict
    expect(cb.state(sec(66))).toBe('open');
    expect(cb.state(sec(66) + 1)).toBe('half-open');
    expect(log[1]).toEqual({ from: 'open', to: 'half-open', atUs: sec(66) + 1, reason: 'open for 60000 ms' });
    expect(cb.tryAcquire(sec(70))).toBe(true);
    expect(cb.tryAcquire(sec(70))).toBe(false); // MaxRequests 0 -> 1
    cb.onSuccess(sec(70.5), ms(500));
    expect(log[2]).toEqual({ from: 'half-open', to: 'closed', atUs: sec(70.5), reason: '1 trial call(s) succeeded' });
    expect(cb.nextTimedTransitionAt()).toBeNull();
  });

  it('pybreaker defaults: the 5th failure opens; the probe is admitted at exactly opened_at + 60 s; a failed probe re-opens', () => {
    const { cb, log } = make(PYBREAKER_DEFAULTS);
    for (let i = 1; i <= 4; i++) fail(cb, sec(i));
    expect(cb.state(sec(4))).toBe('closed');
    fail(cb, sec(5));
    expect(log.map((t) => [t.to, t.atUs])).toEqual([['open', sec(5)]]);
    expect(cb.tryAcquire(sec(65) - 1)).toBe(false);
    expect(cb.tryAcquire(sec(65))).toBe(true); // `now < opened_at + timeout` no longer holds
    cb.onFailure(sec(66), sec(1));
    expect(log.map((t) => [t.to, t.atUs])).toEqual([['open', sec(5)], ['half-open', sec(65)], ['open', sec(66)]]);
    expect(cb.nextTimedTransitionAt()).toBe(sec(126));
  });

  it('a success in between resets the run of failures', () => {
    const { cb } = make(PYBREAKER_DEFAULTS);
    for (let i = 0; i < 4; i++) fail(cb, sec(i));
    succeed(cb, sec(4));
    for (let i = 5; i < 9; i++) fail(cb, sec(i));
    expect(cb.state(sec(9))).toBe('closed');
    fail(cb, sec(9));
    expect(cb.state(sec(9))).toBe('open');
  });

  it('an outcome of a call begun before the trip: gobreaker drops it, pybreaker counts it where it lands', () => {
    for (const [preset, expected] of [[GOBREAKER_DEFAULTS, 'half-open'], [PYBREAKER_DEFAULTS, 'closed']] as const) {
      const { cb } = make({ ...preset, failureThreshold: 1, openMs: 1000 });
      expect(cb.tryAcquire(0)).toBe(true); // a slow call, 3 s
      fail(cb, ms(10)); // opens at 10 ms
      expect(cb.tryAcquire(sec(2))).toBe(true); // the probe, half-open since 1.01 s
      cb.onSuccess(sec(3), sec(3)); // the slow call finishes, begun at 0
      expect(cb.state(sec(3))).toBe(expected);
    }
  });

  it('intervalMs > 0: a tumbling window; the counts clear on the first look after it ends, and the next one runs from there', () => {
    const { cb } = make({ failureThreshold: 3, intervalMs: 10_000 });
    fail(cb, sec(1));
    fail(cb, sec(9));
    fail(cb, sec(10.5)); // interval ended at 10 s: counts restart at 10.5 s
    expect(cb.snapshot(sec(10.5))).toEqual(counts({ requests: 1, totalFailures: 1, consecutiveFailures: 1 }));
    fail(cb, sec(20));
    fail(cb, sec(20.5)); // 10.5 + 10 = 20.5 is not yet past
    expect(cb.state(sec(20.5))).toBe('open');
  });
});

describe('consecutive breaker: vectors from gobreaker v2/gobreaker_test.go', () => {
  it('TestNewCircuitBreaker: defaults MaxRequests 1, Interval 0, Timeout 60 s, closed, zero counts', () => {
    expect(GOBREAKER_DEFAULTS).toMatchObject({ halfOpenMaxCalls: 1, intervalMs: 0, openMs: 60_000 });
    const cb = new ConsecutiveBreaker();
    expect(cb.state(0)).toBe('closed');
    expect(cb.snapshot(0)).toEqual(counts({}));
    expect(cb.nextTimedTransitionAt()).toBeNull();
  });

  it('TestDefaultCircuitBreaker', () => {
    const cb = new ConsecutiveBreaker();
    let t = 0;
    for (let i = 0; i < 5; i++) expect(fail(cb, t)).toBe(true);
    expect(cb.state(t)).toBe('closed');
    expect(cb.snapshot(t)).toEqual(counts({ requests: 5, totalFailures: 5, consecutiveFailures: 5 }));
    succeed(cb, t);
    expect(cb.snapshot(t)).toEqual(counts({ requests: 6, totalSuccesses: 1, totalFailures: 5, consecutiveSuccesses: 1 }));
    fail(cb, t);
    expect(cb.snapshot(t)).toEqual(counts({ requests: 7, totalSuccesses: 1, totalFailures: 6, consecutiveFailures: 1 }));
    for (let i = 0; i < 5; i++) fail(cb, t); // 6 consecutive failures
    expect(cb.state(t)).toBe('open');
    expect(cb.snapshot(t)).toEqual(counts({}));
    expect(succeed(cb, t)).toBe(false);
    expect(fail(cb, t)).toBe(false);
    t += sec(60) - ms(1); // pseudoSleep(timeout - 1 ms)
    expect(cb.state(t)).toBe('open');
    t += sec(1); // over Timeout
    expect(cb.state(t)).toBe('half-open');
    expect(fail(cb, t)).toBe(true);
    expect(cb.state(t)).toBe('open');
    expect(cb.snapshot(t)).toEqual(counts({}));
    t += sec(60) + 1; // timeout + 1 ns, here 1 µs
    expect(cb.state(t)).toBe('half-open');
    expect(succeed(cb, t)).toBe(true);
    expect(cb.state(t)).toBe('closed');
    expect(cb.snapshot(t)).toEqual(counts({}));
  });

  /** gobreaker_test.go `newCustom`: MaxRequests 3, Interval 30 s, Timeout 90 s, trip at >= 3 valid requests with failure ratio >= 0.6. */
  const custom = (): Partial<ConsecutiveBreakerOptions> => ({
    halfOpenMaxCalls: 3, intervalMs: 30_000, openMs: 90_000,
    readyToTrip: (c) => {
      const valid = Math.max(0, c.requests - c.totalExclusions);
      return valid >= 3 && c.totalFailures / valid >= 0.6;
    },
  });

  it('TestCustomCircuitBreaker', () => {
    const { cb, log } = make(custom());
    let t = 0;
    for (let i = 0; i < 5; i++) {
      succeed(cb, t);
      fail(cb, t);
      exclude(cb, t);
    }
    expect(cb.state(t)).toBe('closed');
    expect(cb.snapshot(t)).toEqual(counts({ requests: 15, totalSuccesses: 5, totalFailures: 5, totalExclusions: 5, consecutiveFailures: 1 }));
    t += sec(30) - ms(1);
    succeed(cb, t);
    expect(cb.snapshot(t)).toEqual(counts({ requests: 16, totalSuccesses: 6, totalFailures: 5, totalExclusions: 5, consecutiveSuccesses: 1 }));
    t += sec(1); // over Interval
    fail(cb, t);
    expect(cb.snapshot(t)).toEqual(counts({ requests: 1, totalFailures: 1, consecutiveFailures: 1 }));
    succeed(cb, t);
    fail(cb, t); // failure ratio: 2/3 >= 0.6
    expect(cb.state(t)).toBe('open');
    expect(log.at(-1)).toMatchObject({ from: 'closed', to: 'open' });
    t += sec(90) + 1;
    expect(cb.state(t)).toBe('half-open');
    for (let i = 0; i < 4; i++) expect(exclude(cb, t)).toBe(true); // excluded requests are neutral in half-open
    expect(cb.state(t)).toBe('half-open');
    fail(cb, t);
    expect(cb.state(t)).toBe('open');
    expect(log.at(-1)).toMatchObject({ from: 'half-open', to: 'open' });
    t += sec(90) + 1;
    succeed(cb, t);
    succeed(cb, t);
    expect(cb.state(t)).toBe('half-open');
    expect(cb.snapshot(t)).toEqual(counts({ requests: 2, totalSuccesses: 2, consecutiveSuccesses: 2 }));
    expect(cb.tryAcquire(t)).toBe(true); // succeedLater(100 ms)
    expect(cb.snapshot(t + ms(50))).toEqual(counts({ requests: 3, totalSuccesses: 2, consecutiveSuccesses: 2 }));
    expect(succeed(cb, t + ms(50))).toBe(false); // over MaxRequests
    cb.onSuccess(t + ms(100), ms(100));
    expect(cb.state(t + ms(100))).toBe('closed');
    expect(log.at(-1)).toMatchObject({ from: 'half-open', to: 'closed' });
  });

  it('TestGeneration: a request from the previous generation has no effect on the counts', () => {
    const cb = new ConsecutiveBreaker(custom());
    succeed(cb, sec(29));
    expect(cb.tryAcquire(sec(29))).toBe(true); // succeedLater(1500 ms)
    expect(cb.snapshot(sec(29.5))).toEqual(counts({ requests: 2, totalSuccesses: 1, consecutiveSuccesses: 1 }));
    expect(cb.state(sec(30) + 1)).toBe('closed'); // over Interval
    expect(cb.snapshot(sec(30) + 1)).toEqual(counts({}));
    cb.onSuccess(sec(30.5), ms(1500));
    expect(cb.snapshot(sec(30.5))).toEqual(counts({}));
  });

  it('TestPanicInRequest: a panicking request counts as a failure', () => {
    const cb = new ConsecutiveBreaker();
    fail(cb, 0);
    expect(cb.snapshot(0)).toEqual(counts({ requests: 1, totalFailures: 1, consecutiveFailures: 1 }));
  });
});

describe('consecutive breaker: vectors from pybreaker tests/pybreaker_test.py', () => {
  const py = (o: Partial<ConsecutiveBreakerOptions> = {}) => new ConsecutiveBreaker({ ...PYBREAKER_DEFAULTS, ...o });
  const failCounter = (cb: ConsecutiveBreaker, t: Micros) => cb.snapshot(t).consecutiveFailures;

  it('test_default_params: fail_max 5, reset_timeout 60, success_threshold 1', () => {
    expect(PYBREAKER_DEFAULTS).toMatchObject({ failureThreshold: 5, openMs: 60_000, halfOpenMaxCalls: 1 });
  });

  it('test_successful_call / test_one_failed_call / test_one_successful_call_after_failed_call', () => {
    const cb = py();
    succeed(cb, 0);
    expect([failCounter(cb, 0), cb.state(0)]).toEqual([0, 'closed']);
    fail(cb, 1);
    expect([failCounter(cb, 1), cb.state(1)]).toEqual([1, 'closed']);
    succeed(cb, 2);
    expect([failCounter(cb, 2), cb.state(2)]).toEqual([0, 'closed']);
  });

  it('test_several_failed_calls_setting_absent: fail_max=3 opens on the 3rd failure', () => {
    const cb = py({ failureThreshold: 3 });
    fail(cb, 0);
    fail(cb, 0);
    expect(cb.state(0)).toBe('closed');
    fail(cb, 0); // raises CircuitBreakerError
    expect(cb.state(0)).toBe('open');
  });

  it('test_failed_call_after_timeout: after reset_timeout 0.5 s the trial call runs and its failure re-opens', () => {
    const cb = py({ failureThreshold: 3, openMs: 500 });
    for (let i = 0; i < 3; i++) fail(cb, 0);
    expect(cb.state(0)).toBe('open');
    expect(fail(cb, ms(600))).toBe(true);
    expect(cb.state(ms(600))).toBe('open');
  });

  it('test_successful_after_timeout: rejected while open (func not called), then one success closes', () => {
    const cb = py({ failureThreshold: 3, openMs: 1000 });
    for (let i = 0; i < 3; i++) fail(cb, 0);
    expect(succeed(cb, 0)).toBe(false);
    expect(succeed(cb, sec(2))).toBe(true);
    expect([failCounter(cb, sec(2)), cb.state(sec(2))]).toEqual([0, 'closed']);
  });

  it('test_success_threshold_multiple_successes_required / test_success_threshold_failure_resets_counter', () => {
    const open = () => {
      const cb = py({ failureThreshold: 3, openMs: 100, halfOpenMaxCalls: 3 });
      for (let i = 0; i < 3; i++) fail(cb, 0);
      return cb;
    };
    const a = open();
    succeed(a, ms(200));
    succeed(a, ms(200));
    expect(a.state(ms(200))).toBe('half-open');
    succeed(a, ms(200));
    expect(a.state(ms(200))).toBe('closed');
    const b = open();
    succeed(b, ms(200));
    succeed(b, ms(200));
    fail(b, ms(200));
    expect(b.state(ms(200))).toBe('open');
  });
});

// ---- model-based: against a transliteration of the libraries' code, calls tracked by token ----

type Op = { kind: 'wait'; dt: number } | { kind: 'call' } | { kind: 'finish'; pick: number; result: 'success' | 'failure' | 'exclude' } | { kind: 'look' };

/** gobreaker v2 `currentState` / `beforeRequest` / `afterRequest` with generations, as written in gobreaker.go. */
class RefGobreaker {
  state: BreakerState = 'closed';
  generation = 0;
  c = counts({});
  expiry: number | null = null;
  constructor(private readonly o: ConsecutiveBreakerOptions, now: number) { this.newGen(now); }
  current(now: number): BreakerState {
    if (this.state === 'closed' && this.expiry !== null && this.expiry < now) this.newGen(now);
    if (this.state === 'open' && this.expiry! < now) this.set('half-open', now);
    return this.state;
  }
  before(now: number): number | null {
    const s = this.current(now);
    if (s === 'open' || (s === 'half-open' && this.c.requests - this.c.totalExclusions >= this.o.halfOpenMaxCalls)) return null;
    this.c.requests++;
    return this.generation;
  }
  after(now: number, gen: number, result: 'success' | 'failure' | 'exclude'): void {
    const s = this.current(now);
    if (gen !== this.generation) return;
    if (result === 'exclude') { this.c.totalExclusions++; return; }
    if (s === 'open') return;
    if (result === 'success') {
      this.c.totalSuccesses++; this.c.consecutiveSuccesses++; this.c.consecutiveFailures = 0;
      if (s === 'half-open' && this.c.consecutiveSuccesses >= this.o.halfOpenMaxCalls) this.set('closed', now);
    } else {
      this.c.totalFailures++; this.c.consecutiveFailures++; this.c.consecutiveSuccesses = 0;
      if (s === 'half-open' || this.c.consecutiveFailures >= this.o.failureThreshold) this.set('open', now);
    }
  }
  private set(s: BreakerState, now: number): void { if (s !== this.state) { this.state = s; this.newGen(now); } }
  private newGen(now: number): void {
    this.generation++;
    this.c = counts({});
    this.expiry = this.state === 'open' ? now + ms(this.o.openMs) : this.state === 'closed' && this.o.intervalMs > 0 ? now + ms(this.o.intervalMs) : null;
  }
}

/** pybreaker's states (CircuitClosedState / CircuitOpenState / CircuitHalfOpenState): no generations, a probe at now >= opened_at + reset_timeout. */
class RefPybreaker {
  state: 'closed' | 'open' | 'half-open' = 'closed';
  failCounter = 0;
  successCounter = 0;
  openedAt = 0;
  admitted = 0;
  constructor(private readonly o: ConsecutiveBreakerOptions) {}
  /** What failsim reports: half-open from the instant a probe would be admitted. */
  current(now: number): BreakerState {
    if (this.state === 'open' && now >= this.openedAt + ms(this.o.openMs)) { this.state = 'half-open'; this.successCounter = 0; this.admitted = 0; }
    return this.state;
  }
  before(now: number): boolean {
    const s = this.current(now);
    if (s === 'open') return false;
    if (s === 'half-open') { if (this.admitted >= this.o.halfOpenMaxCalls) return false; this.admitted++; }
    return true;
  }
  after(now: number, result: 'success' | 'failure' | 'exclude'): void {
    const s = this.current(now);
    if (result === 'exclude') { if (s === 'half-open') this.admitted--; return; }
    if (s === 'open') return;
    if (result === 'success') {
      this.failCounter = 0;
      if (s === 'half-open' && ++this.successCounter >= this.o.halfOpenMaxCalls) { this.state = 'closed'; }
    } else {
      this.failCounter++;
      if (s === 'half-open' || this.failCounter >= this.o.failureThreshold) { this.state = 'open'; this.openedAt = now; this.failCounter = 0; }
    }
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(fc.constantFrom(0, 1, ms(999), sec(1), sec(1) + 1, sec(2), sec(3)), fc.integer({ min: 0, max: sec(4) })).map((dt) => ({ kind: 'wait' as const, dt })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'call' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finish' as const), pick: fc.nat(), result: fc.constantFrom('success' as const, 'failure' as const, 'exclude' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'look' as const }) },
);

const optionsArb = fc.record({
  failureThreshold: fc.integer({ min: 1, max: 4 }),
  openMs: fc.constantFrom(1000, 2000),
  halfOpenMaxCalls: fc.integer({ min: 1, max: 3 }),
  intervalMs: fc.constantFrom(0, 0, 1500, 3000),
});

describe('consecutive breaker: model-based against the libraries\' own logic', () => {
  it('gobreaker: same admissions, states and counts as a token-tracking transliteration of gobreaker.go', () => {
    fc.assert(fc.property(optionsArb, fc.array(opArb, { minLength: 30, maxLength: 100 }), (opt, ops) => {
      const o = { ...GOBREAKER_DEFAULTS, ...opt };
      const cb = new ConsecutiveBreaker(o);
      const ref = new RefGobreaker(o, 0);
      const inflight: { start: number; gen: number }[] = [];
      let now = 0;
      for (const op of ops) {
        if (op.kind === 'wait') now += op.dt;
        else if (op.kind === 'call') {
          const gen = ref.before(now);
          expect(cb.tryAcquire(now)).toBe(gen !== null);
          if (gen !== null) inflight.push({ start: now, gen });
        } else if (op.kind === 'finish' && inflight.length > 0) {
          const [call] = inflight.splice(op.pick % inflight.length, 1);
          ref.after(now, call!.gen, op.result);
          if (op.result === 'success') cb.onSuccess(now, now - call!.start);
          else if (op.result === 'failure') cb.onFailure(now, now - call!.start);
          else if (call!.gen === ref.generation || cb.state(now) === 'open') cb.release(now); // release carries no duration: only current-generation exclusions are reported
        }
        expect(cb.state(now)).toBe(ref.current(now));
        expect(cb.snapshot(now)).toEqual(ref.c);
      }
    }), { numRuns: 200 });
  });

  it('pybreaker: same admissions and states as pybreaker\'s state classes', () => {
    fc.assert(fc.property(optionsArb, fc.array(opArb, { minLength: 30, maxLength: 100 }), (opt, ops) => {
      const o = { ...PYBREAKER_DEFAULTS, ...opt, intervalMs: 0 };
      const cb = new ConsecutiveBreaker(o);
      const ref = new RefPybreaker(o);
      const inflight: number[] = [];
      let now = 0;
      for (const op of ops) {
        if (op.kind === 'wait') now += op.dt;
        else if (op.kind === 'call') {
          const ok = ref.before(now);
          expect(cb.tryAcquire(now)).toBe(ok);
          if (ok) inflight.push(now);
        } else if (op.kind === 'finish' && inflight.length > 0) {
          const [start] = inflight.splice(op.pick % inflight.length, 1);
          // An exclusion frees a half-open slot only for a call admitted in this spell; keep to calls that cannot straddle.
          if (op.result === 'exclude') continue;
          ref.after(now, op.result);
          if (op.result === 'success') cb.onSuccess(now, now - start!);
          else cb.onFailure(now, now - start!);
        }
        expect(cb.state(now)).toBe(ref.current(now));
      }
    }), { numRuns: 200 });
  });
});
