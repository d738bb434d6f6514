import { Event, type EventHost } from './event.js';

export interface AnyOfValue { index: number; value: unknown }

/**
 * Succeeds with the first of `events` to be processed ({index, value}); fails
 * if that first one failed. Later outcomes are ignored but defused, so a
 * failure nobody waits for any more does not stop the run.
 */
export function anyOf(host: EventHost, events: readonly Event<any>[]): Event<AnyOfValue> {
  const result = new Event<AnyOfValue>(host);
  if (events.length === 0) return result.succeed({ index: -1, value: undefined });
  events.forEach((ev, index) => {
    ev.addCallback((done) => {
      if (!done.ok) done.defused = true;
      if (result.triggered) return;
      if (done.ok) result.succeed({ index, value: done.value });
      else result.fail(done.error);
    });
  });
  return result;
}

/** Succeeds with every value, in order, once all `events` succeeded; fails at the first failure. */
export function allOf<T>(host: EventHost, events: readonly Event<T>[]): Event<T[]> {
  const result = new Event<T[]>(host);
  const values = new Array<T>(events.length);
  let remaining = events.length;
  if (remaining === 0) return result.succeed(values);
  events.forEach((ev, i) => {
    ev.addCallback((done) => {
      if (!done.ok) done.defused = true;
      if (result.triggered) return;
      if (!done.ok) { result.fail(done.error); return; }
      values[i] = done.value as T;
      if (--remaining === 0) result.succeed(values);
    });
  });
  return result;
}
