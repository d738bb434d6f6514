import type { Micros, Simulation } from '../../../src/scenario/index.js';
import type { GenericService } from '../../../models/service/service.js';

/** Seed 001, Memory Exhaustion: "Add memory alerts at 70%, 85%, 95%". */
export const ALERT_PERCENTS = [70, 85, 95] as const;

/**
 * One service's memory against its limit: the exact time spent above each
 * alert level (from every change), and the alerts as a monitoring system
 * raises them: only when a scrape, every `scrapeIntervalMs`, sees the memory
 * above the level. A spike between two scrapes raises nothing. Records the
 * first alert and the first OOM kill, to say whether warning came first.
 */
export class MemoryWatch {
  peakBytes = 0;
  /** Per alert level: µs spent above it, and when a scrape first saw it (null: never). */
  readonly aboveUs = ALERT_PERCENTS.map(() => 0);
  readonly firstAlertAt: (Micros | null)[] = ALERT_PERCENTS.map(() => null);
  firstOomAt: Micros | null = null;
  private current = 0;
  private since: Micros = 0;

  constructor(private readonly sim: Simulation, private readonly service: GenericService, private readonly limitBytes: number, scrapeIntervalMs: number) {
    service.memoryChanged.add((bytes) => this.changed(bytes));
    const period = Math.round(scrapeIntervalMs * 1000);
    const scrape = () => {
      this.sim.schedule(period, scrape);
      const pct = (100 * this.service.memoryBytes) / this.limitBytes;
      ALERT_PERCENTS.forEach((level, i) => { if (pct >= level && this.firstAlertAt[i] === null) this.firstAlertAt[i] = this.sim.now; });
    };
    if (limitBytes > 0) this.sim.schedule(period, scrape);
  }

  /** Alerts (of the three) a scrape raised before the first OOM kill, or at all when there was none. */
  alertsBeforeOom(): number {
    return this.firstAlertAt.filter((t) => t !== null && (this.firstOomAt === null || t < this.firstOomAt)).length;
  }

  /** µs above `level`% up to now. */
  timeAbove(i: number): Micros {
    const open = this.pctOf(this.current) >= ALERT_PERCENTS[i]! ? this.sim.now - this.since : 0;
    return this.aboveUs[i]! + open;
  }

  private changed(bytes: number): void {
    const now = this.sim.now;
    ALERT_PERCENTS.forEach((level, i) => { if (this.pctOf(this.current) >= level) this.aboveUs[i]! += now - this.since; });
    if (bytes === 0 && this.current > 0 && this.service.oomKills > 0 && this.firstOomAt === null) this.firstOomAt = now;
    this.current = bytes;
    this.since = now;
    if (bytes > this.peakBytes) this.peakBytes = bytes;
  }

  private pctOf(bytes: number): number {
    return this.limitBytes > 0 ? (100 * bytes) / this.limitBytes : 0;
  }
}
