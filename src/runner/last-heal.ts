import type { Fault } from '../kernel/faults.js';
import type { Micros } from '../kernel/time.js';
import { US_PER_MS } from '../kernel/time.js';

/**
 * When the last fault of a schedule is over, in µs: a fault ends when it is
 * delivered, or later by its own `...AfterMs` parameter (`recoverAfterMs` of
 * a node crash, `restartAfterMs` of a broker crash), the models' convention
 * for a fault that undoes itself. A fault undone by another (an `isolate`
 * and its `heal`) ends with that other one, which is in the schedule too.
 * Derived from the schedule alone, so a faults file replays the same
 * `eventually` deadlines as the check that wrote it. 0 without faults.
 */
export function lastHeal(faults: readonly Fault[]): Micros {
  let last = 0;
  for (const f of faults) {
    let end = f.at;
    for (const [key, value] of Object.entries(f.params ?? {})) {
      if (key.endsWith('AfterMs') && typeof value === 'number' && Number.isFinite(value) && value > 0) end = Math.max(end, f.at + value * US_PER_MS);
    }
    last = Math.max(last, end);
  }
  return last;
}
