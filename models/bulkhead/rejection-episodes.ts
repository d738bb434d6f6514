import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs, type Micros } from '../../src/kernel/time.js';
import type { BulkheadEvents } from './bulkhead-events.js';

/** How long without a rejection closes an episode, unless the bulkhead says otherwise. */
export const DEFAULT_EPISODE_QUIET_MS = 1000;

/**
 * Trace records for one bulkhead's rejection episodes, in the style of
 * models/pool/exhaustion-trace.ts: a bulkhead under sustained overload
 * rejects thousands of calls, and one record each would drown the timeline
 * without saying more than a count does.
 *
 * Unlike a pool's episode, this one cannot close when a permit frees up:
 * with `maxWaitDuration` 0 (resilience4j's default) nobody queues, so under
 * overload every completion frees a permit that the next call takes and the
 * call after it is rejected again; closing on each free permit would emit a
 * full/recovered pair per call. It closes instead after `quietMs` without a
 * rejection (one timer, re-armed at most once per quiet period).
 */
export class RejectionEpisodes {
  private since: Micros = -1;
  private last: Micros = -1;
  private count = 0;
  private nextMark = 10;
  private armed = false;
  private readonly quiet: Micros;
  private readonly check = () => this.checkQuiet();

  constructor(private readonly sim: Simulation, private readonly source: string, quietMs = DEFAULT_EPISODE_QUIET_MS) {
    if (!(quietMs > 0 && quietMs < Infinity)) throw new Error(`bulkhead ${source}: episode quiet period must be > 0 ms, got ${quietMs}`);
    this.quiet = ms(quietMs);
  }

  get inEpisode(): boolean {
    return this.since >= 0;
  }

  rejected(max: number, inUse: number, waiting: number): void {
    const now = this.sim.now;
    if (this.since < 0) {
      this.since = now;
      this.count = 0;
      this.nextMark = 10;
      this.sim.trace.typed<BulkheadEvents>().emit(this.source, 'full', { max, inUse, waiting });
    }
    if (++this.count === this.nextMark) {
      this.sim.trace.typed<BulkheadEvents>().emit(this.source, 'rejected', { count: this.count });
      this.nextMark *= 10;
    }
    this.last = now;
    if (!this.armed) this.arm(now + this.quiet);
  }

  private arm(time: Micros): void {
    this.armed = true;
    this.sim.at(time, this.check);
  }

  private checkQuiet(): void {
    this.armed = false;
    if (this.since < 0) return;
    const due = this.last + this.quiet;
    if (this.sim.now < due) { this.arm(due); return; }
    this.sim.trace.typed<BulkheadEvents>().emit(this.source, 'recovered', { rejected: this.count, lastedMs: toMs(this.last - this.since) });
    this.since = -1;
  }
}
