/** Seed 001's defense in depth against data corruption: a defect catalogue, layers 1-3 on the write path, a layer-4 reconciliation job, a write workload and a summary. */
export { DEFENSE_CHECK_LAYER, DEFENSE_CHECKS, DEFECT_CATALOGUE, DEFECT_KINDS, DEFENSE_LAYERS, DEFENSE_LAYER_NAMES, RECONCILIATION_CHECKS, type DefenseCheck, type DefectKind, type DefectSpec, type DefenseLayer, type ReconciliationCheck } from './defect-catalogue.js';
export { enabledChecks, reconciliationSees, screenWrite, type DefenseSwitches, type Rejection } from './defense-layers.js';
export { DEFAULT_DEFECT_MIX, drawDefects, prepareMix, type DefectMix, type PreparedMix } from './defect-mix.js';
export { ValidatedStore, type CorruptRow, type KindCounts, type ValidatedWrite } from './validated-store.js';
export { ReconciliationJob, DEFAULT_RECONCILIATION, type ReconciliationOptions } from './reconciliation.js';
export { startWriteWorkload, type WriteWorkloadOptions } from './write-workload.js';
export { validationSummary, type ValidationSummary } from './validation-summary.js';
export { type ValidationEvents, type ValidationRecord } from './validation-events.js';
export { ReleaseBug, BUG_PARAMS } from './release-bug.js';
