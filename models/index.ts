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
export { Network, DEFAULT_NETWORK, SENT_AS_EVENT, type CallOutcome, type NetworkOptions, type PastReachability } from './net/network.js';
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
