import type { RecordOf } from '../../src/kernel/trace-events.js';

/** A PID/lock file's trace events (source: the lock's name). */
export type LockFileEvents = {
  /** A waiter found the file older than the stale timeout and replaced it. */
  'stale-lock-broken': { previousOwner: string; ageMs: number; newOwner: string };
  /** Someone removed the lock file by hand (the `remove-lock-file` fault). */
  'lock-file-removed': { previousOwner: string | null };
};
export type LockFileRecord = RecordOf<LockFileEvents>;
