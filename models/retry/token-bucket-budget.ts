import { retryCause, type RetryBudget, type RetryCause } from './retry-budget.js';

/**
 * The AWS SDKs' retry quota ("standard" mode): one bucket of tokens per
 * client, not refilled by time. A retry takes its cost out, or is refused
 * when fewer tokens are left than it costs (the error then goes to the
 * caller); a success puts tokens back, never above the capacity.
 *
 * Defaults, the same in aws-sdk-go-v2 `standard.go` [AWS-GO] and
 * smithy-typescript util-retry `constants.ts` [AWS-JS-CONST]: 500 tokens,
 * a retry costs 5, a retry after a timeout 10, a success without retry
 * gives 1 back. A successful retry gives back its own cost (the last
 * retry's: each retry's token replaces the one before). The two SDKs differ
 * in two places:
 * - which retries cost 10: Go, errors whose `Timeout()` is true
 *   (`DefaultTimeouts`); JS, every TRANSIENT error (timeouts, connection
 *   errors, HTTP 500/502/503/504) [AWS-JS-RETRY]. The caller picks the cause.
 * - a successful retry: JS refunds its cost only (`recordSuccess`: `cost ??
 *   NO_RETRY_INCREMENT`); Go refunds its cost and also adds the 1, because
 *   every attempt's token adds NoRetryIncrement on success [AWS-GO-MW].
 *   `goRefund: true` gives Go's rule.
 * 2026 mode ([AWS-JS-2026]): retryCost 14, timeoutRetryCost 14, throttlingRetryCost 5.
 */
export interface TokenBucketBudgetOptions {
  /** Most tokens the bucket holds (`INITIAL_RETRY_TOKENS`, `DefaultRetryRateTokens`). */
  readonly capacity: number;
  /** Tokens at the start; default the capacity (the SDK spec tests start lower). */
  readonly initialTokens?: number;
  readonly retryCost: number;
  readonly timeoutRetryCost: number;
  /** Cost of a retry after a throttling error; classic mode prices it as any other retry. */
  readonly throttlingRetryCost: number;
  readonly noRetryIncrement: number;
  /** aws-sdk-go-v2's refund rule: a successful retry also earns noRetryIncrement. */
  readonly goRefund: boolean;
}

export const AWS_RETRY_QUOTA: TokenBucketBudgetOptions = { capacity: 500, retryCost: 5, timeoutRetryCost: 10, throttlingRetryCost: 5, noRetryIncrement: 1, goRefund: false };

export const AWS_RETRY_QUOTA_2026: TokenBucketBudgetOptions = { ...AWS_RETRY_QUOTA, retryCost: 14, timeoutRetryCost: 14, throttlingRetryCost: 5 };

export class TokenBucketBudget implements RetryBudget {
  readonly kind = 'token-bucket';
  readonly options: TokenBucketBudgetOptions;
  /** Tokens left now (`getCapacity()` in JS, `Remaining()` in Go). */
  tokens: number;

  constructor(options: Partial<TokenBucketBudgetOptions> = {}) {
    const o = { ...AWS_RETRY_QUOTA, ...options };
    for (const key of ['capacity', 'retryCost', 'timeoutRetryCost', 'throttlingRetryCost', 'noRetryIncrement'] as const) {
      if (!(o[key] >= 0) || !Number.isFinite(o[key])) throw new RangeError(`token-bucket budget: ${key} must be a finite number >= 0, got ${o[key]}`);
    }
    this.options = o;
    this.tokens = Math.min(o.capacity, o.initialTokens ?? o.capacity);
  }

  /** What a retry for this cause costs. */
  costOf(cause?: boolean | RetryCause): number {
    const c = retryCause(cause), o = this.options;
    return c === 'timeout' ? o.timeoutRetryCost : c === 'throttle' ? o.throttlingRetryCost : o.retryCost;
  }

  /** The quota is not fed by requests. */
  deposit(): void {}

  tryWithdraw(_now: number, cause?: boolean | RetryCause): boolean {
    return this.tryAcquireRetry(cause);
  }

  /** aws-sdk-go-v2 ratelimit `TokenBucket.Retrieve` [AWS-GO-RL]: refused when the cost would take the count below 0. */
  tryAcquireRetry(cause?: boolean | RetryCause): boolean {
    const cost = this.costOf(cause);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  onSuccess(_now: number, wasRetry: boolean, lastRetryCause?: boolean | RetryCause): void {
    const o = this.options;
    const refund = !wasRetry ? o.noRetryIncrement : this.costOf(lastRetryCause) + (o.goRefund ? o.noRetryIncrement : 0);
    this.tokens = Math.min(o.capacity, this.tokens + refund);
  }

  /** A failed attempt gives nothing back. */
  onFailure(): void {}

  balance(): number {
    return this.options.retryCost > 0 ? Math.floor(this.tokens / this.options.retryCost) : Infinity;
  }
}
