import { US_PER_MS, type Micros } from '../../src/kernel/time.js';

/**
 * opossum's rolling statistics (nodeshift/opossum lib/status.js, v10; also
 * [OPO-S]): `rollingCountBuckets` buckets, the newest first, rotated by a
 * repeating JS timer of floor(rollingCountTimeout / rollingCountBuckets) ms that
 * starts when the breaker is built. A count goes into the newest bucket at
 * the time it happens and leaves the window when its bucket is rotated out.
 * Opening and closing the breaker reset nothing.
 *
 * Rotation is evaluated lazily from the creation time: at a rotation instant
 * the rotation happens before any count at that same instant (the timer is
 * due first).
 */
export interface OpossumStats {
  readonly fires: number;
  readonly failures: number;
  readonly successes: number;
  readonly rejects: number;
}

type Counter = keyof OpossumStats;

export class OpossumStatus {
  private readonly bucketUs: Micros;
  /** Newest first, as `this[WINDOW]`; index = age in rotations. */
  private readonly window: Record<Counter, number>[] = [];
  /** Rotations done so far since creation. */
  private rotations = 0;

  constructor(private readonly createdAtUs: Micros, rollingCountTimeoutMs: number, buckets: number) {
    const bucketMs = Math.floor(rollingCountTimeoutMs / buckets);
    if (!(Number.isInteger(buckets) && buckets >= 1 && bucketMs >= 1)) {
      throw new Error(`opossum breaker: need rollingCountBuckets >= 1 and a bucket of >= 1 ms, got ${buckets} buckets over ${rollingCountTimeoutMs} ms`);
    }
    this.bucketUs = bucketMs * US_PER_MS;
    for (let i = 0; i < buckets; i++) this.window.push(emptyBucket());
  }

  increment(now: Micros, counter: Counter): void {
    this.rotateTo(now);
    this.window[0]![counter]++;
  }

  /** The window's totals at `now` (`get stats`). */
  stats(now: Micros): OpossumStats {
    this.rotateTo(now);
    const t = emptyBucket();
    for (const b of this.window) {
      t.fires += b.fires;
      t.failures += b.failures;
      t.successes += b.successes;
      t.rejects += b.rejects;
    }
    return t;
  }

  /** `nextBucket` once per elapsed interval: pop the oldest, unshift an empty one. */
  private rotateTo(now: Micros): void {
    const due = Math.floor((now - this.createdAtUs) / this.bucketUs);
    const steps = Math.min(due - this.rotations, this.window.length);
    for (let i = 0; i < steps; i++) {
      this.window.pop();
      this.window.unshift(emptyBucket());
    }
    if (due > this.rotations) this.rotations = due;
  }
}

function emptyBucket(): Record<Counter, number> {
  return { fires: 0, failures: 0, successes: 0, rejects: 0 };
}
