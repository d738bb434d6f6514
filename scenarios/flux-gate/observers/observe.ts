import type { Simulation } from '../../../src/scenario/index.js';
import type { FluxSystem } from '../../../models/flux/flux-system.js';
import { OrderOutcomes } from './order-outcomes.js';
import { PeakLag } from './peak-lag.js';

/** What Flux-Gate's observers measured. */
export interface FluxObserved {
  readonly peakLag: PeakLag;
  readonly outcomes: OrderOutcomes;
}

/** Flux-Gate's measurement, set up right after the models and before any fault. */
export function observeFlux(system: FluxSystem, sim: Simulation): FluxObserved {
  return { peakLag: new PeakLag(sim, system.broker), outcomes: new OrderOutcomes(system.sale) };
}
