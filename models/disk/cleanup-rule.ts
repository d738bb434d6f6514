import type { DiskFile } from './disk.js';

/**
 * Seed 003's `DiskSpaceMonitor::check_and_cleanup`: when `used / total` is
 * strictly above `thresholdFraction` (0.8, "start cleanup at 80% full"),
 * remove the oldest `removeFraction` (0.3) of the cache entries
 * (next-models.md 6.4). The snippet does not show `cleanup_old_entries`; the
 * count is taken as floor(fraction × entries), as a Rust `(n as f64 * 0.3) as usize`
 * truncates (ASSUMPTION). Only cache files are candidates: when others fill
 * the disk, each check removes another 30 % of the cache and frees too little.
 */
export interface CleanupRule {
  readonly thresholdFraction: number;
  readonly removeFraction: number;
}

export const SEED_003_CLEANUP: CleanupRule = { thresholdFraction: 0.8, removeFraction: 0.3 };

/** The files one check removes, oldest first; none at or below the threshold. */
export function filesToClean(usage: number, cacheFilesOldestFirst: readonly DiskFile[], rule: CleanupRule = SEED_003_CLEANUP): DiskFile[] {
  if (!(usage > rule.thresholdFraction)) return [];
  const count = Math.floor(cacheFilesOldestFirst.length * rule.removeFraction);
  return cacheFilesOldestFirst.slice(0, count);
}
