import { US_PER_MS, type Micros } from '../../src/kernel/time.js';
import { resolveResilience4jOptions, type Resilience4jOptions } from './resilience4j-options.js';
import { FixedSizeWindow } from './fixed-size-window.js';
import { failureRatePercent, slowCallRatePercent, type WindowOutcome, type SlidingWindow, type WindowSnapshot } from './sliding-window.js';
import { TimedMachine } from './timed-machine.js';

/**
 * resilience4j's `CircuitBreakerStateMachine` (ClosedState, OpenState,
 * HalfOpenState; also [R4J-CBSM], [R4J-CBM]) with the closed-state window as
 * a strategy, so COUNT_BASED and TIME_BASED differ only in the window.
 *
 * - Closed: every outcome goes into the window; once it holds the minimum
 *   number of calls, a failure rate or slow-call rate `>=` its threshold opens.
 * - Open: every call is rejected. Without the automatic transition the state
 *   stays open, whatever the time, until a call arrives strictly after the
 *   wait (`clock.instant().isAfter(retryAfterWaitDuration)`); that call moves it
 *   to half-open and is the first trial. With it, a timer moves it exactly at
 *   the end of the wait. Outcomes arriving while open are recorded, never judged.
 * - Half-open: `permitted` calls are admitted, judged by a fresh COUNT_BASED
 *   window of that size; above thresholds -> open, below -> closed. Outcomes
 *   land in whatever state is current, so a slow call admitted while closed
 *   can decide a half-open spell, as in the library.
 */
export interface WindowStrategy {
  /** A fresh closed-state window at `now` (`CircuitBreakerMetrics.forClosed`). */
  create(now: Micros): SlidingWindow;
  /** Calls the window must hold before rates count. */
  readonly minimumNumberOfCalls: number;
}

/** `CircuitBreaker.Metrics` of the current state; rates are -1 below the minimum number of calls. */
export interface Resilience4jMetrics {
  readonly failureRate: number;
  readonly slowCallRate: number;
  readonly bufferedCalls: number;
  readonly failedCalls: number;
  readonly successfulCalls: number;
  readonly slowCalls: number;
  readonly notPermittedCalls: number;
}

/** One state's `CircuitBreakerMetrics`: its window, its minimum, its not-permitted count. */
class StateMetrics {
  notPermitted = 0;
  constructor(readonly window: SlidingWindow, readonly minCalls: number) {}

  /** The rates, or null below the minimum (`getFailureRate` returning -1). */
  rates(s: WindowSnapshot): { failure: number; slow: number } | null {
    if (s.calls === 0 || s.calls < this.minCalls) return null;
    return { failure: failureRatePercent(s), slow: slowCallRatePercent(s) };
  }
}

export abstract class Resilience4jBreaker extends TimedMachine {
  readonly options: Resilience4jOptions;
  private metricsOfState: StateMetrics;
  /** Open: `retryAfterWaitDuration`. */
  private openUntilUs = 0;
  /** Half-open: when it began, and the permits left (`permittedNumberOfCalls`). */
  private halfOpenSinceUs = 0;
  private permits = 0;

  protected constructor(overrides: Partial<Resilience4jOptions>, private readonly strategy: (o: Resilience4jOptions) => WindowStrategy, createdAtUs: Micros) {
    const o = resolveResilience4jOptions(overrides);
    super(o.onTransition);
    this.options = o;
    this.metricsOfState = this.closedMetrics(createdAtUs);
  }

  /** The current state's metrics (`getMetrics()`); a time window first drops what has aged out. */
  metrics(now: Micros): Resilience4jMetrics {
    this.sync(now);
    const m = this.metricsOfState;
    const s = m.window.snapshot(now);
    const r = m.rates(s);
    return {
      failureRate: r ? r.failure : -1, slowCallRate: r ? r.slow : -1, bufferedCalls: s.calls, failedCalls: s.failedCalls,
      successfulCalls: s.calls - s.failedCalls, slowCalls: s.slowCalls, notPermittedCalls: m.notPermitted,
    };
  }

  /** `transitionToOpenState()`: open now, for a fresh wait, keeping the current metrics. */
  transitionToOpenState(now: Micros, reason = 'forced open'): void {
    this.sync(now);
    this.toOpen(now, reason);
    this.flush();
  }

  /** `transitionToHalfOpenState()`; the library refuses it from closed (IllegalStateTransitionException). */
  transitionToHalfOpenState(now: Micros, reason = 'forced half-open'): void {
    this.sync(now);
    if (this.current === 'closed') throw new Error('resilience4j breaker: no transition from closed to half-open');
    this.toHalfOpen(now, reason);
    this.flush();
  }

  nextTimedTransitionAt(): Micros | null {
    const o = this.options;
    if (this.current === 'open') return o.automaticTransitionFromOpenToHalfOpenEnabled ? this.openUntilUs : null;
    // HalfOpenState schedules its way out only for a wait of at least 1 ms.
    if (this.current === 'half-open' && o.maxWaitDurationInHalfOpenStateMs >= 1) return this.halfOpenSinceUs + ms(o.maxWaitDurationInHalfOpenStateMs);
    return null;
  }

  protected fireTimed(atUs: Micros): void {
    if (this.current === 'open') return this.toHalfOpen(atUs, 'automatic transition after waitDurationInOpenState');
    const to = this.options.transitionToStateAfterWaitDuration;
    const reason = `maxWaitDurationInHalfOpenState ${this.options.maxWaitDurationInHalfOpenStateMs} ms elapsed`;
    if (to === 'open') this.toOpen(atUs, reason);
    else this.toClosed(atUs, reason);
  }

  protected acquire(now: Micros): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') {
      if (now <= this.openUntilUs) {
        this.metricsOfState.notPermitted++;
        return false;
      }
      this.toHalfOpen(now, `call after waitDurationInOpenState ${this.options.waitDurationInOpenStateMs} ms`);
    }
    if (this.permits > 0) {
      this.permits--;
      return true;
    }
    this.metricsOfState.notPermitted++;
    return false;
  }

  protected succeeded(now: Micros, durationUs: Micros): void {
    this.record(now, durationUs > ms(this.options.slowCallDurationThresholdMs) ? 'slow-success' : 'success');
  }

  protected failed(now: Micros, durationUs: Micros): void {
    this.record(now, durationUs > ms(this.options.slowCallDurationThresholdMs) ? 'slow-error' : 'error');
  }

  /** `HalfOpenState.releasePermission`: one more permit (uncapped, as `incrementAndGet`); a no-op in the other states. */
  protected released(_now: Micros): void {
    if (this.current === 'half-open') this.permits++;
  }

  /** Records into the current state's window and lets the state judge (`checkIfThresholdsExceeded`). */
  private record(now: Micros, outcome: WindowOutcome): void {
    const m = this.metricsOfState;
    const snapshot = m.window.record(now, outcome);
    if (this.current === 'open') return;
    const r = m.rates(snapshot);
    if (r === null) return;
    const o = this.options;
    const failureHigh = r.failure >= Math.fround(o.failureRateThreshold);
    const slowHigh = r.slow >= Math.fround(o.slowCallRateThreshold);
    if (failureHigh || slowHigh) {
      const why = failureHigh ? `failure rate ${r.failure}% >= ${o.failureRateThreshold}%` : `slow call rate ${r.slow}% >= ${o.slowCallRateThreshold}%`;
      this.toOpen(now, `${why} of ${snapshot.calls} calls`);
    } else if (this.current === 'half-open') {
      this.toClosed(now, `trial calls below thresholds (failure rate ${r.failure}%, slow call rate ${r.slow}%)`);
    }
  }

  /** `transitionToOpenState`: OpenState keeps the metrics of the state it came from. */
  private toOpen(now: Micros, reason: string): void {
    this.openUntilUs = now + ms(this.options.waitDurationInOpenStateMs);
    this.moveTo('open', now, reason);
  }

  /** `transitionToHalfOpenState`: fresh COUNT_BASED metrics of `permitted` calls (`CircuitBreakerMetrics.forHalfOpen`). */
  private toHalfOpen(now: Micros, reason: string): void {
    const permitted = this.options.permittedNumberOfCallsInHalfOpenState;
    this.metricsOfState = new StateMetrics(new FixedSizeWindow(permitted), Math.min(this.options.minimumNumberOfCalls, permitted));
    this.permits = permitted;
    this.halfOpenSinceUs = now;
    this.moveTo('half-open', now, reason);
  }

  /** `transitionToClosedState`: a fresh ClosedState, fresh window. */
  private toClosed(now: Micros, reason: string): void {
    this.metricsOfState = this.closedMetrics(now);
    this.moveTo('closed', now, reason);
  }

  private closedMetrics(now: Micros): StateMetrics {
    const s = this.strategy(this.options);
    return new StateMetrics(s.create(now), s.minimumNumberOfCalls);
  }
}

function ms(n: number): Micros {
  return Math.round(n * US_PER_MS);
}
