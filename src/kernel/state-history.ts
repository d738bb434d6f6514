import type { Micros } from './time.js';

/**
 * A value over virtual time, so a model can say what it was a moment ago.
 * Meant for state that changes rarely (a pod's phase, a server's role) and
 * is asked about for a recent instant: a lookup scans back from the newest
 * change, so it costs a comparison or two. A change at time t is in effect
 * at t.
 */
export class StateHistory<T> {
  private readonly times: Micros[] = [];
  private readonly values: T[] = [];

  constructor(private readonly initial: T) {}

  /** The value becomes `value` at `t` (not earlier than the last change). */
  set(t: Micros, value: T): void {
    const n = this.times.length;
    if (n > 0 && t < this.times[n - 1]!) throw new Error(`StateHistory: change at ${t} µs before the last one at ${this.times[n - 1]} µs`);
    this.times.push(t);
    this.values.push(value);
  }

  /** The value in effect at `t`. */
  at(t: Micros): T {
    for (let i = this.times.length - 1; i >= 0; i--) if (this.times[i]! <= t) return this.values[i]!;
    return this.initial;
  }

  /** When the value last changed (-Infinity if never). */
  get changedAt(): Micros {
    return this.times.length === 0 ? -Infinity : this.times[this.times.length - 1]!;
  }
}
