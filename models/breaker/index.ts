/** The circuit breakers: pure state machines, the kind switch, and the simulation adapter. */
export type { BreakerListener, BreakerState, BreakerTransition, CircuitBreaker, ObservableBreaker, TimedCircuitBreaker, TransitionListener, TransitionOptions } from './breaker.js';
export { ConsecutiveBreaker, GOBREAKER_DEFAULTS, PYBREAKER_DEFAULTS, type BreakerCounts, type ConsecutiveBreakerOptions } from './consecutive-breaker.js';
export { CountWindowBreaker, type CountWindowOptions } from './count-window-breaker.js';
export { TimeWindowBreaker, type TimeWindowOptions } from './time-window-breaker.js';
export { Resilience4jBreaker, type Resilience4jMetrics, type WindowStrategy } from './resilience4j-machine.js';
export { RESILIENCE4J_DEFAULTS, type Resilience4jOptions } from './resilience4j-options.js';
export { FixedSizeWindow } from './fixed-size-window.js';
export { TimeWindow } from './time-window.js';
export { failureRatePercent, slowCallRatePercent, type WindowOutcome, type SlidingWindow, type WindowSnapshot } from './sliding-window.js';
export { OpossumBreaker, OPOSSUM_DEFAULTS, OPOSSUM_TIMEOUT_MS, type OpossumOptions } from './opossum-breaker.js';
export { type OpossumStats } from './opossum-status.js';
export { CountInWindowBreaker, COUNT_IN_WINDOW_DEFAULTS, type CountInWindowOptions } from './count-in-window-breaker.js';
export { BREAKER_KINDS, createBreaker, isBreakerKind, type BreakerKind, type BreakerOptionsByKind, type BreakerOverrides, type CommonBreakerOverrides } from './breaker-switch.js';
export { type BreakerEvents, type BreakerRecord } from './breaker-events.js';
export { traceBreaker } from './traced-breaker.js';
