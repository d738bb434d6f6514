import { toMs, type MetricInfo, type Micros } from '../../src/scenario/index.js';
import type { IncidentObserved } from './observers.js';
import type { RtoRow } from './rto-rows.js';

/**
 * One row of seed 003's Recovery Time Objectives table, measured: the
 * failure to its detection, the failure to its recovery, and the row's
 * "Data Loss" as a count. NaN where the scenario has no row, or where the
 * failure never showed (nothing to detect or recover from); a detection or
 * recovery that never came reads to the end of the run (a lower bound).
 */
export interface RtoMetrics extends Record<string, number> {
  detectionMs: number;
  recoveryMs: number;
  dataLost: number;
}

/** The incident metrics the rows are read from (metrics.ts computes them first). */
export interface RtoInputs {
  readonly restartDetectMs: number;
  readonly readerRecoveryMs: number;
  readonly failoverDetectMs: number;
  readonly failoverRecoveryMs: number;
  readonly hdfsDetectMs: number;
  readonly memoryDetectMs: number;
  readonly oomRecoveryMs: number;
  readonly corruptionDetectMs: number;
  readonly lostAnswers: number;
  readonly newLogFailures: number;
  readonly notReadyAnswers: number;
}

export const NO_RTO: RtoMetrics = { detectionMs: NaN, recoveryMs: NaN, dataLost: NaN };

type Row = (m: RtoInputs, o: IncidentObserved, now: Micros) => RtoMetrics;

/** Each row's reading of the run. Data lost, per row: see RTO_INFO.dataLost. */
const ROWS: Readonly<Record<Exclude<RtoRow, 'none'>, Row>> = {
  // Immediate / <30 seconds / None: the reader refuses queries from the restart until it serves again;
  // the data at risk is the cache, so "lost" is every known log a start-up had to re-read from HDFS.
  'process-restart': (m, o) => ({
    detectionMs: o.outageAfterFault === null ? NaN : m.restartDetectMs,
    recoveryMs: o.outageAfterFault === null ? NaN : m.readerRecoveryMs,
    dataLost: o.refetchedFiles,
  }),
  // <10 seconds / <30 seconds / None: the standby's ZKFC takes the lock, then a new active NameNode;
  // "lost" is every query HDFS should have answered and did not (new logs, and cached ones without a copy).
  'namenode-failover': (m, o) => ({
    detectionMs: o.faultAt === null ? NaN : m.failoverDetectMs,
    recoveryMs: o.faultAt === null ? NaN : m.failoverRecoveryMs,
    dataLost: m.newLogFailures + m.lostAnswers,
  }),
  // <60 seconds / <10 seconds / Minimal: cache memory over the 1800 MB alert to the scrape that fires it;
  // the first OOM kill (or stuck insert) to a reader serving again; "lost" is every query that failed.
  'memory-pressure': (m, o) => ({
    detectionMs: o.pressureSince === null ? NaN : m.memoryDetectMs,
    recoveryMs: o.firstOomAt === null ? NaN : m.oomRecoveryMs,
    dataLost: m.lostAnswers + m.notReadyAnswers + m.newLogFailures,
  }),
  // <30 seconds / Graceful degradation / None: the reader going offline (its first failed HDFS read).
  // The recovery the seed means is the degraded mode itself: offline mode, which starts at that same
  // failed read, provided it ever answered from the disk cache (else: to the end of the run).
  // "Lost" is a cached log's query that failed (new logs cannot be had from a cache).
  'network-partition': (m, o, now) => ({
    detectionMs: o.hdfsFailedAt === null ? NaN : m.hdfsDetectMs,
    recoveryMs: o.hdfsFailedAt === null || o.faultAt === null ? NaN : toMs((o.offlineServedAt === null ? now : o.offlineAt ?? now) - o.faultAt),
    dataLost: m.lostAnswers,
  }),
  // Immediate / <5 minutes / Cache rebuild: the restart that reads the corrupt cache to the checksum
  // failure (before it, the corruption is only bytes on disk); the corruption to a reader serving again;
  // "lost" is the cache: every known log a start-up had to re-read from HDFS.
  'cache-corruption': (m, o, now) => ({
    detectionMs: o.restartedAt === null ? NaN : o.corruptionFoundAt === null ? toMs(now - o.restartedAt) : m.corruptionDetectMs,
    recoveryMs: o.outageAfterFault === null ? NaN : m.readerRecoveryMs,
    dataLost: o.refetchedFiles,
  }),
};

export function rtoMetrics(row: RtoRow, m: RtoInputs, o: IncidentObserved, now: Micros): RtoMetrics {
  return row === 'none' ? { ...NO_RTO } : ROWS[row](m, o, now);
}

const ROW_NOTE = 'The row of seed 003\'s Recovery Time Objectives table is the scenario\'s rtoRow parameter; NaN with no row, or when the failure never showed.';

export const RTO_INFO: { readonly [K in keyof RtoMetrics]: MetricInfo } = {
  detectionMs: {
    label: 'RTO row: the failure to its detection',
    unit: 'ms',
    description: `Process restart: the restart to queries refused. NameNode failover: the host loss to the standby's ZKFC taking the lock. Memory pressure: cache memory over 1800 MB to the alert's scrape. Network partition: the partition to the reader going offline. Cache corruption: the restart that reads the cache to the checksum failure. ${ROW_NOTE}`,
  },
  recoveryMs: {
    label: 'RTO row: the failure to its recovery',
    unit: 'ms',
    description: `Process restart and cache corruption: the fault to a reader serving again. NameNode failover: the host loss to a new active NameNode. Memory pressure: the first OOM kill to a reader serving again. Network partition ("graceful degradation"): the partition to offline mode (the first failed HDFS read), if it ever answered from the disk cache, else to the end of the run. ${ROW_NOTE}`,
  },
  dataLost: {
    label: 'RTO row: the data lost (what the row\'s "Data Loss" counts)',
    unit: 'count',
    description: `Process restart and cache corruption: known logs that start-ups after the fault re-read from HDFS (the cache lost or rebuilt). NameNode failover: queries that failed (new logs, and cached ones with no disk copy). Memory pressure: queries that failed or were refused. Network partition: queries for cached logs that failed. ${ROW_NOTE}`,
  },
};
