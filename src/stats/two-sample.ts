/**
 * Two-sample tests for "did a change move this distribution?": run the same
 * scenario over two sets of seeds (before and after a change, or two
 * disjoint seed ranges of the same code) and ask whether a metric's values,
 * or a claim's pass rate, could come from one distribution.
 *
 * Many failsim metrics are mostly 0 or take a handful of values (lost
 * writes, oversold units), so the textbook Kolmogorov-Smirnov p-value,
 * derived for continuous data, does not apply: with ties it overstates p
 * (the test goes blind). The p-value here is a permutation p-value of the
 * KS statistic, exact in distribution for any data, ties included, because
 * under H0 every split of the pooled values into the two sample sizes is
 * equally likely (Conover, Practical Nonparametric Statistics, 3rd ed.
 * 1999, ch. 6, the Smirnov test; Hollander, Wolfe & Chicken,
 * Nonparametric Statistical Methods, 3rd ed. 2014, on permutation tests).
 * Pure functions: the permutations come from a seeded RandomStream, so the
 * same samples always give the same p-value.
 */
import { RandomStream } from '../kernel/rng.js';

export const KS_PERMUTATIONS = 2000;
const KS_SEED = 'ks-two-sample';

export interface KsTwoSample {
  readonly n: number;
  readonly m: number;
  /** D = max over x of |F_a(x) - F_b(x)|, the empirical CDFs' largest gap. */
  readonly d: number;
  /**
   * Monte Carlo permutation p-value (1 + #{D* >= D}) / (1 + permutations):
   * counting the observed split among the permutations keeps it a valid
   * p-value, P(p <= alpha) <= alpha under H0, and never 0 (Phipson & Smyth,
   * "Permutation p-values should never be zero", SAGMB 9(1), 2010). Its
   * Monte Carlo standard error is about sqrt(p(1-p)/permutations).
   */
  readonly pPermutation: number;
  readonly permutations: number;
  /** Whether any value occurs more than once in the pooled sample. */
  readonly ties: boolean;
  /**
   * Kolmogorov's limiting p-value Q(sqrt(nm/(n+m)) D) (Smirnov 1939), for
   * reference; null when there are ties, where it is wrong (too large).
   */
  readonly pAsymptotic: number | null;
}

export interface KsOptions {
  /** Random splits drawn; 2000 resolves p down to 1/2001 (default). */
  readonly permutations?: number;
  /** Seed of the permutation stream (a fixed default: results are repeatable). */
  readonly seed?: string | number;
}

/** The pooled values in order: which sample each came from, and where a run of equal values ends. */
interface Pooled {
  readonly fromA: Uint8Array;
  readonly lastOfValue: Uint8Array;
  readonly distinct: number;
}

function pool(a: readonly number[], b: readonly number[]): Pooled {
  const all = [...a.map((v) => ({ v, fromA: 1 })), ...b.map((v) => ({ v, fromA: 0 }))].sort((x, y) => x.v - y.v);
  const fromA = Uint8Array.from(all, (x) => x.fromA);
  const lastOfValue = new Uint8Array(all.length);
  let distinct = 0;
  for (let i = 0; i < all.length; i++) {
    // The CDFs may only be compared after the last of equal values: inside a tie they step together.
    if (i === all.length - 1 || all[i + 1]!.v !== all[i]!.v) {
      lastOfValue[i] = 1;
      distinct++;
    }
  }
  return { fromA, lastOfValue, distinct };
}

/**
 * n·m·D for a labelling of the pooled values: an integer (|count_a·m -
 * count_b·n| at each step), so "D* >= D" is compared exactly, never
 * through rounded fractions.
 */
function scaledD(fromA: Uint8Array, lastOfValue: Uint8Array, n: number, m: number): number {
  let inA = 0, inB = 0, max = 0;
  for (let i = 0; i < fromA.length; i++) {
    if (fromA[i] === 1) inA++;
    else inB++;
    if (lastOfValue[i] === 1) {
      const gap = Math.abs(inA * m - inB * n);
      if (gap > max) max = gap;
    }
  }
  return max;
}

/** Fisher-Yates (Knuth, TAOCP vol. 2, Algorithm 3.4.2P): a uniform permutation from any starting order. */
function shuffle(labels: Uint8Array, stream: RandomStream): void {
  for (let i = labels.length - 1; i > 0; i--) {
    const j = stream.int(0, i);
    const t = labels[i]!;
    labels[i] = labels[j]!;
    labels[j] = t;
  }
}

function checkSample(xs: readonly number[], what: string): void {
  if (xs.length === 0) throw new RangeError(`ksTwoSample: sample ${what} is empty`);
  if (!xs.every(Number.isFinite)) throw new RangeError(`ksTwoSample: sample ${what} holds a value that is not a finite number`);
}

/**
 * Two-sample Kolmogorov-Smirnov test, two-sided, with a permutation
 * p-value. The result depends only on the two multisets of values (not on
 * their order) and the seed. Cost: O((n+m) log(n+m)) to sort, then
 * O(n+m) per permutation (500 vs 500 with 2000 permutations: ~2M steps).
 */
export function ksTwoSample(a: readonly number[], b: readonly number[], options: KsOptions = {}): KsTwoSample {
  checkSample(a, 'a');
  checkSample(b, 'b');
  const permutations = options.permutations ?? KS_PERMUTATIONS;
  if (!Number.isInteger(permutations) || permutations < 1) throw new RangeError(`ksTwoSample: permutations must be a positive integer, not ${permutations}`);
  const n = a.length, m = b.length;
  const pooled = pool(a, b);
  const observed = scaledD(pooled.fromA, pooled.lastOfValue, n, m);
  const ties = pooled.distinct < n + m;
  const d = observed / (n * m);
  const pAsymptotic = ties ? null : kolmogorovSurvival(Math.sqrt((n * m) / (n + m)) * d);
  // D* >= 0 always: every permutation counts, so p is exactly 1 without drawing any.
  if (observed === 0) return { n, m, d, pPermutation: 1, permutations, ties, pAsymptotic };
  const stream = new RandomStream(options.seed ?? KS_SEED, 'stats/ks-permutation');
  // The labels start in a fixed order (not the samples'), so p depends on the values alone.
  const labels = new Uint8Array(n + m).fill(1, 0, n);
  let atLeast = 0;
  for (let k = 0; k < permutations; k++) {
    shuffle(labels, stream);
    if (scaledD(labels, pooled.lastOfValue, n, m) >= observed) atLeast++;
  }
  return { n, m, d, pPermutation: (1 + atLeast) / (1 + permutations), permutations, ties, pAsymptotic };
}

/**
 * P(K > x) for Kolmogorov's limiting distribution K (scipy's
 * kstwobign.sf). Two series, each fast where the other is slow (Press et
 * al., Numerical Recipes, 3rd ed. 2007, §6.14.12): below 1.18 the Jacobi
 * theta form sqrt(2π)/x Σ exp(-(2k-1)²π²/(8x²)) of the CDF, above it
 * 2 Σ (-1)^(k-1) exp(-2k²x²) for the tail.
 */
export function kolmogorovSurvival(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x < 1.18) {
    let cdf = 0;
    for (let k = 1; k <= 20; k++) cdf += Math.exp(-((2 * k - 1) ** 2) * Math.PI ** 2 / (8 * x * x));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / x) * cdf));
  }
  let tail = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    tail += k % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * tail));
}

/**
 * Fisher's exact test, two-sided, of "the pass rate is the same" for
 * `passedA` of `runsA` against `passedB` of `runsB` (Fisher 1935; Agresti,
 * Categorical Data Analysis, 3rd ed. 2013, §3.5). Chosen over the z test
 * because claim pass rates sit at or near 0% and 100% ("500 of 500 runs
 * lost nothing"), where the z test's normal approximation and its
 * standard error break down (0/0 at 500 of 500 against 40 of 40); Fisher's
 * is exact at any counts and, conditioning on the margins, conservative:
 * its false-alarm rate never exceeds the nominal one. The two-sided
 * p-value sums the tables no more probable than the observed one (within a
 * relative 1e-7, as R's fisher.test and scipy.stats.fisher_exact do).
 */
export function fisherExact(passedA: number, runsA: number, passedB: number, runsB: number): number {
  for (const [k, n] of [[passedA, runsA], [passedB, runsB]] as const) {
    if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n) throw new RangeError(`fisherExact: ${k} passed of ${n} runs is not a count`);
  }
  const weights = hypergeometricWeights(runsA, passedA + passedB, runsA + runsB);
  const lo = Math.max(0, passedA + passedB - runsB);
  const observed = weights[passedA - lo]! * (1 + 1e-7);
  let total = 0, asExtreme = 0;
  for (const w of weights) {
    total += w;
    if (w <= observed) asExtreme += w;
  }
  return Math.min(1, asExtreme / total);
}

/**
 * Unnormalised hypergeometric probabilities of x passes among the `drawn`
 * runs of sample A, for x from its least to its largest possible value,
 * given `passes` over all `total` runs. Built outwards from the mode with
 * the ratio P(x+1)/P(x) = (K-x)(n-x) / ((x+1)(N-K-n+x+1)), so no factorial
 * is ever formed: far tails underflow to 0, where they belong.
 */
function hypergeometricWeights(drawn: number, passes: number, total: number): number[] {
  const lo = Math.max(0, drawn + passes - total);
  const hi = Math.min(drawn, passes);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((drawn + 1) * (passes + 1)) / (total + 2))));
  const w = new Array<number>(hi - lo + 1).fill(0);
  w[mode - lo] = 1;
  for (let x = mode; x < hi; x++) w[x + 1 - lo] = (w[x - lo]! * (passes - x) * (drawn - x)) / ((x + 1) * (total - passes - drawn + x + 1));
  for (let x = mode; x > lo; x--) w[x - 1 - lo] = (w[x - lo]! * x * (total - passes - drawn + x)) / ((passes - x + 1) * (drawn - x + 1));
  return w;
}
