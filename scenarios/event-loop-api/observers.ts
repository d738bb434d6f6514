import { Histogram, type Micros, type Simulation } from '../../src/scenario/index.js';
import type { ServiceReply } from '../../models/service/service.js';
import type { EventLoopWorld } from './world.js';

/** Latency of every request answered 200, and the loop's lag at its worst. */
export class EventLoopObserved {
  readonly latencies = new Histogram('request latency');
  /** Requests answered 200 while the load lasted (throughput is these per second of load). */
  okDuringLoad = 0;
  peakLoopLagUs: Micros = 0;

  constructor(world: EventLoopWorld, sim: Simulation, loadEndsAt: Micros) {
    world.api.requestDone.add((us: Micros, reply: ServiceReply) => {
      if (reply !== 'ok') return;
      if (sim.now <= loadEndsAt) this.okDuringLoad++;
      this.latencies.add(us);
    });
    world.api.loopLag.add((us: Micros) => { if (us > this.peakLoopLagUs) this.peakLoopLagUs = us; });
  }

  latency(q: number): number {
    return this.latencies.percentile(q);
  }
}
