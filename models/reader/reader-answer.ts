import type { Micros } from '../../src/kernel/time.js';

/**
 * A query's answer: `hit` (memory cache), `miss` (read from HDFS, then
 * cached), `stale` (HDFS failed; served from the disk cache: the seed's
 * offline fallback, possibly behind the log's current content), `error`.
 */
export type ReaderAnswerKind = 'hit' | 'miss' | 'stale' | 'error';

/**
 * Why a query failed: `down` (no process: connection refused), `not-ready`
 * (loading or scanning), `hdfs` (HDFS failed, no fallback), `no-cache` (HDFS
 * failed and the disk cache lacks the file), `corrupt` (the disk copy failed
 * its checksum), `reset` (the process died with the query in it).
 */
export type ReaderErrorReason = 'down' | 'not-ready' | 'hdfs' | 'no-cache' | 'corrupt' | 'reset';

export interface ReaderAnswer {
  readonly kind: ReaderAnswerKind;
  readonly path: string;
  readonly latencyUs: Micros;
  readonly reason?: ReaderErrorReason | undefined;
}
