import { sec, type Micros } from '../../src/kernel/time.js';

/**
 * The kubelet's restart delay after a container exits: 0 for the first
 * restart, then 10 s doubling to a 300 s cap (Kubernetes pod lifecycle
 * docs). The kubelet keeps it in a flowcontrol.Backoff [K8S-BACKOFF]
 * (client-go util/flowcontrol/backoff.go; kuberuntime doBackOff): each
 * restart calls Next, which stamps the entry's lastUpdate with that instant,
 * and an exit (its FinishedAt) more than twice the cap after the last
 * restart, 600 s, finds the entry expired and starts over at 0
 * (`hasExpired`: strictly more). Jitter is 0 for the kubelet's back-off.
 */
export class CrashLoopBackOff {
  private restarts = 0;
  /** When the kubelet last (re)started the container: the Backoff entry's lastUpdate. */
  private lastRestart: Micros = -Infinity;

  constructor(private readonly initial: Micros = sec(10), private readonly cap: Micros = sec(300), private readonly resetAfter: Micros = sec(600)) {}

  /** Delay before the next restart of a container that exited at `now`. */
  next(now: Micros): Micros {
    if (now - this.lastRestart > this.resetAfter) this.restarts = 0;
    const delay = this.restarts === 0 ? 0 : Math.min(this.cap, this.initial * 2 ** (this.restarts - 1));
    this.restarts++;
    return delay;
  }

  /** The kubelet started the container at `now` (a restart after its back-off, or the first start). */
  started(now: Micros): void {
    this.lastRestart = now;
  }
}
