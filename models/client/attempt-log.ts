import type { Micros } from '../../src/kernel/time.js';
import type { Window } from '../../src/kernel/metrics/downtime.js';
import { percentile } from '../../src/kernel/metrics/percentile.js';

/**
 * Every request attempt with its start, end and success, from which
 * unavailability windows are read after the run: a window opens when an
 * attempt that started after the last success fails, and closes when a later
 * attempt succeeds. Attempts are recorded when they end, so windows are
 * worked out once the run is over rather than while attempts overlap.
 */
export class AttemptLog {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly oks: boolean[] = [];
  /** Attempts that failed so far. */
  failed = 0;

  record(start: Micros, end: Micros, ok: boolean): void {
    this.starts.push(start);
    this.ends.push(end);
    this.oks.push(ok);
    if (!ok) this.failed++;
  }

  get size(): number {
    return this.starts.length;
  }

  /**
   * Nearest-rank percentile `q` of the durations (µs) of attempts that ended
   * after `since`; NaN if none did. Attempts are recorded as they end, so
   * they are in order of their end and the scan stops at the first older one.
   */
  durationPercentileSince(since: Micros, q: number): number {
    const d: number[] = [];
    for (let i = this.ends.length - 1; i >= 0 && this.ends[i]! > since; i--) d.push(this.ends[i]! - this.starts[i]!);
    return percentile(d.sort((a, b) => a - b), q);
  }

  windows(until: Micros): Window[] {
    const order = this.starts.map((_, i) => i).sort((a, b) => this.starts[a]! - this.starts[b]! || a - b);
    const out: Window[] = [];
    let open: Micros | null = null;
    for (const i of order) {
      if (!this.oks[i] && open === null) open = this.starts[i]!;
      else if (this.oks[i] && open !== null) {
        out.push({ start: open, end: Math.max(open, this.ends[i]!) });
        open = null;
      }
    }
    if (open !== null) out.push({ start: open, end: until });
    return out;
  }
}
