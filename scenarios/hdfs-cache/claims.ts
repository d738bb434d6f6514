import type { Claim } from '../../src/scenario/index.js';
import type { HdfsCacheMetrics } from './metrics.js';
import type { HdfsCacheParams } from './params.js';

type HdfsClaim = Claim<HdfsCacheParams, HdfsCacheMetrics>;
const RTO = 'seed 003, Recovery Time Objectives';
const s = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;

function within(name: string, source: string, key: keyof HdfsCacheMetrics & string, limitMs: number, why: (m: HdfsCacheMetrics, p: HdfsCacheParams) => string): HdfsClaim {
  return {
    name,
    source,
    check: (m, p) => ({ pass: m[key] <= limitMs, detail: `measured ${s(m[key])} (limit ${s(limitMs)}); ${why(m, p)}` }),
  };
}

// Process restart: Immediate / <30 seconds / None.
export const restartDetected = within('process restart: detected immediately', `${RTO}, Process Restart (Immediate)`, 'restartDetectMs', 0,
  (m) => `queries are refused from that instant (${m.notReadyAnswers} refused while no reader served)`);
export const restartRecovery = within('process restart: recovery < 30 seconds', `${RTO}, Process Restart; section 1: 30 seconds vs 30+ minutes`, 'readerRecoveryMs', 30_000,
  (_m, p) => p.persistence === 'disk' ? `the disk cache's ${p.files} entries load at ${p.loadEntriesPerSec}/s` : `no persistent cache: a full scan of ${p.files} logs at ${p.scanFilesPerSec}/s`);
export const noDataLost: HdfsClaim = {
  name: 'data loss: none (every cached log still answered)',
  source: `${RTO}, Data Loss: None`,
  check: (m) => ({ pass: m.lostAnswers === 0, detail: `${m.lostAnswers} queries for cached logs failed; ${m.newLogFailures} for new logs failed; ${m.notReadyAnswers} refused while not serving` }),
};

// NameNode failover: <10 seconds / <30 seconds / None.
export const failoverDetected = within('NameNode failover: detection < 10 seconds', `${RTO}, NameNode Failover`, 'failoverDetectMs', 10_000,
  (m) => `the standby's ZKFC took the lock then; the new active came at ${s(m.failoverRecoveryMs)}`);
export const failoverRecovered = within('NameNode failover: recovery < 30 seconds (the reader reads HDFS again)', `${RTO}, NameNode Failover; section 2: <30 seconds automatic failover`, 'clientRecoveryMs', 30_000,
  (m, p) => `client ${p.retry}: new active NameNode at ${s(m.failoverRecoveryMs)}, ${m.clientFailedAttempts} of ${m.clientAttempts} NameNode calls failed`);
export const failoverNoLoss: HdfsClaim = {
  name: 'NameNode failover: data loss none (no query failed)',
  source: `${RTO}, NameNode Failover, Data Loss: None`,
  check: (m) => ({ pass: m.lostAnswers + m.newLogFailures === 0, detail: `${m.newLogFailures} queries for new logs and ${m.lostAnswers} for cached ones failed (${m.staleAnswers} answered from the disk cache)` }),
};

// Memory pressure: <60 seconds / <10 seconds / Minimal; section 3: a hard limit prevents OOM.
export const memoryDetected = within('memory pressure: detection < 60 seconds', `${RTO}, Memory Pressure; alert cache_memory_mb > 1800`, 'memoryDetectMs', 60_000,
  (m, p) => m.memoryDetectMs === 0 ? `the cache never passed ${p.memoryAlertMb} MB (peak memory ${m.memoryPeakPct.toFixed(0)} % of the limit)` : `a ${p.alertScrapeMs / 1000} s scrape of cache memory over ${p.memoryAlertMb} MB; ${m.oomKills} OOM kills`);
export const memoryRecovered = within('memory pressure: recovery < 10 seconds', `${RTO}, Memory Pressure`, 'oomRecoveryMs', 10_000,
  (m) => m.oomKills + m.stuckInserts === 0 ? 'no OOM kill to recover from' : m.oomKills > 0 ? `${m.oomKills} OOM kills; a killed reader restarts, then loads its cache into the same limit` : `an insert stuck in the eviction loop hangs the start-up for good (${m.stuckInserts})`);
export const noOom: HdfsClaim = {
  name: 'memory pressure: the hard memory limit prevents OOM',
  source: 'seed 003, section 3 (Protection: Hard memory limit prevents OOM)',
  check: (m, p) => ({ pass: m.oomKills === 0 && m.stuckInserts === 0, detail: `lru=${p.lru}: ${m.oomKills} OOM kills, ${m.stuckInserts} inserts stuck in the eviction loop, peak memory ${m.memoryPeakPct.toFixed(0)} % of the limit` }),
};
export const memoryMinimalLoss: HdfsClaim = {
  name: 'memory pressure: data loss minimal (< 1 % of queries failed)',
  source: `${RTO}, Memory Pressure, Data Loss: Minimal`,
  check: (m) => {
    const failed = m.queries === 0 ? 0 : (100 * (m.lostAnswers + m.notReadyAnswers + m.newLogFailures)) / m.queries;
    return { pass: failed < 1, detail: `${failed.toFixed(1)} % of ${m.queries} queries failed` };
  },
};

// Disk space (section 4).
export const diskNoExhaustion: HdfsClaim = {
  name: 'disk: automatic cleanup prevents disk exhaustion',
  source: 'seed 003, section 4 (Protection: Automatic cleanup prevents disk exhaustion)',
  check: (m, p) => ({ pass: m.enospcWrites === 0, detail: `diskCleanup=${p.diskCleanup}: peak ${m.diskPeakPct.toFixed(1)} %, ${m.enospcWrites} cache writes failed with ENOSPC; ${m.cacheFilesCleaned} cache files removed to make room` }),
};
export const diskCleanupInTime = within('disk: cleanup starts within 60 s of passing 80 %', 'seed 003, section 4 (cleanup at 80 %); Monitoring: Disk_Space_Critical > 90 %', 'cleanupDetectMs', 60_000,
  (m, p) => `${p.diskCleanup === 'monitor' ? `checks every ${p.diskCheckIntervalMs / 1000} s` : 'no monitor'}; peak ${m.diskPeakPct.toFixed(1)} %`);

// Network partition: <30 seconds / graceful degradation / None.
export const partitionDetected = within('network partition: detection < 30 seconds', `${RTO}, Network Partition`, 'hdfsDetectMs', 30_000,
  (_m, p) => `client ${p.retry}: the first read fails only after every NameNode's connect timeout`);
export const gracefulDegradation: HdfsClaim = {
  name: 'network partition: graceful degradation (cached logs still served)',
  source: `${RTO}, Network Partition; section 5: serves cached data during network issues`,
  check: (m, p) => ({ pass: m.lostAnswers === 0 && m.answeredPct >= 100 * (1 - p.newLogFraction), detail: `fallback=${p.fallback}: ${m.answeredPct.toFixed(1)} % answered, ${m.staleAnswers} from the disk cache, ${m.lostAnswers} cached-log queries failed` }),
};

// Cache corruption: Immediate / <5 minutes / cache rebuild.
export const corruptionDetected: HdfsClaim = {
  name: 'cache corruption: detected immediately (during the start-up, before any answer from the cache)',
  source: `${RTO}, Cache Corruption (Immediate)`,
  check: (m, p) => ({
    pass: m.corruptServed === 0 && m.corruptionDetectMs > 0,
    detail: `checksums=${p.checksums}: ${m.corruptionDetectMs > 0 ? `found ${s(m.corruptionDetectMs)} after the restart, when the load of the cache ended` : 'never found'}; ${m.corruptServed} answers came from corrupt entries`,
  }),
};
export const corruptionRecovered = within('cache corruption: recovery < 5 minutes', `${RTO}, Cache Corruption`, 'readerRecoveryMs', 300_000,
  (m, p) => p.checksums === 'rebuild-all' ? `the seed's verify_cache condemns the whole cache: ${m.cacheRebuilds} rebuild(s), a full scan of ${p.files} logs at ${p.scanFilesPerSec}/s` : `checksums=${p.checksums}`);
export const corruptionOnlyCacheLost: HdfsClaim = {
  name: 'cache corruption: data loss is the cache only (no corrupt answer, no cached log failing)',
  source: `${RTO}, Cache Corruption, Data Loss: Cache rebuild`,
  check: (m) => ({ pass: m.corruptServed === 0 && m.lostAnswers === 0, detail: `${m.corruptServed} answers from corrupt entries, ${m.lostAnswers} cached-log queries failed` }),
};

// Concurrent access (section 7).
export const lockingPreventsConflicts: HdfsClaim = {
  name: 'concurrent access: file system locking prevents conflicts',
  source: 'seed 003, section 7 (Protection: File system locking prevents conflicts)',
  check: (m, p) => ({ pass: m.racedWrites === 0 && m.concurrentWritersMs === 0, detail: `lock=${p.lock}: ${m.racedWrites} writes raced another writer, two writers for ${s(m.concurrentWritersMs)}; longest lock wait ${s(m.lockWaitMaxMs)}` }),
};

// Multiple concurrent failures: 99.9 %.
export const availabilityHolds: HdfsClaim = {
  name: 'the system maintains 99.9 % availability during multiple concurrent failures',
  source: 'seed 003, RESULT (99.9% availability even during multiple concurrent failures)',
  check: (m, p) => ({ pass: m.availabilityPct >= p.sloPct, detail: `${m.availabilityPct.toFixed(4)} % over ${(p.horizonMs / 86_400_000).toFixed(0)} days (objective ${p.sloPct} %): ${m.outages} outages, the longest ${s(m.longestOutageMs)}; ${m.threeOrMoreDowntimeMs > 0 ? `${s(m.threeOrMoreDowntimeMs)} with three or more groups down` : 'never three groups down at once'}` }),
};
export const cachedAvailabilityHolds: HdfsClaim = {
  name: 'cached logs: 99.9 % availability',
  source: 'seed 003, RESULT; section 5 (offline mode serves the cache)',
  check: (m, p) => ({ pass: m.cachedAvailabilityPct >= p.sloPct, detail: `${m.cachedAvailabilityPct.toFixed(4)} % (persistence=${p.persistence})` }),
};
