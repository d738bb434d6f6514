import type { Micros } from '../../src/kernel/time.js';
import { WindowedAdder } from './windowed-adder.js';

/**
 * twitter/util `TokenBucket.newLeakyBucket(ttl, reserve, nowMs)` [TWUTIL-TB]:
 * tokens put in expire after about `ttl` (a WindowedAdder of 10 slices over
 * ttl), and `reserve` tokens are always there on top. The count is the
 * windowed sum plus the reserve; a get succeeds when the count covers it and
 * is recorded as a negative put, which expires like any other. So taking
 * from the reserve borrows against the next ttl: the debt stays until it
 * slides out of the window ("This is what you get for eating all of your
 * candy right away", TokenBucketTest "provisions reserves").
 */
export class LeakyTokenBucket {
  private readonly w: WindowedAdder;

  constructor(ttlUs: Micros, private readonly reserve: number, start: Micros) {
    this.w = new WindowedAdder(ttlUs, 10, start);
  }

  put(now: Micros, n: number): void {
    if (!(n >= 0)) throw new RangeError(`leaky bucket: put needs n >= 0, got ${n}`);
    this.w.add(now, n);
  }

  tryGet(now: Micros, n: number): boolean {
    if (!(n >= 0)) throw new RangeError(`leaky bucket: tryGet needs n >= 0, got ${n}`);
    const ok = this.count(now) >= n;
    if (ok) this.w.add(now, -n);
    return ok;
  }

  count(now: Micros): number {
    return this.w.sum(now) + this.reserve;
  }
}
