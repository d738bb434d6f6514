import type { RecordOf } from '../../src/kernel/trace-events.js';

/** A migration job's trace events (source: the job's name). */
export type SchemaEvents = {
  'job-started': { pending: number };
  'lock-acquired': { waitedMs: number };
  /** Another session holds the advisory lock: this job waits (or fails at once with `onBusy: 'fail'`). */
  'lock-busy': { holder: string; waiting: boolean };
  'lock-timeout': { waitedMs: number };
  'backup-taken': { version: number; tookMs: number };
  'step-done': { script: string; step: number; of: number };
  'script-applied': { script: string; version: number };
  /** A script failed at `step`: rolled back (transactional) or left partial and dirty. */
  'script-failed': { script: string; step: number; rolledBack: boolean; stepsLeftApplied: number };
  /** The job ended: `outcome` done, no-change, dirty, failed, lock-busy or lock-timeout. */
  'job-ended': { outcome: string; version: number };
};
export type SchemaRecord = RecordOf<SchemaEvents>;
