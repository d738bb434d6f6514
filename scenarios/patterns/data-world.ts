import type { Simulation } from '../../src/scenario/index.js';
import { ReconciliationJob, ValidatedStore, startWriteWorkload } from '../../models/validation/index.js';
import type { PatternsParams } from './params.js';

export interface DataWorld {
  readonly store: ValidatedStore;
}

/**
 * Seed 001's defence in depth: writes at `ratePerS`, `invalidFraction` of
 * them carrying a defect from the catalogue, screened by input validation
 * (L1), domain validation (L2) and database constraints (L3), each a
 * switch; what persists is found, or not, by the reconciliation job (L4)
 * every `reconcileIntervalMs`. Writes stop two intervals before the end so
 * the last scans see them.
 */
export function buildDataWorld(sim: Simulation, p: PatternsParams): DataWorld {
  const on = (v: 'on' | 'off') => v === 'on';
  const store = new ValidatedStore(sim, 'orders', {
    layers: { L1: on(p.inputValidation), L2: on(p.domainValidation), L3: on(p.dbConstraints), L4: on(p.reconciliation) },
  });
  new ReconciliationJob(sim, store, { intervalMs: p.reconcileIntervalMs, scanMs: p.reconcileScanMs });
  startWriteWorkload(sim, store, { ratePerS: p.ratePerS, untilMs: Math.max(0, p.durationMs - 2 * p.reconcileIntervalMs), invalidFraction: p.invalidFraction });
  return { store };
}
