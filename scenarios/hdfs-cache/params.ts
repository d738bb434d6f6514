import { z } from 'zod';
import { RTO_ROWS } from './rto-rows.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A Julian year, the year availability tables use. */
export const YEAR_MS = 365.25 * DAY_MS;

const ms = (def: number, what: string) => z.number().positive().default(def).describe(what);

/**
 * Seed 003: a Spark event-log reader on HDFS with a persistent cache. The
 * reader knows `files` logs; a full scan reads them at `scanFilesPerSec`
 * (1,920 s: the seed's "30+ minutes"), a restart loads the disk cache at
 * `loadEntriesPerSec` (30 s: the seed's "30 seconds"): ASSUMPTION, the seed
 * gives neither N nor a rate. Each switch's first value (`none`) is the
 * seed's "before", its default the seed's fix.
 */
export const hdfsCacheParams = z.object({
  mode: z.enum(['incident', 'long-horizon']).default('incident').describe('incident: the models (NameNode HA, clients, reader) for one failure; long-horizon: components failing and repaired for years (hdfs-concurrent-failures)'),
  durationMs: ms(600_000, 'virtual run length (incident mode)'),
  faultAtMs: ms(120_000, 'when the scenario\'s fault strikes (the reader is ready at 30 s)'),
  rtoRow: z.enum(RTO_ROWS).default('none').describe('the row of the seed\'s Recovery Time Objectives table that detectionMs, recoveryMs and dataLost measure (each scenario sets its own; none: NaN)'),
  // The switches (seed 003's fixes).
  persistence: z.enum(['none', 'disk']).default('disk').describe('section 1: none = volatile cache, every start is a full scan; disk = PersistentHdfsCache'),
  retry: z.enum(['none', 'failsafe', 'java', 'single-sweep']).default('failsafe').describe('section 2, the HDFS client: none = pinned to nn1; failsafe = the seed\'s FailsafeHdfsReader; java = Hadoop\'s failover proxy; single-sweep = hdfs-native before PR 317'),
  lru: z.enum(['none', 'bounded', 'seed-code']).default('bounded').describe('section 3: none = unbounded memory cache; bounded = byte LRU of lruMaxBytes, exact accounting; seed-code = the snippet\'s accounting taken literally'),
  diskCleanup: z.enum(['none', 'monitor']).default('monitor').describe('section 4: monitor = DiskSpaceMonitor (above 80 %, remove the oldest 30 %)'),
  fallback: z.enum(['none', 'cache']).default('cache').describe('section 5: cache = read_with_fallback serves the disk copy when HDFS fails'),
  checksums: z.enum(['none', 'rebuild-all', 'drop-entry']).default('rebuild-all').describe('section 6: none = no validation (corrupt entries are served); rebuild-all = the seed\'s verify_cache then rebuild; drop-entry = per-entry checksums'),
  lock: z.enum(['none', 'flock', 'lock-file']).default('flock').describe('section 7: flock = the seed\'s lock_exclusive; lock-file = a PID lock file (a crash leaves it); none'),
  // The reader (models/reader).
  readers: z.number().int().min(1).max(2).default(1).describe('reader processes sharing the cache directory'),
  files: z.number().int().positive().default(1_920).describe('event logs the reader knows'),
  scanFilesPerSec: ms(1, 'full-scan pace (1,920 files: 32 min)'),
  loadEntriesPerSec: ms(64, 'persistent-cache load pace (1,920 entries: 30 s)'),
  bytesPerFile: ms(100_000, 'an event log\'s cached copy on disk'),
  memoryBytesPerFile: ms(1_200_000, 'an event log\'s parsed info in memory (ASSUMPTION: 1,920 of them outgrow the 2 GiB limit)'),
  lruMaxBytes: ms(1_500_000_000, 'the memory cache\'s bound (lru=bounded or seed-code)'),
  memoryLimitBytes: ms(2 * 1024 ** 3, 'the container memory limit (OOM kill above it)'),
  memoryAlertMb: ms(1_800, 'the seed\'s alert: cache_memory_mb > 1800'),
  alertScrapeMs: ms(15_000, 'how often the alert reads memory (Prometheus\' default scrape interval)'),
  diskCapacityBytes: ms(1e9, 'the cache volume'),
  diskCheckIntervalMs: ms(60_000, 'DiskSpaceMonitor period (ASSUMPTION)'),
  queryRatePerS: ms(5, 'queries per second (Poisson)'),
  newLogFraction: z.number().min(0).max(1).default(0.2).describe('share of queries for a log written since the start (never cached: HDFS must answer)'),
  zipfS: z.number().nonnegative().default(1).describe('popularity skew over the known logs'),
  // Long-horizon mode (hdfs-concurrent-failures): MTTF/MTTR per component, exponential. ASSUMPTIONs; the seed gives none.
  horizonMs: ms(YEAR_MS, 'long-horizon run length (one year: ...DowntimeMs are per year)'),
  readerMttfMs: ms(30 * DAY_MS, 'reader process: mean time between crashes, OOM kills, evictions'),
  readerMttrMs: ms(10_000, 'reader process: mean time to restart (then the start-up: load or full scan)'),
  diskMttfMs: ms(YEAR_MS, 'cache volume: mean time to loss (the cache is gone: full scan after)'),
  diskMttrMs: ms(HOUR_MS, 'cache volume: mean time to a new volume'),
  namenodeMttfMs: ms(60 * DAY_MS, 'each NameNode host: mean time to failure'),
  namenodeMttrMs: ms(HOUR_MS, 'each NameNode host: mean time to repair'),
  zookeeperMttfMs: ms(180 * DAY_MS, 'ZooKeeper ensemble: mean time to quorum loss'),
  zookeeperMttrMs: ms(15 * 60_000, 'ZooKeeper ensemble: mean time to quorum'),
  journalnodeMttfMs: ms(90 * DAY_MS, 'each of 3 JournalNodes: mean time to failure'),
  journalnodeMttrMs: ms(HOUR_MS, 'each JournalNode: mean time to repair'),
  networkMttfMs: ms(30 * DAY_MS, 'reader-to-HDFS network: mean time to a partition'),
  networkMttrMs: ms(5 * 60_000, 'reader-to-HDFS network: mean partition length'),
  failoverMs: ms(40_100, 'a new active NameNode after the active\'s host is lost (the models/hdfs timeline: session 5 s + graceful fence 5 s + sshfence 30 s + catch-up)'),
  sloPct: z.number().min(0).max(100).default(99.9).describe('the seed\'s availability figure'),
});
export type HdfsCacheParams = z.output<typeof hdfsCacheParams>;
