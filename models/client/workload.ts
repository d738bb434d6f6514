import type { ProcessGenerator } from '../../src/kernel/process.js';
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
  const meanGap = sec(1 / ratePerS);
  sim.process((function* (): ProcessGenerator<void> {
    for (let i = 0; ; i++) {
      yield sim.sleep(rng.exponential(meanGap));
      if (sim.now > until) return;
      onArrival(i);
    }
  })(), 'arrivals');
}
