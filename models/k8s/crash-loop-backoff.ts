import { sec, type Micros } from '../../src/kernel/time.js';

/**
 * The kubelet's restart delay after a container exits: 0 for the first
 * restart, then 10 s doubling to a 300 s cap; reset once a container has run
 * 10 minutes without trouble (Kubernetes pod lifecycle docs).
 */
export class CrashLoopBackOff {
  private restarts = 0;
  private lastStart: Micros = -Infinity;

  constructor(private readonly initial: Micros = sec(10), private readonly cap: Micros = sec(300), private readonly resetAfter: Micros = sec(600)) {}

  /** Delay before the next restart of a container that exited at `now`. */
  next(now: Micros): Micros {
    if (now - this.lastStart >= this.resetAfter) this.restarts = 0;
    const delay = this.restarts === 0 ? 0 : Math.min(this.cap, this.initial * 2 ** (this.restarts - 1));
    this.restarts++;
    return delay;
  }

  started(now: Micros): void {
    this.lastStart = now;
  }
}
