import type { Micros } from './time.js';

/** What a timeout queue needs from the simulation: the clock and a way to be called back. */
interface Scheduler {
  readonly now: Micros;
  at(time: Micros, fn: (arg: any) => void, arg?: unknown): number;
}

/**
 * Timeouts that all have the same length, such as a client's read timeout.
 * They expire in the order they were started, so one FIFO and one pending
 * timer stand in for a timer per request: a request answered in time costs
 * no event and no cancelled heap entry, and the timer fires about once per
 * timeout length (plus once per request that really times out).
 *
 * Exact: an item still waiting at its deadline expires at that very
 * microsecond, as with a timer of its own. `waiting(item)` says whether it
 * still waits; an item that got its answer is simply skipped (settling
 * needs no call here).
 */
export class TimeoutQueue<T> {
  /** Items by position; undefined once settled or expired. */
  private readonly items: (T | undefined)[] = [];
  private readonly deadlines: Micros[] = [];
  private head = 0;
  /** Positions dropped from the front so far: a ticket is dropped + position. */
  private dropped = 0;
  /** Time the pending timer fires, -1 when none is pending. */
  private timerAt = -1;
  /** True while expired callbacks run: an item they start is armed once they are done. */
  private expiring = false;
  private readonly fire = () => this.expire();

  constructor(
    private readonly sim: Scheduler,
    readonly delay: Micros,
    private readonly waiting: (item: T) => boolean,
    private readonly expired: (item: T) => void,
  ) {
    if (!(delay >= 0 && delay < Infinity)) throw new Error(`TimeoutQueue: invalid delay ${delay}`);
  }

  /**
   * Starts `item`'s timeout now: `expired(item)` runs at now + delay if it
   * is still waiting then. Returns a ticket for `settle`.
   */
  start(item: T): number {
    const deadline = this.sim.now + Math.round(this.delay);
    const ticket = this.dropped + this.items.length;
    this.items.push(item);
    this.deadlines.push(deadline);
    if (this.timerAt < 0 && !this.expiring) this.arm(deadline);
    return ticket;
  }

  /**
   * The item of `ticket` got its answer: forget it now rather than when the
   * timer passes it, so an answered request is garbage at once (young)
   * instead of living on for the whole timeout. Optional: an item that stopped
   * waiting is skipped anyway.
   */
  settle(ticket: number): void {
    const pos = ticket - this.dropped;
    if (pos >= this.head && pos < this.items.length) this.items[pos] = undefined;
  }

  /** Items started and not yet expired or passed over (settled ones included until the timer passes them). */
  get size(): number {
    return this.items.length - this.head;
  }

  private arm(time: Micros): void {
    this.timerAt = time;
    this.sim.at(time, this.fire);
  }

  private expire(): void {
    this.timerAt = -1;
    this.expiring = true;
    const now = this.sim.now;
    // Answered items are dropped whatever their deadline, so the timer next sleeps until the first one still waiting.
    while (this.head < this.items.length) {
      const item = this.items[this.head];
      const waits = item !== undefined && this.waiting(item);
      if (waits && this.deadlines[this.head]! > now) break;
      this.items[this.head++] = undefined;
      if (waits) this.expired(item);
    }
    this.expiring = false;
    this.compact();
    if (this.head < this.items.length) this.arm(this.deadlines[this.head]!);
  }

  /** Drops the consumed front once it is most of the arrays, so they do not grow without bound. */
  private compact(): void {
    if (this.head === this.items.length) {
      this.dropped += this.head;
      this.items.length = 0;
      this.deadlines.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.dropped += this.head;
      this.items.splice(0, this.head);
      this.deadlines.splice(0, this.head);
      this.head = 0;
    }
  }
}
