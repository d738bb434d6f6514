import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { BreakerState, BreakerTransition, ObservableBreaker } from './breaker.js';
import type { BreakerEvents } from './breaker-events.js';

/**
 * Puts a pure breaker on a simulation's trace (`BreakerEvents`, source =
 * its name) and keeps one wake-up scheduled at `nextTimedTransitionAt()`,
 * so a time-driven transition (opossum's reset time-out, resilience4j's
 * automatic transition) is traced at its instant even when no call comes
 * then. The breaker is wired in place and returned: callers keep using it.
 *
 * A breaker's due time changes when its state does, so the wake-up is
 * rescheduled on every transition and after every wake-up. The one due
 * time that moves without a transition (resilience4j's
 * `transitionToOpenState` while already open restarts the wait) only moves
 * later: the old wake-up finds nothing due and schedules the new one.
 */
export function traceBreaker<B extends ObservableBreaker>(sim: Simulation, source: string, breaker: B): B {
  const tracer = new BreakerTracer(sim, source, breaker);
  breaker.addListener(tracer);
  tracer.reschedule();
  return breaker;
}

class BreakerTracer {
  private wakeToken: number | null = null;
  private wakeAt: Micros | null = null;
  private rejections = 0;
  private nextMark = 1;
  private readonly wake = (): void => {
    this.wakeToken = null;
    this.wakeAt = null;
    this.breaker.state(this.sim.now); // applies the due transition, whose listener reschedules
    this.reschedule();
  };

  constructor(private readonly sim: Simulation, private readonly source: string, private readonly breaker: ObservableBreaker) {}

  transition(t: BreakerTransition): void {
    this.sim.trace.typed<BreakerEvents>().emit(this.source, 'transition', { from: t.from, to: t.to, reason: t.reason });
    this.rejections = 0;
    this.nextMark = 1;
    this.reschedule();
  }

  /** The 1st, 10th, 100th... rejection since the last transition. */
  rejected(state: BreakerState): void {
    if (++this.rejections !== this.nextMark) return;
    this.sim.trace.typed<BreakerEvents>().emit(this.source, 'rejected', { state, count: this.rejections });
    this.nextMark *= 10;
  }

  /** Keeps exactly one wake-up, at the pending timed transition. */
  reschedule(): void {
    const due = this.breaker.nextTimedTransitionAt();
    if (due === this.wakeAt) return;
    if (this.wakeToken !== null) this.sim.cancel(this.wakeToken);
    this.wakeToken = null;
    this.wakeAt = due;
    if (due !== null) this.wakeToken = this.sim.at(Math.max(due, this.sim.now), this.wake);
  }
}
