import type { Micros } from '../../src/kernel/time.js';
import type { Window } from '../../src/kernel/metrics/downtime.js';

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

  record(start: Micros, end: Micros, ok: boolean): void {
    this.starts.push(start);
    this.ends.push(end);
    this.oks.push(ok);
  }

  get size(): number {
    return this.starts.length;
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
