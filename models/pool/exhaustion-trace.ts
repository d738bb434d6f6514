import type { Simulation } from '../../src/kernel/simulation.js';
import { toMs, type Micros } from '../../src/kernel/time.js';
import type { PoolEvents } from './pool-events.js';

/**
 * Trace records for one pool's exhaustion episodes, kept few on purpose: a
 * pool under sustained overload times out thousands of requests, and one
 * record each would drown the timeline (and cost digest time) without
 * saying more than a count does.
 *
 * An episode opens at the first acquire timeout ("exhausted"), reports its
 * running count at 10, 100, 1000... timeouts ("timeouts", so an episode that
 * lasts to the end of the run still shows its size) and closes when a
 * connection is idle again ("recovered", with the total and the duration).
 */
export class ExhaustionTrace {
  private since: Micros | null = null;
  private count = 0;
  private nextMark = 10;

  constructor(private readonly sim: Simulation, private readonly source: string) {}

  get inEpisode(): boolean {
    return this.since !== null;
  }

  timedOut(max: number, waiting: number): void {
    if (this.since === null) {
      this.since = this.sim.now;
      this.count = 0;
      this.nextMark = 10;
      this.sim.trace.typed<PoolEvents>().emit(this.source, 'exhausted', { max, waiting });
    }
    if (++this.count === this.nextMark) {
      this.sim.trace.typed<PoolEvents>().emit(this.source, 'timeouts', { count: this.count });
      this.nextMark *= 10;
    }
  }

  /** A connection went back to idle with nobody waiting: the pool has spare capacity again. */
  slotIdle(): void {
    if (this.since === null) return;
    this.sim.trace.typed<PoolEvents>().emit(this.source, 'recovered', { timeouts: this.count, afterMs: toMs(this.sim.now - this.since) });
    this.since = null;
  }
}
