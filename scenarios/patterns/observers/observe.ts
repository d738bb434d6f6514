import { Histogram, type Simulation } from '../../../src/scenario/index.js';
import type { PatternsParams } from '../params.js';
import type { PatternsWorld } from '../world.js';
import { BreakerLog } from './breaker-log.js';
import { CallOutcomes } from './call-outcomes.js';
import { CallRate } from './call-rate.js';
import { DeliveryLedger } from '../../../models/outbox/index.js';
import { MemoryWatch } from './memory-watch.js';
import { RetryDelays } from './retry-delays.js';

/** What the patterns system's observers measured: outcomes per dependency, attempts sent, the breakers' walk. */
export interface PatternsObserved {
  readonly outcomes: ReadonlyMap<string, CallOutcomes>;
  /** Every call's latency, whichever dependency it went to. */
  readonly latencies: Histogram;
  readonly rate: CallRate;
  readonly breakers: BreakerLog;
  readonly delays: RetryDelays;
  /** The (first) dependency's memory against its limit; null without a limit. */
  readonly memory: MemoryWatch | null;
  /** topology=pool: when the utilisation alert first fired and the first checkout timed out. */
  readonly poolEvents: { firstAlertAt: number | null; firstTimeoutAt: number | null };
  /** topology=outbox: every event from commit to application. */
  readonly ledger: DeliveryLedger | null;
  /** Calls that ended while their breaker was open, and how many of them still got an answer (a fallback). */
  readonly whileOpen: { calls: number; answered: number };
}

export function observePatterns(world: PatternsWorld, sim: Simulation, p: PatternsParams): PatternsObserved {
  const outcomes = new Map<string, CallOutcomes>();
  const latencies = new Histogram('call latency, all dependencies');
  const rate = new CallRate();
  const breakers = new BreakerLog();
  const whileOpen = { calls: 0, answered: 0 };
  const delays = new RetryDelays(p.retryBaseMs, p.retryCapMs);
  sim.trace.addSink(breakers);
  for (const d of world.dependencies) {
    const o = new CallOutcomes(latencies);
    outcomes.set(d.name, o);
    d.caller.completed.add(o.record);
    d.caller.sent.add(rate.record);
    d.caller.retried.add(delays.record);
    if (d.breaker) {
      const source = `breaker/${d.name}`;
      d.caller.completed.add((r) => {
        if (!breakers.isOpen(source)) return;
        whileOpen.calls++;
        if (r.ok) whileOpen.answered++;
      });
    }
  }
    const first = world.dependencies[0]?.service ?? world.pool?.database;
  const memory = p.memoryLimitBytes > 0 && first ? new MemoryWatch(sim, first, p.memoryLimitBytes, p.scrapeIntervalMs) : null;
  const poolEvents = { firstAlertAt: null as number | null, firstTimeoutAt: null as number | null };
  if (world.deploy) {
    const o = new CallOutcomes(latencies);
    outcomes.set('app', o);
    world.deploy.client.completed.add(o.record);
    world.deploy.client.sent.add(rate.record);
  }
  if (world.pool) {
    const o = new CallOutcomes(latencies);
    outcomes.set('database', o);
    world.pool.completed.add(o.record);
    world.pool.completed.add((r) => { if (r.error === 'pool-timeout') poolEvents.firstTimeoutAt ??= r.endedAt; });
    sim.trace.addSink({ record: (rec) => { if (rec.source === 'pool' && rec.kind === 'utilisation-high') poolEvents.firstAlertAt ??= rec.t; } });
  }
  const ob = world.outbox;
  const ledger = ob ? new DeliveryLedger(sim, ob.db, ob.broker, ob.consumer) : null;
  return { outcomes, latencies, rate, breakers, delays, memory, poolEvents, ledger, whileOpen };
}
