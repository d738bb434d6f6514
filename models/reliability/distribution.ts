import type { RandomStream } from '../../src/kernel/rng.js';
import { gamma } from './gamma.js';

/**
 * A duration distribution in ms: how long a component lives, or how long
 * its repair takes.
 * - exponential: memoryless; the classic MTTF/MTTR model (shape 1 Weibull).
 * - weibull: shape < 1 is infant mortality, > 1 wear-out (disks, fans).
 * - lognormal: repair times, which are mostly quick with a long tail
 *   (a restart vs. a replacement shipped from a warehouse).
 */
export type Distribution =
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'weibull'; readonly scale: number; readonly shape: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number };

export type DistributionKind = Distribution['kind'];

/** One draw, in ms. Uses the stream's own samplers so every model draws the same way. */
export function sampleDistribution(d: Distribution, rng: RandomStream): number {
  switch (d.kind) {
    case 'exponential': return rng.exponential(d.mean);
    case 'weibull': return rng.weibull(d.scale, d.shape);
    case 'lognormal': return rng.lognormal(d.median, d.sigma);
  }
}

/** The mean in ms: MTTF or MTTR of a component with this distribution. */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case 'exponential': return d.mean;
    case 'weibull': return d.scale * gamma(1 + 1 / d.shape);
    case 'lognormal': return d.median * Math.exp((d.sigma * d.sigma) / 2);
  }
}

/**
 * The distribution of `kind` with the given mean. `shape` is the Weibull
 * shape or the lognormal sigma (ignored for exponential). Documents quote
 * MTTF and MTTR; this keeps the mean fixed while the shape changes, so a
 * sweep over shapes compares like with like.
 */
export function distributionWithMean(kind: DistributionKind, mean: number, shape = 1): Distribution {
  switch (kind) {
    case 'exponential': return { kind, mean };
    case 'weibull': return { kind, scale: mean / gamma(1 + 1 / shape), shape };
    case 'lognormal': return { kind, median: mean / Math.exp((shape * shape) / 2), sigma: shape };
  }
}

/** Throws on parameters that would draw NaN, negative or infinite durations. */
export function checkDistribution(d: Distribution, what: string): void {
  const positive = (name: string, v: number) => {
    if (!(v > 0 && v < Infinity)) throw new Error(`${what}: ${d.kind} ${name} must be a positive number, got ${v}`);
  };
  switch (d.kind) {
    case 'exponential': positive('mean', d.mean); break;
    case 'weibull': positive('scale', d.scale); positive('shape', d.shape); break;
    case 'lognormal':
      positive('median', d.median);
      // sigma 0 is allowed: a fixed duration (a repair that always takes 4 h).
      if (!(d.sigma >= 0 && d.sigma < Infinity)) throw new Error(`${what}: lognormal sigma must be a non-negative number, got ${d.sigma}`);
      break;
  }
}
