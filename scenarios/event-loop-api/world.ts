import { ms, type Simulation } from '../../src/scenario/index.js';
import { startPoissonArrivals } from '../../models/client/workload.js';
import { BlockingDetector, EventLoopServer, QueueDepthBreaker, SEED_000C_BREAKER } from '../../models/event-loop/index.js';
import type { ServiceCall } from '../../models/service/service.js';
import type { EventLoopParams } from './params.js';

export interface EventLoopWorld {
  readonly api: EventLoopServer;
  readonly breaker: QueueDepthBreaker | null;
  /** The seed's middleware: times each request from its coroutine's start (> 100 ms logs). */
  readonly middleware: BlockingDetector;
  /** asyncio's debug mode: a loop callback of 100 ms or more. */
  readonly asyncioDebug: BlockingDetector;
}

/** A client that does not wait: the server's own hooks measure latency from arrival to answer. */
const FIRE_AND_FORGET: ServiceCall = { answer: () => {} };

/** Wiring: the loop server, the seed's breaker and middleware, asyncio's slow-callback log, and open-loop clients. */
export function buildEventLoop(sim: Simulation, p: EventLoopParams): EventLoopWorld {
  const api = new EventLoopServer(sim, 'api', {
    loopCostMs: p.loopCostMs, inference: { kind: 'constant', ms: p.inferenceMs }, inferenceFraction: p.inferenceFraction,
    offload: p.offload === 'on' ? 'process-pool' : 'off', workers: p.processes, backlog: p.backlog,
  });
  const breaker = p.breaker === 'on' ? new QueueDepthBreaker(SEED_000C_BREAKER) : null;
  if (breaker) api.guardWith(breaker);
  const middleware = new BlockingDetector(sim, 'blocking-middleware', { measure: 'request' });
  api.detectSlowRequests(middleware);
  const asyncioDebug = new BlockingDetector(sim, 'asyncio-debug', { measure: 'callback' });
  api.detectSlowCallbacks(asyncioDebug);
  startPoissonArrivals(sim, sim.rng('clients/arrivals'), p.ratePerS, ms(p.durationMs), () => { api.arrive(FIRE_AND_FORGET); });
  return { api, breaker, middleware, asyncioDebug };
}
