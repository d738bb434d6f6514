/** Retry policies (when to retry) and retry budgets (whether to), pure: time is passed in, randomness comes from a RandomStream. */
export { createRetryPolicy, RETRY_KINDS, DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryKind, type RetryPolicyOptions, type RetryAfterMode, type CapMode } from './retry-policy.js';
export { seed001Policy, seed004Policy, awsStandardPolicy, awsStandard2026Policy, resilience4jDefaultPolicy, grpcA6Policy, brookerSimulatorPolicy, kafkaClientPolicy, GRPC_A6_EXAMPLE, type GrpcRetryConfig } from './retry-presets.js';
export { retryCause, UnlimitedRetryBudget, type RetryBudget, type RetryBudgetKind, type RetryCause } from './retry-budget.js';
export { createRetryBudget, RETRY_BUDGET_KINDS, type RetryBudgetOverrides } from './create-retry-budget.js';
export { TokenBucketBudget, AWS_RETRY_QUOTA, AWS_RETRY_QUOTA_2026, type TokenBucketBudgetOptions } from './token-bucket-budget.js';
export { PercentageBudget, FINAGLE_RETRY_BUDGET, type PercentageBudgetOptions } from './percentage-budget.js';
export { GrpcRetryThrottle, GRPC_THROTTLE_EXAMPLE, type GrpcThrottleOptions } from './grpc-throttle.js';
export { LeakyTokenBucket } from './leaky-bucket.js';
export { WindowedAdder } from './windowed-adder.js';
