import type { RetryBudget } from './retry-budget.js';

/**
 * gRPC retry throttling, per server name [GRPC-A6]: `token_count` starts at
 * `maxTokens` and stays in [0, maxTokens]; every failed RPC takes 1, every
 * successful one adds `tokenRatio`; retries (and hedges) are made only while
 * `token_count > maxTokens / 2`. Only failures with a retryable (or
 * non-fatal) status, or a pushback, count: the caller calls onFailure for
 * those alone. Order as grpc-go `retryThrottler.throttle()` [GRPC-GO-RETRY]:
 * the failure is counted first, then the count is compared, so onFailure
 * comes before tryWithdraw.
 *
 * Counts are kept in thousandths of a token, as grpc-java's `Throttle`
 * does (`THREE_DECIMAL_PLACES_SCALE_UP`, [GRPC-JAVA-RS]): A6 ignores
 * tokenRatio decimals beyond the third, and integers never drift (grpc-go
 * keeps float64s).
 */
export interface GrpcThrottleOptions {
  /** (0, 1000] in A6. */
  readonly maxTokens: number;
  /** > 0; decimals beyond 3 ignored. */
  readonly tokenRatio: number;
}

/** The proposal's example `retryThrottling`: throttles when failures pass about 10 % of successes. */
export const GRPC_THROTTLE_EXAMPLE: GrpcThrottleOptions = { maxTokens: 10, tokenRatio: 0.1 };

const SCALE = 1000;

export class GrpcRetryThrottle implements RetryBudget {
  readonly kind = 'grpc';
  readonly options: GrpcThrottleOptions;
  private readonly max: number;
  private readonly threshold: number;
  private readonly ratio: number;
  private count: number;

  constructor(options: Partial<GrpcThrottleOptions> = {}) {
    const o = { ...GRPC_THROTTLE_EXAMPLE, ...options };
    if (!(o.maxTokens > 0 && o.maxTokens <= 1000)) throw new RangeError(`gRPC retryThrottling: maxTokens must be in (0, 1000], got ${o.maxTokens}`);
    if (!(o.tokenRatio > 0)) throw new RangeError(`gRPC retryThrottling: tokenRatio must be > 0, got ${o.tokenRatio}`);
    this.options = o;
    this.max = Math.trunc(o.maxTokens * SCALE);
    this.threshold = Math.trunc(this.max / 2);
    // Rounded at 1e-9 first so that 0.1 * 1000 = 100.00000000000001 or 0.57 * 1000 = 569.99... keep their digits.
    this.ratio = Math.trunc(Math.round(o.tokenRatio * SCALE * 1e6) / 1e6);
    this.count = this.max;
  }

  /** token_count, in tokens. */
  get tokens(): number {
    return this.count / SCALE;
  }

  /** Requests do not feed the throttle; only outcomes do. */
  deposit(): void {}

  /** Is token_count above maxTokens / 2? Nothing is taken: the failure already was. */
  tryWithdraw(): boolean {
    return this.count > this.threshold;
  }

  onSuccess(): void {
    this.count = Math.min(this.max, this.count + this.ratio);
  }

  onFailure(): void {
    this.count = Math.max(0, this.count - SCALE);
  }

  /** Retries still allowed if every attempt from now on fails (each failure counted before its retry is asked for). */
  balance(): number {
    return Math.max(0, Math.ceil((this.count - this.threshold) / SCALE) - 1);
  }
}
