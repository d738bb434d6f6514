import type { RecordOf } from '../../src/kernel/trace-events.js';

/**
 * A reconciliation job's runs in the trace (source: the store's name): one
 * record per scan, never one per write, so an hourly job over a year makes
 * 8,760 records however many writes there were.
 */
export type ValidationEvents = {
  /** A scan finished: its number, the rows in its snapshot, the corrupt rows it found (with "kind=count" per defect kind), how long it ran and the oldest finding's age. */
  reconciled: { scan: number; scanned: number; found: number; kinds: readonly string[]; lastedMs: number; oldestAgeMs: number | null };
  /** A scan was due while the previous one still ran, and was skipped (CronJob concurrencyPolicy Forbid). */
  skipped: { scan: number; runningForMs: number };
  /** A buggy release began corrupting this share of writes (the `bug` fault). */
  bug: { rate: number };
  /** The bug is fixed. */
  fixed: undefined;
};
export type ValidationRecord = RecordOf<ValidationEvents>;
