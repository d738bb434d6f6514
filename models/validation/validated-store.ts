import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import { ReleaseBug } from './release-bug.js';
import { Hooks } from '../client/hooks.js';
import { DEFECT_KINDS, type DefenseCheck, type DefectKind, type DefenseLayer, type ReconciliationCheck } from './defect-catalogue.js';
import { enabledChecks, reconciliationSees, screenWrite, type DefenseSwitches, type Rejection } from './defense-layers.js';

/** A persisted row that carries at least one defect. */
export interface CorruptRow {
  /** Position in the table (0, 1, 2... over all persisted rows, valid ones included). */
  readonly seq: number;
  /** The write's index in the workload. */
  readonly index: number;
  readonly writtenAt: Micros;
  readonly defects: readonly DefectKind[];
  /** The enabled reconciliation checks that can see it; empty: it will never be found. */
  readonly seenBy: readonly ReconciliationCheck[];
  /** When a reconciliation scan reported it; -1 while nobody knows. */
  detectedAt: Micros;
}

export interface ValidatedWrite {
  readonly index: number;
  readonly defects: readonly DefectKind[];
  /** The refusing layer and check, or null: the write was persisted. */
  readonly rejection: Rejection | null;
  /** The row, when a write with defects was persisted. */
  readonly corrupt: CorruptRow | null;
}

/** One defect kind's fate; a write with two kinds counts under both. */
export interface KindCounts {
  written: number;
  rejected: number;
  persisted: number;
  detected: number;
}

const NO_DEFECTS: readonly DefectKind[] = [];

/**
 * A table behind layers 1-3 of seed 001's defense in depth: each write runs
 * the enabled checks in layer order and is refused by the first one that
 * sees one of its defects, else persisted. Corrupt rows are kept (valid rows
 * only counted) for the reconciliation job (reconciliation.ts) to find.
 * Checks take no virtual time: what is modelled is which layer stops what,
 * not validation latency.
 */
export class ValidatedStore {
  writes = 0;
  invalidWrites = 0;
  /** Writes refused, by layer and by check. */
  readonly rejectedByLayer: Record<Exclude<DefenseLayer, 'L4'>, number> = { L1: 0, L2: 0, L3: 0 };
  readonly rejectedByCheck: Partial<Record<DefenseCheck, number>> = {};
  /** Rows persisted, valid and corrupt. */
  rows = 0;
  readonly corruptRows: CorruptRow[] = [];
  readonly byKind = {} as Record<DefectKind, KindCounts>;
  readonly checks: ReadonlySet<DefenseCheck>;
  /** Called for every write after it was refused or stored (measurement only, see Hooks). */
  readonly onWrite = new Hooks<ValidatedWrite>();
  /** Called when a scan reports a corrupt row, after `detectedAt` is set. */
  readonly onDetected = new Hooks<CorruptRow>();
  /** Corrupt rows some enabled reconciliation check can see and no scan has reported yet, in `seq` order. */
  private undetected: CorruptRow[] = [];

  /** The `bug` fault: a release that silently corrupts a share of writes while it runs. */
  private readonly bug: ReleaseBug;

  constructor(private readonly sim: Simulation, readonly name: string, readonly switches: DefenseSwitches = {}) {
    this.checks = enabledChecks(switches);
    this.bug = new ReleaseBug(sim, name);
    for (const k of DEFECT_KINDS) this.byKind[k] = { written: 0, rejected: 0, persisted: 0, detected: 0 };
  }

  /** One write with the given defects (none: a valid write). */
  write(drawn: readonly DefectKind[] = NO_DEFECTS, index = this.writes): ValidatedWrite {
    const defects = this.bug.strikes() && !drawn.includes('silent-corruption') ? [...drawn, 'silent-corruption' as const] : drawn;
    this.writes++;
    if (defects.length > 0) this.invalidWrites++;
    const rejection = defects.length === 0 ? null : screenWrite(defects, this.checks);
    let corrupt: CorruptRow | null = null;
    if (rejection !== null) {
      this.rejectedByLayer[rejection.layer]++;
      this.rejectedByCheck[rejection.check] = (this.rejectedByCheck[rejection.check] ?? 0) + 1;
    } else {
      const seq = this.rows++;
      if (defects.length > 0) corrupt = this.persistCorrupt(seq, index, defects);
    }
    for (const d of defects) {
      const k = this.byKind[d];
      k.written++;
      if (rejection !== null) k.rejected++;
      else k.persisted++;
    }
    const outcome: ValidatedWrite = { index, defects, rejection, corrupt };
    this.onWrite.call(outcome);
    return outcome;
  }

  private persistCorrupt(seq: number, index: number, defects: readonly DefectKind[]): CorruptRow {
    const row: CorruptRow = { seq, index, writtenAt: this.sim.now, defects, seenBy: reconciliationSees(defects, this.checks), detectedAt: -1 };
    this.corruptRows.push(row);
    if (row.seenBy.length > 0) this.undetected.push(row);
    return row;
  }

  /** Detectable corrupt rows not reported yet. */
  get pendingDetection(): number {
    return this.undetected.length;
  }

  /**
   * A scan's findings: every unreported row with `seq < snapshotRows` (in
   * the scan's snapshot) for which `found` says yes is marked detected at
   * the current time. Returns the rows found, in table order.
   */
  reconcile(snapshotRows: number, found: (row: CorruptRow) => boolean): CorruptRow[] {
    const hits: CorruptRow[] = [];
    const keep: CorruptRow[] = [];
    for (const row of this.undetected) {
      if (row.seq < snapshotRows && found(row)) hits.push(row);
      else keep.push(row);
    }
    this.undetected = keep;
    for (const row of hits) {
      row.detectedAt = this.sim.now;
      for (const d of row.defects) this.byKind[d].detected++;
      this.onDetected.call(row);
    }
    return hits;
  }
}
