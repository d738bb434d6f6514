import { defineSystem, recordLine, ms, toMs, type FaultSpace } from '../../src/scenario/index.js';
import { eventLoopParams, type EventLoopParams } from './params.js';
import { EVENT_LOOP_METRIC_INFO, eventLoopMetrics, type EventLoopView } from './metrics.js';
import { EventLoopObserved } from './observers.js';
import { buildEventLoop } from './world.js';
import type { Invariant } from '../../src/scenario/invariant.js';

/** Once the load is over the loop drains: nothing is left waiting for it. */
const loopDrains: Invariant<EventLoopParams, EventLoopView> = {
  name: 'the loop drains after the load',
  kind: 'eventually',
  source: 'seed 000, Scenario C: a blocked loop recovers once the load stops',
  withinMs: () => 30_000,
  settleFromMs: (p) => p.durationMs,
  watch({ world }) {
    return { verdict: () => (world.api.loopBacklog === 0 ? { pass: true, detail: 'nothing waits for the loop' } : { pass: false, detail: `${world.api.loopBacklog} requests still wait for the loop` }) };
  },
};

const faultSpace: FaultSpace<EventLoopParams> = {
  window: (p) => ({ fromMs: 1_000, toMs: Math.max(1_000, p.durationMs - 10_000) }),
  maxFaults: 2,
  kinds: () => [
    { name: 'api hang', targets: ['api'], severities: [0], expand: (t, _s, at) => [{ at, target: t, kind: 'hang' }, { at: at + 5_000, target: t, kind: 'restart' }] },
    { name: 'api crash', targets: ['api'], severities: [1_000, 5_000], expand: (t, restartAfterMs, at) => [{ at, target: t, kind: 'crash', params: { restartAfterMs } }] },
  ],
};

/** Seed 000's Scenario C: one asyncio loop serving the inference API, with the seed's breaker and blocking middleware. */
export const eventLoopApi = defineSystem({
  id: 'event-loop-api',
  source: 'seeds/000_3b6c436277faf2d9.txt',
  params: eventLoopParams,
  durationMs: (p) => p.durationMs + 40_000,
  build: buildEventLoop,
  observe: (world, sim, p) => new EventLoopObserved(world, sim, ms(p.durationMs)),
  metrics: eventLoopMetrics,
  metricInfo: EVENT_LOOP_METRIC_INFO,
  timeline: recordLine,
  invariants: [loopDrains],
  faultSpace,
  panes: ({ world: w, observed: o }) => [{
    title: `event loop (${w.api.options.offload === 'off' ? 'inference on the loop' : 'inference offloaded'})`,
    rows: [
      ['waiting for the loop / coroutines in flight', `${w.api.loopBacklog} / ${w.api.appInFlight}`],
      ['peak loop lag', `${toMs(o.peakLoopLagUs).toFixed(0)} ms`],
      ['breaker', w.breaker ? `${w.breaker.trips} trips` : 'off'],
      ['served / dropped', `${w.api.served} / ${w.api.dropped}`],
    ],
  }],
});
