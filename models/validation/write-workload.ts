import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { startPoissonArrivals } from '../client/workload.js';
import type { DefectKind } from './defect-catalogue.js';
import { DEFAULT_DEFECT_MIX, drawDefects, prepareMix, type DefectMix } from './defect-mix.js';
import type { ValidatedStore } from './validated-store.js';

export interface WriteWorkloadOptions {
  /** Writes per second, valid and invalid together (a Poisson process). */
  readonly ratePerS: number;
  /** Last arrival time (ms). */
  readonly untilMs: number;
  /**
   * Fraction of writes that carry a defect. ASSUMPTION (default 0.01): no
   * measured figure; read yours off the API's validation-error rate plus
   * what reconciliation finds.
   */
  readonly invalidFraction?: number;
  /** What the invalid writes carry (default DEFAULT_DEFECT_MIX). */
  readonly mix?: DefectMix;
  /** Chance of one more defect after each drawn one (default 0: one defect per invalid write). */
  readonly extraDefectProbability?: number;
}

/**
 * Open-loop writes into a store: a Poisson stream of writes, each invalid
 * with probability `invalidFraction` (so the invalid ones are a Poisson
 * stream too, at rate * fraction, by thinning), each invalid one with
 * defects drawn from the mix.
 *
 * Randomness: `validation/<name>/arrivals` for the gaps and
 * `validation/<name>/defects` for validity and defects. Neither depends on
 * the store's switches, so runs that differ only in which layers are on see
 * the same writes: a paired comparison shows only what the layers changed.
 */
export function startWriteWorkload(sim: Simulation, store: ValidatedStore, options: WriteWorkloadOptions): void {
  const fraction = options.invalidFraction ?? 0.01;
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`validation workload: invalidFraction must be in [0, 1], got ${fraction}`);
  const mix = prepareMix(options.mix ?? DEFAULT_DEFECT_MIX);
  const extra = options.extraDefectProbability ?? 0;
  const defectRng = sim.rng(`validation/${store.name}/defects`);
  const none: readonly DefectKind[] = [];
  startPoissonArrivals(sim, sim.rng(`validation/${store.name}/arrivals`), options.ratePerS, ms(options.untilMs), (index) => {
    const defects = defectRng.bernoulli(fraction) ? drawDefects(defectRng, mix, extra) : none;
    store.write(defects, index);
  });
}
