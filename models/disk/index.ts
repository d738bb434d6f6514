/** A disk with a capacity (ENOSPC when full) and seed 003's cleanup monitor (above 80 %, the oldest 30 % of the cache). */
export { Disk, type DiskFile, type WriteResult } from './disk.js';
export { SEED_003_CLEANUP, filesToClean, type CleanupRule } from './cleanup-rule.js';
export { DiskMonitor, DEFAULT_DISK_MONITOR, DISK_FAULTS, type DiskMonitorOptions } from './disk-monitor.js';
export type { DiskEvents, DiskRecord } from './disk-events.js';
