import type { StoredValue } from './keyspace.js';

/**
 * What a Redis server keeps on disk, and so what survives its process.
 * Loss on crash [RDOC-PERSIST], [REDIS-CONF]: none keeps nothing; RDB keeps
 * the last completed snapshot (minutes of writes lost); AOF everysec keeps
 * what the last fsync covered (about 1 s lost); AOF always fsyncs before
 * answering, so it loses nothing that was acknowledged.
 */
export interface Persistence {
  /** A key changed (null: removed); called for every change, in order. */
  changed(key: string, value: StoredValue | null): void;
  /** Once a second while the process runs: the everysec fsync, the save-point check. */
  everySecond(): void;
  /**
   * The process died. Whatever was only in its memory is gone; data written
   * to the file but not fsynced survives only if the kernel's page cache does
   * (`pageCacheSurvives`: the process alone was killed, the machine was not).
   */
  crash(pageCacheSurvives: boolean): void;
  /** SHUTDOWN (SIGTERM): the final save or fsync a clean stop performs. */
  shutdown(): void;
  /** The server (re)started with an empty or just-loaded dataset. */
  started(): void;
  /** What a starting server would load. */
  onDisk(): ReadonlyMap<string, StoredValue>;
}
