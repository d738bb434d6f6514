import type { RecordOf } from '../../src/kernel/trace-events.js';

/** A rate-limit gate's trace events (source: the gate's name). */
export type RateLimitEvents = {
  /** `client` got its first 429 since it was last admitted: the Retry-After it was told. */
  throttled: { client: string; pod: number; retryAfterS: number };
  /** The shared store became unreachable: requests pass unchecked (fail open, as Stripe's limiter does). */
  'store-down': undefined;
  'store-up': { downMs: number };
  /** The fleet changed size (per-pod: every client's limit changes with it). */
  resized: { pods: number; effectiveRatePerMin: number };
};
export type RateLimitRecord = RecordOf<RateLimitEvents>;
