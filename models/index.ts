/**
 * The reusable component models, by component, with their option types: what
 * a user's own system is built from (the package root re-exports this).
 * System wiring (Flux-Gate's API and worker, the Patroni cluster) stays in
 * its own folder and is not part of this list.
 */

// Crash, hang, OOM kill, restart, node loss: one lifecycle for pods and bare processes.
export { Lifecycle, isAlive, type LifeState, type LifecycleFault, type LifecycleOptions, type LifecycleTarget } from './lifecycle/lifecycle.js';
export { restartOnRequest, type RestartDelay, type StopCause } from './lifecycle/restart-policy.js';
export { CRASH_PARAMS, NO_PARAMS, PROCESS_FAULTS, delayMs, type CrashParams } from './lifecycle/fault-params.js';

// Clients, load balancing, rate limiting.
export { RetryClient, type AttemptResult, type RetryClientOptions, type RetryOptions } from './client/retry-client.js';
export { fullJitterMs } from './client/backoff.js';
export { AttemptLog } from './client/attempt-log.js';
export { Hooks } from './client/hooks.js';
export { startPoissonArrivals } from './client/workload.js';
export { SqlClient, type ClientOptions, type SqlQuery } from './client/sql-client.js';
export { type Responder } from './client/responder.js';
export { LoadBalancer, type Backend, type HealthCheckOptions, type LoadBalancerOptions } from './load-balancer/load-balancer.js';
export { formatBucket, parseBucket, takeToken, type BucketState, type TokenBucketOptions } from './token-bucket/token-bucket.js';
export { ConnectionPool, type PoolOptions } from './pool/connection-pool.js';

// Network and Kubernetes.
export { Network, DEFAULT_NETWORK, LATER, runHandler, SENT_AS_EVENT, type CallOutcome, type Later, type NetworkOptions, type PastReachability, type Requester, type Serve } from './net/network.js';
export { Pod, DEFAULT_TERMINATION_GRACE_MS, type PodOptions, type PodState } from './k8s/pod.js';
export { Service, type ServiceOptions } from './k8s/service.js';
export { CrashLoopBackOff } from './k8s/crash-loop-backoff.js';
export { startLivenessProbe, type LivenessOptions } from './k8s/liveness-probe.js';
export { startReadinessProbe, type ReadinessOptions } from './k8s/readiness-probe.js';

// Data stores and brokers.
export { KafkaBroker, type KafkaBrokerOptions, type KafkaRecord } from './kafka/broker.js';
export { KafkaProducer, DEFAULT_PRODUCER, type ProducerOptions } from './kafka/producer.js';
export { KafkaConsumer } from './kafka/consumer.js';
export { DEFAULT_CONSUMER, type ConsumerOptions } from './kafka/consumer-options.js';
export { RedisServer, type RedisCrash, type RedisOptions, type MaxmemoryPolicy, type PersistenceMode } from './redis/redis-server.js';
export { RedisClient, type RedisClientOptions } from './redis/redis-client.js';
export { OrdersDb, type OrdersDbOptions } from './orders-db/orders-db.js';
export { DbClient, type DbClientOptions, type TxResult } from './orders-db/db-client.js';
export { PostgresNode, type PostgresOptions } from './postgres/postgres-node.js';
export { Dcs } from './etcd/dcs.js';
export { PatroniAgent, type PatroniOptions } from './patroni/agent.js';

// Availability (failure/repair processes).
export * from './reliability/index.js';

// Resilience patterns (seed 001): breakers, retries and budgets, bulkheads, a generic service and a caller that composes them.
export * from './breaker/index.js';
export * from './retry/index.js';
export { SemaphoreBulkhead, type SemaphoreBulkheadOptions } from './bulkhead/semaphore-bulkhead.js';
export { ThreadPoolBulkhead, type ThreadPoolBulkheadOptions } from './bulkhead/thread-pool-bulkhead.js';
export { GatewayPools, SEED_001_GATEWAY_POOLS, type GatewayPoolsOptions, type Lane } from './bulkhead/gateway-pools.js';
export { bulkheadFullMessage, semaphoreAdmission, threadPoolAdmission, threadPoolDefaults, SEMAPHORE_DEFAULTS } from './bulkhead/admission.js';
export { type BulkheadOutcome, type Compartment } from './bulkhead/outcome.js';
export { QueuePool, fromSeedPoolYaml, queuePoolTimeoutMessage, SEED_001_POOL_YAML, SERVER_CLOSED_ERROR, SQLALCHEMY_POOL_DEFAULTS, type Checkout, type PooledConnection, type QueuePoolOptions, type SeedPoolYaml } from './pool/queue-pool.js';
export { GenericService, type Downstream, type ServiceCall, type ServiceReply } from './service/service.js';
export { DEFAULT_SERVICE, type GenericServiceOptions } from './service/service-options.js';
export { DEGRADATION_FAULTS, Degradation } from './service/degradation.js';
export { ResilientCaller, type CallerPatterns } from './resilience/resilient-caller.js';
export { DEFAULT_CALLER, FALLBACK_KINDS, type CallerOptions, type FallbackKind } from './resilience/caller-options.js';
export { type CallError, type CallGate, type CallResult } from './resilience/call-result.js';
export { type CallTarget } from './resilience/call-attempt.js';

// Data corruption, defence in depth (seed 001): defect catalogue, layers 1-3 on the write path, layer-4 reconciliation.
export * from './validation/index.js';
// Transactional outbox (seed 001, Message Loss): database, broker, relay, producer (direct | outbox), idempotent consumer, ledger.
export * from './outbox/index.js';
// Deployment: blue-green with an automated rollback and schema migrations (seed 001, "Failed Deployment").
export * from './deploy/index.js';
// Cache stampede (seed 000, Scenario B): early expiration (seed linear, XFetch), singleflight, the seed's coalescer, a cached read path.
export * from './cache/index.js';
// Event-loop servers (seed 000, Scenario C): one cooperative loop, offload pools, the blocking detector, the seed's queue-depth breaker.
export { BlockingDetector, DEFAULT_BLOCKING_DETECTOR, type BlockingDetectorOptions, type BlockingMeasure } from './event-loop/blocking-detector.js';
export { CpuPool } from './event-loop/cpu-pool.js';
export { checkCpuCost, cpuCostMeanMs, sampleCpuCost, type CpuCost } from './event-loop/cpu-cost.js';
export type { EventLoopEvents, EventLoopRecord } from './event-loop/event-loop-events.js';
export { DEFAULT_EVENT_LOOP, checkEventLoopOptions, type EventLoopOptions, type Offload } from './event-loop/event-loop-options.js';
export { EventLoopServer } from './event-loop/event-loop-server.js';
export { QueueDepthBreaker, SEED_000C_BREAKER, type DepthVerdict, type QueueDepthBreakerOptions } from './event-loop/queue-depth-breaker.js';
// H2O-3 cluster (seed 000, Scenario D): cloud formation and lock, DKV, training job, the seed's retry block, NetworkPolicy switch.
export * from './h2o/index.js';
// HDFS NameNode HA (seed 003): ZooKeeper, JournalNodes (QJM), NameNodes, ZKFCs with fencing, and the Java / single-sweep Rust / seed FailsafeHdfsReader clients.
export * from './hdfs/index.js';
// HDFS event-log reader (seed 003): byte-bounded LRU with the seed's accounting drift, a disk with the 80 %/30 % cleanup, flock vs lock-file, the reader service.
export * from './lru/index.js';
export * from './disk/index.js';
export * from './file-lock/index.js';
export * from './reader/index.js';
// Kubernetes resources and autoscaling: CFS CPU quota, memory cgroup and OOM kill, metrics-server, HPA v2, Deployment rolling updates, NetworkPolicy.
export * from './k8s/resources-index.js';
// API governance firewall (seed 004): auth (API keys, PyJWT leeway, clock skew, token refresh, brute force), per-client rate limiting (per-pod vs shared),
// schema migrations (start-up check, advisory lock, partial failure, backup), data integrity (FK check, backups, PITR), validated app config (fail-fast vs lazy).
export * from './auth/index.js';
export * from './rate-limit/index.js';
export * from './schema/index.js';
export * from './integrity/index.js';
export * from './app-config/index.js';
