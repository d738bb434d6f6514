import type { RecordOf } from '../../src/kernel/trace-events.js';

/** The reader service's and its persistent cache's trace events (source: the reader's or the cache's name). */
export type ReaderEvents = {
  /** A fault corrupted cached entries (their checksums no longer match) or the index. */
  'cache-corrupted': { entries: number; index: boolean };
  /** The process waits for the cache directory's lock. */
  'lock-waiting': { holder: string | null };
  'lock-acquired': { waitedMs: number };
  /** try_lock failed: the process exits (its supervisor restarts it). */
  'lock-busy': { holder: string | null };
  /** Start-up: loading the persistent cache begins. */
  'load-started': { entries: number };
  /** Loading ended: entries kept, entries whose checksum failed. */
  'load-done': { loaded: number; corrupt: number };
  /** The cache is thrown away and rebuilt by a full scan (corrupt index, or a corrupt entry in rebuild-all mode). */
  rebuild: { reason: string };
  'scan-started': { files: number };
  'scan-done': { files: number; failed: number };
  /** Serving: how long start-up took. */
  ready: { startupMs: number };
  /** The memory cache's insert never returns (the seed's eviction loop with nothing left to evict). */
  'insert-stuck': { path: string; trackedBytes: number; maxBytes: number };
  'oom-kill': { memoryBytes: number; limitBytes: number; cachedFiles: number };
  stopped: { cause: string; dropped: number };
  started: { owner: string };
  /** First HDFS failure of a streak: answers now come from the disk cache (offline mode) or fail. */
  'hdfs-unreachable': { error: string };
  'hdfs-reachable': undefined;
};
export type ReaderRecord = RecordOf<ReaderEvents>;
