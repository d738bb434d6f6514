import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { bulkheadFullMessage, semaphoreAdmission, SEMAPHORE_DEFAULTS } from './admission.js';
import { PERMITTED, settleOutcome, type BulkheadOutcome, type Compartment } from './outcome.js';
import { RejectionEpisodes } from './rejection-episodes.js';
import { WaiterLine, type Waiting } from './waiter-line.js';

/**
 * resilience4j's `SemaphoreBulkhead` [R4J-BH-IMPL]: a fair
 * `java.util.concurrent.Semaphore` of `maxConcurrentCalls` permits, taken
 * with `tryAcquire(maxWaitDuration)`:
 * - a free permit is taken at once;
 * - when none is free the caller waits up to `maxWaitMs` in a FIFO line
 *   (`fairCallHandlingEnabled` true, the default) and a released permit
 *   goes straight to the longest waiter; with `maxWaitMs` 0 (the default)
 *   it is rejected at once;
 * - a rejected caller gets `BulkheadFullException` ("Bulkhead 'x' is full
 *   and does not permit further calls").
 *
 * Not modelled: `changeConfig` at run time; `fairCallHandlingEnabled`
 * false (a non-fair semaphore lets a newcomer barge in between a release
 * and the woken waiter's retry, an interval that has no length here, so it
 * would behave as the fair one); interruption of a waiting thread.
 */
export interface SemaphoreBulkheadOptions {
  /** `maxConcurrentCalls` (25); 0 rejects every call, as resilience4j allows. */
  readonly maxConcurrentCalls?: number;
  /** `maxWaitDuration` in ms (0: reject at once when full). */
  readonly maxWaitMs?: number;
  /** Quiet time that closes a rejection episode in the trace (rejection-episodes.ts). */
  readonly episodeQuietMs?: number;
}

interface Waiter extends Waiting {
  readonly granted: (arg: any) => void;
  readonly rejected: (error: string, arg: any) => void;
  readonly arg: unknown;
  readonly since: Micros;
}

export class SemaphoreBulkhead implements Compartment {
  readonly maxConcurrentCalls: number;
  readonly maxWaitMs: number;
  /** Calls let in, at once or after waiting (resilience4j's CALL_PERMITTED events). */
  permitted = 0;
  /** Calls turned away, at once or after `maxWaitMs` (CALL_REJECTED). */
  rejected = 0;
  /** Most calls inside at once. */
  peakConcurrent = 0;
  /** Longest line of waiting callers. */
  peakWaiting = 0;
  /** Calls that had to wait (then got in or gave up). */
  waited = 0;
  /** Total and longest wait of those calls, µs. */
  waitTotalUs = 0;
  waitMaxUs = 0;
  private used = 0;
  private readonly line: WaiterLine<Waiter>;
  private readonly episodes: RejectionEpisodes;
  private readonly fullMessage: string;
  /** The event `acquireEvent` is deciding inside its own call, so a decision there settles it without a queue trip. */
  private deciding: Event<BulkheadOutcome> | null = null;
  private readonly grantEvent = (ev: Event<BulkheadOutcome>) => settleOutcome(ev, ev === this.deciding, PERMITTED);
  private readonly rejectEvent = (error: string, ev: Event<BulkheadOutcome>) => settleOutcome(ev, ev === this.deciding, { ok: false, error });

  constructor(private readonly sim: Simulation, readonly name: string, options: SemaphoreBulkheadOptions = {}) {
    const max = options.maxConcurrentCalls ?? SEMAPHORE_DEFAULTS.maxConcurrentCalls;
    const waitMs = options.maxWaitMs ?? SEMAPHORE_DEFAULTS.maxWaitMs;
    // BulkheadConfig.Builder's checks: maxConcurrentCalls >= 0, maxWaitDuration >= 0.
    if (!(Number.isInteger(max) && max >= 0)) throw new Error(`bulkhead ${name}: maxConcurrentCalls must be an integer value >= 0, got ${max}`);
    if (!(waitMs >= 0 && waitMs < Infinity)) throw new Error(`bulkhead ${name}: maxWaitMs must be >= 0 and finite, got ${waitMs}`);
    this.maxConcurrentCalls = max;
    this.maxWaitMs = waitMs;
    this.fullMessage = bulkheadFullMessage(name);
    this.line = new WaiterLine<Waiter>(sim, ms(waitMs), (w) => this.expire(w));
    this.episodes = new RejectionEpisodes(sim, name, options.episodeQuietMs);
  }

  /** Calls inside now. */
  get inUse(): number {
    return this.used;
  }

  /** Callers waiting for a permit now. */
  get waiting(): number {
    return this.line.size;
  }

  /** resilience4j's `getAvailableConcurrentCalls()`. */
  get available(): number {
    return this.maxConcurrentCalls - this.used;
  }

  /**
   * Asks for a permit: `granted(arg)` when in (before this returns if a
   * permit is free), `rejected(message, arg)` when full (before this
   * returns if `maxWaitMs` is 0, else once the wait runs out). Exactly one
   * of them is called, once. Each grant is matched by one `release()`.
   */
  acquire<A>(granted: (arg: A) => void, rejected: (error: string, arg: A) => void, arg: A): void {
    const decision = semaphoreAdmission(this.used, this.line.size, this.maxConcurrentCalls, this.maxWaitMs);
    if (decision === 'grant') {
      this.permitted++;
      if (++this.used > this.peakConcurrent) this.peakConcurrent = this.used;
      granted(arg);
    } else if (decision === 'reject') {
      this.noteRejected();
      rejected(this.fullMessage, arg);
    } else {
      this.line.push({ waiting: true, granted, rejected, arg, since: this.sim.now });
      if (this.line.size > this.peakWaiting) this.peakWaiting = this.line.size;
    }
  }

  /**
   * `onComplete()`: gives a permit back. With callers waiting it passes
   * straight to the longest waiter (the count inside stays the same), so a
   * caller arriving at this very instant cannot overtake the line.
   */
  release(): void {
    if (this.used === 0) throw new Error(`bulkhead ${this.name}: release() without a permit in use`);
    const w = this.line.shift();
    if (w === undefined) { this.used--; return; }
    this.noteWait(w);
    this.permitted++;
    w.granted(w.arg);
  }

  /** A process's view of `acquire`: the event's value says in or full. Release with `release()`. */
  acquireEvent(): Event<BulkheadOutcome> {
    const ev = this.sim.event<BulkheadOutcome>();
    this.deciding = ev;
    this.acquire(this.grantEvent, this.rejectEvent, ev);
    this.deciding = null;
    return ev;
  }

  /**
   * Takes the caller that passed `arg` (or the event `acquireEvent`
   * returned) out of the line, as a thread interrupted while waiting
   * leaves the semaphore's queue; neither callback will be called. True if
   * it was waiting. Linear in the line's length: for rare withdrawals.
   */
  withdraw(arg: unknown): boolean {
    const w = this.line.find((x) => x.arg === arg);
    return w !== undefined && this.line.remove(w);
  }

  enter<A>(onEnter: (arg: A) => void, onReject: (error: string, arg: A) => void, arg: A): void {
    this.acquire(onEnter, onReject, arg);
  }

  exit(): void {
    this.release();
  }

  private expire(w: Waiter): void {
    this.noteWait(w);
    this.noteRejected();
    w.rejected(this.fullMessage, w.arg);
  }

  private noteWait(w: Waiter): void {
    const waited = this.sim.now - w.since;
    this.waited++;
    this.waitTotalUs += waited;
    if (waited > this.waitMaxUs) this.waitMaxUs = waited;
  }

  private noteRejected(): void {
    this.rejected++;
    this.episodes.rejected(this.maxConcurrentCalls, this.used, this.line.size);
  }
}
