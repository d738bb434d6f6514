import { ms, type Micros, type Simulation } from '../../src/scenario/index.js';
import { Hooks } from '../../models/client/hooks.js';
import { CachedComputation, coalescersFor, NUMBER_CODEC, RedisCacheStore, SeedCoalescer, TtlStore, type CacheStore, type ComputeFn } from '../../models/cache/index.js';
import { Network } from '../../models/net/network.js';
import { RedisClient } from '../../models/redis/redis-client.js';
import { RedisServer } from '../../models/redis/redis-server.js';
import { startPoissonArrivals } from '../../models/client/workload.js';
import { GenericService } from '../../models/service/service.js';
import type { FeatureCacheParams } from './params.js';

export const KEY = 'features:popular';

export interface FeatureCacheWorld {
  readonly model: GenericService;
  readonly api: readonly CachedComputation<number>[];
  readonly redis: RedisServer | null;
  /** Each request as its client saw it, when answered: (latency, ok). */
  readonly answered: Hooks<Micros, boolean>;
  /** Requests made so far (the ones never answered are this minus the answered ones). */
  readonly issued: { count: number };
}

/**
 * Wiring: the shared cache holds the key until `expiresAtMs`; each API
 * process reads it through its own CachedComputation (the seed's coalescing
 * dict per process, or one shared); a miss computes on the inference
 * service (cores, memory per computation, OOM kill).
 */
export function buildFeatureCache(sim: Simulation, p: FeatureCacheParams): FeatureCacheWorld {
  const model = new GenericService(sim, 'inference', {
    workers: p.cores, serviceTimeMs: p.computeMs, serviceTimeDistribution: 'lognormal', serviceTimeCv: 0.5,
    memoryPerRequestBytes: p.memoryPerComputationBytes, baseMemoryBytes: 1_073_741_824, memoryLimitBytes: p.memoryLimitBytes,
  });
  const stores = cacheStores(sim, p);
  const compute: ComputeFn<number> = (_key, done) => { model.arrive({ answer: (reply) => done(reply === 'ok', 1) }); };
  const scope = p.mitigation === 'coalesce' ? p.coalesceScope : 'none';
  const coalescers = coalescersFor<number>(scope, p.processes, () => new SeedCoalescer<number>(sim, 'coalescer', 'hang-waiters'));
  const early = p.mitigation === 'xfetch' ? 'xfetch' : p.mitigation === 'early-linear' ? 'linear' : 'none';
  const api = coalescers.map((c, i) => new CachedComputation(sim, `api-${i}`, stores.of(i), compute, c, { ttlMs: p.ttlMs, earlyExpiry: early, beta: p.beta }));
  const answered = new Hooks<Micros, boolean>(), issued = { count: 0 };
  startTraffic(sim, p, api, (a) => {
    issued.count++;
    const start = sim.now;
    a.read(KEY, (ok) => answered.call(sim.now - start, ok));
  });
  return { model, api, redis: stores.redis, answered, issued };
}

/**
 * The shared feature cache, primed with the popular key (cached before the
 * run, expiring at `expiresAtMs`): Redis on the network, each API process
 * with its own client, or one in-process TTL store.
 */
function cacheStores(sim: Simulation, p: FeatureCacheParams): { of: (i: number) => CacheStore<number>; redis: RedisServer | null } {
  if (p.cache === 'in-process') {
    const store = new TtlStore<number>();
    store.set(KEY, 1, ms(p.computeMs), 0, ms(p.expiresAtMs));
    return { of: () => store, redis: null };
  }
  const net = new Network(sim);
  // A cache: no maxmemory limit here, no persistence (a restart starts empty).
  const redis = new RedisServer(sim, net, 'redis', { maxmemoryBytes: 0, maxmemoryPolicy: 'noeviction', persistence: 'none' });
  redis.exec({ op: 'set', key: KEY, value: `${ms(p.computeMs)}|${ms(p.expiresAtMs)}|1`, exMs: p.expiresAtMs });
  const stores = Array.from({ length: p.processes }, (_, i) => {
    net.addHost(`api-${i}`);
    return new RedisCacheStore(new RedisClient(sim, net, `api-${i}`, redis, { timeoutMs: p.redisTimeoutMs }), NUMBER_CODEC);
  });
  return { of: (i) => stores[i]!, redis };
}

/** Steady reads all along, and the burst at the expiry; requests go round robin over the processes. */
function startTraffic(sim: Simulation, p: FeatureCacheParams, api: readonly CachedComputation<number>[], request: (a: CachedComputation<number>) => void): void {
  let next = 0;
  const read = () => request(api[next++ % api.length]!);
  startPoissonArrivals(sim, sim.rng('clients/steady'), p.steadyRatePerS, ms(p.durationMs), read);
  const spread = sim.rng('clients/burst');
  for (let i = 0; i < p.burstRequests; i++) sim.at(ms(p.expiresAtMs) + Math.round(spread.uniform(0, ms(p.burstSpreadMs))), read);
}
