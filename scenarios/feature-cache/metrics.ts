import { toMs, type MetricInfo, type SystemView } from '../../src/scenario/index.js';
import type { FeatureCacheObserved } from './observers.js';
import type { FeatureCacheParams } from './params.js';
import type { FeatureCacheWorld } from './world.js';

export interface FeatureCacheMetrics extends Record<string, number> {
  requests: number;
  unanswered: number;
  failedRequests: number;
  computations: number;
  peakComputationsInFlight: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  hitRatio: number;
  earlyRefreshes: number;
  peakModelMemoryBytes: number;
  oomKills: number;
}

export type FeatureCacheView = SystemView<FeatureCacheWorld, FeatureCacheObserved, FeatureCacheParams>;

export function featureCacheMetrics({ world, observed: o }: FeatureCacheView): FeatureCacheMetrics {
  const sum = (f: (a: FeatureCacheWorld['api'][number]) => number) => world.api.reduce((t, a) => t + f(a), 0);
  const hits = sum((a) => a.hits), reads = hits + sum((a) => a.misses);
  return {
    requests: world.issued.count,
    unanswered: world.issued.count - o.answered,
    failedRequests: o.failed,
    computations: sum((a) => a.computations),
    peakComputationsInFlight: o.peakComputing,
    latencyP50Ms: toMs(o.latency(50)),
    latencyP99Ms: toMs(o.latency(99)),
    hitRatio: reads === 0 ? NaN : hits / reads,
    earlyRefreshes: sum((a) => a.earlyRefreshes),
    peakModelMemoryBytes: world.model.peakMemoryBytes,
    oomKills: world.model.oomKills,
  };
}

export const FEATURE_CACHE_METRIC_INFO: { readonly [K in keyof FeatureCacheMetrics]: MetricInfo } = {
  requests: { label: 'requests made', unit: 'count' },
  unanswered: { label: 'requests never answered (hung waiters, or in flight at the end)', unit: 'count' },
  failedRequests: { label: 'requests answered with an error', unit: 'count' },
  computations: { label: 'model computations started', unit: 'count' },
  peakComputationsInFlight: { label: 'most computations in flight at once', unit: 'count' },
  latencyP50Ms: { label: 'request latency p50 (answered with a value)', unit: 'ms' },
  latencyP99Ms: { label: 'request latency p99 (answered with a value)', unit: 'ms' },
  hitRatio: { label: 'cache hit ratio', unit: 'ratio' },
  earlyRefreshes: { label: 'early refreshes started', unit: 'count' },
  peakModelMemoryBytes: { label: 'peak memory of the inference service', unit: 'bytes' },
  oomKills: { label: 'inference OOM kills', unit: 'count' },
};
