import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel/rng.js';
import { createRetryBudget, RETRY_BUDGET_KINDS } from '../../models/retry/create-retry-budget.js';
import { GrpcRetryThrottle } from '../../models/retry/grpc-throttle.js';
import { LeakyTokenBucket } from '../../models/retry/leaky-bucket.js';
import { PercentageBudget } from '../../models/retry/percentage-budget.js';
import { awsStandard2026Policy, awsStandardPolicy } from '../../models/retry/retry-presets.js';
import { AWS_RETRY_QUOTA_2026, TokenBucketBudget } from '../../models/retry/token-bucket-budget.js';
import { WindowedAdder } from '../../models/retry/windowed-adder.js';

/** A RandomStream whose next() always returns 1: the SDK tests' `const b = 1; // maximum instead of Math.random()`. */
class MaxStream extends RandomStream {
  constructor() {
    super(0, 'max');
  }
  override next(): number {
    return 1;
  }
}

const s = (x: number) => x * 1_000_000;

describe('token-bucket budget (AWS SDK retry quota)', () => {
  it('aws-sdk-go-v2 ratelimit TestTokenRateLimit "retrieve"', () => {
    // 10 tokens; cost 5 then released (refunded); 5; 5; 5 refused (quota exceeded); AddTokens(5); 5.
    const b = new TokenBucketBudget({ capacity: 10, retryCost: 5, noRetryIncrement: 5 });
    expect(b.tryAcquireRetry(false)).toBe(true);
    b.onSuccess(0, true);
    expect(b.tokens).toBe(10);
    expect(b.tryAcquireRetry(false)).toBe(true);
    expect(b.tryAcquireRetry(false)).toBe(true);
    expect(b.tryAcquireRetry(false)).toBe(false);
    expect(b.tokens).toBe(0);
    b.onSuccess(0, false);
    expect(b.tryAcquireRetry(false)).toBe(true);
    expect(b.tokens).toBe(0);
  });

  it('smithy util-retry "retry timings": transient retries cost 10, throttling 5; 8x mixed leaves 445', () => {
    // "8x - transient mixed": THROTTLING, THROTTLING, TRANSIENT x4, THROTTLING. JS prices every TRANSIENT error as a timeout.
    const causes = ['throttle', 'throttle', 'timeout', 'timeout', 'timeout', 'timeout', 'throttle'] as const;
    const b = new TokenBucketBudget();
    for (const c of causes) expect(b.tryWithdraw(0, c)).toBe(true);
    expect(b.tokens).toBe(500 - (5 + 5 + 10 + 10 + 10 + 10 + 5));
    const t = new TokenBucketBudget();
    t.tryWithdraw(0, true);
    t.tryWithdraw(0, true);
    expect(t.tokens).toBe(480); // "3x - transient"
  });

  /** One step of the SEP spec tests as smithy util-retry retries.integ.spec.ts and aws-sdk-go-v2 retry2026_test.go run them. */
  interface Step { status: number; code?: string; outcome: 'success' | 'retry' | 'max' | 'quota'; quota: number; delayMs?: number }

  function runSpec(steps: Step[], initialTokens: number, maxAttempts = 3) {
    const budget = new TokenBucketBudget({ ...AWS_RETRY_QUOTA_2026, initialTokens });
    let attempt = 1, lastCause: 'error' | 'throttle' = 'error';
    for (const step of steps) {
      if (step.outcome === 'success') {
        budget.onSuccess(0, attempt > 1, lastCause);
        attempt = 1;
      } else {
        const throttled = step.status === 429 || step.code === 'Throttling';
        const cause = throttled ? 'throttle' : 'error';
        // retryCode priority: attempts exhausted before capacity.
        if (attempt >= maxAttempts) expect(step.outcome).toBe('max');
        else if (!budget.tryWithdraw(0, cause)) expect(step.outcome).toBe('quota');
        else {
          expect(step.outcome).toBe('retry');
          const policy = awsStandard2026Policy(throttled ? 'throttling' : 'transient', { maxAttempts });
          expect(policy.delayBefore(attempt + 1, 0, new MaxStream())).toBe(step.delayMs! * 1000);
          attempt++;
          lastCause = cause;
        }
      }
      expect(budget.tokens).toBe(step.quota);
    }
  }

  it('SEP spec "Retry eventually succeeds" (2026 costs): 486, 472, success 486', () => {
    runSpec([{ status: 500, outcome: 'retry', quota: 486, delayMs: 50 }, { status: 500, outcome: 'retry', quota: 472, delayMs: 100 }, { status: 200, outcome: 'success', quota: 486 }], 500);
  });

  it('SEP spec "Fail due to max attempts reached", "Retry Quota reached after a single retry", "No retries at all if retry quota is 0"', () => {
    runSpec([{ status: 502, outcome: 'retry', quota: 486, delayMs: 50 }, { status: 502, outcome: 'retry', quota: 472, delayMs: 100 }, { status: 502, outcome: 'max', quota: 472 }], 500);
    runSpec([{ status: 500, outcome: 'retry', quota: 0, delayMs: 50 }, { status: 500, outcome: 'quota', quota: 0 }], 14);
    runSpec([{ status: 500, outcome: 'quota', quota: 0 }], 0);
  });

  it('SEP spec "Retry Stops After Retry Quota Exhaustion" and "Retry quota Recovery After Successful Responses"', () => {
    runSpec([{ status: 500, outcome: 'retry', quota: 6, delayMs: 50 }, { status: 502, outcome: 'quota', quota: 6 }], 20, 5);
    runSpec([
      { status: 500, outcome: 'retry', quota: 16, delayMs: 50 }, { status: 502, outcome: 'retry', quota: 2, delayMs: 100 }, { status: 200, outcome: 'success', quota: 16 },
      { status: 500, outcome: 'retry', quota: 2, delayMs: 50 }, { status: 200, outcome: 'success', quota: 16 },
    ], 30, 5);
  });

  it('SEP spec "Throttling Error Token Bucket Drain (5 tokens) and Backoff Duration (1000ms)"', () => {
    runSpec([{ status: 400, code: 'Throttling', outcome: 'retry', quota: 495, delayMs: 1000 }, { status: 200, outcome: 'success', quota: 500 }], 500);
  });

  it('a success without retry gives 1 back, never above the capacity; Go also adds the 1 after a successful retry', () => {
    const js = new TokenBucketBudget();
    js.onSuccess(0, false);
    expect(js.tokens).toBe(500);
    js.tryWithdraw(0, true);
    js.tryWithdraw(0);
    js.onSuccess(0, false);
    expect(js.tokens).toBe(486);
    js.onSuccess(0, true, true);
    expect(js.tokens).toBe(496);
    const go = new TokenBucketBudget({ goRefund: true });
    go.tryWithdraw(0);
    go.onSuccess(0, true);
    go.tryWithdraw(0, true);
    go.onSuccess(0, true, 'timeout');
    expect(go.tokens).toBe(500);
    go.tryWithdraw(0);
    go.tryWithdraw(0);
    go.onSuccess(0, true);
    expect(go.tokens).toBe(496);
  });

  it('balance counts plain retries; the classic policy base is 100 ms, 500 ms when throttled', () => {
    const b = new TokenBucketBudget({ initialTokens: 12 });
    expect(b.balance()).toBe(2);
    expect(awsStandardPolicy('throttling').delayBefore(2, 0, new MaxStream())).toBe(500_000);
  });
});

describe('percentage budget (Finagle TokenRetryBudget)', () => {
  /** RetryBudgetTest `testBudget`: time frozen, 10,000 requests, each deposits then tries one retry. */
  function testBudget(ttlS: number, minRetriesPerSec: number, percentCanRetry: number): void {
    const now = s(1234);
    const rb = new PercentageBudget({ ttlMs: ttlS * 1000, minRetriesPerSec, percentCanRetry }, now);
    const minRetries = ttlS * minRetriesPerSec;
    expect(rb.balance(now)).toBe(minRetries);
    if (minRetries === 0) expect(rb.tryWithdraw(now)).toBe(false);
    const nReqs = 10_000;
    let retried = 0, refusedWithBalance = 0;
    for (let i = 0; i < nReqs; i++) {
      rb.deposit(now);
      if (rb.tryWithdraw(now)) retried++;
      else if (rb.balance(now) !== 0) refusedWithBalance++;
    }
    expect(refusedWithBalance).toBe(0);
    expect(Math.abs(Math.trunc(nReqs * percentCanRetry) + minRetries - retried)).toBeLessThanOrEqual(1);
  }

  it('RetryBudgetTest "apply minRetriesPerSec=0"', () => {
    for (const p of [0.1, 0.5, 0.25, 0.75, 0.99, 0.999, 0.9999, 0.01, 0.001, 0.0001]) testBudget(60, 0, p);
  });

  it('RetryBudgetTest "apply with minRetries and maxPercentOver=0" and "apply with minRetries and maxPercentOver"', () => {
    testBudget(1, 10, 0);
    testBudget(2, 5, 0);
    testBudget(1, 10, 0.1);
    testBudget(2, 5, 0.5);
  });

  it('RetryBudgetTest "apply minRetries=0 maxPercentOver greater than 1.0": 10,000 deposits at 2.0 give a balance of 20,000', () => {
    const rb = new PercentageBudget({ ttlMs: 60_000, minRetriesPerSec: 0, percentCanRetry: 2 });
    expect(rb.balance(0)).toBe(0);
    expect(rb.tryWithdraw(0)).toBe(false);
    for (let i = 0; i < 10_000; i++) rb.deposit(0);
    expect(rb.balance(0)).toBe(20_000);
  });

  it('RetryBudgetTest "Empty" and "apply minRetriesPerSec=0 maxPercentOver=0 should be empty"', () => {
    const rb = new PercentageBudget({ ttlMs: 10_000, minRetriesPerSec: 0, percentCanRetry: 0 });
    expect(rb.empty).toBe(true);
    rb.deposit(0);
    expect(rb.balance(0)).toBe(0);
    expect(rb.tryWithdraw(0)).toBe(false);
  });

  it('RetryBudgetTest bounds checks: ttl in [1 s, 60 s], minRetriesPerSec >= 0, percentCanRetry >= 0', () => {
    expect(() => new PercentageBudget({ ttlMs: 0, minRetriesPerSec: 5, percentCanRetry: 0.1 })).toThrow(/ttl/);
    expect(() => new PercentageBudget({ ttlMs: 61_000, minRetriesPerSec: 5, percentCanRetry: 0.1 })).toThrow(/ttl/);
    expect(() => new PercentageBudget({ ttlMs: 10_000, minRetriesPerSec: -1, percentCanRetry: 0.1 })).toThrow(/minRetriesPerSec/);
    expect(() => new PercentageBudget({ ttlMs: 10_000, minRetriesPerSec: 0, percentCanRetry: -1 })).toThrow(/percentCanRetry/);
  });

  it('defaults: a reserve of 10/s x 10 s = 100 retries, 20 % of requests, and deposits expire after the ttl', () => {
    const rb = new PercentageBudget();
    expect([rb.depositAmount, rb.withdrawalAmount]).toEqual([1000, 5000]);
    expect(rb.balance(0)).toBe(100);
    for (let i = 0; i < 1000; i++) rb.deposit(0);
    expect(rb.balance(0)).toBe(300);
    // Ten 1 s slices: the deposits still count 9 s later, and are gone once the window has slid past them.
    expect(rb.balance(s(9.5))).toBe(300);
    expect(rb.balance(s(10.5))).toBe(100);
    let granted = 0;
    while (rb.tryWithdraw(s(10.5))) granted++;
    expect(granted).toBe(100);
  });

  it('util TokenBucketTest "a leaky bucket is leaky", "tryGet fails when empty"', () => {
    const b = new LeakyTokenBucket(s(3), 0, 0);
    b.put(0, 100);
    expect(b.tryGet(0, 1)).toBe(true);
    expect(b.tryGet(s(3), 1)).toBe(false);
    const e = new LeakyTokenBucket(s(3), 0, 0);
    e.put(0, 100);
    expect([e.tryGet(0, 50), e.tryGet(0, 49), e.tryGet(0, 1), e.tryGet(0, 1), e.tryGet(0, 50)]).toEqual([true, true, true, false, false]);
    e.put(0, 1);
    expect([e.tryGet(0, 2), e.tryGet(0, 1), e.tryGet(0, 1)]).toEqual([false, true, false]);
  });

  it('util TokenBucketTest "provisions reserves": the debt against the reserve expires a window later', () => {
    const b = new LeakyTokenBucket(s(3), 100, 0);
    expect([b.tryGet(0, 50), b.tryGet(0, 50), b.tryGet(0, 1)]).toEqual([true, true, false]);
    b.put(0, 1);
    expect(b.tryGet(0, 1)).toBe(true);
    expect([b.tryGet(s(1), 1), b.tryGet(s(2), 1), b.tryGet(s(3), 1)]).toEqual([false, false, false]);
    expect(b.tryGet(s(4), 50)).toBe(true);
    expect([b.tryGet(s(7), 100), b.tryGet(s(7), 1)]).toEqual([true, false]);
  });

  it('util WindowedAdderTest "maintains a sliding window" and "... when slices are skipped"', () => {
    const a = new WindowedAdder(s(3), 3, 0);
    a.add(0, 1);
    expect(a.sum(0)).toBe(1);
    expect(a.sum(s(1))).toBe(1);
    a.add(s(1), 2);
    expect([a.sum(s(1)), a.sum(s(2)), a.sum(s(3)), a.sum(s(4))]).toEqual([3, 3, 2, 0]);
    const k = new WindowedAdder(s(3), 3, 0);
    k.add(0, 1);
    k.add(s(1), 2);
    expect(k.sum(s(1))).toBe(3);
    k.add(s(2), 1);
    expect([k.sum(s(2)), k.sum(s(4)), k.sum(s(104))]).toEqual([4, 1, 0]);
    k.add(s(104), 100);
    expect(k.sum(s(105))).toBe(100);
    k.add(s(105), 100);
    k.add(s(106), 100);
    expect([k.sum(s(106)), k.sum(s(206))]).toEqual([300, 0]);
  });

  it('util WindowedAdderTest "maintains negative sums"', () => {
    const a = new WindowedAdder(s(3), 3, 0);
    a.add(0, -2);
    expect(a.sum(0)).toBe(-2);
    a.add(0, 4);
    expect(a.sum(0)).toBe(2);
    a.add(s(1), -2);
    expect(a.sum(s(1))).toBe(0);
    a.add(s(1), -2);
    expect(a.sum(s(1))).toBe(-2);
    a.add(s(2), -2);
    expect([a.sum(s(2)), a.sum(s(3)), a.sum(s(4)), a.sum(s(5)), a.sum(s(105))]).toEqual([-4, -6, -2, 0, 0]);
  });
});

describe('gRPC retry throttling', () => {
  it('grpc-java RetriableStreamTest "throttle" (maxTokens 4, tokenRatio 0.8)', () => {
    const t = new GrpcRetryThrottle({ maxTokens: 4, tokenRatio: 0.8 });
    // onQualifiedFailureThenCheckIsAboveThreshold = onFailure, then tryWithdraw.
    const fail = () => (t.onFailure(), t.tryWithdraw());
    expect(t.tryWithdraw()).toBe(true);
    expect(fail()).toBe(true); // 3
    expect(fail()).toBe(false); // 2
    expect([fail(), fail(), fail(), fail()]).toEqual([false, false, false, false]);
    expect(t.tokens).toBe(0);
    const above: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      t.onSuccess();
      above.push(t.tryWithdraw());
    }
    expect(above).toEqual([false, false, true, true, true, true]); // 0.8, 1.6, 2.4, 3.2, 4, 4
    expect(t.tokens).toBe(4);
    expect([fail(), fail()]).toEqual([true, false]);
  });

  it('grpc-java RetriableStreamTest "throttleStream_Succeed": 1 + 0.8 = 1.8 is not above 2, 2.6 is', () => {
    const t = new GrpcRetryThrottle({ maxTokens: 4, tokenRatio: 0.8 });
    t.onFailure();
    t.onFailure();
    t.onFailure();
    t.onSuccess();
    expect([t.tokens, t.tryWithdraw()]).toEqual([1.8, false]);
    t.onSuccess();
    expect([t.tokens, t.tryWithdraw()]).toEqual([2.6, true]);
  });

  it('grpc-go test/retry_test.go TestRetryThrottling: maxTokens 10, tokenRatio 0.5, 4 attempts, the server script', () => {
    const t = new GrpcRetryThrottle({ maxTokens: 10, tokenRatio: 0.5 });
    const successes = new Set([0, 3, 6, 10, 11, 12, 13, 14, 16, 18]);
    let i = -1;
    const call = (): 'OK' | 'Unavailable' => {
      for (let attempt = 1; ; attempt++) {
        i++;
        if (successes.has(i)) return (t.onSuccess(), 'OK');
        t.onFailure();
        if (!t.tryWithdraw() || attempt >= 4) return 'Unavailable';
      }
    };
    const expected: ['OK' | 'Unavailable', number, number][] = [
      ['OK', 0, 10], ['OK', 3, 8.5], ['OK', 6, 7], ['Unavailable', 8, 5], ['Unavailable', 9, 4], ['OK', 10, 4.5],
      ['OK', 11, 5], ['OK', 12, 5.5], ['OK', 13, 6], ['OK', 14, 6.5], ['OK', 16, 6], ['Unavailable', 17, 5],
    ];
    // Codes and server counts are the Go test's assertions; the token counts are ours (two of the Go comments are off by 0.5).
    for (const [code, count, tokens] of expected) expect([call(), i, t.tokens]).toEqual([code, count, tokens]);
  });

  it('A6 validation: maxTokens in (0, 1000], tokenRatio > 0 with decimals past the third ignored', () => {
    expect(() => new GrpcRetryThrottle({ maxTokens: 0 })).toThrow(/maxTokens/);
    expect(() => new GrpcRetryThrottle({ maxTokens: 1001 })).toThrow(/maxTokens/);
    expect(() => new GrpcRetryThrottle({ tokenRatio: 0 })).toThrow(/tokenRatio/);
    const t = new GrpcRetryThrottle({ maxTokens: 10, tokenRatio: 0.5466 });
    t.onFailure();
    t.onSuccess();
    expect(t.tokens).toBe(9.546);
    // Ten successes of 0.1 make exactly 1 token, which floats would not.
    const r = new GrpcRetryThrottle({ maxTokens: 10, tokenRatio: 0.1 });
    r.onFailure();
    for (let k = 0; k < 10; k++) r.onSuccess();
    expect(r.tokens).toBe(10);
  });

  it('balance: retries left if every attempt fails from now (4 from a full bucket of 10)', () => {
    const t = new GrpcRetryThrottle();
    expect(t.balance()).toBe(4);
    let retries = 0;
    while ((t.onFailure(), t.tryWithdraw())) retries++;
    expect(retries).toBe(4);
  });
});

describe('createRetryBudget', () => {
  it('builds each kind with its library defaults, and applies the overrides it knows', () => {
    expect(RETRY_BUDGET_KINDS.map((k) => createRetryBudget(k).kind)).toEqual(['none', 'token-bucket', 'percentage', 'grpc']);
    const none = createRetryBudget('none');
    for (let k = 0; k < 1000; k++) expect(none.tryWithdraw(0, true)).toBe(true);
    expect(createRetryBudget('token-bucket').balance(0)).toBe(100);
    expect(createRetryBudget('token-bucket', { capacity: 50, retryCost: 10 }).balance(0)).toBe(5);
    expect(createRetryBudget('percentage').balance(0)).toBe(100);
    expect(createRetryBudget('percentage', { minRetriesPerSec: 1, ttlMs: 5_000, start: s(7) }).balance(s(7))).toBe(5);
    expect(createRetryBudget('grpc', { maxTokens: 100 }).balance(0)).toBe(49);
  });

  it('the common interface: a timeout retry costs the AWS quota 10 through tryWithdraw(now, true)', () => {
    const b = createRetryBudget('token-bucket');
    b.deposit(0);
    b.onFailure(0);
    expect(b.tryWithdraw(0, true)).toBe(true);
    expect(b.balance(0)).toBe(98);
  });
});
