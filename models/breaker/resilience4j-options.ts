import type { TransitionOptions } from './breaker.js';

/**
 * resilience4j `CircuitBreakerConfig` settings the machine models, with the
 * shipped defaults (`CircuitBreakerConfig.java`, DEFAULT_* constants; also
 * [R4J-CBC]). Durations in ms, as the other failsim options; rates in
 * percent. All exceptions count as failures and no result does (the
 * defaults of recordException / ignoreException / recordResult): the caller
 * decides by calling onFailure, onSuccess or release.
 */
export interface Resilience4jOptions extends TransitionOptions {
  /** `failureRateThreshold`: open when the failure rate is >= this (percent). */
  readonly failureRateThreshold: number;
  /** `slowCallRateThreshold`: open when the share of slow calls is >= this (percent). */
  readonly slowCallRateThreshold: number;
  /** `slowCallDurationThreshold`: a call is slow when it took longer than this. */
  readonly slowCallDurationThresholdMs: number;
  /** `slidingWindowSize`: calls (COUNT_BASED) or seconds (TIME_BASED). */
  readonly slidingWindowSize: number;
  /** `minimumNumberOfCalls` before any rate is computed (COUNT_BASED uses min(this, slidingWindowSize)). */
  readonly minimumNumberOfCalls: number;
  /** `waitDurationInOpenState` (a constant `waitIntervalFunctionInOpenState`). */
  readonly waitDurationInOpenStateMs: number;
  /** `permittedNumberOfCallsInHalfOpenState`: trial calls, judged as a COUNT_BASED window of this size. */
  readonly permittedNumberOfCallsInHalfOpenState: number;
  /** `maxWaitDurationInHalfOpenState`: 0 = stay half-open until the trial calls decide; else leave after this long. */
  readonly maxWaitDurationInHalfOpenStateMs: number;
  /** `transitionToStateAfterWaitDuration`: where a half-open spell that ran out of time goes. */
  readonly transitionToStateAfterWaitDuration: 'open' | 'closed';
  /** `automaticTransitionFromOpenToHalfOpenEnabled`: a scheduler moves open -> half-open on time; false = the first call after the wait does. */
  readonly automaticTransitionFromOpenToHalfOpenEnabled: boolean;
}

export const RESILIENCE4J_DEFAULTS: Resilience4jOptions = {
  failureRateThreshold: 50, // DEFAULT_FAILURE_RATE_THRESHOLD
  slowCallRateThreshold: 100, // DEFAULT_SLOW_CALL_RATE_THRESHOLD
  slowCallDurationThresholdMs: 60_000, // DEFAULT_SLOW_CALL_DURATION_THRESHOLD = 60 s
  slidingWindowSize: 100, // DEFAULT_SLIDING_WINDOW_SIZE
  minimumNumberOfCalls: 100, // DEFAULT_MINIMUM_NUMBER_OF_CALLS
  waitDurationInOpenStateMs: 60_000, // DEFAULT_WAIT_DURATION_IN_OPEN_STATE = 60 s
  permittedNumberOfCallsInHalfOpenState: 10, // DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE
  maxWaitDurationInHalfOpenStateMs: 0, // DEFAULT_WAIT_DURATION_IN_HALF_OPEN_STATE
  transitionToStateAfterWaitDuration: 'open', // DEFAULT_TRANSITION_TO_STATE_AFTER_WAIT_DURATION
  automaticTransitionFromOpenToHalfOpenEnabled: false,
};

/** The builder's checks (`CircuitBreakerConfig.Builder`), so a bad scenario parameter fails where it is set. */
export function resolveResilience4jOptions(overrides: Partial<Resilience4jOptions>): Resilience4jOptions {
  const o = { ...RESILIENCE4J_DEFAULTS, ...overrides };
  const bad = (what: string): never => { throw new Error(`resilience4j breaker: ${what}`); };
  if (!(o.failureRateThreshold > 0 && o.failureRateThreshold <= 100)) bad(`failureRateThreshold must be in (0, 100], got ${o.failureRateThreshold}`);
  if (!(o.slowCallRateThreshold > 0 && o.slowCallRateThreshold <= 100)) bad(`slowCallRateThreshold must be in (0, 100], got ${o.slowCallRateThreshold}`);
  if (!(o.slowCallDurationThresholdMs > 0)) bad(`slowCallDurationThresholdMs must be > 0, got ${o.slowCallDurationThresholdMs}`);
  if (!(Number.isInteger(o.slidingWindowSize) && o.slidingWindowSize >= 1)) bad(`slidingWindowSize must be an integer >= 1, got ${o.slidingWindowSize}`);
  if (!(Number.isInteger(o.minimumNumberOfCalls) && o.minimumNumberOfCalls >= 1)) bad(`minimumNumberOfCalls must be an integer >= 1, got ${o.minimumNumberOfCalls}`);
  if (!(o.waitDurationInOpenStateMs >= 1)) bad(`waitDurationInOpenStateMs must be >= 1, got ${o.waitDurationInOpenStateMs}`);
  if (!(Number.isInteger(o.permittedNumberOfCallsInHalfOpenState) && o.permittedNumberOfCallsInHalfOpenState >= 1)) bad(`permittedNumberOfCallsInHalfOpenState must be an integer >= 1, got ${o.permittedNumberOfCallsInHalfOpenState}`);
  if (!(o.maxWaitDurationInHalfOpenStateMs >= 0)) bad(`maxWaitDurationInHalfOpenStateMs must be >= 0, got ${o.maxWaitDurationInHalfOpenStateMs}`);
  return o;
}
