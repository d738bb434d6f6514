import type { Simulation } from '../../src/scenario/index.js';
import { HdfsHaCluster, createHdfsClient, type HdfsClient, type NameNode } from '../../models/hdfs/index.js';
import { Disk, DiskMonitor } from '../../models/disk/index.js';
import { Flock, LockFile, type DirLock } from '../../models/file-lock/index.js';
import { SEED_003_LRU_DRIFT, type ByteLruOptions } from '../../models/lru/index.js';
import { PersistentCache, ReaderService, logPath, type ReaderOptions } from '../../models/reader/index.js';
import { HdfsClientSource } from '../../models/reader/hdfs-client-source.js';
import { DirectoryWriters } from './directory-writers.js';
import type { HdfsCacheParams } from './params.js';
import { ReaderLink } from './reader-link.js';
import { UncheckedCache } from './unchecked-cache.js';
import { startQueries } from './workload.js';

/** The reader names: the first is `reader`, a second one (readers=2) `reader-2`. */
export const READER_NAMES = ['reader', 'reader-2'] as const;
export const CACHE_NAME = 'cache';
export const DISK_MONITOR_NAME = 'disk-monitor';
export const LOCK_NAME = 'cache-lock';

export interface IncidentWorld {
  readonly hdfs: HdfsHaCluster;
  readonly link: ReaderLink;
  readonly sources: HdfsClientSource[];
  readonly disk: Disk;
  readonly monitor: DiskMonitor;
  readonly cache: PersistentCache;
  readonly lock: DirLock | null;
  readonly readers: ReaderService[];
  readonly writers: DirectoryWriters;
}

/** The reader's HDFS client by the `retry` switch; `none` knows only nn1 (no failover at all). */
function client(sim: Simulation, name: string, p: HdfsCacheParams, namenodes: NameNode[]): HdfsClient {
  switch (p.retry) {
    case 'none': return createHdfsClient(sim, name, 'rust-single-sweep', namenodes.slice(0, 1));
    case 'failsafe': return createHdfsClient(sim, name, 'failsafe', namenodes);
    case 'java': return createHdfsClient(sim, name, 'java', namenodes);
    case 'single-sweep': return createHdfsClient(sim, name, 'rust-single-sweep', namenodes);
  }
}

function lruOptions(p: HdfsCacheParams): Partial<ByteLruOptions> {
  switch (p.lru) {
    // No bound worth the name: the memory limit decides.
    case 'none': return { maxBytes: Number.MAX_SAFE_INTEGER };
    case 'bounded': return { maxBytes: p.lruMaxBytes };
    case 'seed-code': return { maxBytes: p.lruMaxBytes, ...SEED_003_LRU_DRIFT };
  }
}

export function readerOptions(p: HdfsCacheParams): Partial<ReaderOptions> {
  return {
    files: p.files, scanFilesPerSec: p.scanFilesPerSec, loadEntriesPerSec: p.loadEntriesPerSec,
    memoryBytesPerFile: p.memoryBytesPerFile, lru: lruOptions(p), persistent: p.persistence === 'disk',
    onCorruptEntry: p.checksums === 'drop-entry' ? 'drop-entry' : 'rebuild-all',
    lockMode: p.lock === 'none' ? 'none' : 'blocking', offlineFallback: p.fallback === 'cache',
    memoryLimitBytes: p.memoryLimitBytes,
  };
}

/**
 * One incident's wiring: the HA nameservice, the reader's link to it, one
 * HDFS client per reader (through HdfsClientSource), the cache volume with
 * its monitor, the shared persistent cache and its lock, the readers and the
 * queries. The reader has been running before the run: its disk cache holds
 * every known log (persistence=disk), so a start loads it.
 */
export function buildIncident(sim: Simulation, p: HdfsCacheParams): IncidentWorld {
  const hdfs = new HdfsHaCluster(sim);
  const link = new ReaderLink(sim);
  const disk = new Disk(p.diskCapacityBytes);
  const cache = p.checksums === 'none' ? new UncheckedCache(sim, CACHE_NAME, disk) : new PersistentCache(sim, CACHE_NAME, disk);
  if (p.persistence === 'disk') for (let k = 0; k < p.files; k++) cache.put(logPath(k), p.bytesPerFile);
  const monitor = new DiskMonitor(sim, DISK_MONITOR_NAME, disk, (f) => cache.removeFile(f), { enabled: p.diskCleanup === 'monitor', checkIntervalMs: p.diskCheckIntervalMs });
  const lock: DirLock | null = p.lock === 'flock' ? new Flock() : p.lock === 'lock-file' ? new LockFile(sim, LOCK_NAME) : null;
  const writers = new DirectoryWriters();
  const sources: HdfsClientSource[] = [];
  const readers = READER_NAMES.slice(0, p.readers).map((name) => {
    const source = new HdfsClientSource(client(sim, `hdfs-client/${name}`, p, link.viewOf(hdfs.namenodes)), p.bytesPerFile);
    sources.push(source);
    const reader = new ReaderService(sim, name, { source: writers.track(name, source), cache, lock: lock ?? undefined }, readerOptions(p));
    writers.readers.push(reader);
    return reader;
  });
  startQueries(sim, readers, p);
  return { hdfs, link, sources, disk, monitor, cache, lock, readers, writers };
}
