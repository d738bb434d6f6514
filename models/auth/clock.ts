import { z } from 'zod';
import type { Simulation } from '../../src/kernel/simulation.js';
import { US_PER_MS, US_PER_S } from '../../src/kernel/time.js';
import type { AuthEvents } from './auth-events.js';

/**
 * The `clock-skew` fault: this party's wall clock is `offsetMs` ahead of true
 * (simulated) time, negative behind, as an unsynchronised host's is when NTP
 * stops (seed 004: "Verify system clocks in sync (NTP)"). 0 heals it.
 */
export const CLOCK_SKEW_PARAMS = z.strictObject({
  offsetMs: z.number().finite().describe('ms this clock is ahead of true time (negative: behind)').default(0),
});

/** One host's wall clock: true simulated time plus an offset a fault can change. */
export class SkewedClock {
  private offsetUs: number;

  constructor(private readonly sim: Simulation, readonly owner: string, offsetMs = 0) {
    this.offsetUs = offsetMs * US_PER_MS;
    sim.faults.on(owner, 'clock-skew', (f) => this.skew(f.params?.['offsetMs'] as number), CLOCK_SKEW_PARAMS);
  }

  get offsetMs(): number { return this.offsetUs / US_PER_MS; }

  /** This host's Unix time in seconds (the simulation starts at the epoch). */
  nowS(): number { return (this.sim.now + this.offsetUs) / US_PER_S; }

  /** The true simulated instant (µs) at which this clock reads `s` seconds. */
  trueTimeOfS(s: number): number { return Math.round(s * US_PER_S - this.offsetUs); }

  skew(offsetMs: number): void {
    this.offsetUs = offsetMs * US_PER_MS;
    this.sim.trace.typed<AuthEvents>().emit(this.owner, 'clock-skewed', { offsetMs });
  }
}
