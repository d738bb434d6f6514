import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { sec, type Micros } from '../../src/kernel/time.js';

/**
 * Open-loop arrivals: requests come at a Poisson rate whatever the system
 * does, as users do, so an outage shows as failed requests rather than as a
 * politely slowed-down client.
 */
export function startPoissonArrivals(sim: Simulation, rng: RandomStream, ratePerS: number, until: Micros, onArrival: (index: number) => void): void {
  if (ratePerS <= 0) return;
  new PoissonArrivals(sim, rng, sec(1 / ratePerS), until, onArrival).next();
}

/** A chain of callbacks, one event per arrival (a process would add a start event and a generator). */
class PoissonArrivals {
  private index = 0;
  private readonly arrive = () => {
    if (this.sim.now > this.until) return;
    this.onArrival(this.index++);
    this.next();
  };

  constructor(private readonly sim: Simulation, private readonly rng: RandomStream, private readonly meanGap: Micros, private readonly until: Micros, private readonly onArrival: (index: number) => void) {}

  next(): void {
    this.sim.schedule(this.rng.exponential(this.meanGap), this.arrive);
  }
}
