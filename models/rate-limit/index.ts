/** Per-client rate limiting (seed 004, 250 req/min): the pure token-bucket limiter, Retry-After, per-pod vs shared placement, the simulated gate. */
export { SEED_004_RATE_LIMIT, checkRateLimitOptions, maxAdmittedIn, ratePerS, type RateLimitOptions } from './rate-limit-options.js';
export { RateLimiter, decide as decideRateLimit, waitForTokenUs, type RateDecision } from './rate-limiter.js';
export { PlacedRateLimiter, type RateLimitPlacement } from './placement.js';
export { DEFAULT_RATE_LIMIT_GATE, RateLimitGate, STORE_DOWN_PARAMS, type RateLimitGateOptions } from './rate-limit-gate.js';
export { type RateLimitEvents, type RateLimitRecord } from './rate-limit-events.js';
