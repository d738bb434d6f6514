import type { Micros } from '../../src/kernel/time.js';

/** Requests answered in a window and how many of them failed. */
export interface WindowCounts {
  readonly requests: number;
  readonly errors: number;
}

/**
 * The answers of the last `windowUs`, exactly: what a Prometheus range query
 * such as `sum(rate(http_requests_total{code=~"5.."}[30s])) / sum(rate(...[30s]))`
 * sees, the query an Argo Rollouts analysis runs [ARGO-ANALYSIS]. Kept as
 * one entry per answer (in time order, as the simulation adds them) so a
 * hand-worked timeline can count the window's requests one by one.
 */
export class OutcomeWindow {
  private times: Micros[] = [];
  private failed: boolean[] = [];
  private head = 0;
  private errors = 0;

  constructor(readonly windowUs: Micros) {
    if (!(windowUs > 0 && Number.isFinite(windowUs))) throw new Error(`outcome window: length must be finite and > 0, got ${windowUs}`);
  }

  /** An answer at `t` (not before the last one added). */
  add(t: Micros, failed: boolean): void {
    this.times.push(t);
    this.failed.push(failed);
    if (failed) this.errors++;
  }

  /** The answers in (now - windowUs, now]. */
  counts(now: Micros): WindowCounts {
    const from = now - this.windowUs;
    while (this.head < this.times.length && this.times[this.head]! <= from) {
      if (this.failed[this.head]) this.errors--;
      this.head++;
    }
    // Drop the expired prefix now and then, so a long run keeps only about one window.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.failed = this.failed.slice(this.head);
      this.head = 0;
    }
    return { requests: this.times.length - this.head, errors: this.errors };
  }
}
