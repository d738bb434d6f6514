/** A WAL record: the client's logical write id at a position (1-based LSN in records). */
export interface WalRecord {
  readonly lsn: number;
  readonly writeId: number;
  readonly timeline: number;
}

/** Length of the common prefix of two WALs (pg_rewind's divergence point). */
export function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
