import { defineSystem, recordLine, toMs, type FaultSpace } from '../../src/scenario/index.js';
import { everyRequestAnswered } from './invariants.js';
import { FEATURE_CACHE_METRIC_INFO, featureCacheMetrics } from './metrics.js';
import { observeFeatureCache } from './observers.js';
import { featureCacheParams, type FeatureCacheParams } from './params.js';
import { buildFeatureCache } from './world.js';

/** The inference service fails or crashes, or Redis goes down, around the expiry. */
const faultSpace: FaultSpace<FeatureCacheParams> = {
  window: (p) => ({ fromMs: Math.max(0, p.expiresAtMs - 1_000), toMs: p.expiresAtMs + 1_000 }),
  maxFaults: 2,
  kinds: (p) => [
    ...(p.cache === 'redis' ? [{ name: 'redis crash', targets: ['redis'], severities: [1_000, 5_000], expand: (t: string, restartAfterMs: number, at: number) => [{ at, target: t, kind: 'crash', params: { restartAfterMs } }] }] : []),
    { name: 'computations fail', targets: ['inference'], severities: [100, 500, 2_000], expand: (t, healAfterMs, at) => [{ at, target: t, kind: 'error-rate', params: { rate: 1, healAfterMs } }] },
    { name: 'inference crash', targets: ['inference'], severities: [1_000, 5_000], expand: (t, restartAfterMs, at) => [{ at, target: t, kind: 'crash', params: { restartAfterMs } }] },
  ],
};

/**
 * Seed 000's Scenario B: a popular feature key expires under load; the
 * inference API's processes read it through the seed's coalescing dict or
 * an early refresh, and compute on a service with cores and a memory limit.
 */
export const featureCache = defineSystem({
  id: 'feature-cache',
  source: 'seeds/000_3b6c436277faf2d9.txt',
  params: featureCacheParams,
  durationMs: (p) => p.durationMs,
  build: buildFeatureCache,
  observe: (world, sim) => observeFeatureCache(world, sim),
  metrics: featureCacheMetrics,
  metricInfo: FEATURE_CACHE_METRIC_INFO,
  timeline: recordLine,
  invariants: [everyRequestAnswered],
  faultSpace,
  panes: ({ world, observed }) => [{
    title: `cache and model (${world.api.length} API processes)`,
    rows: [
      ['hits / misses', `${world.api.reduce((t, a) => t + a.hits, 0)} / ${world.api.reduce((t, a) => t + a.misses, 0)}`],
      ['computations in flight (peak)', `${world.api.reduce((t, a) => t + a.inFlight, 0)} (${observed.peakComputing})`],
      ['waiting on a computation / hung', `${world.api.reduce((t, a) => t + a.waitingNow, 0)} / ${world.api.reduce((t, a) => t + a.hungWaiters, 0)}`],
      [`inference (${world.model.life.state})`, `${world.model.inFlight} running, ${(world.model.memoryBytes / 1_073_741_824).toFixed(1)} GiB`],
      ['latency p99', observed.latencies.count === 0 ? '-' : `${toMs(observed.latency(99)).toFixed(0)} ms`],
    ],
  }],
});
