import { toMs, type MetricInfo, type SystemView } from '../../src/scenario/index.js';
import type { EventLoopObserved } from './observers.js';
import type { EventLoopParams } from './params.js';
import type { EventLoopWorld } from './world.js';

export interface EventLoopMetrics extends Record<string, number> {
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  throughputPerS: number;
  dropped: number;
  breakerTrips: number;
  breakerRejected: number;
  peakLoopBacklog: number;
  peakAppInFlight: number;
  peakLoopLagMs: number;
  middlewareWarnings: number;
  slowCallbacks: number;
}

export type EventLoopView = SystemView<EventLoopWorld, EventLoopObserved, EventLoopParams>;

export function eventLoopMetrics({ world: w, observed: o, sim, params: p }: EventLoopView): EventLoopMetrics {
  // Over the load (the run goes on 40 s to drain): 200 answers per second while requests were offered.
  const seconds = Math.min(sim.now / 1e6, p.durationMs / 1000);
  return {
    latencyMeanMs: toMs(o.latencies.mean()),
    latencyP50Ms: toMs(o.latency(50)),
    latencyP99Ms: toMs(o.latency(99)),
    throughputPerS: seconds === 0 ? 0 : o.okDuringLoad / seconds,
    dropped: w.api.dropped,
    breakerTrips: w.breaker?.trips ?? 0,
    breakerRejected: w.api.breakerRejected,
    peakLoopBacklog: w.api.peakLoopBacklog,
    peakAppInFlight: w.api.peakAppInFlight,
    peakLoopLagMs: toMs(o.peakLoopLagUs),
    middlewareWarnings: w.middleware.count,
    slowCallbacks: w.asyncioDebug.count,
  };
}

export const EVENT_LOOP_METRIC_INFO: { readonly [K in keyof EventLoopMetrics]: MetricInfo } = {
  latencyMeanMs: { label: 'latency mean (answered 200)', unit: 'ms' },
  latencyP50Ms: { label: 'latency p50 (answered 200)', unit: 'ms' },
  latencyP99Ms: { label: 'latency p99 (answered 200)', unit: 'ms' },
  throughputPerS: { label: 'throughput (answered 200 per second)', unit: 'per_s' },
  dropped: { label: 'connections dropped (accept backlog full)', unit: 'count' },
  breakerTrips: { label: 'times the seed\'s queue-depth breaker tripped', unit: 'count' },
  breakerRejected: { label: 'requests the breaker refused', unit: 'count' },
  peakLoopBacklog: { label: 'most requests waiting for the loop (what a blocked loop piles up)', unit: 'count' },
  peakAppInFlight: { label: 'most coroutines in flight (what the breaker counts)', unit: 'count' },
  peakLoopLagMs: { label: 'longest wait of a ready callback for the loop', unit: 'ms' },
  middlewareWarnings: { label: 'the seed\'s middleware: "Potential blocking detected" logs', unit: 'count' },
  slowCallbacks: { label: 'asyncio debug: callbacks of 100 ms or more', unit: 'count' },
};
