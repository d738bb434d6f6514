import { createRetryPolicy, type RetryPolicy, type RetryPolicyOptions } from './retry-policy.js';

/**
 * The retry settings of the libraries and seed documents failsim models,
 * each a plain RetryPolicy. Overrides win over the preset's values.
 */
type Overrides = Partial<RetryPolicyOptions>;

/**
 * Seed 001 "min(base * 2^attempt + jitter, 30 s)", base 100 ms, with the
 * example ranges 100-200, 200-400, 400-800 ms: retry n waits U[b*2^(n-1),
 * b*2^n) and never more than 30 s (next-models §3.2). That is equal jitter
 * one doubling up (exponentOffset 1) with the cap on the delay. The seed
 * gives no attempt limit: none here, a deadline or an override bounds it.
 */
export function seed001Policy(overrides: Overrides = {}): RetryPolicy {
  return createRetryPolicy('equal-jitter', { baseMs: 100, exponentOffset: 1, capMs: 30_000, capAppliesTo: 'delay', maxAttempts: Infinity, ...overrides });
}

/** Seed 004 "exponential backoff retry (1s, 2s, 4s, 8s, max 30s)", no jitter: 1, 2, 4, 8, 16, 30, 30, ... s, no attempt limit. */
export function seed004Policy(overrides: Overrides = {}): RetryPolicy {
  return createRetryPolicy('schedule', { scheduleMs: [1_000, 2_000, 4_000, 8_000, 16_000, 30_000], maxAttempts: Infinity, ...overrides });
}

/**
 * AWS SDK "standard" retry mode as smithy-typescript util-retry (which
 * aws-sdk-js-v3 uses) codes it [AWS-JS-RETRY], [AWS-JS-CONST]: 3 attempts;
 * `floor(U[0,1) * min(base * 2^i, 20 s))` ms with i the retry count from 0
 * (full jitter, cap on the ceiling) and base 100 ms, 500 ms after a throttling
 * error; a Retry-After / x-amz-retry-after may lengthen the wait by up to
 * 5 s. Before 2026-04 the cap bit the drawn delay, `floor(min(20000,
 * U * 2^i * base))`, and a Retry-After counted as `max`: pass capAppliesTo
 * 'delay' and retryAfter 'max' for that. (aws-sdk-go-v2's default backoff
 * differs: `U[0,1) * 2^attempt` seconds [AWS-GO-JITTER].) The retry quota
 * is token-bucket-budget.ts.
 */
export function awsStandardPolicy(errorType: 'transient' | 'throttling' = 'transient', overrides: Overrides = {}): RetryPolicy {
  return createRetryPolicy('full-jitter', {
    baseMs: errorType === 'throttling' ? 500 : 100, capMs: 20_000, maxAttempts: 3, floorToMs: true,
    retryAfter: 'bounded', retryAfterMaxExtraMs: 5_000, ...overrides,
  });
}

/** The same with the 2026 opt-in (`SMITHY_NEW_RETRIES_2026`, [AWS-JS-2026]): base 50 ms, 1000 ms after throttling. */
export function awsStandard2026Policy(errorType: 'transient' | 'throttling' = 'transient', overrides: Overrides = {}): RetryPolicy {
  return awsStandardPolicy(errorType, { baseMs: errorType === 'throttling' ? 1_000 : 50, ...overrides });
}

/** resilience4j `RetryConfig` defaults [R4J-RETRY]: 3 attempts, a fixed 500 ms wait, Retry-After not read. */
export function resilience4jDefaultPolicy(overrides: Overrides = {}): RetryPolicy {
  return createRetryPolicy('fixed', { fixedMs: 500, maxAttempts: 3, ...overrides });
}

/** gRPC A6 `retryPolicy` fields (all required by the spec; these defaults are the proposal's example). */
export interface GrpcRetryConfig {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly backoffMultiplier: number;
  /** The client's own ceiling on maxAttempts: 5 unless the channel sets another. */
  readonly clientMaxAttempts: number;
}

export const GRPC_A6_EXAMPLE: GrpcRetryConfig = { maxAttempts: 4, initialBackoffMs: 100, maxBackoffMs: 1_000, backoffMultiplier: 2, clientMaxAttempts: 5 };

/**
 * gRPC A6 retries [GRPC-A6]: maxAttempts (> 1) capped at the client's 5;
 * before retry n, `min(initialBackoff * multiplier^(n-1), maxBackoff) *
 * U(0.8, 1.2)` (the spec since 2024-08, as grpc-go `shouldRetry` does
 * [GRPC-GO-RETRY]); `variant: 'original'` is the 2017 text's full jitter
 * `U(0, min(...))`. Pushback is honoured exactly. A6 also restarts the
 * exponent at initialBackoff after a pushback (grpc-go
 * `numRetriesSincePushback`); a stateless policy cannot, so the exponent
 * here keeps counting all retries.
 */
export function grpcA6Policy(config: Partial<GrpcRetryConfig> = {}, variant: 'current' | 'original' = 'current'): RetryPolicy {
  const c = { ...GRPC_A6_EXAMPLE, ...config };
  if (!Number.isInteger(c.maxAttempts) || c.maxAttempts <= 1) throw new RangeError(`gRPC retryPolicy: maxAttempts must be an integer > 1, got ${c.maxAttempts}`);
  if (!(c.initialBackoffMs > 0) || !(c.maxBackoffMs > 0) || !(c.backoffMultiplier > 0)) throw new RangeError('gRPC retryPolicy: initialBackoff, maxBackoff and backoffMultiplier must be > 0');
  const common = { baseMs: c.initialBackoffMs, capMs: c.maxBackoffMs, multiplier: c.backoffMultiplier, maxAttempts: Math.min(c.maxAttempts, c.clientMaxAttempts), retryAfter: 'honour' } as const;
  return variant === 'original' ? createRetryPolicy('full-jitter', common) : createRetryPolicy('exponential', { ...common, jitter: 0.2 });
}

/** The policies of Brooker's simulator [BROOKER-SIM]: base 5 ms, cap 2 s, `expo(n) = min(cap, 2^n * base)` from n = 1, no attempt limit ('immediate' is its NoBackoff). */
export function brookerSimulatorPolicy(kind: 'immediate' | 'exponential' | 'full-jitter' | 'equal-jitter' | 'decorrelated-jitter'): RetryPolicy {
  return createRetryPolicy(kind, { baseMs: 5, capMs: 2_000, exponentOffset: 1, maxAttempts: Infinity });
}

/**
 * Kafka clients' `ExponentialBackoff` (KIP-580, [KAFKA-CCC]), as
 * models/kafka/backoff.ts codes it: `min(floor(min(base * 2^n, max) *
 * U(0.8, 1.2)), max)` ms from n = 0; `max <= base` gives base, no draw.
 */
export function kafkaClientPolicy(baseMs = 100, maxMs = 1_000): RetryPolicy {
  if (maxMs <= baseMs) return createRetryPolicy('fixed', { fixedMs: baseMs, maxAttempts: Infinity });
  return createRetryPolicy('exponential', { baseMs, capMs: maxMs, jitter: 0.2, capAppliesTo: 'both', floorToMs: true, maxAttempts: Infinity });
}
