import { z } from 'zod';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { NO_PARAMS } from '../lifecycle/fault-params.js';
import type { Disk, DiskFile, WriteResult } from '../disk/disk.js';
import type { ReaderEvents } from './reader-events.js';

/** What a cached entry's read finds: the data (its checksum matches), nothing, or a checksum mismatch. */
export type EntryRead = 'ok' | 'absent' | 'corrupt';

export const PERSISTENT_CACHE_FAULTS = {
  /** A fraction of the entries (rounded to a whole count, chosen at random) no longer match their checksum. */
  'corrupt-cache': z.strictObject({ fraction: z.number().min(0).max(1).describe('fraction of the cached entries corrupted').default(0.1) }),
  /** The index file is unreadable: the next load fails as a whole (seed: `recover_from_disk` errs). */
  'corrupt-index': NO_PARAMS,
};

/**
 * The reader's cache on disk (seed 003's `PersistentHdfsCache`): one file per
 * event log under `dir`, with a checksum, and an index of them. It lives on
 * the disk, so it outlives the processes that share it. Corruption is a
 * flag per entry (its bytes no longer match the checksum) and one for the
 * index; the faults `corrupt-cache {fraction}` and `corrupt-index` set them.
 */
export class PersistentCache {
  /** Per cached path: whether its checksum still matches. Insertion order: oldest write first. */
  private readonly entries = new Map<string, { intact: boolean }>();
  indexIntact = true;
  writeFailures = 0;
  private readonly rng: RandomStream;

  constructor(private readonly sim: Simulation, readonly name: string, readonly disk: Disk, readonly dir = 'cache/') {
    this.rng = sim.rng(`persistent-cache/${name}`);
    sim.faults.on(name, 'corrupt-cache', (f) => this.corrupt(f.params!['fraction'] as number), PERSISTENT_CACHE_FAULTS['corrupt-cache']);
    sim.faults.on(name, 'corrupt-index', () => this.corruptIndex(), PERSISTENT_CACHE_FAULTS['corrupt-index']);
  }

  get size(): number {
    return this.entries.size;
  }

  get corruptCount(): number {
    let n = 0;
    for (const e of this.entries.values()) if (!e.intact) n++;
    return n;
  }

  /** The cached paths, oldest write first (the load order). */
  paths(): string[] {
    return [...this.entries.keys()];
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** Writes the entry's file and indexes it; with ENOSPC the entry is not cached (an old copy stays as it was). */
  put(path: string, bytes: number): WriteResult {
    const r = this.disk.write(this.dir + path, bytes, this.sim.now);
    if (r === 'ENOSPC') { this.writeFailures++; return r; }
    this.entries.delete(path);
    this.entries.set(path, { intact: true });
    return r;
  }

  /** Reads the entry and checks its checksum. */
  read(path: string): EntryRead {
    const e = this.entries.get(path);
    if (e === undefined) return 'absent';
    return e.intact ? 'ok' : 'corrupt';
  }

  remove(path: string): void {
    if (!this.entries.delete(path)) return;
    this.disk.delete(this.dir + path);
  }

  /** For the disk monitor: a file it removes leaves the index too. */
  removeFile(file: DiskFile): void {
    if (file.name.startsWith(this.dir)) this.remove(file.name.slice(this.dir.length));
    else this.disk.delete(file.name);
  }

  /** The seed's `clear_all_cache_files`: every entry and the index go; a fresh index is written. */
  clear(): void {
    for (const path of this.entries.keys()) this.disk.delete(this.dir + path);
    this.entries.clear();
    this.indexIntact = true;
  }

  corrupt(fraction: number): void {
    const intact = [...this.entries].filter(([, e]) => e.intact).map(([p]) => p);
    const count = Math.round(fraction * intact.length);
    // A partial Fisher-Yates: `count` distinct entries, drawn from the cache's own stream.
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.rng.next() * (intact.length - i));
      [intact[i], intact[j]] = [intact[j]!, intact[i]!];
      this.entries.get(intact[i]!)!.intact = false;
    }
    this.sim.trace.typed<ReaderEvents>().emit(this.name, 'cache-corrupted', { entries: count, index: false });
  }

  corruptIndex(): void {
    this.indexIntact = false;
    this.sim.trace.typed<ReaderEvents>().emit(this.name, 'cache-corrupted', { entries: 0, index: true });
  }
}
