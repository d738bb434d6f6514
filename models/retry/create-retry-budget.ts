import type { Micros } from '../../src/kernel/time.js';
import { GrpcRetryThrottle, type GrpcThrottleOptions } from './grpc-throttle.js';
import { PercentageBudget, type PercentageBudgetOptions } from './percentage-budget.js';
import { UnlimitedRetryBudget, type RetryBudget, type RetryBudgetKind } from './retry-budget.js';
import { TokenBucketBudget, type TokenBucketBudgetOptions } from './token-bucket-budget.js';

export const RETRY_BUDGET_KINDS: readonly RetryBudgetKind[] = ['none', 'token-bucket', 'percentage', 'grpc'];

/** Every budget's options in one bag (their names do not clash); `start` is when the percentage budget's windows begin. */
export type RetryBudgetOverrides = Partial<TokenBucketBudgetOptions & PercentageBudgetOptions & GrpcThrottleOptions> & { readonly start?: Micros };

/**
 * A retry budget by name, with the real library's defaults unless
 * overridden: 'none' allows every retry, 'token-bucket' is the AWS SDK
 * retry quota (500/5/10/1), 'percentage' Finagle's RetryBudget (20 %,
 * 10/s, 10 s), 'grpc' gRPC A6 retry throttling (the proposal's example,
 * maxTokens 10, tokenRatio 0.1). Only the overrides a kind knows are used.
 */
export function createRetryBudget(kind: RetryBudgetKind, overrides: RetryBudgetOverrides = {}): RetryBudget {
  const pick = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.filter((k) => (overrides as Record<string, unknown>)[k] !== undefined).map((k) => [k, (overrides as Record<string, unknown>)[k]]));
  switch (kind) {
    case 'none':
      return new UnlimitedRetryBudget();
    case 'token-bucket':
      return new TokenBucketBudget(pick(['capacity', 'initialTokens', 'retryCost', 'timeoutRetryCost', 'throttlingRetryCost', 'noRetryIncrement', 'goRefund']));
    case 'percentage':
      return new PercentageBudget(pick(['ttlMs', 'minRetriesPerSec', 'percentCanRetry']), overrides.start ?? 0);
    case 'grpc':
      return new GrpcRetryThrottle(pick(['maxTokens', 'tokenRatio']));
    default:
      throw new RangeError(`unknown retry budget kind '${String(kind)}'`);
  }
}
