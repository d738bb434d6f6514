import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs, type Micros } from '../../src/kernel/time.js';
import type { RecordOf } from '../../src/kernel/trace-events.js';

/**
 * A QueuePool's own trace records (source: the pool's name), besides the
 * exhaustion episodes it shares with ConnectionPool (pool-events.ts):
 * - the seed's alert, "Alert when pool utilization > 80%", as episodes;
 * - a server restart as the pool saw it (one record per restart).
 */
export type QueuePoolEvents = {
  /** Checked-out connections crossed above the alert share of the pool's cap. */
  'utilisation-high': { inUse: number; max: number; percent: number };
  /** Back at or below the share for the whole clear period: the episode's peak and span. */
  'utilisation-normal': { peakInUse: number; lastedMs: number };
  /** The database restarted: every connection open then is dead server-side. */
  'connections-lost': { open: number; idle: number };
};
export type QueuePoolRecord = RecordOf<QueuePoolEvents>;

/**
 * The "> 80% utilised" alert as trace episodes. It opens when checked-out
 * connections exceed `percent` of the cap (strictly, as the seed's ">"),
 * and closes only after utilisation has stayed at or below it for
 * `clearMs`: a pool hovering at the threshold crosses it on every checkout
 * and checkin, and a record per crossing would be a record per call (an
 * alerting rule's `for:` duration plays the same part).
 */
export class UtilisationAlert {
  private since: Micros = -1;
  private belowSince: Micros = -1;
  private peak = 0;
  private armed = false;
  private readonly clear: Micros;
  private readonly check = () => this.checkClear();

  constructor(
    private readonly sim: Simulation,
    private readonly source: string,
    private readonly max: number,
    private readonly percent: number,
    clearMs: number,
  ) {
    if (!(percent > 0 && percent <= 100)) throw new Error(`pool ${source}: alert percent must be in (0, 100], got ${percent}`);
    if (!(clearMs > 0 && clearMs < Infinity)) throw new Error(`pool ${source}: alert clear period must be > 0 ms, got ${clearMs}`);
    this.clear = ms(clearMs);
  }

  get open(): boolean {
    return this.since >= 0;
  }

  /** Checked-out connections changed to `inUse`. Integer arithmetic: 12 of 15 is exactly 80 %, not above it. */
  update(inUse: number): void {
    const high = inUse * 100 > this.percent * this.max;
    if (high) {
      this.belowSince = -1;
      if (this.since < 0) {
        this.since = this.sim.now;
        this.peak = inUse;
        this.sim.trace.typed<QueuePoolEvents>().emit(this.source, 'utilisation-high', { inUse, max: this.max, percent: this.percent });
      } else if (inUse > this.peak) {
        this.peak = inUse;
      }
      return;
    }
    if (this.since < 0 || this.belowSince >= 0) return;
    this.belowSince = this.sim.now;
    if (!this.armed) this.arm(this.belowSince + this.clear);
  }

  private arm(time: Micros): void {
    this.armed = true;
    this.sim.at(time, this.check);
  }

  private checkClear(): void {
    this.armed = false;
    if (this.since < 0 || this.belowSince < 0) return;
    const due = this.belowSince + this.clear;
    if (this.sim.now < due) { this.arm(due); return; }
    this.sim.trace.typed<QueuePoolEvents>().emit(this.source, 'utilisation-normal', { peakInUse: this.peak, lastedMs: toMs(this.belowSince - this.since) });
    this.since = -1;
    this.belowSince = -1;
  }
}
