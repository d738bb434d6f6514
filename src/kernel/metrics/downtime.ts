import type { Micros } from '../time.js';

export interface Window { start: Micros; end: Micros | null }

/**
 * Periods when something was unavailable. `down`/`up` are idempotent, so a
 * model can report every failed and successful attempt without tracking
 * whether it already did.
 */
export class DowntimeTracker {
  readonly windows: Window[] = [];

  constructor(readonly name: string) {}

  get isDown(): boolean {
    const last = this.windows[this.windows.length - 1];
    return last !== undefined && last.end === null;
  }

  down(now: Micros): void {
    if (!this.isDown) this.windows.push({ start: now, end: null });
  }

  up(now: Micros): void {
    if (this.isDown) this.windows[this.windows.length - 1]!.end = now;
  }

  /** Total downtime, with an open window counted until `now`. */
  total(now: Micros): Micros {
    let sum = 0;
    for (const w of this.windows) sum += (w.end ?? now) - w.start;
    return sum;
  }

  /** The longest single window, open ones counted until `now`. */
  longest(now: Micros): Micros {
    let best = 0;
    for (const w of this.windows) best = Math.max(best, (w.end ?? now) - w.start);
    return best;
  }
}
