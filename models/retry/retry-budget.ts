import type { Micros } from '../../src/kernel/time.js';

/**
 * A retry budget: one per client (or per server name), shared by all its
 * calls, deciding whether a failed attempt may be retried at all. The
 * policy (retry-policy.ts) says when; the budget says whether. Time is
 * passed in as `now`; a budget has no clock and draws nothing.
 *
 * The caller's order of calls, for every budget:
 * - `deposit(now)` once when a new logical request starts (Finagle
 *   `RetryFilter.apply` deposits once per request, not per attempt [FINAGLE-RB]);
 * - after each attempt, `onSuccess(now, wasRetry)` or `onFailure(now)`;
 * - after `onFailure`, `tryWithdraw(now, cause)` before scheduling a retry
 *   (grpc-go's `throttle()` counts the failure first, then compares).
 * The first attempt of a request is never budgeted.
 */
export interface RetryBudget {
  readonly kind: RetryBudgetKind;
  /** A new request was made. */
  deposit(now: Micros): void;
  /** May one retry be made now? When true it is paid for; when false nothing changes. */
  tryWithdraw(now: Micros, cause?: boolean | RetryCause): boolean;
  /**
   * An attempt succeeded; `wasRetry` when it was not the request's first.
   * `lastRetryCause` is the cause its last retry was paid for with (the AWS
   * quota refunds that cost; 'error' when omitted).
   */
  onSuccess(now: Micros, wasRetry: boolean, lastRetryCause?: boolean | RetryCause): void;
  /** An attempt failed with an error the budget counts (gRPC: retryable codes and pushback). */
  onFailure(now: Micros): void;
  /** How many retries could be paid for now if nothing else happened (for metrics). */
  balance(now: Micros): number;
}

export type RetryBudgetKind = 'none' | 'token-bucket' | 'percentage' | 'grpc';

/**
 * Why a retry is wanted, for budgets that price retries (the AWS quota):
 * a timeout costs more, and in the 2026 AWS mode a throttling error less.
 * `true` and `false` stand for 'timeout' and 'error', so a caller that only
 * knows "was it a timeout" can pass that.
 */
export type RetryCause = 'error' | 'timeout' | 'throttle';

export function retryCause(cause: boolean | RetryCause | undefined): RetryCause {
  if (cause === true) return 'timeout';
  if (cause === false || cause === undefined) return 'error';
  return cause;
}

/** No budget: every retry allowed (Finagle `RetryBudget.Infinite`, which also reports a balance of 100). */
export class UnlimitedRetryBudget implements RetryBudget {
  readonly kind = 'none';
  deposit(): void {}
  tryWithdraw(): boolean {
    return true;
  }
  onSuccess(): void {}
  onFailure(): void {}
  balance(): number {
    return Infinity;
  }
}
