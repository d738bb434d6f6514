import { Event, type EventHost } from '../../src/kernel/event.js';

/**
 * Exclusive locks held to the end of a transaction, as PostgreSQL's row
 * locks are: an UPDATE of a row another open transaction updated waits for
 * it, and an INSERT whose key an uncommitted insert already holds in the
 * unique index waits for that transaction to end. Waiters are served in
 * arrival order (Postgres queues lock requests on a tuple the same way).
 *
 * Every transaction takes its keys in the same order (order id, then
 * product), so the table needs no deadlock detection.
 */
interface Entry<Owner> {
  holder: Owner;
  readonly queue: { readonly owner: Owner; readonly granted: Event<void> }[];
}

export class LockTable<Owner> {
  private readonly locks = new Map<string, Entry<Owner>>();
  private readonly held = new Map<Owner, string[]>();

  constructor(private readonly host: EventHost) {}

  /** Granted at once (already processed) when free, else when every earlier waiter has had the key and let go. */
  lock(key: string, owner: Owner): Event<void> {
    const granted = new Event<void>(this.host);
    const entry = this.locks.get(key);
    if (entry === undefined) {
      this.locks.set(key, { holder: owner, queue: [] });
      this.note(owner, key);
      return granted._settle(true, undefined);
    }
    entry.queue.push({ owner, granted });
    return granted;
  }

  holder(key: string): Owner | undefined {
    return this.locks.get(key)?.holder;
  }

  /** Lets go of one key early (an INSERT that found its row already committed keeps nothing). */
  unlock(key: string, owner: Owner): void {
    const keys = this.held.get(owner);
    const i = keys?.indexOf(key) ?? -1;
    if (i < 0) return;
    keys!.splice(i, 1);
    this.handOver(key);
  }

  /** COMMIT or ROLLBACK: every key the owner holds passes to its next waiter. */
  releaseAll(owner: Owner): void {
    const keys = this.held.get(owner);
    if (keys === undefined) return;
    this.held.delete(owner);
    for (const key of keys) this.handOver(key);
  }

  /** The server died: locks live in shared memory and are gone with it. Waiters are dropped unanswered. */
  clear(): void {
    this.locks.clear();
    this.held.clear();
  }

  private handOver(key: string): void {
    const entry = this.locks.get(key)!;
    const next = entry.queue.shift();
    if (next === undefined) { this.locks.delete(key); return; }
    entry.holder = next.owner;
    this.note(next.owner, key);
    next.granted.succeed();
  }

  private note(owner: Owner, key: string): void {
    const keys = this.held.get(owner);
    if (keys === undefined) this.held.set(owner, [key]);
    else keys.push(key);
  }
}
