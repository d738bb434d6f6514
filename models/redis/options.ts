/** Configuration of one Redis server, named after the redis.conf settings [REDIS-CONF]. */
export type MaxmemoryPolicy =
  | 'noeviction' | 'allkeys-lru' | 'volatile-lru' | 'allkeys-random' | 'volatile-random' | 'volatile-ttl';

/**
 * none: no save points, no AOF. rdb: save points only (redis.conf's default).
 * aof-everysec / aof-always: appendonly yes with that appendfsync; save
 * points are then irrelevant to recovery (Redis loads the AOF when it exists).
 */
export type PersistenceMode = 'none' | 'rdb' | 'aof-everysec' | 'aof-always';

export interface RedisOptions {
  /** maxmemory in bytes of the model's estimate (see memory.ts); 0 = no limit, the default. */
  readonly maxmemoryBytes: number;
  readonly maxmemoryPolicy: MaxmemoryPolicy;
  readonly persistence: PersistenceMode;
  /** `save <seconds> <changes>` lines; default [[3600,1],[300,100],[60,10000]]. */
  readonly rdbSavePoints?: readonly (readonly [seconds: number, changes: number])[];
  /** serverCron frequency, which paces active expiry; default 10, Redis allows 1..500. */
  readonly hz?: number;
  /** maxmemory-samples: keys sampled per eviction for LRU and TTL; default 5, Redis allows 1..64. */
  readonly maxmemorySamples?: number;
}

export const DEFAULT_SAVE_POINTS: readonly (readonly [number, number])[] = [[3600, 1], [300, 100], [60, 10000]];
export const DEFAULT_HZ = 10;
export const DEFAULT_MAXMEMORY_SAMPLES = 5;

/** Throws on a configuration Redis itself would refuse, naming the setting. */
export function checkOptions(o: RedisOptions): void {
  if (!(o.maxmemoryBytes >= 0 && Number.isFinite(o.maxmemoryBytes))) throw new Error(`redis: maxmemoryBytes must be >= 0, got ${o.maxmemoryBytes}`);
  const hz = o.hz ?? DEFAULT_HZ;
  if (!(Number.isInteger(hz) && hz >= 1 && hz <= 500)) throw new Error(`redis: hz must be an integer in 1..500, got ${hz}`);
  const samples = o.maxmemorySamples ?? DEFAULT_MAXMEMORY_SAMPLES;
  if (!(Number.isInteger(samples) && samples >= 1 && samples <= 64)) throw new Error(`redis: maxmemorySamples must be an integer in 1..64, got ${samples}`);
  for (const [s, c] of o.rdbSavePoints ?? DEFAULT_SAVE_POINTS) {
    if (!(s >= 0 && c >= 0)) throw new Error(`redis: invalid save point [${s}, ${c}]`);
  }
}
