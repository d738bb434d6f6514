import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { HdfsSource } from './hdfs-source.js';
import type { PersistentCache } from './persistent-cache.js';
import type { ReaderEvents } from './reader-events.js';
import { logPath, type ReaderOptions } from './reader-options.js';
import { loadSlotUs, scanSlotUs } from './startup-plan.js';

/** The process a start-up runs in: where loaded and scanned files go, and what it is told. */
export interface StartupHost {
  /** Puts a file's parsed info in memory; false when the process died of it (OOM) or the insert never returns. */
  remember(path: string): boolean;
  phase(p: 'loading' | 'scanning'): void;
  ready(): void;
}

/**
 * One start-up of one process incarnation: load the persistent cache at
 * `loadEntriesPerSec`, verifying each entry's checksum, then scan from HDFS
 * the files it lacks, one at a time at `scanFilesPerSec`; or, without a
 * usable cache, scan all. `cancel` (the process stopped) ends it for good:
 * no callback of its runs after that. See plannedStartup for the closed form.
 */
export class ReaderStartup {
  private cancelled = false;
  private timer = -1;
  private readonly events;
  scanFailures = 0;

  constructor(private readonly sim: Simulation, private readonly name: string, private readonly o: ReaderOptions,
    private readonly source: HdfsSource, private readonly cache: PersistentCache | null, private readonly host: StartupHost) {
    this.events = sim.trace.typed<ReaderEvents>();
  }

  start(): void {
    const cache = this.cache;
    if (cache === null) return this.scan(this.allFiles());
    if (!cache.indexIntact) return this.rebuild('index unreadable');
    this.load(cache, cache.paths());
  }

  cancel(): void {
    this.cancelled = true;
    this.sim.cancel(this.timer);
  }

  private allFiles(): string[] {
    return Array.from({ length: this.o.files }, (_, k) => logPath(k));
  }

  private rebuild(reason: string): void {
    this.events.emit(this.name, 'rebuild', { reason });
    this.cache!.clear();
    this.scan(this.allFiles());
  }

  private load(cache: PersistentCache, paths: readonly string[]): void {
    this.host.phase('loading');
    this.events.emit(this.name, 'load-started', { entries: paths.length });
    const slot = loadSlotUs(this.o.loadEntriesPerSec);
    let i = 0, loaded = 0, corrupt = 0;
    // Entry i is in memory at the end of its slot: E entries take E slots, none take no time.
    const step = (): void => {
      if (this.cancelled) return;
      const path = paths[i++]!;
      const read = cache.read(path);
      if (read === 'corrupt') {
        corrupt++;
        if (this.o.onCorruptEntry === 'drop-entry') cache.remove(path);
      } else if (read === 'ok') {
        if (!this.host.remember(path)) return;
        loaded++;
      }
      if (i === paths.length) this.loaded(cache, loaded, corrupt);
      else this.timer = this.sim.schedule(slot, step);
    };
    if (paths.length === 0) this.loaded(cache, 0, 0);
    else this.timer = this.sim.schedule(slot, step);
  }

  private loaded(cache: PersistentCache, loaded: number, corrupt: number): void {
    this.events.emit(this.name, 'load-done', { loaded, corrupt });
    if (corrupt > 0 && this.o.onCorruptEntry === 'rebuild-all') return this.rebuild(`${corrupt} entries failed their checksum`);
    this.scan(this.allFiles().filter((p) => cache.read(p) !== 'ok'));
  }

  private scan(paths: readonly string[]): void {
    this.host.phase('scanning');
    this.events.emit(this.name, 'scan-started', { files: paths.length });
    const slot = scanSlotUs(this.o.scanFilesPerSec, 0);
    let i = 0;
    const next = (slotStart: Micros): void => {
      if (this.cancelled) return;
      if (i === paths.length) return this.scanned(paths.length);
      const path = paths[i++]!;
      this.source.read(path, (r) => {
        if (this.cancelled) return;
        if (!r.ok) this.scanFailures++;
        else {
          if (!this.host.remember(path)) return;
          this.cache?.put(path, r.bytes);
        }
        this.timer = this.sim.at(Math.max(slotStart + slot, this.sim.now), () => next(this.sim.now));
      });
    };
    next(this.sim.now);
  }

  private scanned(files: number): void {
    this.events.emit(this.name, 'scan-done', { files, failed: this.scanFailures });
    this.host.ready();
  }
}
