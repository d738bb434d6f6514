import type { Micros } from '../../src/kernel/time.js';

/**
 * A sum over a sliding window of time, ported line by line from
 * twitter/util `WindowedAdder` [TWUTIL-WA] with the clock passed in.
 *
 * The range is cut into `slices` windows of `range / slices` (integer
 * division, as the Scala `Long`s do): the head slice takes writes, the other
 * `slices - 1` hold the sums of past windows in a ring. The first read or
 * write at least one window after the last rotation rotates once: the head's
 * sum goes into the ring, and if whole windows went by unseen that many
 * older slots are zeroed as well. The rotation time is that read's `now`,
 * not a window boundary, so windows drift with the traffic, as in the
 * original. A value therefore counts for between slices - 1 and slices windows.
 */
export class WindowedAdder {
  private readonly window: Micros;
  private readonly n: number;
  private readonly buf: number[];
  private head = 0;
  private i = 0;
  private old: Micros;

  constructor(rangeUs: Micros, slices: number, start: Micros) {
    if (!(slices > 1) || !Number.isInteger(slices)) throw new RangeError(`windowed adder: slices must be an integer > 1, got ${slices}`);
    this.window = Math.trunc(rangeUs / slices);
    if (!(this.window > 0)) throw new RangeError(`windowed adder: range ${rangeUs} µs is shorter than ${slices} slices`);
    this.n = slices - 1;
    this.buf = new Array<number>(this.n).fill(0);
    this.old = start;
  }

  add(now: Micros, x: number): void {
    if (now - this.old >= this.window) this.expired(now);
    this.head += x;
  }

  sum(now: Micros): number {
    if (now - this.old >= this.window) this.expired(now);
    let s = this.head;
    for (const v of this.buf) s += v;
    return s;
  }

  /** `WindowedAdder.expired()`: credit the head to the current slice, skip the windows nobody saw. */
  private expired(now: Micros): void {
    const { buf, n } = this;
    buf[this.i] = this.head;
    this.head = 0;
    this.i = (this.i + 1) % n;
    const nskip = Math.min(Math.trunc((now - this.old) / this.window) - 1, n);
    if (nskip > 0) {
      const r = Math.min(nskip, n - this.i);
      buf.fill(0, this.i, this.i + r);
      buf.fill(0, 0, nskip - r);
      this.i = (this.i + nskip) % n;
    }
    this.old = now;
  }
}
