/** Cache-stampede models: early expiration (linear, XFetch), singleflight and the seed's coalescer, and a read path composing them. */
export { earlyRefreshRule, linearEarlyRefresh, xfetchEarlyRefresh, noEarlyRefresh, LINEAR_WINDOW_FRACTION, type EarlyExpiryMode, type UniformSource } from './early-expiry.js';
export { type Coalescer, type CoalescedCaller, type ComputeFn, type ComputeDone } from './coalescer.js';
export { Singleflight } from './singleflight.js';
export { SeedCoalescer, type SeedFailureMode } from './seed-coalescer.js';
export { coalescersFor, type CoalesceScope } from './coalesce-wiring.js';
export { TtlStore, type CacheEntry, type CacheStore } from './ttl-store.js';
export { RedisCacheStore, NUMBER_CODEC, type CacheCodec } from './redis-cache-store.js';
export { CachedComputation, DEFAULT_CACHED_COMPUTATION, type CachedComputationOptions, type ReadAnswer, type ReadPath } from './cached-computation.js';
export { type CacheEvents, type CacheRecord } from './cache-events.js';
