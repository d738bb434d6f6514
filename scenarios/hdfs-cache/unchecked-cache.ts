import { PersistentCache, type EntryRead } from '../../models/reader/index.js';

/**
 * checksums=none: the seed's cache before section 6, which stores no
 * checksum, so nothing can tell a corrupt entry from a good one. Reads of a
 * corrupt entry succeed (the reader loads it and serves it); `corruptLoads`
 * counts them, and `isCorrupt` lets the measurement see what the reader cannot.
 */
export class UncheckedCache extends PersistentCache {
  corruptLoads = 0;

  override read(path: string): EntryRead {
    const r = super.read(path);
    if (r !== 'corrupt') return r;
    this.corruptLoads++;
    return 'ok';
  }

  /** What a checksum would have said (measurement only). */
  isCorrupt(path: string): boolean {
    return super.read(path) === 'corrupt';
  }
}
