import seedrandom from 'seedrandom';

/**
 * One named random stream. Streams are derived from (seed, name) alone, never
 * from the order streams were created or drawn from, so adding a component
 * or a draw in one model leaves every other model's numbers unchanged.
 * Algorithm: seedrandom's Alea (passes BigCrush; string seeds hashed by Mash).
 */
export class RandomStream {
  private readonly next01: () => number;
  /** Box-Muller's second normal, NaN when there is none. */
  private spare = NaN;

  constructor(readonly seed: string | number, readonly name: string) {
    this.next01 = seedrandom.alea(`${seed}/${name}`);
  }

  /** Uniform on [0, 1). */
  next(): number {
    return this.next01();
  }

  /** Uniform on [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next01();
  }

  /** Uniform integer on [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next01() * (hi - lo + 1));
  }

  /** Exponential with the given mean (not rate). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next01());
  }

  /**
   * Normal by Box-Muller: one pair of uniforms gives two independent
   * normals; the second is kept for the next call (models draw a normal per
   * message latency, so this halves the logarithms, roots and uniforms).
   */
  normal(mean = 0, sd = 1): number {
    const spare = this.spare;
    if (spare === spare) {
      this.spare = NaN;
      return mean + sd * spare;
    }
    const u1 = 1 - this.next01();
    const u2 = this.next01();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  }

  /** Log-normal given its median and the sigma of the underlying normal. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Weibull with scale and shape (shape 1 is exponential). */
  weibull(scale: number, shape: number): number {
    return scale * Math.pow(-Math.log(1 - this.next01()), 1 / shape);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next01() < p;
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error(`rng ${this.name}: choice from an empty list`);
    return items[Math.floor(this.next01() * items.length)]!;
  }
}
