import { z } from 'zod';

/**
 * Defaults are the seed's configuration (leader key TTL 10 s, TCP liveness
 * probe failing after 30 s, synchronous commit) on Patroni's own defaults
 * for everything the seed leaves out. Figures the sources do not give are
 * marked ASSUMPTION.
 */
export const patroniParams = z.object({
  ttlMs: z.number().positive().default(10_000).describe('Patroni ttl: leader key lease (seed: 10 s; Patroni default 30 s, minimum 20 s)'),
  loopWaitMs: z.number().positive().default(10_000).describe('Patroni loop_wait (default 10 s)'),
  retryTimeoutMs: z.number().positive().default(10_000).describe('Patroni retry_timeout (default 10 s)'),
  replication: z.enum(['sync', 'asynchronous']).default('sync').describe('Patroni synchronous_mode on (sync) or off (asynchronous)'),
  failsafeMode: z.boolean().default(false).describe('Patroni failsafe_mode (default off): a primary that loses etcd keeps writing while every member accepts its POST /failsafe'),
  maximumLagOnFailoverBytes: z.number().int().nonnegative().default(1_048_576),
  promoteMinMs: z.number().nonnegative().default(1_000).describe('ASSUMPTION: promotion takes 1-3 s'),
  promoteMaxMs: z.number().nonnegative().default(3_000),
  livenessProbe: z.enum(['tcp', 'http']).default('tcp'),
  livenessPeriodMs: z.number().positive().default(10_000),
  livenessTimeoutMs: z.number().positive().default(1_000),
  livenessFailureThreshold: z.number().int().positive().default(3),
  terminationGracePeriodMs: z.number().nonnegative().default(30_000).describe('terminationGracePeriodSeconds of the Postgres pods: a probe kill or pod deletion sends SIGTERM, then SIGKILL after this (Kubernetes default 30 s, at least 2 s)'),
  readinessProbe: z.enum(['none', 'tcp', 'http']).default('none').describe('Kubernetes readiness probe on the Postgres pods (the seed has none; http asks Patroni\'s REST API)'),
  readinessPeriodMs: z.number().positive().default(10_000),
  readinessTimeoutMs: z.number().positive().default(1_000),
  readinessFailureThreshold: z.number().int().positive().default(3),
  readinessSuccessThreshold: z.number().int().positive().default(1),
  podStartupMs: z.number().nonnegative().default(8_000).describe('ASSUMPTION: container start to serving'),
  endpointPropagationMs: z.number().nonnegative().default(1_000).describe('ASSUMPTION: median label change to kube-proxy rules'),
  nodeMonitorGracePeriodMs: z.number().nonnegative().default(50_000),
  labelUpdateMs: z.number().nonnegative().default(100),
  members: z.number().int().min(2).max(7).default(3),
  networkLatencyMs: z.number().nonnegative().default(0.5),
  flushMs: z.number().nonnegative().default(1),
  replicationLagMs: z.number().nonnegative().default(5).describe('ASSUMPTION: median time for a record to reach a replica beyond network latency'),
  walBytesPerWrite: z.number().int().positive().default(512),
  writeRatePerS: z.number().nonnegative().default(50),
  readRatePerS: z.number().nonnegative().default(100),
  connectTimeoutMs: z.number().positive().default(2_000),
  readTimeoutMs: z.number().positive().default(5_000),
  maxAttempts: z.number().int().positive().default(5),
  backoffBaseMs: z.number().nonnegative().default(200),
  backoffCapMs: z.number().nonnegative().default(5_000),
  crashAtMs: z.number().nonnegative().default(60_000),
  nodeRecoverAfterMs: z.number().nonnegative().default(60_000).describe('0: the crashed node never returns'),
  durationMs: z.number().positive().default(180_000),
});
export type PatroniParams = z.output<typeof patroniParams>;
