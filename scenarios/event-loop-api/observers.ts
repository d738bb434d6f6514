import { percentile, type Micros, type Simulation } from '../../src/scenario/index.js';
import type { ServiceReply } from '../../models/service/service.js';
import type { EventLoopWorld } from './world.js';

/** Latency of every request answered 200, and the loop's lag at its worst. */
export class EventLoopObserved {
  readonly latencies: number[] = [];
  /** Requests answered 200 while the load lasted (throughput is these per second of load). */
  okDuringLoad = 0;
  peakLoopLagUs: Micros = 0;
  private sorted: number[] | null = null;

  constructor(world: EventLoopWorld, sim: Simulation, loadEndsAt: Micros) {
    world.api.requestDone.add((us: Micros, reply: ServiceReply) => {
      if (reply !== 'ok') return;
      if (sim.now <= loadEndsAt) this.okDuringLoad++;
      this.latencies.push(us);
      this.sorted = null;
    });
    world.api.loopLag.add((us: Micros) => { if (us > this.peakLoopLagUs) this.peakLoopLagUs = us; });
  }

  latency(q: number): number {
    this.sorted ??= [...this.latencies].sort((a, b) => a - b);
    return percentile(this.sorted, q);
  }
}
