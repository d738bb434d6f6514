import type { MetricInfo } from '../../src/scenario/index.js';
import { comboLabel } from './downtime-combos.js';
import { RTO_INFO } from './rto.js';
import { COMBO_KEYS, type HdfsCacheMetrics, type IncidentMetrics } from './metrics.js';

const INCIDENT_INFO: { readonly [K in keyof IncidentMetrics]: MetricInfo } = {
  queries: { label: 'queries sent', unit: 'count' },
  answeredPct: { label: 'queries answered (memory, HDFS or the disk cache)', unit: 'percent' },
  hitRatioPct: { label: 'answers from the memory cache', unit: 'percent' },
  staleAnswers: { label: 'answers from the disk cache while HDFS failed (offline mode)', unit: 'count' },
  notReadyAnswers: { label: 'queries refused: no reader up, or still loading / scanning (not counted before the first ready, fault or OOM)', unit: 'count' },
  lostAnswers: { label: 'queries for a cached log that failed (HDFS failed, no usable disk copy)', unit: 'count' },
  newLogFailures: { label: 'queries for a new log that failed (only HDFS has it)', unit: 'count' },
  latencyP99Ms: { label: 'query latency p99 (every answer)', unit: 'ms' },
  serviceDowntimeMs: { label: 'time with no reader serving, after the first was', unit: 'ms' },
  readerRecoveryMs: { label: 'the fault to a reader serving again (0: never stopped)', unit: 'ms' },
  restartDetectMs: { label: 'the fault to the reader seen down (queries refused at once)', unit: 'ms' },
  failoverDetectMs: { label: 'the fault to the other ZKFC taking the lock', unit: 'ms' },
  failoverRecoveryMs: { label: 'the fault to a new active NameNode', unit: 'ms' },
  clientRecoveryMs: { label: 'the fault to the reader\'s first HDFS read served after a failed call (0: none failed)', unit: 'ms' },
  clientAttempts: { label: 'NameNode calls by the reader\'s HDFS clients', unit: 'count' },
  clientFailedAttempts: { label: 'NameNode calls that failed (timeout, refused, standby)', unit: 'count' },
  hdfsDetectMs: { label: 'the fault to the reader going offline (its first failed HDFS read)', unit: 'ms' },
  memoryPeakPct: { label: 'peak process memory, share of the limit', unit: 'percent' },
  memoryDetectMs: { label: 'cache memory over the alert (1800 MB) to the scrape that fires it', unit: 'ms' },
  oomKills: { label: 'OOM kills', unit: 'count' },
  oomRecoveryMs: { label: 'the first OOM kill (or stuck insert) to a reader serving again', unit: 'ms' },
  stuckInserts: { label: 'memory-cache inserts that never returned (the seed\'s eviction loop)', unit: 'count' },
  diskPeakPct: { label: 'peak use of the cache volume', unit: 'percent' },
  enospcWrites: { label: 'cache writes that failed with ENOSPC', unit: 'count' },
  cleanupDetectMs: { label: 'the fault to the first cleanup (0: the disk never passed 80 %)', unit: 'ms' },
  cacheFilesCleaned: { label: 'cache files the cleanup removed', unit: 'count' },
  corruptionDetectMs: { label: 'the restart to the corruption being found (0: never found)', unit: 'ms' },
  corruptServed: { label: 'answers served from a corrupt cache entry', unit: 'count' },
  cacheRebuilds: { label: 'whole-cache rebuilds (a full scan)', unit: 'count' },
  racedWrites: { label: 'cache writes while another process also wrote the directory', unit: 'count' },
  concurrentWritersMs: { label: 'time two processes wrote the cache directory at once', unit: 'ms' },
  lockWaitMaxMs: { label: 'longest wait for the cache directory\'s lock', unit: 'ms' },
};

const HORIZON_INFO = {
  availabilityPct: { label: 'availability: a reader serving and an active NameNode reachable (fresh logs)', unit: 'percent' },
  cachedAvailabilityPct: { label: 'availability of cached logs: a reader serving', unit: 'percent' },
  serviceDowntimeMs: { label: 'downtime (fresh logs) over the horizon', unit: 'ms' },
  outages: { label: 'outages', unit: 'count' },
  longestOutageMs: { label: 'longest outage', unit: 'ms' },
  componentFailures: { label: 'component failures', unit: 'count' },
  ...(Object.fromEntries(COMBO_KEYS.map((k) => [k, { label: comboLabel(k), unit: 'ms' } satisfies MetricInfo])) as Record<string, MetricInfo>),
} satisfies Record<string, MetricInfo>;

/** Both modes' metrics (a run reports its own mode's) and the RTO row's (every run). */
export const HDFS_CACHE_METRIC_INFO: { readonly [K in keyof HdfsCacheMetrics]: MetricInfo } = { ...INCIDENT_INFO, ...HORIZON_INFO, ...RTO_INFO };
