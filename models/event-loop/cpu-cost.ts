import type { RandomStream } from '../../src/kernel/rng.js';
import { ms, type Micros } from '../../src/kernel/time.js';

/**
 * CPU time of one piece of work, in ms: constant (M/D/1 in the tables of
 * next-models §5.2), exponential (M/M/1) or lognormal (model inference:
 * mostly near its median, with a long tail).
 */
export type CpuCost =
  | { readonly kind: 'constant'; readonly ms: number }
  | { readonly kind: 'exponential'; readonly meanMs: number }
  | { readonly kind: 'lognormal'; readonly medianMs: number; readonly sigma: number };

/** One draw in whole µs (the clock's unit), never negative. */
export function sampleCpuCost(cost: CpuCost, rng: RandomStream): Micros {
  switch (cost.kind) {
    case 'constant': return ms(cost.ms);
    case 'exponential': return ms(rng.exponential(cost.meanMs));
    case 'lognormal': return ms(rng.lognormal(cost.medianMs, cost.sigma));
  }
}

/** The mean in ms (for ρ = λ·E[S] in a scenario's claims). */
export function cpuCostMeanMs(cost: CpuCost): number {
  switch (cost.kind) {
    case 'constant': return cost.ms;
    case 'exponential': return cost.meanMs;
    case 'lognormal': return cost.medianMs * Math.exp((cost.sigma * cost.sigma) / 2);
  }
}

/** Refuses a cost that would put NaN or a negative delay on the clock. */
export function checkCpuCost(what: string, cost: CpuCost): void {
  const v = cost.kind === 'constant' ? cost.ms : cost.kind === 'exponential' ? cost.meanMs : cost.medianMs;
  if (!(v >= 0 && v < Infinity)) throw new Error(`${what}: CPU cost must be a finite ms >= 0, got ${v}`);
  if (cost.kind === 'lognormal' && !(cost.sigma >= 0 && cost.sigma < Infinity)) throw new Error(`${what}: lognormal sigma must be >= 0, got ${cost.sigma}`);
}
