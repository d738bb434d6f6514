import { z } from 'zod';
import { DEFAULT_RESTORE_SPEED, type RestoreMode, type RestoreSpeed } from './restore-plan.js';

const DAY_MS = 86_400_000;

export interface IntegrityDatabaseOptions extends RestoreSpeed {
  /** One write every this many ms (a steady stream; ASSUMPTION). */
  readonly writeIntervalMs: number;
  /** Every `childEvery`-th write inserts a parent, the others a child of the newest parent. */
  readonly childEvery: number;
  /** Integrity check period (seed 004: daily) and its first run. */
  readonly checkPeriodMs: number;
  readonly checkPhaseMs: number;
  /** How long a check runs before it reports. */
  readonly checkRunMs: number;
  /** Base backup period (daily) and first backup; retention (seed 004: 30 days). */
  readonly backupPeriodMs: number;
  readonly backupPhaseMs: number;
  readonly retentionDays: number;
  /**
   * What happens when a check finds violations: nothing (`none`), or writes
   * stop and the database is restored to `recoveryLeadMs` before the
   * earliest corruption (the operator found the scope) by PITR or from the
   * base backup alone.
   */
  readonly onViolation: 'none' | RestoreMode;
  readonly recoveryLeadMs: number;
}

export const DEFAULT_INTEGRITY_DATABASE: IntegrityDatabaseOptions = {
  writeIntervalMs: 60_000, childEvery: 4, checkPeriodMs: DAY_MS, checkPhaseMs: 0, checkRunMs: 0,
  backupPeriodMs: DAY_MS, backupPhaseMs: 0, retentionDays: 30, onViolation: 'none', recoveryLeadMs: 1_000,
  ...DEFAULT_RESTORE_SPEED,
};

/** `corrupt`: `rows` child rows (picked at random) lose their parent. */
export const CORRUPT_PARAMS = z.strictObject({
  rows: z.number().int().min(1).describe('child rows orphaned').default(10),
});
