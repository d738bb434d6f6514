import { US_PER_S, type Micros } from '../../src/kernel/time.js';
import { Tally, type WindowOutcome, type SlidingWindow, type WindowSnapshot } from './sliding-window.js';

/**
 * resilience4j TIME_BASED window (resilience4j-core `SlidingTimeWindowMetrics`, [R4J-STW]):
 * `size` one-second buckets keyed by epoch second, so the window holds the
 * current, partial second plus the `size - 1` whole seconds before it. Each
 * record or snapshot first moves the head to the current epoch second,
 * clearing (and subtracting from the total) every bucket it passes.
 *
 * Simulation time 0 stands for an epoch-second boundary: a bucket is
 * `floor(now / 1 s)`, as `clock.instant().getEpochSecond()` would be for a
 * clock started on a whole second.
 */
export class TimeWindow implements SlidingWindow {
  private readonly buckets: Tally[] = [];
  private readonly seconds: number[] = [];
  private readonly total = new Tally();
  private head = 0;

  constructor(readonly sizeSeconds: number, createdAtUs: Micros) {
    if (!(Number.isInteger(sizeSeconds) && sizeSeconds >= 1)) throw new Error(`time window: size must be an integer >= 1 (seconds), got ${sizeSeconds}`);
    // The constructor's buckets: epoch seconds s0, s0 + 1, ... with the head on s0.
    const s0 = epochSecond(createdAtUs);
    for (let i = 0; i < sizeSeconds; i++) {
      this.buckets.push(new Tally());
      this.seconds.push(s0 + i);
    }
  }

  record(now: Micros, outcome: WindowOutcome): WindowSnapshot {
    this.total.count(outcome);
    this.moveToSecond(epochSecond(now)).count(outcome);
    return this.total.copy();
  }

  snapshot(now: Micros): WindowSnapshot {
    this.moveToSecond(epochSecond(now));
    return this.total.copy();
  }

  /** `moveWindowToCurrentEpochSecond`: at most `size` steps, each clearing the bucket it lands on. */
  private moveToSecond(current: number): Tally {
    const diff = current - this.seconds[this.head]!;
    if (diff <= 0) return this.buckets[this.head]!;
    let steps = Math.min(diff, this.sizeSeconds);
    do {
      steps--;
      this.head = (this.head + 1) % this.sizeSeconds;
      const bucket = this.buckets[this.head]!;
      this.total.subtract(bucket);
      bucket.reset();
      this.seconds[this.head] = current - steps;
    } while (steps > 0);
    return this.buckets[this.head]!;
  }
}

function epochSecond(t: Micros): number {
  return Math.floor(t / US_PER_S);
}
