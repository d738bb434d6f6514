import type { Callback } from './event-queue.js';
import { formatTime, type Micros } from './time.js';

/**
 * Events a run may process at one instant before it is taken to be stuck:
 * a model that reschedules itself with zero delay forever would otherwise
 * hang the run with the clock standing still. The built-in scenarios peak
 * at 62 events at one instant (scenario-a; flux scenarios at most 32), so
 * a million is far from any real fan-out, and a stuck loop is stopped
 * within about a second. `SimulationOptions.maxEventsPerInstant` raises it.
 */
export const MAX_EVENTS_PER_INSTANT = 1_000_000;

/** The error a run stops with when virtual time stops advancing. */
export class StalledClock extends Error {
  override name = 'StalledClock';
}

/** Built only when the limit is hit (never on the hot path): says where the clock stood and what was looping. */
export function stalledClock(limit: number, now: Micros, fn: Callback, arg: unknown): StalledClock {
  const named = (arg as { name?: unknown } | null | undefined)?.name;
  const what = typeof named === 'string' ? `process "${named}"` : fn.name !== '' ? `callback ${fn.name}()` : 'an anonymous callback';
  return new StalledClock(
    `virtual time stopped advancing: ${limit} events at t=${formatTime(now)} without the clock moving, the last one in ${what}; ` +
    'a loop that sleeps or schedules with zero delay never lets time pass (give it a positive delay)',
  );
}
