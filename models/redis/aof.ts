import type { StoredValue } from './keyspace.js';
import type { Persistence } from './persistence-types.js';

/**
 * The append-only file, kept as the state it would replay to rather than as
 * a log: replaying a log in order leaves each key at its last write, which
 * is what applying changes to a map gives.
 *
 * appendfsync always: the file is fsynced before the reply leaves, so every
 * acknowledged write is durable. everysec: writes reach the file (the page
 * cache) before the reply and are fsynced once a second [REDIS-CONF],
 * [RDOC-PERSIST]. A crash that takes the page cache with it (the machine or
 * kernel) loses up to a second of acknowledged writes; if only the process
 * died, the kernel still writes them out and nothing is lost. (Redis may
 * postpone a write by up to 2 s behind a slow fsync; not modelled.)
 */
export class AofPersistence implements Persistence {
  /** What fsync has made durable: survives any crash. */
  private readonly file = new Map<string, StoredValue>();
  /** Written to the file, not yet fsynced (everysec only). */
  private readonly pageCache = new Map<string, StoredValue | null>();

  constructor(private readonly fsync: 'always' | 'everysec') {}

  changed(key: string, value: StoredValue | null): void {
    if (this.fsync === 'always') apply(this.file, key, value);
    else this.pageCache.set(key, value);
  }

  everySecond(): void {
    this.flush();
  }

  crash(pageCacheSurvives: boolean): void {
    if (pageCacheSurvives) this.flush();
    else this.pageCache.clear();
  }

  shutdown(): void {
    this.flush();
  }

  started(): void {}

  onDisk(): ReadonlyMap<string, StoredValue> {
    return this.file;
  }

  private flush(): void {
    for (const [key, value] of this.pageCache) apply(this.file, key, value);
    this.pageCache.clear();
  }
}

function apply(file: Map<string, StoredValue>, key: string, value: StoredValue | null): void {
  if (value === null) file.delete(key);
  else file.set(key, value);
}
