import type { DirLock } from './dir-lock.js';

interface Waiter {
  readonly owner: string;
  readonly granted: () => void;
}

/**
 * An advisory flock(2) lock as fs2 uses it on Unix [FS2-RS]: `lock_exclusive`
 * is `flock(fd, LOCK_EX)`, which blocks until no one else holds the lock;
 * `try_lock_exclusive` adds LOCK_NB and fails with EWOULDBLOCK instead. The
 * lock belongs to the open file, not to the file's existence: the lock file
 * the seed creates stays on disk, but the kernel drops the lock when the
 * last descriptor closes, which a process's death does [FLOCK-2]. So a
 * crashed holder never blocks the next process. Waiters are granted in the
 * order they asked (flock(2) does not say which blocked waiter wins: FIFO is
 * a deterministic stand-in). Pure: no time.
 */
export class Flock implements DirLock {
  private owner: string | null = null;
  private waiters: Waiter[] = [];
  acquisitions = 0;
  contended = 0;

  get holder(): string | null {
    return this.owner;
  }

  /** Owners blocked in lock_exclusive. */
  get waiting(): readonly string[] {
    return this.waiters.map((w) => w.owner);
  }

  lockExclusive(owner: string, granted: () => void): void {
    if (this.owner === null || this.owner === owner) return this.grant(owner, granted);
    this.contended++;
    this.waiters.push({ owner, granted });
  }

  tryLockExclusive(owner: string): boolean {
    if (this.owner !== null && this.owner !== owner) {
      this.contended++;
      return false;
    }
    this.grant(owner, () => {});
    return true;
  }

  unlock(owner: string): void {
    if (this.owner !== owner) return;
    this.owner = null;
    const next = this.waiters.shift();
    if (next !== undefined) this.grant(next.owner, next.granted);
  }

  /** The kernel closes the dead process's descriptors: its lock is released and its wait ends. */
  processExited(owner: string): void {
    this.waiters = this.waiters.filter((w) => w.owner !== owner);
    this.unlock(owner);
  }

  private grant(owner: string, granted: () => void): void {
    this.owner = owner;
    this.acquisitions++;
    granted();
  }
}
