import type { Micros } from '../../src/kernel/time.js';
import { Tally, type WindowOutcome, type SlidingWindow, type WindowSnapshot } from './sliding-window.js';

/**
 * resilience4j COUNT_BASED window (resilience4j-core
 * `FixedSizeSlidingWindowMetrics`): a ring of the last `size` outcomes; each
 * record moves the head one slot, takes the outcome it overwrites out of
 * the total and puts the new one in. Time plays no part.
 */
export class FixedSizeWindow implements SlidingWindow {
  private readonly slots: (WindowOutcome | null)[];
  private readonly total = new Tally();
  private head = 0;

  constructor(readonly size: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`count window: size must be an integer >= 1, got ${size}`);
    this.slots = new Array<WindowOutcome | null>(size).fill(null);
  }

  record(_now: Micros, outcome: WindowOutcome): WindowSnapshot {
    this.head = (this.head + 1) % this.size;
    const evicted = this.slots[this.head];
    if (evicted !== null && evicted !== undefined) this.total.count(evicted, -1);
    this.slots[this.head] = outcome;
    this.total.count(outcome);
    return this.total.copy();
  }

  snapshot(_now: Micros): WindowSnapshot {
    return this.total.copy();
  }
}
