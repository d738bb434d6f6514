import type { Simulation } from '../../src/kernel/simulation.js';
import { TimeoutQueue } from '../../src/kernel/timeout-queue.js';
import type { Micros } from '../../src/kernel/time.js';

/** What a waiter carries for the line: whether it still waits (set by the line). */
export interface Waiting {
  waiting: boolean;
}

/**
 * A first-come, first-served line of waiters who all give up after the same
 * maximum wait (a fair semaphore's `tryAcquire(timeout)`, SQLAlchemy's
 * QueuePool `timeout`). Because the wait limit is shared, the longest waiter
 * is both the next to be served and the next to expire, so one kernel
 * TimeoutQueue (one pending timer for the whole line) stands in for a timer
 * per waiter, and a waiter served in time costs no timer event at all.
 *
 * Removal is lazy: a waiter that was served, expired or withdrawn is only
 * marked, and skipped when the front reaches it.
 */
export class WaiterLine<T extends Waiting> {
  private readonly items: (T | undefined)[] = [];
  private head = 0;
  private count = 0;
  private readonly timeouts: TimeoutQueue<T> | null;

  /** `maxWait` Infinity waits forever (no timer at all). */
  constructor(sim: Simulation, maxWait: Micros, expired: (item: T) => void) {
    this.timeouts = maxWait === Infinity
      ? null
      : new TimeoutQueue<T>(sim, maxWait, (w) => w.waiting, (w) => {
        w.waiting = false;
        this.count--;
        expired(w);
      });
  }

  /** Waiters still in the line. */
  get size(): number {
    return this.count;
  }

  push(item: T): void {
    item.waiting = true;
    this.items.push(item);
    this.count++;
    this.timeouts?.start(item);
  }

  /** The longest waiter, taken out of the line (no longer waiting); undefined if nobody waits. */
  shift(): T | undefined {
    const items = this.items;
    while (this.head < items.length) {
      const w = items[this.head]!;
      items[this.head++] = undefined;
      if (w.waiting) {
        w.waiting = false;
        this.count--;
        this.compact();
        return w;
      }
    }
    this.compact();
    return undefined;
  }

  /** Takes `item` out of the line if it still waits; true if it did. */
  remove(item: T): boolean {
    if (!item.waiting) return false;
    item.waiting = false;
    this.count--;
    return true;
  }

  /** The first waiter still in the line that `match` accepts (a linear scan: for rare withdrawals). */
  find(match: (item: T) => boolean): T | undefined {
    for (let i = this.head; i < this.items.length; i++) {
      const w = this.items[i];
      if (w !== undefined && w.waiting && match(w)) return w;
    }
    return undefined;
  }

  /** Drops the consumed front once it is most of the array, so the array does not grow without bound. */
  private compact(): void {
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }
}
