import type { Micros } from '../time.js';

/**
 * A level that changes over virtual time (replicas, lag, queue depth). Keeps
 * min, max and the time-weighted mean, and optionally every change so charts
 * can be drawn later.
 */
export class Gauge {
  value: number;
  min: number;
  max: number;
  readonly samples: { t: Micros; v: number }[] | null;
  private area = 0;
  private since: Micros;
  private readonly start: Micros;

  constructor(readonly name: string, initial: number, now: Micros, keepSamples = false) {
    this.value = this.min = this.max = initial;
    this.since = this.start = now;
    this.samples = keepSamples ? [{ t: now, v: initial }] : null;
  }

  set(v: number, now: Micros): void {
    this.area += this.value * (now - this.since);
    this.since = now;
    this.value = v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.samples?.push({ t: now, v });
  }

  /** Time-weighted mean from creation until `now`. */
  mean(now: Micros): number {
    const span = now - this.start;
    if (span <= 0) return this.value;
    return (this.area + this.value * (now - this.since)) / span;
  }
}
