import type { Micros } from '../../src/kernel/time.js';

/** The lock file's content and age: who wrote it and when it was last touched. */
export interface LockFileState {
  readonly owner: string;
  readonly touchedAt: Micros;
}

/** What a process that wants the lock does with the file it finds. */
export type LockFileVerdict = 'create' | 'own' | 'break-stale' | 'busy';

/**
 * The lock-file convention (a PID file created with O_CREAT|O_EXCL, Rust's
 * `create_new(true)`): the file's existence is the lock, so it outlives a
 * holder that dies without removing it. A waiter may treat a file untouched
 * for `staleAfterUs` as abandoned and replace it; Infinity: never (only a
 * manual removal frees it). Pure.
 */
export function lockFileVerdict(file: LockFileState | null, owner: string, now: Micros, staleAfterUs: Micros): LockFileVerdict {
  if (file === null) return 'create';
  if (file.owner === owner) return 'own';
  return now - file.touchedAt >= staleAfterUs ? 'break-stale' : 'busy';
}
