/** Data integrity (seed 004): FK-checked tables, corruption, periodic integrity checks, base backups with retention, point-in-time recovery. */
export { TableStore, type StoreOp } from './table-store.js';
export { WriteLog } from './write-log.js';
export { detectionDelayUs, meanDetectionDelayUs, nextCheckAt } from './detection.js';
export { BackupCatalog, type BaseBackup } from './backup-catalog.js';
export { DEFAULT_RESTORE_SPEED, planRestore, type RestoreMode, type RestorePlan, type RestoreSpeed } from './restore-plan.js';
export { CORRUPT_PARAMS, DEFAULT_INTEGRITY_DATABASE, type IntegrityDatabaseOptions } from './integrity-options.js';
export { IntegrityDatabase } from './integrity-database.js';
export { type IntegrityEvents, type IntegrityRecord } from './integrity-events.js';
