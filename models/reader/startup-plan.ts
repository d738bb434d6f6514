import { sec, type Micros } from '../../src/kernel/time.js';

/** What a start finds on disk, and the paces (see ReaderOptions). */
export interface StartupInputs {
  readonly files: number;
  readonly persistent: boolean;
  readonly indexIntact: boolean;
  /** Entries in the persistent cache, and how many of them fail their checksum. */
  readonly cachedEntries: number;
  readonly corruptEntries: number;
  readonly onCorruptEntry: 'drop-entry' | 'rebuild-all';
  readonly scanFilesPerSec: number;
  readonly loadEntriesPerSec: number;
  /** One HDFS read's latency: the scan reads one file at a time, so a slow read stretches its slot. */
  readonly hdfsLatencyUs: Micros;
}

export type StartupPath = 'full-scan' | 'load' | 'load-then-rebuild' | 'rebuild';

/** One scan slot: the pace's period, or the read's latency if longer. */
export function scanSlotUs(scanFilesPerSec: number, hdfsLatencyUs: Micros): Micros {
  return Math.max(sec(1 / scanFilesPerSec), hdfsLatencyUs);
}

export function loadSlotUs(loadEntriesPerSec: number): Micros {
  return sec(1 / loadEntriesPerSec);
}

/**
 * The start-up time in closed form, with HDFS reachable throughout. No
 * persistent cache: a full scan, N slots. A corrupt index: the load fails at
 * once and the rebuild is a full scan. Otherwise every entry is loaded and
 * verified (E load slots); a corrupt one then either drops (and the files
 * not validly cached are scanned: N − (E − C) slots) or, with 'rebuild-all',
 * throws the whole cache away for a full scan (the seed's < 5 min claim for
 * a corruption does not follow from its own code: the rebuild is the 30 min scan).
 */
export function plannedStartup(i: StartupInputs): { path: StartupPath; durationUs: Micros } {
  const scan = scanSlotUs(i.scanFilesPerSec, i.hdfsLatencyUs), load = loadSlotUs(i.loadEntriesPerSec);
  if (!i.persistent) return { path: 'full-scan', durationUs: i.files * scan };
  if (!i.indexIntact) return { path: 'rebuild', durationUs: i.files * scan };
  const loaded = i.cachedEntries * load;
  if (i.corruptEntries > 0 && i.onCorruptEntry === 'rebuild-all') return { path: 'load-then-rebuild', durationUs: loaded + i.files * scan };
  const valid = i.cachedEntries - i.corruptEntries;
  return { path: 'load', durationUs: loaded + (i.files - valid) * scan };
}
