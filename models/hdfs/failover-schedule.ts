/**
 * The Java HDFS client's failover policy, RetryPolicies.failoverOnNetworkException
 * as DFSClient builds it from HdfsClientConfigKeys.Failover [HADOOP-RP], [HDFS-CKEYS].
 * Pure: no simulation, the jitter is passed in.
 */

export interface JavaFailoverOptions {
  /** dfs.client.failover.max.attempts: the call fails once this many failovers were made. */
  readonly maxFailovers: number;
  /** dfs.client.failover.sleep.base.millis. */
  readonly sleepBaseMs: number;
  /** dfs.client.failover.sleep.max.millis: the cap on the base before jitter. */
  readonly sleepMaxMs: number;
}

export const DEFAULT_JAVA_FAILOVER: JavaFailoverOptions = { maxFailovers: 15, sleepBaseMs: 500, sleepMaxMs: 15_000 };

/**
 * The base sleep before failover number `failovers` (0 for the first, which is
 * immediate), before jitter: min(base * 2^failovers, cap)
 * (getFailoverOrRetrySleepTime / calculateExponentialTime).
 */
export function failoverSleepBaseMs(failovers: number, o: JavaFailoverOptions = DEFAULT_JAVA_FAILOVER): number {
  if (failovers === 0) return 0;
  return Math.min(o.sleepBaseMs * 2 ** failovers, o.sleepMaxMs);
}

/** The sleep with its jitter: (long)(base * (u + 0.5)), u uniform in [0, 1): ±50 %, truncated to whole ms. */
export function failoverSleepMs(failovers: number, u01: number, o: JavaFailoverOptions = DEFAULT_JAVA_FAILOVER): number {
  return Math.floor(failoverSleepBaseMs(failovers, o) * (u01 + 0.5));
}

/**
 * What the policy says after a failed attempt. Connection refused, connect
 * timeout and StandbyException fail over after the exponential sleep; a
 * socket timeout on an idempotent call (a read) fails over at once
 * (RetryAction.FAILOVER_AND_RETRY carries no delay); every failover counts.
 */
export type AttemptError = 'standby' | 'refused' | 'connect-timeout' | 'rpc-timeout';

export type FailoverDecision = { readonly action: 'fail'; readonly reason: string } | { readonly action: 'failover'; readonly sleepBaseMs: number };

export function decideFailover(error: AttemptError, failovers: number, o: JavaFailoverOptions = DEFAULT_JAVA_FAILOVER): FailoverDecision {
  if (failovers >= o.maxFailovers) return { action: 'fail', reason: `failovers (${failovers}) exceeded maximum allowed (${o.maxFailovers})` };
  if (error === 'rpc-timeout') return { action: 'failover', sleepBaseMs: 0 };
  return { action: 'failover', sleepBaseMs: failoverSleepBaseMs(failovers, o) };
}

export interface FailoverSchedule {
  /** Base sleep before each failover, in order (the first is 0). */
  readonly sleepBasesMs: readonly number[];
  /** Their sum: the expected sleep before the client gives up (the jitter has mean 1). */
  readonly expectedTotalMs: number;
  /** With every jitter at its low end (×0.5) and its high end (×1.5, never reached: u < 1). */
  readonly minTotalMs: number;
  readonly maxTotalMs: number;
  /** Attempts made: the first call plus one per failover. */
  readonly attempts: number;
}

/**
 * The sleeps a Java client makes when no NameNode ever serves it (each
 * attempt failing at once): with the defaults 0, 1, 2, 4, 8 s then 15 s ten
 * times, 165 s expected before it gives up after 16 attempts.
 */
export function javaFailoverSchedule(o: JavaFailoverOptions = DEFAULT_JAVA_FAILOVER): FailoverSchedule {
  const sleepBasesMs = Array.from({ length: o.maxFailovers }, (_, k) => failoverSleepBaseMs(k, o));
  const expectedTotalMs = sleepBasesMs.reduce((a, b) => a + b, 0);
  return { sleepBasesMs, expectedTotalMs, minTotalMs: expectedTotalMs * 0.5, maxTotalMs: expectedTotalMs * 1.5, attempts: o.maxFailovers + 1 };
}
