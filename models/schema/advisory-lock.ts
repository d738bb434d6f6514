/**
 * A session-level advisory lock on one key, as PostgreSQL's
 * `pg_advisory_lock` (blocks, waiters queue) and `pg_try_advisory_lock`
 * (returns false at once) [PG-ADVISORY]. Held until unlocked or the session
 * ends: a migration job that dies frees it, unlike a lock row in a table.
 * No clock: the waiter decides when to give up waiting.
 */
export class AdvisoryLock {
  holder: string | null = null;
  private readonly waiters: { readonly session: string; readonly granted: () => void }[] = [];

  /** `pg_try_advisory_lock`: taken, or false if another session holds it. */
  tryLock(session: string): boolean {
    if (this.holder === null || this.holder === session) { this.holder = session; return true; }
    return false;
  }

  /** `pg_advisory_lock`: taken now (true), or queued behind the holder (false) and `granted` is called when it passes to this session. */
  lockOrWait(session: string, granted: () => void): boolean {
    if (this.tryLock(session)) return true;
    if (!this.waiters.some((w) => w.session === session)) this.waiters.push({ session, granted });
    return false;
  }

  /** A waiting session gave up (lock timeout, cancelled). */
  stopWaiting(session: string): void {
    const i = this.waiters.findIndex((w) => w.session === session);
    if (i >= 0) this.waiters.splice(i, 1);
  }

  /** The holder unlocks (or its session ends): the first waiter holds it now and is told. */
  unlock(session: string): void {
    if (this.holder !== session) return;
    const next = this.waiters.shift();
    this.holder = next?.session ?? null;
    next?.granted();
  }

  get waiting(): readonly string[] { return this.waiters.map((w) => w.session); }
}
