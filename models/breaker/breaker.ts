import type { Micros } from '../../src/kernel/time.js';

/**
 * The circuit breaker contract every breaker in this folder implements: a
 * pure state machine that is told the time (`now`, µs) on every call and
 * never reads a clock, so a simulation, a test or a replay drive it alike.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerTransition {
  readonly from: BreakerState;
  readonly to: BreakerState;
  readonly atUs: Micros;
  readonly reason: string;
}

export interface CircuitBreaker {
  readonly kind: string; // 'consecutive' | 'count-window' | 'time-window' | 'opossum' | 'count-in-window' ...
  /** The state at `now` (a breaker whose open wait has elapsed may still report 'open' until a call asks, as resilience4j without automatic transition does; document per kind). */
  state(now: Micros): BreakerState;
  /** Permission for one call at `now`: false = rejected without calling (CallNotPermittedException / EOPENBREAKER / ErrOpenState). */
  tryAcquire(now: Micros): boolean;
  /** Outcome of a permitted call, reported when it finishes at `now`, having taken `durationUs`. */
  onSuccess(now: Micros, durationUs: Micros): void;
  onFailure(now: Micros, durationUs: Micros): void;
  /** Permitted call that finished but must not count (ignored exception / cancelled): frees a half-open permit. */
  release(now: Micros): void;
}

/**
 * A breaker whose state can change with time alone (opossum's reset time-out
 * timer, resilience4j's automatic transition). The machine applies such a
 * change lazily, at its exact due time, on the next call; a simulation that
 * wants it traced on time schedules a wake-up at `nextTimedTransitionAt()`.
 */
export interface TimedCircuitBreaker extends CircuitBreaker {
  /** When the next time-driven transition falls due, or null if none is pending. */
  nextTimedTransitionAt(): Micros | null;
}

export type TransitionListener = (t: BreakerTransition) => void;

/** Every breaker's options carry this, so a simulation adapter can trace transitions. */
export interface TransitionOptions {
  readonly onTransition?: TransitionListener;
}

/** What a simulation adapter hears from a breaker: transitions and rejected calls. */
export interface BreakerListener {
  transition?(t: BreakerTransition): void;
  rejected?(state: BreakerState, now: Micros): void;
}

/** A timed breaker that also takes listeners after it is built (the tracing hook; the machine stays free of the simulation). */
export interface ObservableBreaker extends TimedCircuitBreaker {
  addListener(listener: BreakerListener): void;
}
