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
];
