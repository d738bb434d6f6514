import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import { DowntimeTracker } from '../../src/kernel/metrics/downtime.js';
import type { RecordOf } from '../../src/kernel/trace-events.js';

/** An outage log's records for requests named `W` (`writes-failing`, `writes-recovered`). */
export type OutageEvents<W extends string> =
  { [K in `${W}-failing`]: { error: string } } & { [K in `${W}-recovered`]: { afterMs: number } };
export type OutageRecord<W extends string> = RecordOf<OutageEvents<W>>;

/**
 * What an application logs about a kind of request (writes, say): "writes
 * failing" when they start to fail, "writes succeed again" when one
 * succeeds after that. An outage or a recovery that follows the last change
 * by less than `flapUs` is not announced, as a log deduplicates a flapping
 * alert. It is the application's log, so it is part of the trace.
 */
export class OutageLog<W extends string> {
  private readonly outage: DowntimeTracker;

  constructor(private readonly sim: Simulation, private readonly source: string, private readonly what: W, private readonly flapUs: Micros) {
    this.outage = new DowntimeTracker(what);
  }

  /** A request succeeded. */
  ok(): void {
    const now = this.sim.now;
    const last = this.outage.windows[this.outage.windows.length - 1];
    if (this.outage.isDown && now - last!.start >= this.flapUs) this.sim.trace.typed<OutageEvents<string>>().emit(this.source, `${this.what as string}-recovered` as const, { afterMs: (now - last!.start) / 1000 });
    this.outage.up(now);
  }

  /** A request failed (after its retries) with `error`. */
  failed(error: string): void {
    const now = this.sim.now;
    const last = this.outage.windows[this.outage.windows.length - 1];
    if (!this.outage.isDown && (last === undefined || now - last.end! >= this.flapUs)) this.sim.trace.typed<OutageEvents<string>>().emit(this.source, `${this.what as string}-failing` as const, { error });
    this.outage.down(now);
  }
}
