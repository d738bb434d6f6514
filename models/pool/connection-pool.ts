import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { ExhaustionTrace } from './exhaustion-trace.js';

/**
 * A client-side connection pool as node-postgres `pg.Pool` (pg-pool 3.14)
 * and HikariCP behave when it is full (reference sheet section 9):
 * - at most `max` connections are checked out; a request beyond that joins
 *   an unbounded FIFO queue;
 * - `acquireTimeoutMs` is pg's `connectionTimeoutMillis`: 0 (pg's default)
 *   waits forever; otherwise the waiter is taken out of the queue and gets
 *   pg's exact error, 'timeout exceeded when trying to connect';
 * - a released connection goes straight to the first waiter, so nobody who
 *   arrives later can overtake the queue.
 *
 * Not modelled: connect time of a new client (min = 0, so pg opens clients
 * lazily; after the first few requests every slot has an idle client),
 * idleTimeoutMillis and maxLifetime (they cost a reconnect, not a slot).
 * A connection that broke is "released" too: pg-pool discards it and opens
 * a fresh one for the next request, which frees the same slot.
 */
export interface PoolOptions {
  readonly max: number;
  /** pg `connectionTimeoutMillis`; 0 waits forever (pg default). */
  readonly acquireTimeoutMs: number;
}

export type Acquired = { ok: true; release: () => void } | { ok: false; error: string };

/** pg-pool's message, word for word: callers match on it as real code does. */
export const POOL_TIMEOUT_ERROR = 'timeout exceeded when trying to connect';

interface Waiter {
  readonly granted: Event<Acquired>;
  timer: number;
}

export class ConnectionPool {
  readonly max: number;
  /** Most connections checked out at once. */
  peakInUse = 0;
  /** Longest queue of waiting requests. */
  peakWaiting = 0;
  /** Requests that gave up after acquireTimeoutMs. */
  timeouts = 0;
  /** Requests granted a connection, at once or after waiting. */
  grants = 0;
  private used = 0;
  /** Insertion-ordered, so the first entry is the longest waiter; deleting a timed-out one is O(1). */
  private readonly queue = new Set<Waiter>();
  private readonly byEvent = new Map<Event<Acquired>, Waiter>();
  private readonly acquireTimeout: Micros;
  private readonly exhaustion: ExhaustionTrace;

  constructor(private readonly sim: Simulation, readonly name: string, options: PoolOptions) {
    if (!(Number.isInteger(options.max) && options.max >= 1)) throw new Error(`pool ${name}: max must be a positive integer, got ${options.max}`);
    if (!(options.acquireTimeoutMs >= 0 && options.acquireTimeoutMs < Infinity)) {
      throw new Error(`pool ${name}: acquireTimeoutMs must be >= 0 (0 waits forever), got ${options.acquireTimeoutMs}`);
    }
    this.max = options.max;
    this.acquireTimeout = ms(options.acquireTimeoutMs);
    this.exhaustion = new ExhaustionTrace(sim, name);
  }

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.queue.size;
  }

  /**
   * A connection, or pg's timeout error. Granted at once (the event comes back
   * already processed, so a process continues without a queue trip) when a
   * slot is free; a free slot never coexists with waiters, because release
   * hands its slot to the first of them.
   */
  acquire(): Event<Acquired> {
    const granted = this.sim.event<Acquired>();
    if (this.used < this.max) {
      this.used++;
      this.grants++;
      if (this.used > this.peakInUse) this.peakInUse = this.used;
      return granted._settle(true, this.lease());
    }
    const w: Waiter = { granted, timer: -1 };
    if (this.acquireTimeout > 0) w.timer = this.sim.schedule(this.acquireTimeout, () => this.expire(w));
    this.queue.add(w);
    this.byEvent.set(granted, w);
    if (this.queue.size > this.peakWaiting) this.peakWaiting = this.queue.size;
    return granted;
  }

  /**
   * Withdraws a request still waiting in the queue (its caller died); true if
   * it was waiting. Its event never fires. A granted request is not affected:
   * release its connection instead.
   */
  cancel(request: Event<Acquired>): boolean {
    const w = this.byEvent.get(request);
    if (w === undefined) return false;
    this.unqueue(w);
    return true;
  }

  /** One checkout. Its release is idempotent: a second call would otherwise free someone else's slot. */
  private lease(): Acquired {
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.handBack();
      },
    };
  }

  private handBack(): void {
    const first = this.queue.values().next();
    if (!first.done) {
      // The slot passes straight to the longest waiter: `used` stays the same.
      const w = first.value;
      this.unqueue(w);
      this.grants++;
      w.granted.succeed(this.lease());
      return;
    }
    this.used--;
    this.exhaustion.slotIdle();
  }

  private expire(w: Waiter): void {
    if (!this.queue.has(w)) return;
    w.timer = -1; // it is firing now
    this.timeouts++;
    this.exhaustion.timedOut(this.max, this.queue.size);
    this.unqueue(w);
    w.granted.succeed({ ok: false, error: POOL_TIMEOUT_ERROR });
  }

  private unqueue(w: Waiter): void {
    this.queue.delete(w);
    this.byEvent.delete(w.granted);
    if (w.timer >= 0) this.sim.cancel(w.timer);
    w.timer = -1;
  }
}
