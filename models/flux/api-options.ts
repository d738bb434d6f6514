import type { TokenBucketOptions } from '../token-bucket/token-bucket.js';

/** What the API does about a failed Kafka publish (api-instance.ts). */
export type Mitigation = 'none' | 'retry' | 'outbox' | 'compensate';

export interface ApiOptions {
  readonly rateLimit: TokenBucketOptions | null;
  /** With Redis unreachable, let requests through the rate limiter (fail open) or refuse them. */
  readonly rateLimitFailOpen: boolean;
  readonly idempotencyTtlMs: number;
  readonly mitigation: Mitigation;
  readonly outboxTimeoutMs: number;
}
