import { MAX_RUN_MS } from '../kernel/time.js';
import { BadInput } from '../scenario/settings.js';

/**
 * A run's length in ms, checked: a finite number from 0 to MAX_RUN_MS (see
 * time.ts for why that is the limit). `what` names where it came from, for
 * the one-line error.
 */
export function checkRunLength(value: unknown, what: string): number {
  if (typeof value === 'number' && value >= 0 && value <= MAX_RUN_MS) return value;
  const shown = typeof value === 'number' ? String(value) : typeof value;
  throw new BadInput(`${what} ${shown}: expected a run length in ms from 0 to ${MAX_RUN_MS} (about 285 years, the range the µs clock counts exactly)`);
}
