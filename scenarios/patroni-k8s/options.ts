import { ms } from '../../src/scenario/index.js';
import type { PatroniClusterOptions } from '../../models/patroni/cluster.js';
import type { PatroniParams } from './params.js';
import { patroniTimeouts } from './timeouts.js';

/** The cluster's options from the scenario's parameters. */
export function clusterOptions(p: PatroniParams): PatroniClusterOptions {
  const t = patroniTimeouts(p).effective;
  return {
    members: p.members,
    network: { latencyMedianMs: p.networkLatencyMs, latencySigma: 0.5, lossProbability: 0 },
    postgres: { flushMs: p.flushMs, replicationLagMs: p.replicationLagMs, walBytesPerWrite: p.walBytesPerWrite },
    patroni: {
      ...t,
      maximumLagOnFailover: p.maximumLagOnFailoverBytes,
      synchronousMode: p.replication === 'sync',
      failsafeMode: p.failsafeMode,
      promoteMinMs: p.promoteMinMs,
      promoteMaxMs: Math.max(p.promoteMinMs, p.promoteMaxMs),
      memberStatusTimeoutMs: 2_000,
      labelUpdateMs: p.labelUpdateMs,
    },
    liveness: { kind: p.livenessProbe, periodMs: p.livenessPeriodMs, timeoutMs: p.livenessTimeoutMs, failureThreshold: p.livenessFailureThreshold },
    readiness: p.readinessProbe === 'none' ? undefined : {
      kind: p.readinessProbe, periodMs: p.readinessPeriodMs, timeoutMs: p.readinessTimeoutMs,
      failureThreshold: p.readinessFailureThreshold, successThreshold: p.readinessSuccessThreshold,
    },
    podStartupMs: p.podStartupMs,
    terminationGracePeriodMs: p.terminationGracePeriodMs,
    endpointPropagationMs: p.endpointPropagationMs,
    nodeMonitorGracePeriodMs: p.nodeMonitorGracePeriodMs,
    client: { connectTimeoutMs: p.connectTimeoutMs, readTimeoutMs: p.readTimeoutMs, maxAttempts: p.maxAttempts, backoffBaseMs: p.backoffBaseMs, backoffCapMs: p.backoffCapMs },
    writeRatePerS: p.writeRatePerS,
    readRatePerS: p.readRatePerS,
    // Leave time for the last retries to finish before the run ends.
    workloadUntil: ms(Math.max(0, p.durationMs - 30_000)),
  };
}
