import { percentile } from './percentile.js';

/**
 * Every observed value, so percentiles are exact (nearest rank) rather than
 * bucketed: our runs observe thousands to a few million values, which fit.
 */
export class Histogram {
  private values = new Float64Array(256);
  private sorted = true;
  count = 0;
  sum = 0;

  constructor(readonly name: string) {}

  add(v: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = v;
    this.sum += v;
    this.sorted = false;
  }

  /** Nearest-rank percentile, q in [0, 100]; NaN when empty. */
  percentile(q: number): number {
    this.sort();
    return percentile(this.values.subarray(0, this.count), q);
  }

  mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  min(): number { return this.percentile(0); }
  max(): number { return this.percentile(100); }

  private sort(): void {
    if (this.sorted) return;
    this.values.subarray(0, this.count).sort();
    this.sorted = true;
  }
}
