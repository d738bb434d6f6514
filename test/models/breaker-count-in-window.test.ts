import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, sec, type Micros } from '../../src/kernel/time.js';
import type { BreakerState, BreakerTransition } from '../../models/breaker/breaker.js';
import { COUNT_IN_WINDOW_DEFAULTS, CountInWindowBreaker, type CountInWindowOptions } from '../../models/breaker/count-in-window-breaker.js';

function make(options: Partial<CountInWindowOptions> = {}) {
  const log: BreakerTransition[] = [];
  const cb = new CountInWindowBreaker({ ...options, onTransition: (t) => log.push(t) });
  return { cb, log };
}

function fail(cb: CountInWindowBreaker, t: Micros): boolean {
  if (!cb.tryAcquire(t)) return false;
  cb.onFailure(t, 0);
  return true;
}

describe('count-in-window breaker (seed 001: "open after 5 failures in 30 s")', () => {
  it('defaults: 5 failures in 30 s, open 60 s, one probe', () => {
    expect(COUNT_IN_WINDOW_DEFAULTS).toEqual({ failureThreshold: 5, windowMs: 30_000, openMs: 60_000, halfOpenMaxCalls: 1 });
  });

  it('the 5th failure within (now - 30 s, now] opens it', () => {
    const { cb, log } = make();
    for (const t of [0, sec(10), sec(20), sec(25)]) fail(cb, t);
    expect(cb.state(sec(25))).toBe('closed');
    fail(cb, sec(30) - 1); // the failure at 0 is still inside (-1 µs, 30 s - 1 µs]
    expect(log).toEqual([{ from: 'closed', to: 'open', atUs: sec(30) - 1, reason: '5 failures in 30000 ms' }]);
  });

  it('a failure exactly 30 s old has left the window: the 5th at 30 s does not open, the 6th at 31 s does', () => {
    const { cb, log } = make();
    for (const t of [0, sec(10), sec(20), sec(25), sec(30)]) fail(cb, t);
    expect(cb.failuresInWindow(sec(30))).toBe(4);
    expect(cb.state(sec(30))).toBe('closed');
    fail(cb, sec(31));
    expect(log.map((t) => [t.to, t.atUs])).toEqual([['open', sec(31)]]);
  });

  it('successes do not reset the count (unlike a consecutive breaker)', () => {
    const { cb } = make();
    for (let i = 0; i < 5; i++) {
      expect(cb.tryAcquire(sec(i))).toBe(true);
      cb.onSuccess(sec(i), 0);
      fail(cb, sec(i) + 1);
    }
    expect(cb.state(sec(5))).toBe('open');
  });

  it('half-open exactly 60 s after opening, on the timer; one probe; success closes with an empty log; failure re-opens', () => {
    const { cb, log } = make();
    for (let i = 0; i < 5; i++) fail(cb, sec(i));
    expect(cb.nextTimedTransitionAt()).toBe(sec(64));
    expect(cb.tryAcquire(sec(64) - 1)).toBe(false);
    expect(cb.state(sec(64))).toBe('half-open');
    expect(log[1]).toEqual({ from: 'open', to: 'half-open', atUs: sec(64), reason: 'open for 60000 ms' });
    expect(cb.tryAcquire(sec(70))).toBe(true);
    expect(cb.tryAcquire(sec(70))).toBe(false);
    cb.onFailure(sec(71), sec(1));
    expect(cb.state(sec(71))).toBe('open');
    expect(cb.state(sec(131))).toBe('half-open');
    expect(cb.tryAcquire(sec(131))).toBe(true);
    cb.onSuccess(sec(131), 0);
    expect(cb.state(sec(131))).toBe('closed');
    expect(cb.failuresInWindow(sec(131))).toBe(0);
  });

  it('a straggler begun before the trip cannot decide the half-open spell; a released probe frees its slot', () => {
    const { cb } = make({ openMs: 1000 });
    expect(cb.tryAcquire(0)).toBe(true); // a slow call
    for (let i = 0; i < 5; i++) fail(cb, ms(10));
    expect(cb.state(sec(2))).toBe('half-open');
    cb.onSuccess(sec(2), sec(2)); // begun at 0, before the trip
    expect(cb.state(sec(2))).toBe('half-open');
    expect(cb.tryAcquire(sec(2))).toBe(true);
    cb.release(sec(2)); // cancelled
    expect(cb.tryAcquire(sec(2))).toBe(true);
    cb.onSuccess(sec(2.1), ms(100));
    expect(cb.state(sec(2.1))).toBe('closed');
  });
});

// ---- model-based: the seed's rule as an array filter ----

type Op = { kind: 'wait'; dt: number } | { kind: 'call' } | { kind: 'finish'; pick: number; result: 'success' | 'failure' | 'release' };

class RefCountInWindow {
  state: BreakerState = 'closed';
  since = 0;
  failures: number[] = [];
  trials = 0;
  wins = 0;
  constructor(private readonly o: CountInWindowOptions) {}
  timers(now: number) { if (this.state === 'open' && now >= this.since + ms(this.o.openMs)) { this.state = 'half-open'; this.since += ms(this.o.openMs); this.trials = 0; this.wins = 0; } }
  call(now: number): boolean {
    this.timers(now);
    if (this.state === 'closed') return true;
    if (this.state === 'open' || this.trials >= this.o.halfOpenMaxCalls) return false;
    this.trials++;
    return true;
  }
  finish(now: number, start: number, result: 'success' | 'failure' | 'release') {
    this.timers(now);
    if (result === 'release') { if (this.state === 'half-open') this.trials = Math.max(0, this.trials - 1); return; }
    if (this.state === 'open' || start < this.since) return;
    if (result === 'success') {
      if (this.state === 'half-open' && ++this.wins >= this.o.halfOpenMaxCalls) { this.state = 'closed'; this.since = now; this.failures = []; }
      return;
    }
    if (this.state === 'half-open') { this.state = 'open'; this.since = now; return; }
    this.failures.push(now);
    if (this.failures.filter((t) => t > now - ms(this.o.windowMs)).length >= this.o.failureThreshold) { this.state = 'open'; this.since = now; }
  }
}

describe('count-in-window breaker: model-based against an array filter', () => {
  it('same admissions and states', () => {
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 3, arbitrary: fc.oneof(fc.constantFrom(0, 1, sec(1), sec(2), sec(3)), fc.integer({ min: 0, max: sec(4) })).map((dt) => ({ kind: 'wait' as const, dt })) },
      { weight: 3, arbitrary: fc.constant({ kind: 'call' as const }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('finish' as const), pick: fc.nat(), result: fc.constantFrom('success' as const, 'failure' as const, 'failure' as const, 'release' as const) }) },
    );
    const optionsArb = fc.record({
      failureThreshold: fc.integer({ min: 1, max: 4 }), windowMs: fc.constantFrom(2000, 3000, 5000), openMs: fc.constantFrom(0, 1000, 3000), halfOpenMaxCalls: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(fc.property(optionsArb, fc.array(opArb, { minLength: 30, maxLength: 100 }), (o, ops) => {
      const cb = new CountInWindowBreaker(o);
      const ref = new RefCountInWindow(o);
      const inflight: { start: number; half: boolean }[] = [];
      let now = 0;
      for (const op of ops) {
        if (op.kind === 'wait') now += op.dt;
        else if (op.kind === 'call') {
          const ok = ref.call(now);
          expect(cb.tryAcquire(now)).toBe(ok);
          if (ok) inflight.push({ start: now, half: ref.state === 'half-open' });
        } else if (op.kind === 'finish' && inflight.length > 0) {
          const [call] = inflight.splice(op.pick % inflight.length, 1);
          // release carries no start time: only a trial call of the current spell is released.
          if (op.result === 'release' && !(call!.half && call!.start >= ref.since && cb.state(now) === 'half-open')) continue;
          ref.finish(now, call!.start, op.result);
          if (op.result === 'success') cb.onSuccess(now, now - call!.start);
          else if (op.result === 'failure') cb.onFailure(now, now - call!.start);
          else cb.release(now);
        }
        ref.timers(now);
        expect(cb.state(now)).toBe(ref.state);
      }
    }), { numRuns: 200 });
  });
});
