import { percentile } from '../../src/kernel/metrics/percentile.js';
import { toMs, type Micros } from '../../src/kernel/time.js';
import type { DefenseCheck, DefectKind, DefenseLayer } from './defect-catalogue.js';
import type { KindCounts, ValidatedStore } from './validated-store.js';

export interface ValidationSummary {
  readonly writes: number;
  readonly invalidWrites: number;
  readonly rejectedByLayer: Readonly<Record<Exclude<DefenseLayer, 'L4'>, number>>;
  readonly rejectedByCheck: Readonly<Partial<Record<DefenseCheck, number>>>;
  /** Corrupt rows that reached the table. */
  readonly persistedCorrupt: number;
  /** Of those, reported by a reconciliation scan. */
  readonly detected: number;
  /** Not reported by the end: `undetectable` (no enabled check sees them) plus `pending` (a later scan would). */
  readonly neverDetected: number;
  readonly undetectable: number;
  readonly pending: number;
  /** How long detected rows lived before the report (ms, nearest-rank percentiles); null when none was detected. */
  readonly detectionDelayMs: { readonly p50: number; readonly max: number; readonly mean: number } | null;
  /** Age at the end of the rows never reported (ms); null when there are none. */
  readonly oldestUndetectedAgeMs: number | null;
  readonly byKind: Readonly<Record<DefectKind, KindCounts>>;
}

/** The counts and delays a run of a store ends with, at time `now`. */
export function validationSummary(store: ValidatedStore, now: Micros): ValidationSummary {
  const delays: number[] = [];
  let undetectable = 0;
  let oldest: Micros = -1;
  for (const row of store.corruptRows) {
    if (row.detectedAt >= 0) delays.push(row.detectedAt - row.writtenAt);
    else {
      if (row.seenBy.length === 0) undetectable++;
      if (oldest < 0) oldest = row.writtenAt;
    }
  }
  delays.sort((a, b) => a - b);
  const persisted = store.corruptRows.length;
  return {
    writes: store.writes,
    invalidWrites: store.invalidWrites,
    rejectedByLayer: { ...store.rejectedByLayer },
    rejectedByCheck: { ...store.rejectedByCheck },
    persistedCorrupt: persisted,
    detected: delays.length,
    neverDetected: persisted - delays.length,
    undetectable,
    pending: persisted - delays.length - undetectable,
    detectionDelayMs: delays.length === 0 ? null : { p50: toMs(percentile(delays, 50)), max: toMs(delays[delays.length - 1]!), mean: toMs(delays.reduce((a, b) => a + b, 0) / delays.length) },
    oldestUndetectedAgeMs: oldest < 0 ? null : toMs(now - oldest),
    byKind: structuredClone(store.byKind),
  };
}
