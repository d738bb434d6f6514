import type { RecordOf } from '../../src/kernel/trace-events.js';

/** An integrity-checked database's trace events (source: its name). */
export type IntegrityEvents = {
  /** A `corrupt` fault orphaned `rows` child rows. */
  corrupted: { rows: number };
  /** A check found FK violations: how many, and how long after the earliest undetected corruption. */
  'violations-found': { violations: number; detectionDelayMs: number };
  'check-clean': undefined;
  'backup-taken': { rows: number; kept: number };
  'restore-started': { mode: string; targetMs: number; baseBackupMs: number; replayedWrites: number; durationMs: number };
  /** The restore finished: writes resume; `writesLost` were committed after the point restored to. */
  restored: { writesLost: number; durationMs: number; violations: number };
  /** The restore target is older than every backup kept. */
  'restore-impossible': { targetMs: number; oldestBackupMs: number };
};
export type IntegrityRecord = RecordOf<IntegrityEvents>;
