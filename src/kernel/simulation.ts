import { allOf, anyOf, type AnyOfValue } from './conditions.js';
import { Event } from './event.js';
import { EventQueue, type Callback } from './event-queue.js';
import { FaultInjector } from './faults.js';
import { MetricRegistry } from './metrics/registry.js';
import { NORMAL } from './priority.js';
import { Process, type ProcessGenerator } from './process.js';
import { RandomStream } from './rng.js';
import { MAX_EVENTS_PER_INSTANT, stalledClock } from './stalled-clock.js';
import type { Micros } from './time.js';
import { Trace } from './trace.js';

/**
 * Every relative delay the simulation accepts, as the queue takes it: whole
 * µs, not negative, finite (an event at Infinity would carry the clock there).
 */
function wholeDelay(what: string, delay: Micros): Micros {
  if (!(delay >= 0 && delay < Infinity)) throw new Error(`${what}: negative, NaN or infinite delay ${delay}`);
  return Math.round(delay);
}

export interface SimulationOptions {
  /** The run's seed; every random stream derives from it and its own name. */
  readonly seed: number | string;
  /** Events at one instant before the run stops as stuck (default MAX_EVENTS_PER_INSTANT, see stalled-clock.ts). */
  readonly maxEventsPerInstant?: number;
}

/**
 * The one object every model receives: clock, event queue, processes, random
 * streams, trace, faults and metrics of a single run. Nothing in a run lives
 * outside it, so two simulations in one process never interfere.
 */
export class Simulation {
  /** Current virtual time in µs. */
  now: Micros = 0;
  /** Events processed so far. */
  eventCount = 0;
  readonly seed: number | string;
  readonly queue = new EventQueue();
  readonly trace = new Trace(this);
  readonly metrics = new MetricRegistry(this);
  readonly faults = new FaultInjector(this, this.trace);
  private readonly streams = new Map<string, RandomStream>();
  private readonly maxEventsPerInstant: number;
  /** Events processed at `now` so far (the stuck-clock guard's counter). */
  private eventsAtNow = 0;

  constructor(options: SimulationOptions) {
    this.seed = options.seed;
    this.maxEventsPerInstant = options.maxEventsPerInstant ?? MAX_EVENTS_PER_INSTANT;
  }

  /** The random stream named `name`, independent of every other stream. */
  rng(name: string): RandomStream {
    let s = this.streams.get(name);
    if (s === undefined) this.streams.set(name, (s = new RandomStream(this.seed, name)));
    return s;
  }

  // ---- callback core: the hot path, no allocation per event ----

  /** Calls `fn(arg)` after `delay` µs; returns a token for `cancel`. */
  schedule(delay: Micros, fn: Callback, arg?: unknown, priority = NORMAL): number {
    // Checked now, in the model's call (its file:line), not when the event comes due.
    if (typeof fn !== 'function') throw new TypeError(`schedule: expected a function to call, got ${fn === null ? 'null' : `a ${typeof fn}`}`);
    return this.queue.push(this.now + wholeDelay('schedule', delay), priority, fn, arg);
  }

  /** Calls `fn(arg)` at absolute time `time` (not earlier than now). */
  at(time: Micros, fn: Callback, arg?: unknown, priority = NORMAL): number {
    if (!(time >= this.now && time < Infinity)) throw new Error(`at: invalid time ${time} (now ${this.now})`);
    if (typeof fn !== 'function') throw new TypeError(`at: expected a function to call, got ${fn === null ? 'null' : `a ${typeof fn}`}`);
    return this.queue.push(Math.round(time), priority, fn, arg);
  }

  cancel(token: number): boolean {
    return this.queue.cancel(token);
  }

  // ---- events and processes ----

  event<T = unknown>(): Event<T> {
    return new Event<T>(this);
  }

  /** An event that succeeds with `value` after `delay` µs. */
  timeout<T = undefined>(delay: Micros, value?: T): Event<T> {
    return new Event<T>(this).triggerIn(wholeDelay('timeout', delay), value);
  }

  /** What a process yields to sleep: `yield sim.sleep(ms(100))`. Allocates nothing. */
  sleep(delay: Micros): number {
    return wholeDelay('sleep', delay);
  }

  /** Starts a generator as a process at the current instant. */
  process<R>(gen: ProcessGenerator<R>, name?: string): Process<R> {
    return new Process<R>(this, gen, name);
  }

  anyOf(events: readonly Event<any>[]): Event<AnyOfValue> {
    return anyOf(this, events);
  }

  allOf<T>(events: readonly Event<T>[]): Event<T[]> {
    return allOf(this, events);
  }

  /**
   * Waits for `event` at most `delay` µs: succeeds with {ok: true, value} or
   * {ok: false} on timeout. Failures of `event` propagate.
   */
  within<T>(event: Event<T>, delay: Micros): Event<{ ok: true; value: T } | { ok: false }> {
    const result = new Event<{ ok: true; value: T } | { ok: false }>(this);
    const timer = this.schedule(delay, () => { if (!result.triggered) result.succeed({ ok: false }); });
    event.addCallback((done) => {
      if (!done.ok) done.defused = true;
      if (result.triggered) return;
      this.cancel(timer);
      if (done.ok) result.succeed({ ok: true, value: done.value as T });
      else result.fail(done.error);
    });
    return result;
  }

  // ---- running ----

  /** Time of the next event, Infinity if none. */
  peek(): Micros {
    return this.queue.peekTime();
  }

  /** Processes one event; false when nothing is left. */
  step(): boolean {
    const q = this.queue;
    const slot = q.popSlot();
    if (slot < 0) return false;
    const t = q.timeOf(slot);
    const fn = q.fns[slot]!, arg = q.args[slot];
    q.release(slot);
    if (t !== this.now) { this.now = t; this.eventsAtNow = 0; }
    if (++this.eventsAtNow > this.maxEventsPerInstant) throw stalledClock(this.maxEventsPerInstant, t, fn, arg);
    this.eventCount++;
    fn(arg);
    return true;
  }

  /**
   * Processes events up to and including time `until` (µs), then leaves the
   * clock at `until`. Without `until`, runs until the queue is empty.
   */
  run(until: Micros = Infinity): void {
    const q = this.queue;
    const limit = this.maxEventsPerInstant;
    // The stuck-clock guard: one counter and one compare per event, kept in a local.
    let atNow = this.eventsAtNow;
    for (;;) {
      const slot = q.popSlotUntil(until);
      if (slot < 0) break;
      const t = q.timeOf(slot);
      const fn = q.fns[slot]!, arg = q.args[slot];
      q.release(slot);
      if (t !== this.now) { this.now = t; atNow = 0; }
      if (++atNow > limit) { this.eventsAtNow = atNow; throw stalledClock(limit, t, fn, arg); }
      this.eventCount++;
      fn(arg);
    }
    if (until !== Infinity && until > this.now) { this.now = until; atNow = 0; }
    this.eventsAtNow = atNow;
  }
}
