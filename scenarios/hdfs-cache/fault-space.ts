import type { FaultKind, FaultSpace } from '../../src/scenario/index.js';
import { HORIZON_COMPONENTS } from './horizon-world.js';
import { CACHE_NAME, DISK_MONITOR_NAME } from './incident-world.js';
import type { HdfsCacheParams } from './params.js';
import { READER_LINK } from './reader-link.js';

const readers = (p: HdfsCacheParams) => (p.readers === 2 ? ['reader', 'reader-2'] : ['reader']);

/** The incident faults, mildest first: a reader restart or crash, a NameNode crash, hang or host loss, a partition, ZooKeeper down, corruption, a full disk. */
function incidentKinds(p: HdfsCacheParams): FaultKind[] {
  return [
    { name: 'reader restart', targets: readers(p), severities: [0], expand: (t, _s, at) => [{ at, target: t, kind: 'restart' }] },
    { name: 'reader crash', targets: readers(p), severities: [10_000, 60_000], expand: (t, restartAfterMs, at) => [{ at, target: t, kind: 'crash', params: { restartAfterMs } }] },
    { name: 'namenode crash', targets: ['nn1', 'nn2'], severities: [10_000, 60_000], expand: (t, restartAfterMs, at) => [{ at, target: t, kind: 'crash', params: { restartAfterMs } }] },
    { name: 'namenode hang', targets: ['nn1', 'nn2'], severities: [3_000, 60_000], expand: (t, durationMs, at) => [{ at, target: t, kind: 'hang', params: { durationMs } }] },
    { name: 'namenode host lost', targets: ['nn1', 'nn2'], severities: [60_000, 300_000], expand: (t, recoverAfterMs, at) => [{ at, target: t, kind: 'node-crash', params: { recoverAfterMs } }] },
    { name: 'reader partitioned from HDFS', targets: [READER_LINK], severities: [10_000, 60_000, 180_000], expand: (t, durationMs, at) => [{ at, target: t, kind: 'partition', params: { durationMs } }, { at: at + durationMs, target: t, kind: 'heal' }] },
    { name: 'zookeeper down', targets: ['zookeeper'], severities: [10_000, 60_000], expand: (t, durationMs, at) => [{ at, target: t, kind: 'down', params: { durationMs } }, { at: at + durationMs, target: t, kind: 'recover' }] },
    { name: 'cache corrupted, then a restart', targets: [CACHE_NAME], severities: [0.01, 0.1], expand: (t, fraction, at) => [{ at, target: t, kind: 'corrupt-cache', params: { fraction } }, { at: at + 1_000, target: 'reader', kind: 'restart' }] },
    { name: 'disk filled by others', targets: [DISK_MONITOR_NAME], severities: [0.5, 0.75], expand: (t, share, at) => [{ at, target: t, kind: 'fill-disk', params: { bytes: share * p.diskCapacityBytes } }] },
  ];
}

/** Any component down for an hour or a day, on top of its own failures. */
function horizonKinds(): FaultKind[] {
  return [{ name: 'component outage', targets: [...HORIZON_COMPONENTS], severities: [3_600_000, 86_400_000], expand: (t, durationMs, at) => [{ at, target: t, kind: 'outage', params: { durationMs } }] }];
}

/**
 * Incident runs: faults after the first start-up and at least 5 min before
 * the end (a fault whose recovery outlasts the run leaves `serves again`
 * not reached, not failed). Long-horizon runs: extra component outages
 * anywhere in the first half.
 */
export const hdfsCacheFaultSpace: FaultSpace<HdfsCacheParams> = {
  window: (p) => p.mode === 'incident'
    ? { fromMs: p.faultAtMs, toMs: Math.max(p.faultAtMs, p.durationMs - 300_000) }
    : { fromMs: 0, toMs: p.horizonMs / 2 },
  maxFaults: 3,
  kinds: (p) => (p.mode === 'incident' ? incidentKinds(p) : horizonKinds()),
};
