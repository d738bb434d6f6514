import type { Event } from './event.js';

/**
 * `const value = yield* wait(ev)`: waits for `ev` inside a process and gives
 * its value with its type. A generator has one type for every `yield`
 * expression, so `(yield ev) as T` would need a cast at each site; this keeps
 * the cast here. The process sees the same `yield ev`: a failed event's error
 * is thrown at the `yield*` (`throw` passes it on), and a kill's `return`
 * ends the wait so the caller's `finally` blocks run.
 *
 * A one-shot iterator rather than a generator function: `yield*` over it
 * costs one small object per wait instead of a suspended generator, on the
 * request paths that wait several times per request.
 */
class OneWait<T> implements Iterator<Event<T>, T, T> {
  private yielded = false;
  constructor(private readonly ev: Event<T>) {}
  [Symbol.iterator](): this { return this; }
  next(value?: T): IteratorResult<Event<T>, T> {
    if (this.yielded) return { done: true, value: value as T };
    this.yielded = true;
    return { done: false, value: this.ev };
  }
  throw(error: unknown): IteratorResult<Event<T>, T> { throw error; }
  return(value?: T): IteratorResult<Event<T>, T> { return { done: true, value: value as T }; }
}

export function wait<T>(ev: Event<T>): Iterable<Event<T>, T, T> {
  return new OneWait(ev);
}
