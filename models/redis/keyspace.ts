import type { Micros } from '../../src/kernel/time.js';
import { IndexedSet } from './indexed-set.js';
import { entryBytes } from './memory.js';

/** A key's value and absolute expiry as it is persisted (RDB and AOF store absolute times). */
export interface StoredValue {
  readonly value: string;
  /** Absolute expiry in µs of virtual time; null for no TTL. */
  readonly expiresAt: Micros | null;
}

/**
 * A live key. Value and expiry are never changed in place (a write makes a
 * new entry), so persistence can keep references to entries as the state
 * it stored; only the LRU clock moves.
 */
export interface Entry extends StoredValue {
  /** Last access in µs (Redis's robj.lru, which has 1 s resolution; finer here, see eviction.ts). */
  lastAccess: Micros;
}

/** Told of every change to the dataset, in order: the new value, or null for a removal. */
export type ChangeListener = (key: string, value: StoredValue | null) => void;

/**
 * One Redis database: keys with optional absolute expiry, the set of keys
 * with a TTL (Redis's `expires` dict, which active expiry and volatile-*
 * eviction sample), and the memory estimate.
 *
 * Expiry follows Redis: a key is expired once now > expiresAt [REDIS-EXPIREC]
 * keyIsExpired; a command that finds it expired deletes it and sees nothing
 * (passive expiry); until then it still takes memory [RDOC-EXPIRE].
 * Deletions by expiry and eviction reach the persistence listener like any
 * write, as Redis propagates them as DEL to the AOF.
 */
export class Keyspace {
  usedBytes = 0;
  /** Changes by commands since the last save: Redis's server.dirty, read by the save points. */
  dirty = 0;
  /** Set while a fork child saves: lookups then leave the LRU clock alone to spare copy-on-write (Redis src/db.c, lookupKey). */
  lruFrozen = false;
  /** Keys removed because their TTL ran out, passively or actively (INFO expired_keys). */
  expiredKeys = 0;
  readonly all = new IndexedSet();
  /** Keys with a TTL, each tagged with its expiry (µs). */
  readonly volatile = new IndexedSet();
  private readonly map = new Map<string, Entry>();

  /** `onExpiry(expiresAt)`: a write gave a key a TTL (the server plans its next active expiry cycle by it). */
  constructor(private readonly clock: { readonly now: Micros }, private readonly onChange: ChangeListener, private readonly onExpiry: (expiresAt: Micros) => void = ignoreExpiry) {}

  get size(): number {
    return this.map.size;
  }

  /** The entry without expiry check or LRU touch (for sampling and snapshots). */
  peek(key: string): Entry | undefined {
    return this.map.get(key);
  }

  isExpired(entry: StoredValue): boolean {
    return entry.expiresAt !== null && this.clock.now > entry.expiresAt;
  }

  /**
   * A command's lookup: deletes the key if it has expired (passive expiry);
   * `touch` updates the LRU clock, as GET, SET and INCR do and EXISTS and
   * PTTL (LOOKUP_NOTOUCH) do not.
   */
  lookup(key: string, touch: boolean): Entry | undefined {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    if (this.isExpired(e)) {
      this.expire(key);
      return undefined;
    }
    if (touch && !this.lruFrozen) e.lastAccess = this.clock.now;
    return e;
  }

  /** A command writes `key` (a new object: its LRU clock starts now). */
  write(key: string, value: string, expiresAt: Micros | null): void {
    const old = this.map.get(key);
    if (old !== undefined) this.usedBytes -= entryBytes(key, old.value);
    const e: Entry = { value, expiresAt, lastAccess: this.clock.now };
    this.map.set(key, e);
    this.all.add(key);
    if (expiresAt !== null) {
      this.volatile.add(key, expiresAt);
      this.onExpiry(expiresAt);
    } else this.volatile.delete(key);
    this.usedBytes += entryBytes(key, value);
    this.dirty++;
    this.onChange(key, e);
  }

  /** A command (DEL) removes `key`; false if it was not there. */
  remove(key: string): boolean {
    if (!this.drop(key)) return false;
    this.dirty++;
    return true;
  }

  /** Removes `key` if its TTL has run out; true if it did. */
  expireIfStale(key: string): boolean {
    const e = this.map.get(key);
    if (e === undefined || !this.isExpired(e)) return false;
    this.expire(key);
    return true;
  }

  /**
   * Removes a key the expiry sampler drew from `volatile` with its tag, the
   * key's expiry, if that has run out: expireIfStale without the lookup.
   */
  expireSampled(key: string, expiresAt: Micros): boolean {
    if (!(this.clock.now > expiresAt)) return false;
    this.expire(key);
    return true;
  }

  /** Removes a key chosen by the eviction policy. */
  evict(key: string): void {
    this.drop(key);
  }

  /** The process died: memory is gone, and nothing is propagated. */
  clear(): void {
    this.map.clear();
    this.all.clear();
    this.volatile.clear();
    this.usedBytes = 0;
    this.dirty = 0;
    this.lruFrozen = false;
  }

  /**
   * Loads what persistence kept into an empty database. Keys already past
   * their expiry are dropped, as a master does when loading an RDB file; an
   * AOF load keeps them a moment longer, but no client can read them either way.
   */
  load(data: ReadonlyMap<string, StoredValue>): { loaded: number; expired: number } {
    this.clear();
    let expired = 0;
    for (const [key, v] of data) {
      if (this.isExpired(v)) { expired++; continue; }
      this.map.set(key, { value: v.value, expiresAt: v.expiresAt, lastAccess: this.clock.now });
      this.all.add(key);
      if (v.expiresAt !== null) this.volatile.add(key, v.expiresAt);
      this.usedBytes += entryBytes(key, v.value);
    }
    return { loaded: this.map.size, expired };
  }

  /** Every entry, expired ones included (a snapshot copies them with their expiry). */
  entries(): IterableIterator<[string, Entry]> {
    return this.map.entries();
  }

  /** Keys a client could read now, without the side effects of a lookup. */
  liveKeys(): string[] {
    const keys: string[] = [];
    for (const [key, e] of this.map) if (!this.isExpired(e)) keys.push(key);
    return keys;
  }

  private expire(key: string): void {
    this.drop(key);
    this.expiredKeys++;
  }

  private drop(key: string): boolean {
    const e = this.map.get(key);
    if (e === undefined) return false;
    this.map.delete(key);
    this.all.delete(key);
    this.volatile.delete(key);
    this.usedBytes -= entryBytes(key, e.value);
    this.onChange(key, null);
    return true;
  }
}

function ignoreExpiry(): void {}
