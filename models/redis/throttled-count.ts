import type { Simulation } from '../../src/kernel/simulation.js';
import type { TraceData } from '../../src/kernel/trace.js';
import { type Micros } from '../../src/kernel/time.js';

/**
 * Counts occurrences of something frequent (evictions, OOM rejections) and
 * traces them without a record per occurrence: the first one at once, then
 * at most one record per interval carrying the count since the last record.
 * The trace stays small under load and still shows when it started and how
 * much happened.
 */
export class ThrottledCount {
  /** Occurrences over the whole run. */
  total = 0;
  private pending = 0;
  private lastEmit = -Infinity;
  private timer = -1;

  constructor(
    private readonly sim: Simulation,
    private readonly source: string,
    private readonly kind: string,
    private readonly interval: Micros,
    private readonly details: () => TraceData,
  ) {}

  add(n = 1): void {
    if (n <= 0) return;
    this.total += n;
    this.pending += n;
    if (this.sim.now - this.lastEmit >= this.interval) this.flush();
    else if (this.timer < 0) this.timer = this.sim.at(this.lastEmit + this.interval, () => { this.timer = -1; this.flush(); });
  }

  private flush(): void {
    if (this.pending === 0) return;
    this.sim.trace.typed<Record<string, TraceData>>().emit(this.source, this.kind, { count: this.pending, total: this.total, ...this.details() });
    this.pending = 0;
    this.lastEmit = this.sim.now;
  }
}
