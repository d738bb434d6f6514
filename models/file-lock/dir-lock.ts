/**
 * An exclusive lock on a directory that processes share (seed 003's cache
 * directory). `owner` names one process incarnation: a restarted process is
 * a new owner, as it is a new PID.
 */
export interface DirLock {
  /** Blocks until the lock is free: `granted` is called then (at once if it is free now). */
  lockExclusive(owner: string, granted: () => void): void;
  /** Fails fast: true when the lock is now held by `owner`, false when another holds it (EWOULDBLOCK). */
  tryLockExclusive(owner: string): boolean;
  /** The holder lets go (a waiter is granted it). */
  unlock(owner: string): void;
  /** The process exited or was killed: its waits end; what happens to a held lock depends on the kind. */
  processExited(owner: string): void;
  /** Who holds it now, null when free. */
  readonly holder: string | null;
}
