import { US_PER_S, type Micros } from '../../src/kernel/time.js';
import type { BackupCatalog, BaseBackup } from './backup-catalog.js';
import type { WriteLog } from './write-log.js';

/**
 * - `pitr`: the newest base backup before the target, then the archived log
 *   replayed up to the target (`recovery_target_time` [PG-PITR]);
 * - `backup`: the newest base backup before the target as it is, no replay.
 */
export type RestoreMode = 'pitr' | 'backup';

export interface RestoreSpeed {
  /** Rows a base backup restores a second (the copy scales with its size). */
  readonly restoreRowsPerS: number;
  /** Log records replayed a second. */
  readonly replayWritesPerS: number;
}

/** ASSUMPTION: a modest instance; only ratios matter to the comparisons. */
export const DEFAULT_RESTORE_SPEED: RestoreSpeed = { restoreRowsPerS: 5_000, replayWritesPerS: 2_000 };

export interface RestorePlan {
  readonly base: BaseBackup;
  /** The instant the database will reflect. */
  readonly reachesUs: Micros;
  /** The log position the restored database ends at (records before it are in). */
  readonly endPosition: number;
  readonly replayedWrites: number;
  readonly durationUs: Micros;
  /** Application writes committed after `reachesUs` up to now: lost unless re-applied by hand. */
  readonly writesLost: number;
}

/** How a restore to `targetUs`, decided at `nowUs`, goes; null when the target is outside the retention. */
export function planRestore(catalog: BackupCatalog, log: WriteLog, targetUs: Micros, nowUs: Micros, mode: RestoreMode, speed: RestoreSpeed = DEFAULT_RESTORE_SPEED): RestorePlan | null {
  const base = catalog.baseFor(targetUs);
  if (base === null) return null;
  const reachesUs = mode === 'pitr' ? targetUs : base.takenAt;
  const endPosition = mode === 'pitr' ? Math.max(base.logPosition, log.indexAfter(targetUs)) : base.logPosition;
  const replayedWrites = endPosition - base.logPosition;
  const seconds = base.store.rows / speed.restoreRowsPerS + replayedWrites / speed.replayWritesPerS;
  return { base, reachesUs, endPosition, replayedWrites, durationUs: Math.round(seconds * US_PER_S), writesLost: log.writesIn(endPosition, log.indexAfter(nowUs)) };
}
