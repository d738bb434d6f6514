import { type Simulation, ms } from '../../../src/scenario/index.js';
import type { KafkaBroker } from '../../../models/kafka/broker.js';

/**
 * The workers' peak consumer lag, sampled every 500 ms. The samples are
 * events of the run (they count in `events`), so the first one is scheduled
 * where the models' wiring ends, as it always was.
 */
export class PeakLag {
  peak = 0;

  constructor(sim: Simulation, broker: KafkaBroker) {
    const sample = () => {
      this.peak = Math.max(this.peak, broker.lag('workers', 'orders'));
      sim.schedule(ms(500), sample);
    };
    sim.schedule(ms(500), sample);
  }
}
