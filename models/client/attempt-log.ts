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
  private starts = new Float64Array(8192);
  private ends = new Float64Array(8192);
  private oks = new Uint8Array(8192);
  private count = 0;
  /** Attempts that failed so far. */
  failed = 0;

  record(start: Micros, end: Micros, ok: boolean): void {
    if (this.count === this.starts.length) this.grow();
    const i = this.count++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.oks[i] = ok ? 1 : 0;
    if (!ok) this.failed++;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Nearest-rank percentile `q` of the durations (µs) of attempts that ended
   * after `since`; NaN if none did. Attempts are recorded as they end, so
   * they are in order of their end and the scan stops at the first older one.
   */
  durationPercentileSince(since: Micros, q: number): number {
    const d: number[] = [];
    for (let i = this.count - 1; i >= 0 && this.ends[i]! > since; i--) d.push(this.ends[i]! - this.starts[i]!);
    return percentile(d.sort((a, b) => a - b), q);
  }

  windows(until: Micros): Window[] {
    const out: Window[] = [];
    let open: Micros | null = null;
    for (const i of this.byStart()) {
      if (this.oks[i] === 0 && open === null) open = this.starts[i]!;
      else if (this.oks[i] === 1 && open !== null) {
        out.push({ start: open, end: Math.max(open, this.ends[i]!) });
        open = null;
      }
    }
    if (open !== null) out.push({ start: open, end: until });
    return out;
  }

  /**
   * Attempt indexes by start time, ties in recording order. Sorted as one
   * number each, start * 2^21 + index, in a typed array: exact while starts
   * stay below 2^32 µs (71 minutes; longer runs sort with a comparator).
   */
  private byStart(): readonly number[] | Uint32Array {
    const n = this.count;
    let latest = 0;
    for (let i = 0; i < n; i++) if (this.starts[i]! > latest) latest = this.starts[i]!;
    if (n >= INDEX_SPACE || latest >= 2 ** 32 || !this.wholeStarts()) {
      return Array.from({ length: n }, (_, i) => i).sort((a, b) => this.starts[a]! - this.starts[b]! || a - b);
    }
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = this.starts[i]! * INDEX_SPACE + i;
    keys.sort();
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = keys[i]! % INDEX_SPACE;
    return order;
  }

  private wholeStarts(): boolean {
    for (let i = 0; i < this.count; i++) if (!Number.isInteger(this.starts[i]!)) return false;
    return true;
  }

  private grow(): void {
    const cap = this.starts.length * 2;
    const starts = new Float64Array(cap), ends = new Float64Array(cap), oks = new Uint8Array(cap);
    starts.set(this.starts);
    ends.set(this.ends);
    oks.set(this.oks);
    this.starts = starts;
    this.ends = ends;
    this.oks = oks;
  }
}

const INDEX_SPACE = 2 ** 21;
