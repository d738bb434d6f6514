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
    if (this.count === 0) return NaN;
    this.sort();
    // q * count / 100 carries float error (99.9% of 1000 is 999.0000000000001):
    // shave a relative 1e-12 before the ceiling so an exact rank is not pushed up one.
    const x = (q * this.count) / 100;
    const rank = Math.min(this.count, Math.max(1, Math.ceil(x - x * 1e-12)));
    return this.values[rank - 1]!;
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
