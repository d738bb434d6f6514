import type { Micros } from '../../src/kernel/time.js';

/** A file as the disk holds it: its size and when it was last written (the age cleanup sorts by). */
export interface DiskFile {
  readonly name: string;
  readonly bytes: number;
  readonly writtenAt: Micros;
}

/** A write's outcome: done, or ENOSPC (the write(2) error when the filesystem has no free blocks). */
export type WriteResult = 'ok' | 'ENOSPC';

/**
 * A filesystem with a capacity in bytes: files, plus `otherBytes` used by
 * whatever else shares it (logs, other pods' data) that the cache cannot
 * delete. A write that does not fit fails whole with ENOSPC and leaves the
 * old file as it was (a simplification: a real partial write can leave a
 * truncated file, which the checksum on load catches). Pure: the caller
 * passes the time.
 */
export class Disk {
  /** Bytes used by others (the `fill-disk` fault adds to it). */
  otherBytes = 0;
  writes = 0;
  enospc = 0;
  private filesBytes = 0;
  /** By name; the Map's order is the write order, oldest first (a rewrite moves a file to the end). */
  private readonly files = new Map<string, DiskFile>();

  constructor(readonly capacityBytes: number) {
    if (!(capacityBytes > 0 && Number.isFinite(capacityBytes))) throw new Error(`disk: capacityBytes must be finite and > 0, got ${capacityBytes}`);
  }

  get usedBytes(): number {
    return this.filesBytes + this.otherBytes;
  }

  get freeBytes(): number {
    return Math.max(0, this.capacityBytes - this.usedBytes);
  }

  /** Used over capacity, as statvfs gives it (the seed's `used / total`). */
  get usage(): number {
    return this.usedBytes / this.capacityBytes;
  }

  get fileCount(): number {
    return this.files.size;
  }

  file(name: string): DiskFile | undefined {
    return this.files.get(name);
  }

  /** Creates or replaces `name`; a replacement needs only the growth to be free. */
  write(name: string, bytes: number, now: Micros): WriteResult {
    const old = this.files.get(name);
    const growth = bytes - (old?.bytes ?? 0);
    if (growth > this.freeBytes) {
      this.enospc++;
      return 'ENOSPC';
    }
    this.writes++;
    if (old !== undefined) this.files.delete(name);
    this.files.set(name, { name, bytes, writtenAt: now });
    this.filesBytes += growth;
    return 'ok';
  }

  delete(name: string): boolean {
    const old = this.files.get(name);
    if (old === undefined) return false;
    this.files.delete(name);
    this.filesBytes -= old.bytes;
    return true;
  }

  /** Files whose name starts with `prefix` (a directory), oldest write first. */
  filesUnder(prefix: string): DiskFile[] {
    const out: DiskFile[] = [];
    for (const f of this.files.values()) if (f.name.startsWith(prefix)) out.push(f);
    return out;
  }
}
