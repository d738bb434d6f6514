import type { Micros } from '../../src/kernel/time.js';
import { LeakyTokenBucket } from './leaky-bucket.js';
import type { RetryBudget } from './retry-budget.js';

/**
 * Finagle's default retry budget, `RetryBudget.apply(ttl, minRetriesPerSec,
 * percentCanRetry)` = `TokenRetryBudget` [FINAGLE-RB]: about
 * `percentCanRetry` of the requests of the last `ttl` may be retried, plus a
 * reserve of `minRetriesPerSec * ttl` retries for clients that have just
 * started or send little. Defaults 20 %, 10/s, 10 s.
 *
 * The mechanism, exactly: integer tokens scaled by 1000 so that no float is
 * kept (`ScaleFactor`). Each request deposits 1000; a retry withdraws
 * `int(1000 / percentCanRetry)` (5000 at 20 %). The bucket is a leaky bucket
 * (leaky-bucket.ts): deposits and withdrawals expire after about ttl, and
 * `minRetriesPerSec * ttlSeconds * withdrawal` tokens are always added on
 * top. With percentCanRetry 0 a deposit is worth 0 and a retry costs 1, so
 * only the reserve counts; with both 0 the budget is Finagle's `Empty`.
 * Every time is `now`; the windows start at `start`.
 */
export interface PercentageBudgetOptions {
  /** Deposits expire after about this long; Finagle allows 1 to 60 s and uses whole seconds for the reserve. */
  readonly ttlMs: number;
  readonly minRetriesPerSec: number;
  /** Retries per request, 0 to 1000 (2.0: two retries per request). */
  readonly percentCanRetry: number;
}

export const FINAGLE_RETRY_BUDGET: PercentageBudgetOptions = { ttlMs: 10_000, minRetriesPerSec: 10, percentCanRetry: 0.2 };

const SCALE_FACTOR = 1000;

export class PercentageBudget implements RetryBudget {
  readonly kind = 'percentage';
  readonly options: PercentageBudgetOptions;
  /** Finagle `RetryBudget.Empty`: never a retry. */
  readonly empty: boolean;
  readonly depositAmount: number;
  readonly withdrawalAmount: number;
  private readonly bucket: LeakyTokenBucket;

  constructor(options: Partial<PercentageBudgetOptions> = {}, start: Micros = 0) {
    const o = { ...FINAGLE_RETRY_BUDGET, ...options };
    const ttlSeconds = Math.trunc(o.ttlMs / 1000);
    if (!(ttlSeconds >= 1 && ttlSeconds <= 60)) throw new RangeError(`percentage budget: ttl must be [1 second, 60 seconds]: ${o.ttlMs} ms`);
    if (!(o.minRetriesPerSec >= 0) || !Number.isInteger(o.minRetriesPerSec)) throw new RangeError(`percentage budget: minRetriesPerSec must be a non-negative integer: ${o.minRetriesPerSec}`);
    if (!(o.percentCanRetry >= 0)) throw new RangeError(`percentage budget: percentCanRetry must be non-negative: ${o.percentCanRetry}`);
    if (o.percentCanRetry > SCALE_FACTOR) throw new RangeError(`percentage budget: percentCanRetry must not be greater than ${SCALE_FACTOR}: ${o.percentCanRetry}`);
    this.options = o;
    this.empty = o.minRetriesPerSec === 0 && o.percentCanRetry === 0;
    // "if you only have minRetries, everything costs 1 but you get no credit for requests."
    this.depositAmount = o.percentCanRetry === 0 ? 0 : SCALE_FACTOR;
    this.withdrawalAmount = o.percentCanRetry === 0 ? 1 : Math.trunc(SCALE_FACTOR / o.percentCanRetry);
    const reserve = o.minRetriesPerSec * ttlSeconds * this.withdrawalAmount;
    this.bucket = new LeakyTokenBucket(o.ttlMs * 1000, reserve, start);
  }

  deposit(now: Micros): void {
    if (!this.empty) this.bucket.put(now, this.depositAmount);
  }

  tryWithdraw(now: Micros): boolean {
    return !this.empty && this.bucket.tryGet(now, this.withdrawalAmount);
  }

  onSuccess(): void {}
  onFailure(): void {}

  /** Finagle `balance`: `tokenBucket.count / withdrawalAmount` in Long arithmetic. */
  balance(now: Micros): number {
    return this.empty ? 0 : Math.trunc(this.bucket.count(now) / this.withdrawalAmount);
  }
}
