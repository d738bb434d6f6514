import type { Micros } from '../../src/kernel/time.js';
import type { RedisReply } from '../redis/commands.js';
import type { RedisClient, RedisWaiter } from '../redis/redis-client.js';
import type { CacheEntry, CacheStore } from './ttl-store.js';

/** How a value becomes a Redis string and back. */
export interface CacheCodec<V> {
  encode(value: V): string;
  decode(text: string): V;
}

/** Numbers as their decimal text. */
export const NUMBER_CODEC: CacheCodec<number> = { encode: (v) => String(v), decode: (t) => Number(t) };

/** One GET in flight: hands the decoded entry to its reader when the reply comes. */
class Lookup<V> implements RedisWaiter {
  redisReply: RedisReply = { ok: true, value: null };
  constructor(private readonly codec: CacheCodec<V>, private readonly answer: (entry: CacheEntry<V> | undefined) => void) {}

  redisReplied(): void {
    const r = this.redisReply;
    // A Redis error (timeout, refused) reads as a miss: the application computes, as the seed's code would after redis.get.
    if (!r.ok || typeof r.value !== 'string') return this.answer(undefined);
    const [delta, expires, ...rest] = r.value.split('|');
    this.answer({ value: this.codec.decode(rest.join('|')), deltaUs: Number(delta), expiresAt: Number(expires) });
  }
}

const IGNORE: RedisWaiter = { redisReply: { ok: true, value: null }, redisReplied: () => {} };

/**
 * The feature cache in Redis (seed 000-B: `redis.get(key)`, then
 * `redis.set(key, result, ex=300)`), over the network through a
 * RedisClient: a GET costs a round trip, a miss when Redis is down or cut
 * off costs the client's timeout. XFetch needs the recompute time and the
 * expiry beside the value, so the string stored is "delta|expiresAt|value"
 * (what XFetch implementations keep with the value); Redis expires the key
 * itself after the TTL (SET ... PX).
 */
export class RedisCacheStore<V> implements CacheStore<V> {
  constructor(private readonly client: RedisClient, private readonly codec: CacheCodec<V>) {}

  lookup(key: string, _now: Micros, answer: (entry: CacheEntry<V> | undefined) => void): void {
    this.client.commandThen({ op: 'get', key }, new Lookup(this.codec, answer));
  }

  store(key: string, value: V, deltaUs: Micros, now: Micros, ttlUs: Micros): void {
    const text = `${Math.round(deltaUs)}|${now + ttlUs}|${this.codec.encode(value)}`;
    this.client.commandThen({ op: 'set', key, value: text, exMs: ttlUs / 1000 }, IGNORE);
  }
}
