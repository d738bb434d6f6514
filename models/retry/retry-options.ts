/**
 * The retry policy's kinds and options, and their checks. The delay formulas
 * are in backoff-delay.ts; how a server's Retry-After or gRPC pushback
 * combines with them is in retry-after.ts.
 *
 * Counting, fixed here once for every kind: attempt 1 is the first call,
 * attempt 2 the first retry; retry r = attempt - 1. The exponential ceiling
 * before retry r is `base * multiplier^(r - 1 + exponentOffset)`: the first
 * retry waits up to `base`, as in the AWS SDKs (`2^i * base` with i the retry
 * count from 0, [AWS-JS-BACKOFF]), gRPC ([GRPC-A6]: `initialBackoff *
 * multiplier^(n-1)`) and resilience4j. Brooker's simulator and seed 001
 * count the first retry as n = 1 (`base * 2^n`, [BROOKER-SIM]): exponentOffset 1.
 */
export type RetryKind = 'none' | 'immediate' | 'fixed' | 'exponential' | 'full-jitter' | 'equal-jitter' | 'decorrelated-jitter' | 'schedule';

export const RETRY_KINDS: readonly RetryKind[] = ['none', 'immediate', 'fixed', 'exponential', 'full-jitter', 'equal-jitter', 'decorrelated-jitter', 'schedule'];

/**
 * What a server's Retry-After (RFC 9110 §10.2.3) or gRPC pushback
 * (`grpc-retry-pushback-ms`, [GRPC-A6]) does to the policy's own delay d:
 * - `ignore`: d. The resilience4j default, and what a client that never reads the header does.
 * - `honour`: exactly the server's value (gRPC A6: "retry after exactly that delay").
 * - `max`: max(server, d): "wait at least that long" (RFC 9110; smithy-typescript
 *   util-retry, which aws-sdk-js-v3 uses, before 2026-04 [AWS-JS-RETRY]).
 * - `bounded`: max(d, min(server, d + retryAfterMaxExtraMs)): the server may
 *   lengthen the wait by at most 5 s (smithy-typescript util-retry since 2026-04,
 *   aws-sdk-go-v2 "x-amz-retry-after maximum is 5+exponential backoff duration" [AWS-GO-2026]).
 * A negative server value means "do not retry" (gRPC pushback < 0) in every
 * mode but `ignore`.
 */
export type RetryAfterMode = 'ignore' | 'honour' | 'max' | 'bounded';

/**
 * Where `capMs` bites for the exponential kinds:
 * - `ceiling`: on the exponential term before jitter (Brooker's `min(cap, base*2^n)`,
 *   smithy util-retry `b * min(x * r^i, MAX)` [AWS-JS-BACKOFF], gRPC A6, where jitter
 *   may then exceed the cap by 20 %);
 * - `delay`: on the jittered delay (seed 001's `min(base*2^n + jitter, 30 s)`);
 * - `both`: on the term and again on the delay (Kafka's `ExponentialBackoff`).
 */
export type CapMode = 'ceiling' | 'delay' | 'both';

export interface RetryPolicyOptions {
  /** First retry's exponential ceiling, and decorrelated jitter's floor (ms). */
  readonly baseMs: number;
  /** Largest delay, see capAppliesTo (ms); finite. Not applied to 'schedule'. */
  readonly capMs: number;
  /** Attempts including the first call; Infinity allowed. 'none' is always 1. */
  readonly maxAttempts: number;
  /** Growth per retry of the exponential kinds. */
  readonly multiplier: number;
  /** Added to the exponent: 1 for Brooker's simulator and seed 001 (see above). */
  readonly exponentOffset: number;
  /** The delay of 'fixed' (ms); resilience4j's default wait is 500 ms. */
  readonly fixedMs: number;
  /** Delays of 'schedule' in order (ms); past the end the last one repeats. */
  readonly scheduleMs: readonly number[];
  /** 'exponential' and 'fixed' only: multiply by U(1 - jitter, 1 + jitter), e.g. 0.2 for gRPC A6 and Kafka. */
  readonly jitter: number;
  readonly capAppliesTo: CapMode;
  /** Floor the delay to whole milliseconds, as smithy util-retry's `Math.floor(t_i)` does. */
  readonly floorToMs: boolean;
  readonly retryAfter: RetryAfterMode;
  /** 'bounded' only: how much longer than its own delay the server may make the client wait (ms). */
  readonly retryAfterMaxExtraMs: number;
}

/** Defaults: AWS standard mode's numbers where it has one (3 attempts, 100 ms, 20 s), resilience4j's 500 ms fixed wait. */
export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = {
  baseMs: 100,
  capMs: 20_000,
  maxAttempts: 3,
  multiplier: 2,
  exponentOffset: 0,
  fixedMs: 500,
  scheduleMs: [],
  jitter: 0,
  capAppliesTo: 'ceiling',
  floorToMs: false,
  retryAfter: 'ignore',
  retryAfterMaxExtraMs: 5_000,
};

/** Throws on options no formula can use; the message names the bad field. */
export function checkRetryPolicyOptions(kind: RetryKind, o: RetryPolicyOptions): void {
  const bad = (what: string) => {
    throw new RangeError(`retry policy '${kind}': ${what}`);
  };
  if (!RETRY_KINDS.includes(kind)) bad('unknown kind');
  if (!(o.baseMs >= 0) || !Number.isFinite(o.baseMs)) bad(`baseMs must be a finite number >= 0, got ${o.baseMs}`);
  if (!(o.capMs >= 0) || !Number.isFinite(o.capMs)) bad(`capMs must be a finite number >= 0, got ${o.capMs}`);
  if (!(o.maxAttempts >= 1) || (o.maxAttempts !== Infinity && !Number.isInteger(o.maxAttempts))) bad(`maxAttempts must be an integer >= 1 or Infinity, got ${o.maxAttempts}`);
  if (!(o.multiplier > 0) || !Number.isFinite(o.multiplier)) bad(`multiplier must be > 0, got ${o.multiplier}`);
  if (!Number.isInteger(o.exponentOffset) || o.exponentOffset < 0) bad(`exponentOffset must be an integer >= 0, got ${o.exponentOffset}`);
  if (!(o.fixedMs >= 0) || !Number.isFinite(o.fixedMs)) bad(`fixedMs must be a finite number >= 0, got ${o.fixedMs}`);
  if (!(o.jitter >= 0 && o.jitter <= 1)) bad(`jitter must be in [0, 1], got ${o.jitter}`);
  if (!(o.retryAfterMaxExtraMs >= 0)) bad(`retryAfterMaxExtraMs must be >= 0, got ${o.retryAfterMaxExtraMs}`);
  if (o.scheduleMs.some((d) => !(d >= 0) || !Number.isFinite(d))) bad('scheduleMs entries must be finite numbers >= 0');
  if (kind === 'schedule' && o.scheduleMs.length === 0) bad('needs scheduleMs');
}
