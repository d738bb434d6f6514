import type { Claim } from '../../src/scenario/index.js';
import type { EventLoopMetrics } from './metrics.js';
import type { EventLoopParams } from './params.js';

type LoopClaim = Claim<EventLoopParams, EventLoopMetrics>;
const SYMPTOMS = 'seed 000, Scenario C, Symptoms (Blocked column)';

/** The seed's figure, met within a factor of two either way (it gives round numbers). */
function aboutSeed(name: string, key: keyof EventLoopMetrics, seed: number, unit: string): LoopClaim {
  return {
    name: `${name} about ${seed} ${unit} (within a factor of 2)`,
    source: SYMPTOMS,
    check: (m, p) => ({
      pass: m[key] >= seed / 2 && m[key] <= seed * 2,
      detail: `measured ${m[key].toFixed(1)} ${unit} (offload=${p.offload})`,
    }),
  };
}

export const blockedP50 = aboutSeed('blocked: p50 latency', 'latencyP50Ms', 50, 'ms');
export const blockedP99 = aboutSeed('blocked: p99 latency', 'latencyP99Ms', 2_000, 'ms');
export const blockedThroughput = aboutSeed('blocked: throughput', 'throughputPerS', 10, 'req/s');

export const breakerTrips: LoopClaim = {
  name: 'the queue-depth circuit breaker trips when the loop is overwhelmed',
  source: 'seed 000, Scenario C, Prevention: Circuit Breaker (max_queue_depth 50)',
  check: (m, p) => ({
    pass: p.breaker === 'on' && m.breakerTrips > 0,
    detail: `${m.breakerTrips} trips: it counts coroutines in flight (at most ${m.peakAppInFlight}), while up to ${m.peakLoopBacklog} requests waited for the loop`,
  }),
};

export const middlewareLogs: LoopClaim = {
  name: 'the middleware logs the blocking',
  source: 'seed 000, Scenario C, Detection (100 ms threshold)',
  check: (m) => ({ pass: m.middlewareWarnings > 0, detail: `${m.middlewareWarnings} warnings from the middleware; asyncio debug would log ${m.slowCallbacks} slow callbacks` }),
};
