import { DEFAULT_BYTE_LRU, type ByteLruOptions } from '../lru/lru-options.js';

/**
 * Seed 003's Spark event-log reader. The seed gives two figures: 30+ minutes
 * to rescan after a restart without a persistent cache, ~30 s with one. The
 * defaults reproduce them with N = 18,000 logs scanned at 10 files/s
 * (1,800 s) and loaded from disk at 600 entries/s (30 s): ASSUMPTION, the seed
 * gives neither N nor a rate. Memory (2 GiB limit, 1.5 GB cache bound, 100 kB
 * per parsed log) follows its alert `cache_memory_mb > 1800`: ASSUMPTION.
 */
export interface ReaderOptions {
  /** Event-log files the reader knows (named `logs/app-0` …). */
  readonly files: number;
  /** Full or incremental scan pace: files read from HDFS per second, one at a time. */
  readonly scanFilesPerSec: number;
  /** Persistent cache load pace: entries read and checksum-verified per second. */
  readonly loadEntriesPerSec: number;
  /** Memory one cached file's parsed info holds. */
  readonly memoryBytesPerFile: number;
  /** The in-memory byte LRU (its bound and the seed's accounting switches). */
  readonly lru: Partial<ByteLruOptions>;
  /** false: the seed's "before": no cache on disk, every start is a full scan. */
  readonly persistent: boolean;
  /** A checksum failure on load: drop that entry and re-read it, or (the seed's `verify_cache` is one verdict for the whole cache) rebuild everything. */
  readonly onCorruptEntry: 'drop-entry' | 'rebuild-all';
  /** The cache directory's lock: 'blocking' (the seed's `lock_exclusive`), 'try' (fails fast and the process exits), 'none'. */
  readonly lockMode: 'blocking' | 'try' | 'none';
  /** After a failed try-lock, the supervisor restarts the process this much later. */
  readonly lockFailRestartMs: number;
  /** HDFS fails: answer from the disk cache, marked stale (the seed's `read_with_fallback`), or fail. */
  readonly offlineFallback: boolean;
  /** A memory-cache hit's latency. ASSUMPTION. */
  readonly hitLatencyMs: number;
  /** A disk-cache read's latency (offline answers). ASSUMPTION. */
  readonly diskReadMs: number;
  /** Memory of the process without its cache. */
  readonly baseMemoryBytes: number;
  /** The container's memory limit: above it the kernel kills the process (OOMKilled); 0: none. */
  readonly memoryLimitBytes: number;
  /** The supervisor restarts an OOM-killed process after this long (flat, not CrashLoopBackOff). */
  readonly oomRestartMs: number;
}

export const DEFAULT_READER: ReaderOptions = {
  files: 18_000,
  scanFilesPerSec: 10,
  loadEntriesPerSec: 600,
  memoryBytesPerFile: 100_000,
  lru: { ...DEFAULT_BYTE_LRU, maxBytes: 1_500_000_000 },
  persistent: true,
  onCorruptEntry: 'rebuild-all',
  lockMode: 'blocking',
  lockFailRestartMs: 10_000,
  offlineFallback: true,
  hitLatencyMs: 1,
  diskReadMs: 5,
  baseMemoryBytes: 200_000_000,
  memoryLimitBytes: 2 * 1024 ** 3,
  oomRestartMs: 10_000,
};

export function checkReaderOptions(name: string, o: ReaderOptions): void {
  const bad = (what: string, v: unknown) => new Error(`reader ${name}: ${what}, got ${String(v)}`);
  if (!(Number.isInteger(o.files) && o.files >= 1)) throw bad('files must be a positive integer', o.files);
  if (!(o.scanFilesPerSec > 0)) throw bad('scanFilesPerSec must be > 0', o.scanFilesPerSec);
  if (!(o.loadEntriesPerSec > 0)) throw bad('loadEntriesPerSec must be > 0', o.loadEntriesPerSec);
  if (!(o.memoryBytesPerFile >= 0)) throw bad('memoryBytesPerFile must be >= 0', o.memoryBytesPerFile);
  if (!(o.memoryLimitBytes >= 0)) throw bad('memoryLimitBytes must be >= 0 (0: no limit)', o.memoryLimitBytes);
}

/** The path of file k. */
export function logPath(k: number): string {
  return `logs/app-${k}`;
}
