import type { AnyScenario } from '../src/scenario/scenario.js';
import { scenarioA } from './patroni-k8s/scenario-a.js';
import { scenarioB } from './feature-cache/scenario-b.js';
import { scenarioC } from './event-loop-api/scenario-c.js';
import { scenarioD } from './h2o-training/scenario-d.js';
import { fluxRedisDown } from './flux-gate/redis-down.js';
import { fluxRedisOom } from './flux-gate/redis-oom.js';
import { fluxKafkaDown } from './flux-gate/kafka-down.js';
import { fluxKafkaLag } from './flux-gate/kafka-lag.js';
import { fluxWorkerCrash } from './flux-gate/worker-crash.js';
import { fluxWorkerOom } from './flux-gate/worker-oom.js';
import { fluxPgDown } from './flux-gate/pg-down.js';
import { fluxPoolExhausted } from './flux-gate/pool-exhausted.js';
import { fluxApiCrash } from './flux-gate/api-crash.js';
import { fluxRedisPgMismatch } from './flux-gate/redis-pg-mismatch.js';
import { fluxPartition } from './flux-gate/partition.js';
import { patternsLatencySpike } from './patterns/latency-spike.js';
import { patternsConnectionRefused } from './patterns/connection-refused.js';
import { patternsCascadingFailure } from './patterns/cascading-failure.js';
import { patternsBreakerStates } from './patterns/breaker-states.js';
import { patternsMemoryExhaustion } from './patterns/memory-exhaustion.js';
import { patternsPoolExhaustion } from './patterns/pool-exhaustion.js';
import { patternsDataCorruption } from './patterns/data-corruption.js';
import { patternsMessageLoss } from './patterns/message-loss.js';
import { patternsFailedDeployment } from './patterns/failed-deployment.js';
import { hdfsRestart } from './hdfs-cache/restart.js';
import { hdfsNamenodeFailover } from './hdfs-cache/namenode-failover.js';
import { hdfsMemoryPressure } from './hdfs-cache/memory-pressure.js';
import { hdfsDiskExhaustion } from './hdfs-cache/disk-exhaustion.js';
import { hdfsPartition } from './hdfs-cache/partition.js';
import { hdfsCacheCorruption } from './hdfs-cache/cache-corruption.js';
import { hdfsConcurrentAccess } from './hdfs-cache/concurrent-access.js';
import { hdfsConcurrentFailures } from './hdfs-cache/concurrent-failures.js';
import { firewallDbConnection } from './firewall/db-connection.js';
import { firewallQueryTimeout } from './firewall/query-timeout.js';
import { firewallMigrationMismatch } from './firewall/migration-mismatch.js';
import { firewallInvalidCredentials } from './firewall/invalid-credentials.js';
import { firewallJwtExpiry } from './firewall/jwt-expiry.js';
import { firewallRateLimit } from './firewall/rate-limit.js';
import { firewallOom } from './firewall/oom.js';
import { firewallCpuSaturation } from './firewall/cpu-saturation.js';
import { firewallNetworkIsolation } from './firewall/network-isolation.js';
import { firewallFailedRollout } from './firewall/failed-rollout.js';
import { firewallMigrationFailure } from './firewall/migration-failure.js';
import { firewallClientErrors } from './firewall/client-errors.js';
import { firewallServerErrors } from './firewall/server-errors.js';
import { firewallExternalApi } from './firewall/external-api.js';
import { firewallDbCorruption } from './firewall/db-corruption.js';
import { firewallInvalidConfig } from './firewall/invalid-config.js';

/**
 * Every built-in scenario, in the order `sim list` shows them: seed 000's Scenarios A to D,
 * then one scenario per failure of the Flux-Gate document, in its order,
 * then one per question of the unhappy-path document (seed 001), in its order,
 * then one per failure of the HDFS reader-cache document (seed 003), in its order, and its
 * long-horizon availability scenario, then one per failure of the governance firewall's
 * matrix (seed 004), in its order.
 */
export const scenarios: readonly AnyScenario[] = [
  scenarioA, scenarioB, scenarioC, scenarioD,
  fluxRedisDown, fluxRedisOom, fluxKafkaDown, fluxKafkaLag, fluxWorkerCrash, fluxWorkerOom,
  fluxPgDown, fluxPoolExhausted, fluxApiCrash, fluxRedisPgMismatch, fluxPartition,
  patternsLatencySpike, patternsConnectionRefused, patternsMessageLoss, patternsDataCorruption, patternsCascadingFailure,
  patternsBreakerStates, patternsMemoryExhaustion, patternsPoolExhaustion, patternsFailedDeployment,
  hdfsRestart, hdfsNamenodeFailover, hdfsMemoryPressure, hdfsDiskExhaustion, hdfsPartition,
  hdfsCacheCorruption, hdfsConcurrentAccess, hdfsConcurrentFailures,
  firewallDbConnection, firewallQueryTimeout, firewallMigrationMismatch, firewallInvalidCredentials, firewallJwtExpiry,
  firewallRateLimit, firewallOom, firewallCpuSaturation, firewallNetworkIsolation, firewallFailedRollout,
  firewallMigrationFailure, firewallClientErrors, firewallServerErrors, firewallExternalApi, firewallDbCorruption, firewallInvalidConfig,
];

export function findScenario(id: string): AnyScenario | undefined {
  return scenarios.find((s) => s.id === id);
}
