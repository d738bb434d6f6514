import { DEFENSE_CHECK_LAYER, DEFENSE_CHECKS, DEFECT_CATALOGUE, RECONCILIATION_CHECKS, type DefenseCheck, type DefectKind, type DefenseLayer, type ReconciliationCheck } from './defect-catalogue.js';

/**
 * Which layers and which checks inside them run. Both default to on: the
 * seed's design as drawn. A check runs only when its layer is on too, so
 * `{ layers: { L3: false } }` turns off every constraint at once and
 * `{ checks: { check: false } }` models a schema without CHECK constraints.
 */
export interface DefenseSwitches {
  readonly layers?: Partial<Record<DefenseLayer, boolean>>;
  readonly checks?: Partial<Record<DefenseCheck, boolean>>;
}

/** The checks that run under `switches`. */
export function enabledChecks(switches: DefenseSwitches = {}): ReadonlySet<DefenseCheck> {
  const on = new Set<DefenseCheck>();
  for (const c of DEFENSE_CHECKS) {
    if (switches.layers?.[DEFENSE_CHECK_LAYER[c]] !== false && switches.checks?.[c] !== false) on.add(c);
  }
  return on;
}

/** Why a write was refused: the layer, the check and the defect it saw. */
export interface Rejection {
  readonly layer: Exclude<DefenseLayer, 'L4'>;
  readonly check: DefenseCheck;
  readonly defect: DefectKind;
}

const WRITE_PATH: readonly Exclude<DefenseLayer, 'L4'>[] = ['L1', 'L2', 'L3'];

/**
 * The first enabled layer, on the write path L1 -> L2 -> L3, with a check
 * that sees one of the write's defects; null when the write persists. A
 * layer that refuses ends the request, so later layers never see it.
 * Within a layer the defects are tried in the write's order, then the
 * checks in catalogue order, so the named check is deterministic.
 */
export function screenWrite(defects: readonly DefectKind[], checks: ReadonlySet<DefenseCheck>): Rejection | null {
  for (const layer of WRITE_PATH) {
    for (const defect of defects) {
      for (const check of DEFECT_CATALOGUE[defect].caughtBy) {
        if (DEFENSE_CHECK_LAYER[check] === layer && checks.has(check)) return { layer, check, defect };
      }
    }
  }
  return null;
}

/** The enabled reconciliation checks that see at least one of the defects (empty: no scan will ever find the row). */
export function reconciliationSees(defects: readonly DefectKind[], checks: ReadonlySet<DefenseCheck>): ReconciliationCheck[] {
  const seen: ReconciliationCheck[] = [];
  for (const check of RECONCILIATION_CHECKS) {
    if (!checks.has(check)) continue;
    if (defects.some((d) => DEFECT_CATALOGUE[d].caughtBy.includes(check))) seen.push(check);
  }
  return seen;
}
