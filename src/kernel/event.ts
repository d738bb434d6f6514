import type { EventQueue } from './event-queue.js';
import { NORMAL } from './priority.js';

/** What an event needs from the simulation: the clock and the queue. */
export interface EventHost {
  readonly now: number;
  readonly queue: EventQueue;
}

export type EventCallback<T> = (event: Event<T>) => void;

const PENDING = 0, TRIGGERED = 1, PROCESSED = 2;

function fire(event: Event<unknown>): void {
  event._fire();
}

/**
 * A one-shot occurrence that processes can wait on (SimPy's `Event`).
 * Life cycle: pending -> triggered (value set, scheduled) -> processed
 * (callbacks ran). A failed event that nobody waits on is an error of the
 * model and stops the run, unless it was defused.
 */
export class Event<T = unknown> {
  value: T | undefined = undefined;
  error: unknown = undefined;
  ok = true;
  defused = false;
  /** @internal */ state = PENDING;
  private first: EventCallback<T> | null = null;
  private rest: EventCallback<T>[] | null = null;

  constructor(readonly host: EventHost) {}

  get triggered(): boolean { return this.state !== PENDING; }
  get processed(): boolean { return this.state === PROCESSED; }

  /** Triggers the event now; its callbacks run when the queue reaches it. */
  succeed(value?: T, priority = NORMAL): this {
    this.trigger(priority, 0);
    this.value = value;
    return this;
  }

  fail(error: unknown, priority = NORMAL): this {
    this.trigger(priority, 0);
    this.ok = false;
    this.error = error;
    return this;
  }

  /** @internal Triggers the event `delay` µs from now (timeouts). */
  triggerIn(delay: number, value: T | undefined, priority = NORMAL): this {
    this.trigger(priority, delay);
    this.value = value;
    return this;
  }

  /** Runs `cb` when the event is processed; at once if it already was. */
  addCallback(cb: EventCallback<T>): void {
    if (this.state === PROCESSED) { cb(this); return; }
    if (this.first === null) this.first = cb;
    else (this.rest ??= []).push(cb);
  }

  removeCallback(cb: EventCallback<T>): void {
    if (this.first === cb) {
      this.first = this.rest !== null && this.rest.length > 0 ? this.rest.shift()! : null;
    } else if (this.rest !== null) {
      const i = this.rest.indexOf(cb);
      if (i >= 0) this.rest.splice(i, 1);
    }
  }

  /** @internal Called by the queue. */
  _fire(): void {
    this.state = PROCESSED;
    const first = this.first, rest = this.rest;
    this.first = null;
    this.rest = null;
    if (first === null) {
      if (!this.ok && !this.defused) throw this.error;
      return;
    }
    first(this);
    if (rest !== null) for (const cb of rest) cb(this);
  }

  /** @internal Marks a just-made event as already processed (no queue trip). */
  _settle(ok: boolean, valueOrError: unknown): this {
    this.state = PROCESSED;
    this.ok = ok;
    if (ok) this.value = valueOrError as T; else { this.error = valueOrError; this.defused = true; }
    return this;
  }

  private trigger(priority: number, delay: number): void {
    if (this.state !== PENDING) throw new Error('event already triggered');
    this.state = TRIGGERED;
    this.host.queue.push(this.host.now + delay, priority, fire, this);
  }
}
