import type { RandomStream } from '../../src/kernel/rng.js';
import type { Micros } from '../../src/kernel/time.js';
import { ownDelayUs } from './backoff-delay.js';
import { applyRetryAfter } from './retry-after.js';
import { DEFAULT_RETRY_POLICY, checkRetryPolicyOptions, type RetryKind, type RetryPolicyOptions } from './retry-options.js';

export { RETRY_KINDS, DEFAULT_RETRY_POLICY, type RetryKind, type RetryPolicyOptions, type RetryAfterMode, type CapMode } from './retry-options.js';

/**
 * When to try again: a pure function of the attempt number, the previous
 * delay, one random stream and what the server said. It holds no state, so
 * one policy serves every call of a client; the caller keeps the attempt
 * count and the previous delay.
 */
export interface RetryPolicy {
  readonly kind: RetryKind;
  /** Attempts including the first call (Infinity allowed). */
  readonly maxAttempts: number;
  /** The options in force, defaults filled in. */
  readonly options: RetryPolicyOptions;
  /**
   * Delay before attempt `attempt` (2 = first retry) given the previous delay
   * (0 before the first retry) — null when no attempt `attempt` may be made.
   * `retryAfterUs` is a server's Retry-After / pushback when present.
   * Draws from rng only for jittered kinds, and exactly one uniform draw per
   * jittered delay. Attempt 1 (the first call) is always 0 with no draw.
   */
  delayBefore(attempt: number, previousDelayUs: Micros, rng: RandomStream, retryAfterUs?: Micros): Micros | null;
}

/**
 * A policy of the given kind; see RetryPolicyOptions for every option and
 * retry-presets.ts for the libraries' and seeds' settings. Throws a
 * RangeError on options no formula can use.
 */
export function createRetryPolicy(kind: RetryKind, options: Partial<RetryPolicyOptions> = {}): RetryPolicy {
  const given: RetryPolicyOptions = { ...DEFAULT_RETRY_POLICY, ...options };
  // 'none' makes the one call; a schedule without an explicit count stops at its end.
  const maxAttempts = kind === 'none' ? 1 : kind === 'schedule' && options.maxAttempts === undefined ? given.scheduleMs.length + 1 : given.maxAttempts;
  const o: RetryPolicyOptions = Object.freeze({ ...given, scheduleMs: Object.freeze([...given.scheduleMs]), maxAttempts });
  checkRetryPolicyOptions(kind, o);
  return Object.freeze({
    kind,
    maxAttempts,
    options: o,
    delayBefore(attempt: number, previousDelayUs: Micros, rng: RandomStream, retryAfterUs?: Micros): Micros | null {
      if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`retry policy '${kind}': attempt must be an integer >= 1, got ${attempt}`);
      if (attempt === 1) return 0;
      if (attempt > maxAttempts) return null;
      return applyRetryAfter(o, ownDelayUs(kind, o, attempt - 1, previousDelayUs, rng), retryAfterUs);
    },
  });
}
