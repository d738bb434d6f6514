import type { RecordOf } from '../../src/kernel/trace-events.js';

/** A disk monitor's trace events (source: the monitor's name). */
export type DiskEvents = {
  /** A check found the disk above the threshold and removed the oldest cache files. */
  cleanup: { usagePercent: number; removed: number; freedBytes: number };
  /** The `fill-disk` fault took bytes for others. */
  filled: { bytes: number; usagePercent: number };
};
export type DiskRecord = RecordOf<DiskEvents>;
