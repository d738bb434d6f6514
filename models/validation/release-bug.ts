import { z } from 'zod';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { NO_PARAMS, delayMs } from '../lifecycle/fault-params.js';
import type { ValidationEvents } from './validation-events.js';

/** A buggy release writing plausible but wrong values (seed 001: "The data will be corrupted"). */
export const BUG_PARAMS = z.strictObject({
  rate: z.number().min(0).max(1).describe('fraction of writes the bug corrupts').default(0.05),
  healAfterMs: delayMs('ms until the fix is deployed (default: until a fix fault)').optional(),
});

/**
 * The `bug` fault on a store: while it lasts, each write is silently
 * corrupted with probability `rate` (a valid-looking wrong value no
 * per-request check can see, `silent-corruption`), drawn from a stream of
 * its own so the workload's draws stay as they were. `fix` ends it.
 */
export class ReleaseBug {
  private rate = 0;
  private timer = -1;
  private readonly rng: RandomStream;

  constructor(private readonly sim: Simulation, private readonly name: string) {
    this.rng = sim.rng(`validation/${name}/bug`);
    sim.faults.on(name, 'bug', (f) => this.start(f.params as z.output<typeof BUG_PARAMS>), BUG_PARAMS);
    sim.faults.on(name, 'fix', () => this.end(), NO_PARAMS);
  }

  /** Whether this write is one the bug corrupts (one draw per write while the bug is live). */
  strikes(): boolean {
    return this.rate > 0 && this.rng.next() < this.rate;
  }

  private start(p: z.output<typeof BUG_PARAMS>): void {
    this.sim.cancel(this.timer);
    this.rate = p.rate;
    this.timer = p.healAfterMs === undefined ? -1 : this.sim.schedule(ms(p.healAfterMs), () => this.end());
    this.sim.trace.typed<ValidationEvents>().emit(this.name, 'bug', { rate: p.rate });
  }

  private end(): void {
    if (this.rate === 0) return;
    this.sim.cancel(this.timer);
    this.rate = 0;
    this.sim.trace.typed<ValidationEvents>().emit(this.name, 'fixed');
  }
}
