import { z } from 'zod';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { SEED_003_CLEANUP, filesToClean, type CleanupRule } from './cleanup-rule.js';
import type { Disk, DiskFile } from './disk.js';
import type { DiskEvents } from './disk-events.js';

export interface DiskMonitorOptions extends CleanupRule {
  /** false: no monitor at all (the seed's "before"); the disk fills until writes fail with ENOSPC. */
  readonly enabled: boolean;
  /** Between checks. The seed gives none; 60 s is an ASSUMPTION (its alert table detects in < 60 s). */
  readonly checkIntervalMs: number;
  /** The cache's directory on the disk: only files under it are removed. */
  readonly cacheDir: string;
}

export const DEFAULT_DISK_MONITOR: DiskMonitorOptions = { ...SEED_003_CLEANUP, enabled: true, checkIntervalMs: 60_000, cacheDir: 'cache/' };

export const DISK_FAULTS = {
  /** Others take `bytes` of the disk (a log burst, another tenant); negative gives them back. */
  'fill-disk': z.strictObject({ bytes: z.number().finite().describe('bytes taken by others (negative: freed)') }),
};

/**
 * The seed's cleanup loop on a timer: every `checkIntervalMs`, read the
 * usage and remove the oldest cache files above the threshold. Removal goes
 * through `remove` so the cache that owns the files drops them from its
 * index too (the seed's `cleanup_old_entries` is the cache's own method).
 */
export class DiskMonitor {
  readonly options: DiskMonitorOptions;
  checks = 0;
  cleanups = 0;
  removedFiles = 0;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly disk: Disk, private readonly remove: (file: DiskFile) => void, options: Partial<DiskMonitorOptions> = {}) {
    this.options = { ...DEFAULT_DISK_MONITOR, ...options };
    if (!(this.options.checkIntervalMs > 0)) throw new Error(`disk monitor ${name}: checkIntervalMs must be > 0`);
    sim.faults.on(name, 'fill-disk', (f) => this.fill(f.params!['bytes'] as number), DISK_FAULTS['fill-disk']);
    if (this.options.enabled) sim.schedule(ms(this.options.checkIntervalMs), () => this.tick());
  }

  /** One check now (the timer's, or a caller's). */
  check(): void {
    this.checks++;
    const usage = this.disk.usage;
    const victims = filesToClean(usage, this.disk.filesUnder(this.options.cacheDir), this.options);
    if (victims.length === 0) return;
    let freed = 0;
    for (const f of victims) { freed += f.bytes; this.remove(f); }
    this.cleanups++;
    this.removedFiles += victims.length;
    this.sim.trace.typed<DiskEvents>().emit(this.name, 'cleanup', { usagePercent: round1(usage * 100), removed: victims.length, freedBytes: freed });
  }

  private tick(): void {
    this.check();
    this.sim.schedule(ms(this.options.checkIntervalMs), () => this.tick());
  }

  private fill(bytes: number): void {
    this.disk.otherBytes = Math.max(0, this.disk.otherBytes + bytes);
    this.sim.trace.typed<DiskEvents>().emit(this.name, 'filled', { bytes, usagePercent: round1(this.disk.usage * 100) });
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
