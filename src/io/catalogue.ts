/**
 * The built-in scenarios as data: what `sim list` shows and how to load each
 * one. Nothing here imports a scenario module up front (the import below is
 * a type), so listing costs no model and no zod, and `sim run <id>` loads
 * only its own scenario's modules. It lives here, not in scenarios/, because
 * loading is I/O and scenario code stays free of asynchrony.
 * test/scenarios/catalogue.test.ts keeps this data equal to the modules'
 * own, and in the order of scenarios/index.ts.
 */
import type { AnyScenario } from '../scenario/scenario.js';

export interface ScenarioEntry {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  /** Its system's folder under scenarios/ (the scenario's module is in it). */
  readonly system: string;
  /** Declares a fault space, so `sim check` can search it. */
  readonly checkable: boolean;
  load(): Promise<AnyScenario>;
}

const PATRONI = 'seeds/000_3b6c436277faf2d9.txt';
const FLUX = 'seeds/002_c52631de9649282e.txt (Flux-Gate failure modes)';
const PATTERNS = 'seeds/001_c2d78e65abd78ba3.txt (Failure Mode Design: the unhappy path)';
const HDFS = 'seeds/003_82a844d9818d4c95.txt (HDFS reader cache: failure scenarios and mitigations)';
const FIREWALL = 'seeds/004_a1d9ae445125ec09.txt (Failure Mode Matrix: AI Mutation Governance Firewall)';
const byDefault = (m: { default: AnyScenario }): AnyScenario => m.default;

export const CATALOGUE: readonly ScenarioEntry[] = [
  {
    id: 'scenario-a', title: 'Primary shard failure: Patroni + etcd failover on Kubernetes', source: `${PATRONI}, Scenario A: Primary Shard Failure`,
    system: 'patroni-k8s', checkable: true, load: () => import('../../scenarios/patroni-k8s/scenario-a.js').then(byDefault),
  },
  {
    id: 'scenario-b', title: 'Cache stampede: a popular feature key expires as 1,000 requests arrive', source: `seeds/000_3b6c436277faf2d9.txt, Scenario B: Cache Stampede (Thundering Herd)`,
    system: 'feature-cache', checkable: true, load: () => import('../../scenarios/feature-cache/scenario-b.js').then(byDefault),
  },
  {
    id: 'scenario-c', title: 'Event-loop blocking: CPU-bound inference runs in the event loop', source: `seeds/000_3b6c436277faf2d9.txt, Scenario C: Event Loop Blocking`,
    system: 'event-loop-api', checkable: true, load: () => import('../../scenarios/event-loop-api/scenario-c.js').then(byDefault),
  },
  {
    id: 'scenario-d', title: 'H2O cluster partition: a network partition separates H2O nodes during training', source: `seeds/000_3b6c436277faf2d9.txt, Scenario D: H2O Cluster Partition`,
    system: 'h2o-training', checkable: true, load: () => import('../../scenarios/h2o-training/scenario-d.js').then(byDefault),
  },
  {
    id: 'flux-redis-down', title: 'Flux-Gate: Redis instance down during the flash sale', source: `${FLUX}, 1. Redis Failure / Redis Instance Down`,
    system: 'flux-gate', checkable: false, load: () => import('../../scenarios/flux-gate/redis-down.js').then(byDefault),
  },
  {
    id: 'flux-redis-oom', title: 'Flux-Gate: Redis memory full (maxmemory, noeviction)', source: `${FLUX}, 1. Redis Failure / Redis Memory Full`,
    system: 'flux-gate', checkable: false, load: () => import('../../scenarios/flux-gate/redis-oom.js').then(byDefault),
  },
  {
    id: 'flux-kafka-down', title: 'Flux-Gate: Kafka broker down during the flash sale', source: `${FLUX}, 2. Kafka Failure / Kafka Broker Down`,
    system: 'flux-gate', checkable: true, load: () => import('../../scenarios/flux-gate/kafka-down.js').then(byDefault),
  },
  {
    id: 'flux-kafka-lag', title: 'Flux-Gate: consumer lag builds up behind slow workers', source: `${FLUX}, 2. Kafka Failure / Kafka Lag Buildup`,
    system: 'flux-gate', checkable: false, load: () => import('../../scenarios/flux-gate/kafka-lag.js').then(byDefault),
  },
  {
    id: 'flux-worker-crash', title: 'Flux-Gate: worker crashes mid-processing', source: `${FLUX}, 3. Worker Failure / Worker Crashes Mid-Processing`,
    system: 'flux-gate', checkable: true, load: () => import('../../scenarios/flux-gate/worker-crash.js').then(byDefault),
  },
  {
    id: 'flux-worker-oom', title: 'Flux-Gate: worker OOM-killed', source: `${FLUX}, 3. Worker Failure / Worker OOM`,
    system: 'flux-gate', checkable: true, load: () => import('../../scenarios/flux-gate/worker-oom.js').then(byDefault),
  },
  {
    id: 'flux-pg-down', title: 'Flux-Gate: PostgreSQL down during the flash sale', source: `${FLUX}, 4. PostgreSQL Failure / Database Down`,
    system: 'flux-gate', checkable: true, load: () => import('../../scenarios/flux-gate/pg-down.js').then(byDefault),
  },
  {
    id: 'flux-pool-exhausted', title: 'Flux-Gate: database connection pool exhausted', source: `${FLUX}, 4. PostgreSQL Failure / Database Connection Pool Exhausted`,
    system: 'flux-gate', checkable: false, load: () => import('../../scenarios/flux-gate/pool-exhausted.js').then(byDefault),
  },
  {
    id: 'flux-api-crash', title: 'Flux-Gate: an ingestion API container crashes', source: `${FLUX}, 5. Ingestion API Failure / API Container Crashes`,
    system: 'flux-gate', checkable: false, load: () => import('../../scenarios/flux-gate/api-crash.js').then(byDefault),
  },
  {
    id: 'flux-redis-pg-mismatch', title: 'Flux-Gate: Redis-PostgreSQL stock mismatch after a Redis restart with a Kafka backlog', source: `${FLUX}, Data Consistency Scenarios / Redis-PostgreSQL Mismatch`,
    system: 'flux-gate', checkable: false, load: () => import('../../scenarios/flux-gate/redis-pg-mismatch.js').then(byDefault),
  },
  {
    id: 'flux-partition', title: 'Flux-Gate: network partition between an API instance and Redis', source: `${FLUX}, Failure Recovery Matrix: Network partition`,
    system: 'flux-gate', checkable: false, load: () => import('../../scenarios/flux-gate/partition.js').then(byDefault),
  },
  {
    id: 'patterns-latency-spike', title: 'Patterns: a dependency\'s latency spikes to 2 s', source: `${PATTERNS}, 1. Network Failures / Latency Spikes`,
    system: 'patterns', checkable: true, load: () => import('../../scenarios/patterns/latency-spike.js').then(byDefault),
  },
  {
    id: 'patterns-connection-refused', title: 'Patterns: 1,000 clients, the dependency refuses connections for 30 s', source: `${PATTERNS}, 1. Network Failures / Connection Failures`,
    system: 'patterns', checkable: true, load: () => import('../../scenarios/patterns/connection-refused.js').then(byDefault),
  },
  {
    id: 'patterns-message-loss', title: 'Patterns: the message broker drops messages', source: `${PATTERNS}, 2. Data Failures / Message Loss`,
    system: 'patterns', checkable: true, load: () => import('../../scenarios/patterns/message-loss.js').then(byDefault),
  },
  {
    id: 'patterns-data-corruption', title: 'Patterns: invalid writes against four layers of defence', source: `${PATTERNS}, 2. Data Failures / Data Corruption`,
    system: 'patterns', checkable: true, load: () => import('../../scenarios/patterns/data-corruption.js').then(byDefault),
  },
  {
    id: 'patterns-cascading-failure', title: 'Patterns: Search becomes slow behind the gateway', source: `${PATTERNS}, 3. Service Failures / Cascading Failures`,
    system: 'patterns', checkable: true, load: () => import('../../scenarios/patterns/cascading-failure.js').then(byDefault),
  },
  {
    id: 'patterns-breaker-states', title: 'Patterns: a failing dependency walks the circuit breaker through its states', source: `${PATTERNS}, 3. Service Failures / Circuit Breaker States`,
    system: 'patterns', checkable: true, load: () => import('../../scenarios/patterns/breaker-states.js').then(byDefault),
  },
  {
    id: 'patterns-memory-exhaustion', title: 'Patterns: an export endpoint loads whole result sets into memory', source: `${PATTERNS}, 4. Resource Exhaustion / Memory Exhaustion`,
    system: 'patterns', checkable: true, load: () => import('../../scenarios/patterns/memory-exhaustion.js').then(byDefault),
  },
  {
    id: 'patterns-pool-exhaustion', title: 'Patterns: slow queries and a database restart behind the seed\'s connection pool', source: `${PATTERNS}, 4. Resource Exhaustion / Connection Pool Exhaustion`,
    system: 'patterns', checkable: true, load: () => import('../../scenarios/patterns/pool-exhaustion.js').then(byDefault),
  },
  {
    id: 'patterns-failed-deployment', title: 'Patterns: v1.1 crashes in production after a blue-green switch', source: `${PATTERNS}, 5. Deployment Failures / Failed Deployment`,
    system: 'patterns', checkable: true, load: () => import('../../scenarios/patterns/failed-deployment.js').then(byDefault),
  },
  {
    id: 'hdfs-restart', title: 'HDFS reader cache: the reader process restarts', source: `${HDFS}, 1. Process Restart / Pod Restart`,
    system: 'hdfs-cache', checkable: true, load: () => import('../../scenarios/hdfs-cache/restart.js').then(byDefault),
  },
  {
    id: 'hdfs-namenode-failover', title: 'HDFS reader cache: the active NameNode\'s host is lost', source: `${HDFS}, 2. HDFS NameNode Failover`,
    system: 'hdfs-cache', checkable: true, load: () => import('../../scenarios/hdfs-cache/namenode-failover.js').then(byDefault),
  },
  {
    id: 'hdfs-memory-pressure', title: 'HDFS reader cache: the parsed logs outgrow the memory limit', source: `${HDFS}, 3. Memory Pressure / OOM Scenarios`,
    system: 'hdfs-cache', checkable: true, load: () => import('../../scenarios/hdfs-cache/memory-pressure.js').then(byDefault),
  },
  {
    id: 'hdfs-disk-exhaustion', title: 'HDFS reader cache: something else fills the cache volume to 95 %', source: `${HDFS}, 4. Disk Space Exhaustion`,
    system: 'hdfs-cache', checkable: true, load: () => import('../../scenarios/hdfs-cache/disk-exhaustion.js').then(byDefault),
  },
  {
    id: 'hdfs-partition', title: 'HDFS reader cache: the reader is cut off from HDFS for 3 minutes', source: `${HDFS}, 5. Network Partitions / HDFS Unreachable`,
    system: 'hdfs-cache', checkable: true, load: () => import('../../scenarios/hdfs-cache/partition.js').then(byDefault),
  },
  {
    id: 'hdfs-cache-corruption', title: 'HDFS reader cache: 10 % of the cache files are corrupt at a restart', source: `${HDFS}, 6. Cache Corruption / Invalid Data`,
    system: 'hdfs-cache', checkable: true, load: () => import('../../scenarios/hdfs-cache/cache-corruption.js').then(byDefault),
  },
  {
    id: 'hdfs-concurrent-access', title: 'HDFS reader cache: two reader processes share the cache directory', source: `${HDFS}, 7. Concurrent Access Conflicts`,
    system: 'hdfs-cache', checkable: true, load: () => import('../../scenarios/hdfs-cache/concurrent-access.js').then(byDefault),
  },
  {
    id: 'hdfs-concurrent-failures', title: 'HDFS reader cache: every component fails and is repaired on its own, for a year', source: `${HDFS}, RESULT: 99.9% availability even during multiple concurrent failures`,
    system: 'hdfs-cache', checkable: true, load: () => import('../../scenarios/hdfs-cache/concurrent-failures.js').then(byDefault),
  },
  {
    id: 'firewall-db-connection', title: 'Database connection failure: PostgreSQL down for 2 minutes', source: `${FIREWALL}, 1. Database Connection Failure`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/db-connection.js').then(byDefault),
  },
  {
    id: 'firewall-query-timeout', title: 'Database query timeout: every query takes 35 s for a minute', source: `${FIREWALL}, 2. Database Query Timeout`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/query-timeout.js').then(byDefault),
  },
  {
    id: 'firewall-migration-mismatch', title: 'Migration version mismatch: v1.1 needs schema 2, the database is at 1', source: `${FIREWALL}, 3. Migration Version Mismatch`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/migration-mismatch.js').then(byDefault),
  },
  {
    id: 'firewall-invalid-credentials', title: 'Invalid credentials: a brute-force client guessing API keys', source: `${FIREWALL}, 4. Invalid Authentication Credentials`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/invalid-credentials.js').then(byDefault),
  },
  {
    id: 'firewall-jwt-expiry', title: 'JWT expiry under clock skew: the verifier 30 s ahead, 10 s leeway', source: `${FIREWALL}, 5. JWT Token Expiration`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/jwt-expiry.js').then(byDefault),
  },
  {
    id: 'firewall-rate-limit', title: 'Rate limit exceeded: one client at 600 requests per minute', source: `${FIREWALL}, 6. Rate Limit Exceeded`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/rate-limit.js').then(byDefault),
  },
  {
    id: 'firewall-oom', title: 'Memory pressure and OOM: a release that leaks 100 KiB per request', source: `${FIREWALL}, 7. Memory Pressure / OOM`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/oom.js').then(byDefault),
  },
  {
    id: 'firewall-cpu-saturation', title: 'CPU saturation: load jumps 6x in 20 s against 500m limits', source: `${FIREWALL}, 8. CPU Saturation`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/cpu-saturation.js').then(byDefault),
  },
  {
    id: 'firewall-network-isolation', title: 'Pod network isolation: a policy drops one pod\'s traffic to the database', source: `${FIREWALL}, 9. Pod Network Isolation`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/network-isolation.js').then(byDefault),
  },
  {
    id: 'firewall-failed-rollout', title: 'Failed rollout: v1.1 crashes on start, maxUnavailable 0', source: `${FIREWALL}, 10. Failed Deployment / Rollout`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/failed-rollout.js').then(byDefault),
  },
  {
    id: 'firewall-migration-failure', title: 'Database migration failure: the job fails part-way, a retry races it', source: `${FIREWALL}, 11. Database Migration Failure`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/migration-failure.js').then(byDefault),
  },
  {
    id: 'firewall-client-errors', title: 'High error rate (4xx): a client release sends invalid payloads', source: `${FIREWALL}, 12. High Error Rate (Non-5xx)`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/client-errors.js').then(byDefault),
  },
  {
    id: 'firewall-server-errors', title: 'High error rate (5xx): a release that fails 5 % of requests', source: `${FIREWALL}, 13. High Error Rate (5xx)`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/server-errors.js').then(byDefault),
  },
  {
    id: 'firewall-external-api', title: 'External API failure: the policy API hangs for two minutes', source: `${FIREWALL}, 14. External API Failure`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/external-api.js').then(byDefault),
  },
  {
    id: 'firewall-db-corruption', title: 'Database corruption: orphaned rows found by the daily integrity check', source: `${FIREWALL}, 15. Database Corruption Detection`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/db-corruption.js').then(byDefault),
  },
  {
    id: 'firewall-invalid-config', title: 'Invalid configuration: a rollout with a missing DATABASE_POOL_SIZE', source: `${FIREWALL}, 16. Invalid Configuration`,
    system: 'firewall', checkable: true, load: () => import('../../scenarios/firewall/invalid-config.js').then(byDefault),
  },
];
